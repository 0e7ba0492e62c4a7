// What the WhatsApp walks share: the service's WhatsApp pace turned off (the fake has no rate limits to respect),
// a baileys socket of the real adapter driven by the fake, and a clock that records the waits the adapter plans.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createBaileysSocket } from "../../src/channels/whatsapp/baileysSocket.ts";
import { systemClock, type Clock } from "../../src/channels/whatsapp/clock.ts";
import { createLogger } from "../../src/logger.ts";
import type { FakeWhatsApp } from "../fakes/whatsappSocket.ts";

/** WhatsApp settings that send at once: no spacing between messages, no typing pause. */
export const WHATSAPP_UNPACED_ENV = {
  WHATSAPP_PER_CHAT_INTERVAL_MS: "0",
  WHATSAPP_MIN_INTERVAL_MS: "0",
  WHATSAPP_MAX_PER_MINUTE: "100000",
  WHATSAPP_TYPING_MS: "0",
} as const;

/** The real baileys adapter over the fake's socket, with a throwaway auth folder. */
export function fakeBaileysSocket(wa: FakeWhatsApp, p: { clock?: Clock } = {}) {
  return createBaileysSocket({
    authDir: mkdtempSync(join(tmpdir(), "pintu-wa-")),
    logger: createLogger("silent"),
    makeSocket: wa.makeSocket,
    downloadMedia: wa.downloadMedia,
    ...(p.clock ? { clock: p.clock } : {}),
  });
}

/** The real clock, except that every wait the adapter plans before reconnecting (all it uses its clock for) is recorded. */
export function recordingClock(): { clock: Clock; waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    clock: {
      now: systemClock.now,
      sleep: (ms) => {
        waits.push(ms);
        return systemClock.sleep(ms);
      },
    },
  };
}
