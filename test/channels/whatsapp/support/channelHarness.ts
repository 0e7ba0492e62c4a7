// The WhatsApp channel running on the fake WhatsApp: our real baileys adapter (createBaileysSocket) with
// the fake in place of makeWASocket, a manual clock, in-memory stores and a captured logger.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { InboundMessage } from "../../../../src/channels/inboundMessage.ts";
import { createBaileysSocket, type BaileysSocketOptions } from "../../../../src/channels/whatsapp/baileysSocket.ts";
import { InMemoryMenuStore, type MenuStore } from "../../../../src/channels/whatsapp/choiceMenu.ts";
import { InMemoryLidMap, type LidMap } from "../../../../src/channels/whatsapp/lidMap.ts";
import { startWhatsAppChannel, type WhatsAppChannel } from "../../../../src/channels/whatsapp/whatsappChannel.ts";
import type { WhatsAppSenderLimits } from "../../../../src/channels/whatsapp/whatsappSender.ts";
import type { WhatsAppConnectionChange, WhatsAppSocket } from "../../../../src/channels/whatsapp/whatsappSocket.ts";
import { FakeWhatsApp } from "../../../fakes/whatsappSocket.ts";
import { capturedLogger } from "./capturedLogger.ts";
import { ManualClock } from "./manualClock.ts";
import { MemoryFileStore } from "./memoryFileStore.ts";

export const CLIENT = "6281200000001@s.whatsapp.net";
export const CLIENT_2 = "6281200000002@s.whatsapp.net";
export const STAFF = "6281300000009@s.whatsapp.net";
export const LID = "123456789012345@lid";

/** A connected socket on the fake (no channel), for adapter-level tests. */
export async function connectFakeSocket(options: Partial<BaileysSocketOptions> = {}) {
  const clock = new ManualClock();
  const fake = new FakeWhatsApp({ now: clock.now });
  const { logger, output } = capturedLogger();
  const authDir = await mkdtemp(join(tmpdir(), "pintu-wa-auth-"));
  const printed: string[] = [];
  const changes: WhatsAppConnectionChange[] = [];
  const socket = createBaileysSocket({
    authDir,
    logger,
    makeSocket: fake.makeSocket,
    downloadMedia: fake.downloadMedia,
    clock,
    random: () => 0.5,
    printToTerminal: (text) => void printed.push(text),
    ...options,
  });
  socket.onConnectionChange((change) => void changes.push(change));
  await socket.connect();
  return {
    clock,
    fake,
    socket,
    authDir,
    printed,
    changes,
    logger,
    logs: output,
    async cleanup() {
      await socket.end();
      await rm(authDir, { recursive: true, force: true });
    },
  };
}

export interface HarnessOptions {
  limits?: Partial<WhatsAppSenderLimits>;
  mayWriteTo?: (jid: string) => boolean | Promise<boolean>;
  menuStore?: MenuStore;
  lidMap?: LidMap;
  onInbound?: (message: InboundMessage) => Promise<void>;
}

/** The whole channel on the fake, connected ("open"). */
export async function startHarness(options: HarnessOptions = {}) {
  const base = await connectFakeSocket();
  const received: InboundMessage[] = [];
  const fileStore = new MemoryFileStore();
  const menuStore = options.menuStore ?? new InMemoryMenuStore();
  const lidMap = options.lidMap ?? new InMemoryLidMap();
  let loggedOut = 0;
  const channel: WhatsAppChannel = await startWhatsAppChannel({
    socket: base.socket as WhatsAppSocket,
    onInbound: async (message) => {
      received.push(message);
      await options.onInbound?.(message);
    },
    fileStore,
    menuStore,
    lidMap,
    logger: base.logger,
    limits: options.limits,
    mayWriteTo: options.mayWriteTo ?? (() => true),
    onLoggedOut: () => void loggedOut++,
    clock: base.clock,
  });
  base.fake.open();
  return {
    ...base,
    channel,
    received,
    fileStore,
    menuStore,
    lidMap,
    loggedOutCalls: () => loggedOut,
    /** Waits (on real ticks, no clock involved) until `count` messages reached onInbound. */
    async inbound(count: number): Promise<InboundMessage[]> {
      await until(
        () => received.length >= count,
        () => `expected ${count} inbound messages, got ${received.length}`,
      );
      return received.slice(0, count);
    },
    async stop() {
      await channel.stop();
      await base.cleanup();
    },
  };
}

/** Polls a condition on real event-loop turns (not the clock); fails with a message after ~2 s. */
export async function until(condition: () => boolean | Promise<boolean>, message: () => string = () => "condition not met"): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, i < 50 ? 0 : 5));
  }
  throw new Error(message());
}
