// baileys 7 may name a sender by a "lid" (…@lid, a privacy id) instead of the phone-number jid. When a
// message also carries the phone jid (remoteJidAlt / participantAlt) or baileys reports a mapping, we keep
// it, so a later message from the same lid without it still reaches the same person and case.

/** lid → phone-number jid pairs seen so far; the integrator may back it with the database. */
export interface LidMap {
  remember(lid: string, phoneJid: string): Promise<void>;
  phoneJidFor(lid: string): Promise<string | undefined>;
}

/** Lid mappings in memory, the most recently seen `capacity` kept. */
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
