// baileys 7 may name a sender by a "lid" (…@lid, a privacy id) instead of the phone-number jid. baileys itself keeps
// the lid ↔ phone pairs it learns (remoteJidAlt / participantAlt on a message, "lid-mapping.update", a usync answer)
// in the session's key store under "lid-mapping" (src/Signal/lid-mapping.ts, LIDMappingStore.storeLIDPNMappings;
// src/Socket/messages-recv.ts stores the pair before the message is emitted). The service asks it (socketLidMap), so a
// lid-only message after a restart still reaches the same person and case; a map of our own in memory would forget.
import type { WhatsAppSocket } from "./whatsappSocket.ts";

/** lid → phone-number jid pairs. */
export interface LidMap {
  remember(lid: string, phoneJid: string): Promise<void>;
  phoneJidFor(lid: string): Promise<string | undefined>;
}

/**
 * The library's mapping, read through the socket: nothing to remember on our side (baileys has stored the pair
 * before we see the message), and it lives in the saved session, so it survives a restart.
 */
export function socketLidMap(socket: Pick<WhatsAppSocket, "phoneJidForLid">): LidMap {
  return {
    async remember() {},
    phoneJidFor: (lid) => socket.phoneJidForLid(lid),
  };
}

/** Lid mappings in memory, the most recently seen `capacity` kept: for converter tests without a socket. */
export class InMemoryLidMap implements LidMap {
  private readonly map = new Map<string, string>();

  constructor(private readonly capacity = 100_000) {}

  async remember(lid: string, phoneJid: string): Promise<void> {
    this.map.delete(lid);
    this.map.set(lid, phoneJid);
    while (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value!);
  }

  async phoneJidFor(lid: string): Promise<string | undefined> {
    return this.map.get(lid);
  }
}
