// The outbox's WhatsApp sender: renders a neutral message, checks it may write to the address at all,
// spaces the sends (rate limits, "typing…" before each), sends text and files, remembers numbered menus,
// and reports failures by cause.
import { createHash } from "node:crypto";
import type { Logger } from "../../logger.ts";
import { attachmentLoadError, DeliveryError, type ChannelSender, type SentMessage } from "../../notify/channelSender.ts";
import type { FileStore, StoredFile } from "../../notify/fileStore.ts";
import type { ParsedOutboundMessage } from "../../notify/outboundMessage.ts";
import type { MenuStore } from "./choiceMenu.ts";
import { systemClock, type Clock } from "./clock.ts";
import { normalisePhoneNumber } from "./phoneNumber.ts";
import { renderForWhatsApp, WhatsAppRenderError, type WhatsAppPart } from "./renderForWhatsApp.ts";
import { DEFAULT_SEND_LIMITS, SendRateLimiter, type WhatsAppSendLimits } from "./sendRateLimiter.ts";
import { WhatsAppSocketError, type OutgoingWhatsAppFile, type WhatsAppSocket } from "./whatsappSocket.ts";

/** Pacing of outgoing messages: the rate limits plus the typing pause and how long a send may wait. */
export interface WhatsAppSenderLimits extends WhatsAppSendLimits {
  /** "typing…" shown this long before each message (default 1200 ms; 0 turns it off). */
  typingMs: number;
  /** A send that would wait longer than this for its slot fails as rate_limited instead (default 20 s). */
  maxQueueWaitMs: number;
  /** Longest text part (default 4000). */
  maxTextLength: number;
}

/** The defaults: see DEFAULT_SEND_LIMITS for the rates. */
export const DEFAULT_SENDER_LIMITS: WhatsAppSenderLimits = {
  ...DEFAULT_SEND_LIMITS,
  typingMs: 1_200,
  maxQueueWaitMs: 20_000,
  maxTextLength: 4_000,
};

/** The socket to send on, where files and menus live, who may be written to, and the pacing. */
export interface WhatsAppSenderOptions {
  socket: Pick<WhatsAppSocket, "sendText" | "sendFile" | "setTyping">;
  fileStore: FileStore;
  menuStore: MenuStore;
  /**
   * Whether we may write to this jid at all: people who wrote to us first or linked staff. An unofficial
   * number that writes to strangers is banned quickly, so everyone else is refused.
   */
  mayWriteTo: (jid: string) => boolean | Promise<boolean>;
  logger: Logger;
  limits?: Partial<WhatsAppSenderLimits>;
  clock?: Clock;
  /** Language of the texts the channel adds (the choice hint); Bahasa Indonesia by default. */
  localeFor?: (jid: string) => string | undefined | Promise<string | undefined>;
}

/** Creates the WhatsApp ChannelSender. */
export function createWhatsAppSender(options: WhatsAppSenderOptions): ChannelSender {
  const limits: WhatsAppSenderLimits = { ...DEFAULT_SENDER_LIMITS, ...options.limits };
  const clock = options.clock ?? systemClock;
  const limiter = new SendRateLimiter(limits);
  const log = options.logger.child({ module: "whatsapp-sender" });
  const chatLocks = new Map<string, Promise<unknown>>();
  // Parts already delivered of a message whose later part failed: a retry by the outbox skips them.
  const partlySent = new Map<string, string[]>();

  async function send(address: string, message: ParsedOutboundMessage): Promise<SentMessage> {
    const jid = toJid(address);
    if (!(await options.mayWriteTo(jid))) {
      throw new DeliveryError(
        "rejected",
        "WhatsApp: refused to write to an address that has not written to us first and is not linked staff " +
          "(unsolicited messages get the number banned). Let the person write first or link their account.",
        { method: "sendMessage", description: "not allowed by mayWriteTo" },
      );
    }
    const locale = options.localeFor ? await options.localeFor(jid) : undefined;
    const parts = render(message, locale);
    const files = await loadFiles(parts);
    return withChatLock(jid, () => sendParts(jid, message, parts, files));
  }

  function render(message: ParsedOutboundMessage, locale: string | undefined): WhatsAppPart[] {
    try {
      return renderForWhatsApp(message, { locale, maxTextLength: limits.maxTextLength });
    } catch (error) {
      if (error instanceof WhatsAppRenderError) {
        throw new DeliveryError("rejected", `WhatsApp: ${error.message}`, { method: "render", description: error.message });
      }
      throw error;
    }
  }

  async function loadFiles(parts: WhatsAppPart[]): Promise<Map<WhatsAppPart, StoredFile>> {
    const files = new Map<WhatsAppPart, StoredFile>();
    for (const part of parts) {
      if (part.kind !== "file") continue;
      const ref = part.attachment.ref;
      try {
        files.set(part, await options.fileStore.load(ref));
      } catch (error) {
        throw attachmentLoadError(
          error,
          new DeliveryError("rejected", `WhatsApp: the attachment ${ref} cannot be loaded (erased?): ${errorText(error)}`, {
            method: "sendFile",
            description: "attachment not in the FileStore",
          }),
        );
      }
    }
    return files;
  }

  async function sendParts(jid: string, message: ParsedOutboundMessage, parts: WhatsAppPart[], files: Map<WhatsAppPart, StoredFile>): Promise<SentMessage> {
    const retryKey = fingerprint(jid, message);
    const alreadySent = partlySent.get(retryKey) ?? [];
    const sentIds: string[] = [];
    let menuCarrier: { id: string; part: WhatsAppPart & { kind: "text" } } | undefined;
    let lastText: string | undefined;

    const firstWait = limiter.earliest(jid, clock.now() + limits.typingMs) - clock.now();
    if (alreadySent.length === 0 && firstWait > limits.maxQueueWaitMs) {
      throw new DeliveryError("rate_limited", "WhatsApp: sending paced to avoid a ban; try again later.", {
        retryAfterMs: firstWait,
        method: "sendMessage",
      });
    }

    try {
      for (const [index, part] of parts.entries()) {
        let id = alreadySent[index];
        if (id === undefined) {
          id = await sendOnePart(jid, part, files);
          sentIds.push(id);
          rememberPartlySent(retryKey, sentIds);
        } else {
          sentIds.push(id);
        }
        if (part.kind === "text") {
          lastText = id;
          if (part.menu) menuCarrier = { id, part };
        }
      }
    } catch (error) {
      throw toDeliveryError(error);
    } finally {
      await options.socket.setTyping(jid, false).catch(() => undefined);
    }
    partlySent.delete(retryKey);

    // Record what the chat saw last: the menu, or that a plain message followed an older menu.
    const recordId = menuCarrier?.id ?? lastText;
    if (recordId) {
      await options.menuStore
        .remember({ address: jid, platformId: recordId, options: menuCarrier?.part.menu ?? [], sentAt: new Date(clock.now()) })
        .catch((error) => log.error({ err: errorKind(error) }, "could not remember the numbered menu; numbered answers will not resolve"));
    }
    return { platformId: menuCarrier?.id ?? sentIds.at(-1)! };
  }

  function rememberPartlySent(key: string, ids: string[]): void {
    partlySent.delete(key);
    partlySent.set(key, [...ids]);
    while (partlySent.size > 1_000) partlySent.delete(partlySent.keys().next().value!);
  }

  async function sendOnePart(jid: string, part: WhatsAppPart, files: Map<WhatsAppPart, StoredFile>): Promise<string> {
    const at = limiter.reserve(jid, clock.now() + limits.typingMs);
    const typingFrom = at - limits.typingMs;
    if (typingFrom > clock.now()) await clock.sleep(typingFrom - clock.now());
    if (limits.typingMs > 0) {
      await options.socket.setTyping(jid, true).catch((error) => log.debug({ err: errorKind(error) }, "typing presence failed"));
    }
    if (at > clock.now()) await clock.sleep(at - clock.now());

    const quoted = part.quotedId ? { quotedId: part.quotedId } : undefined;
    if (part.kind === "text") return (await options.socket.sendText(jid, part.text, quoted)).id;
    const stored = files.get(part)!;
    const file: OutgoingWhatsAppFile = {
      kind: fileKind(part.attachment.kind),
      bytes: stored.bytes,
      fileName: part.attachment.name ?? stored.name,
      mimeType: part.attachment.mimeType ?? stored.mimeType,
    };
    return (await options.socket.sendFile(jid, file, quoted)).id;
  }

  async function withChatLock<T>(jid: string, work: () => Promise<T>): Promise<T> {
    const previous = chatLocks.get(jid) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(work);
    chatLocks.set(jid, run);
    try {
      return await run;
    } finally {
      if (chatLocks.get(jid) === run) chatLocks.delete(jid);
    }
  }

  return { channel: "whatsapp", maxTextLength: limits.maxTextLength, send };
}

/** Socket failures by cause: connection trouble is retried, "not on WhatsApp" marks the person blocked. */
export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof WhatsAppSocketError) {
    const details = { method: "sendMessage", code: error.statusCode, description: error.message };
    switch (error.kind) {
      case "closed":
        return new DeliveryError("transient", "WhatsApp: the connection is closed; retry once it is back.", details);
      case "timeout":
        return new DeliveryError("transient", "WhatsApp: the send timed out; retry.", details);
      case "not_on_whatsapp":
        return new DeliveryError("blocked", "WhatsApp: this number does not use WhatsApp.", details);
      case "rate_limited":
        return new DeliveryError("rate_limited", "WhatsApp asked us to slow down; retry later.", {
          ...details,
          retryAfterMs: 60_000,
        });
      case "refused":
        return new DeliveryError("rejected", "WhatsApp refused this message.", details);
      case "failed":
        return new DeliveryError("transient", "WhatsApp: the send failed; retry.", details);
    }
  }
  return new DeliveryError("transient", `WhatsApp: unexpected send failure (${errorKind(error)}); retry.`, {
    method: "sendMessage",
  });
}

function toJid(address: string): string {
  const trimmed = address.trim();
  if (/^\d{5,20}@s\.whatsapp\.net$/.test(trimmed) || /^\d{1,30}@lid$/.test(trimmed)) return trimmed;
  if (!trimmed.includes("@")) {
    const phone = normalisePhoneNumber(trimmed);
    if (phone.ok) return phone.jid;
    throw new DeliveryError("rejected", `WhatsApp: the address is not a usable phone number: ${phone.reason}.`, {
      method: "sendMessage",
      description: "bad address",
    });
  }
  throw new DeliveryError("rejected", "WhatsApp: the address is not a person's WhatsApp id (expected 62…@s.whatsapp.net or …@lid; groups are not served).", {
    method: "sendMessage",
    description: "bad address",
  });
}

function fileKind(kind: "photo" | "document" | "voice" | "audio" | "video"): OutgoingWhatsAppFile["kind"] {
  return kind === "photo" ? "image" : kind;
}

function fingerprint(jid: string, message: ParsedOutboundMessage): string {
  return createHash("sha256").update(jid).update("\0").update(JSON.stringify(message)).digest("base64url");
}

function errorKind(error: unknown): string {
  if (error instanceof WhatsAppSocketError) return `${error.name}:${error.kind}`;
  return error instanceof Error ? error.name : typeof error;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
