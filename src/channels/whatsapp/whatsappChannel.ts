// The WhatsApp channel: socket + converter + numbered menus + sender, wired. Incoming messages are handled
// one at a time per chat, in order; a numbered answer ("1", "setuju") becomes the menu's button id before
// the dialogs see it; the integrator gets a ChannelSender for the outbox and a stop(). WhatsApp never delivers a
// message twice (baileys acknowledges it before we see it, live or after a reconnect), so one the dialogs could not
// even keep (the database down) is handed over again here, with backoff, for as long as the channel runs; one they
// keep (to handle later, or as a dead letter) is theirs. Only a handed-over message gets its read receipt.
import type { Logger } from "../../logger.ts";
import type { ChannelSender } from "../../notify/channelSender.ts";
import type { FileStore } from "../../notify/fileStore.ts";
import { InboundNotKept, type InboundMessage } from "../inboundMessage.ts";
import { resolveMenuAnswer, type MenuStore } from "./choiceMenu.ts";
import { systemClock, type Clock } from "./clock.ts";
import { socketLidMap, type LidMap } from "./lidMap.ts";
import { createWhatsAppSender, type WhatsAppSenderLimits } from "./whatsappSender.ts";
import type { WhatsAppConnectionChange, WhatsAppSocket, WhatsAppStopReason } from "./whatsappSocket.ts";
import { chatOfWhatsAppMessage, convertWhatsAppMessage, readKeyOfWhatsAppMessage } from "./whatsappToInbound.ts";

/** What the channel needs from the composition root. */
export interface WhatsAppChannelOptions {
  socket: WhatsAppSocket;
  /** The dialogs' entry point; called once per message, one at a time per chat. */
  onInbound(message: InboundMessage): Promise<void>;
  fileStore: FileStore;
  menuStore: MenuStore;
  /** Where a lid's phone jid is found (default: baileys' own mapping, kept in the session). */
  lidMap?: LidMap;
  logger: Logger;
  limits?: Partial<WhatsAppSenderLimits>;
  /** Whether we may write to a jid (people who wrote first, linked staff); everyone else is refused. */
  mayWriteTo(jid: string): boolean | Promise<boolean>;
  /** WhatsApp logged the number out: alert the admin (the log says how to log in again). */
  onLoggedOut(): void | Promise<void>;
  /** The connection stopped for good for another reason (405 client too old, 440 replaced): alert the admin. */
  onStopped?(reason: WhatsAppStopReason, statusCode: number): void | Promise<void>;
  /** Any connection change, for a status page. */
  onConnectionChange?(change: WhatsAppConnectionChange): void;
  /** Send read receipts once a message is handled (default true). */
  sendReadReceipts?: boolean;
  /** Media larger than this is not downloaded (default 25 MB). */
  maxMediaBytes?: number;
  /**
   * The first wait before a message the dialogs could not keep is handed over again (doubling, at most 30 s), and how
   * many attempts (default: no limit while the channel runs: the platform will not deliver it again).
   */
  handOver?: { attempts?: number; firstDelayMs?: number };
  localeFor?: (jid: string) => string | undefined | Promise<string | undefined>;
  clock?: Clock;
}

/** A running channel: the outbox sends through `sender`. */
export interface WhatsAppChannel {
  sender: ChannelSender;
  /** Stops taking messages, waits for those being handled, and closes the connection. */
  stop(): Promise<void>;
}

/** Starts the WhatsApp channel: subscribes to the socket, then connects. */
export async function startWhatsAppChannel(options: WhatsAppChannelOptions): Promise<WhatsAppChannel> {
  const log = options.logger.child({ module: "whatsapp-channel" });
  const { socket } = options;
  const lidMap = options.lidMap ?? socketLidMap(socket);
  const chains = new Map<string, Promise<void>>();
  let stopping = false;

  const sender = createWhatsAppSender({
    socket,
    fileStore: options.fileStore,
    menuStore: options.menuStore,
    mayWriteTo: options.mayWriteTo,
    logger: options.logger,
    limits: options.limits,
    clock: options.clock,
    localeFor: options.localeFor,
  });

  async function handle(raw: unknown): Promise<void> {
    let inbound = await convertWhatsAppMessage(raw, {
      fileStore: options.fileStore,
      downloadMedia: (message) => socket.downloadMedia(message),
      lidMap,
      logger: options.logger,
      maxMediaBytes: options.maxMediaBytes,
    });
    if (!inbound) return;
    if (!inbound.buttonId && !inbound.command && inbound.text.trim()) {
      const option = await resolveMenuAnswer(options.menuStore, {
        address: inbound.address,
        text: inbound.text,
        quotedId: inbound.replyToPlatformId,
      }).catch((error) => {
        log.error({ err: errorName(error), platformId: inbound!.platformId }, "menu lookup failed; passing the answer on as text");
        return undefined;
      });
      // The answer "1" or "setuju" is the press itself, not text added to it.
      if (option) inbound = { ...inbound, buttonId: option.id, text: "" };
    }
    if (!(await handOver(inbound))) return;
    if (options.sendReadReceipts ?? true) {
      const key = readKeyOfWhatsAppMessage(raw);
      if (key) await socket.markRead([key]).catch((error) => log.debug({ err: errorName(error) }, "read receipt failed"));
    }
  }

  const clock = options.clock ?? systemClock;
  const attempts = options.handOver?.attempts ?? Number.POSITIVE_INFINITY;
  const firstDelayMs = options.handOver?.firstDelayMs ?? 1000;

  /** Hands the message to the dialogs; true once they have it (handled or kept). */
  async function handOver(inbound: InboundMessage): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        await options.onInbound(inbound);
        return true;
      } catch (error) {
        if (error instanceof InboundNotKept && attempt < attempts && !stopping) {
          const delay = Math.min(30_000, firstDelayMs * 2 ** (attempt - 1));
          log.warn(
            { err: errorName(error), platformId: inbound.platformId, attempt, retryInMs: delay },
            "the dialogs could not take a WhatsApp message; handing it over again",
          );
          await clock.sleep(delay);
          continue;
        }
        // Not read: the message stays unread on the service's phone for a person to see.
        log.error(
          { err: errorName(error), platformId: inbound.platformId, attempts: attempt },
          "handling a WhatsApp message failed: it could not be handed to the dialogs; left unread",
        );
        return false;
      }
    }
  }

  function enqueue(chat: string, raw: unknown): void {
    const previous = chains.get(chat) ?? Promise.resolve();
    const next = previous.then(() => handle(raw)).catch((error) => log.error({ err: errorName(error) }, "unexpected failure handling a WhatsApp message"));
    chains.set(chat, next);
    void next.finally(() => {
      if (chains.get(chat) === next) chains.delete(chat);
    });
  }

  const unsubscribe = [
    socket.onMessages((messages) => {
      if (stopping) return;
      for (const raw of messages) {
        const chat = chatOfWhatsAppMessage(raw);
        if (chat) enqueue(chat, raw);
      }
    }),
    socket.onLidMapping((mapping) => {
      lidMap.remember(mapping.lid, mapping.pn).catch((error) => log.warn({ err: errorName(error) }, "could not keep a lid mapping"));
    }),
    socket.onConnectionChange((change) => {
      log.info({ state: change.state, ...(change.state === "closed" ? { statusCode: change.statusCode } : {}) }, "WhatsApp connection");
      if (change.state === "logged_out") {
        Promise.resolve()
          .then(() => options.onLoggedOut())
          .catch((error) => log.error({ err: errorName(error) }, "onLoggedOut failed"));
      }
      if (change.state === "stopped") {
        Promise.resolve()
          .then(() => options.onStopped?.(change.reason, change.statusCode))
          .catch((error) => log.error({ err: errorName(error) }, "onStopped failed"));
      }
      options.onConnectionChange?.(change);
    }),
  ];

  await socket.connect();

  return {
    sender,
    async stop() {
      stopping = true;
      for (const off of unsubscribe) off();
      await Promise.allSettled([...chains.values()]);
      await socket.end();
    },
  };
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
