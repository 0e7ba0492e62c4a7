// A received baileys message ("messages.upsert", type "notify") as our neutral InboundMessage: text,
// quoted replies, button/list/interactive answers, media (saved in the FileStore) and /commands. Groups,
// status updates, our own messages, reactions, edits and other protocol messages are not for us (null).
// The input is untrusted: every field is checked before use, and the result is validated with zod.
import {
  extractMessageContent,
  getContentType,
  isJidBroadcast,
  isJidGroup,
  isJidNewsletter,
  isLidUser,
  isPnUser,
  jidNormalizedUser,
  type proto,
} from "@whiskeysockets/baileys";
import { inboundMessageSchema, type Attachment, type InboundMessage } from "../inboundMessage.ts";
import type { Logger } from "../../logger.ts";
import type { FileStore } from "../../notify/fileStore.ts";
import type { LidMap } from "./lidMap.ts";
import type { WhatsAppMessageKey } from "./whatsappSocket.ts";

/** Where media goes, how to fetch it, and the lid mappings to apply. */
export interface WhatsAppToInboundOptions {
  fileStore: FileStore;
  /** The bytes of a media message (the socket's downloadMedia); injected so tests need no WhatsApp. */
  downloadMedia: (rawMessage: unknown) => Promise<Buffer>;
  lidMap: LidMap;
  logger: Logger;
  /** Media larger than this is not downloaded (default 25 MB). */
  maxMediaBytes?: number;
  /** Used when the message carries no usable timestamp. */
  now?: () => Date;
}

type Json = Record<string, unknown>;
type MediaType = "imageMessage" | "videoMessage" | "documentMessage" | "audioMessage";

const DEFAULT_MAX_MEDIA_BYTES = 25 * 1024 * 1024;
const MEDIA_KIND: Record<MediaType, (media: Json) => Attachment["kind"]> = {
  imageMessage: () => "photo",
  videoMessage: () => "video",
  documentMessage: () => "document",
  audioMessage: (media) => (media.ptt === true ? "voice" : "audio"),
};

/** Converts one raw message; null when it is not a person writing to us one to one. Never throws. */
export async function convertWhatsAppMessage(raw: unknown, options: WhatsAppToInboundOptions): Promise<InboundMessage | null> {
  const log = options.logger.child({ module: "whatsapp-inbound" });
  try {
    return await convert(raw, options, log);
  } catch (error) {
    log.warn({ err: error instanceof Error ? error.name : typeof error }, "unreadable WhatsApp message skipped");
    return null;
  }
}

/**
 * The chat a raw message belongs to, for handling one chat's messages in order: the phone jid when the
 * message carries it (a lid sender with remoteJidAlt), else the normalised remote jid; null for non-persons.
 */
export function chatOfWhatsAppMessage(raw: unknown): string | null {
  try {
    const key = record(record(raw)?.key);
    const chat = userJid(text(key?.remoteJid));
    if (!key || !chat) return null;
    const alt = userJid(text(key.remoteJidAlt));
    return alt && isPnUser(alt) ? alt : chat;
  } catch {
    return null;
  }
}

/** The key to acknowledge a handled message with a read receipt. */
export function readKeyOfWhatsAppMessage(raw: unknown): WhatsAppMessageKey | null {
  try {
    const key = record(record(raw)?.key);
    const remoteJid = text(key?.remoteJid);
    const id = text(key?.id);
    if (!key || !remoteJid || !id) return null;
    const participant = text(key.participant);
    return { remoteJid, id, fromMe: key.fromMe === true, ...(participant ? { participant } : {}) };
  } catch {
    return null;
  }
}

async function convert(raw: unknown, options: WhatsAppToInboundOptions, log: Logger): Promise<InboundMessage | null> {
  const message = record(raw);
  const key = record(message?.key);
  if (!message || !key || key.fromMe === true) return null;
  const remoteJid = text(key.remoteJid);
  const platformId = text(key.id);
  if (!remoteJid || !platformId) return null;
  if (isJidGroup(remoteJid) || isJidBroadcast(remoteJid) || isJidNewsletter(remoteJid)) return null;

  const address = await addressOf(key, remoteJid, options.lidMap);
  if (!address) return null;

  const content = record(extractMessageContent(record(message.message) as proto.IMessage | undefined));
  if (!content) return null;
  const type = getContentType(content as proto.IMessage);
  if (!type) return null;
  const body = record(content[type]);

  let textValue = "";
  let buttonId: string | undefined;
  let replyTo: string | undefined;
  const attachments: Attachment[] = [];

  // A button press carries only its id: the label shown is not something the person wrote.
  if (type === "conversation") {
    textValue = text(content.conversation) ?? "";
  } else if (!body) {
    return null;
  } else if (type === "extendedTextMessage") {
    textValue = text(body.text) ?? "";
    replyTo = stanzaIdOf(body);
  } else if (type === "buttonsResponseMessage") {
    buttonId = text(body.selectedButtonId);
    replyTo = stanzaIdOf(body);
  } else if (type === "listResponseMessage") {
    buttonId = text(record(body.singleSelectReply)?.selectedRowId);
    replyTo = stanzaIdOf(body);
  } else if (type === "templateButtonReplyMessage") {
    buttonId = text(body.selectedId);
    replyTo = stanzaIdOf(body);
  } else if (type === "interactiveResponseMessage") {
    buttonId = idFromParamsJson(text(record(body.nativeFlowResponseMessage)?.paramsJson));
    replyTo = stanzaIdOf(body);
  } else if (type in MEDIA_KIND) {
    textValue = text(body.caption) ?? "";
    replyTo = stanzaIdOf(body);
    const attachment = await saveMedia(raw, type as MediaType, body, { viewOnce: isViewOnce(message), address }, options, log);
    // A file we could not keep still passes on (with its caption), so the dialog can ask for it again.
    if (attachment) attachments.push(attachment);
  } else {
    return null; // reactions, protocol messages (revoke, edit), stickers, locations, contacts, polls...
  }

  const isMedia = type in MEDIA_KIND;
  if (!textValue.trim() && !buttonId && attachments.length === 0 && !isMedia) return null;

  const candidate = {
    channel: "whatsapp" as const,
    address,
    platformId,
    senderName: text(message.pushName)?.trim() || undefined,
    text: textValue,
    command: commandOf(textValue),
    buttonId,
    replyToPlatformId: replyTo,
    attachments,
    references: [],
    receivedAt: timestampOf(message.messageTimestamp) ?? (options.now ?? (() => new Date()))(),
  };
  const parsed = inboundMessageSchema.safeParse(candidate);
  if (!parsed.success) {
    log.warn({ issues: parsed.error.issues.map((i) => i.path.join(".")) }, "WhatsApp message did not fit InboundMessage; skipped");
    return null;
  }
  return parsed.data;
}

/**
 * The address replies go to: the phone-number jid, also when baileys 7 names the sender by a lid and gives
 * the phone jid alongside (remoteJidAlt / participantAlt) or gave it earlier (LidMap); else the lid itself.
 */
async function addressOf(key: Json, remoteJid: string, lidMap: LidMap): Promise<string | null> {
  const chat = userJid(remoteJid);
  if (!chat) return null;
  const altJid = userJid(text(key.remoteJidAlt));
  if (isPnUser(chat)) {
    if (altJid && isLidUser(altJid)) await lidMap.remember(altJid, chat);
    return chat;
  }
  // chat is a lid
  const participant = userJid(text(key.participant));
  const participantAlt = participant === chat ? userJid(text(key.participantAlt)) : null;
  const phoneJid = [altJid, participantAlt].find((jid) => jid && isPnUser(jid));
  if (phoneJid) {
    await lidMap.remember(chat, phoneJid);
    return phoneJid;
  }
  return (await lidMap.phoneJidFor(chat)) ?? chat;
}

/** A person's jid without device part, or null for anything that is not a plausible person (pn or lid). */
function userJid(jid: string | undefined): string | null {
  if (!jid || jid.length > 100) return null;
  const normalised = jidNormalizedUser(jid);
  if (isPnUser(normalised)) return /^\d{5,20}@s\.whatsapp\.net$/.test(normalised) ? normalised : null;
  if (isLidUser(normalised)) return /^\d{1,30}@lid$/.test(normalised) ? normalised : null;
  return null;
}

async function saveMedia(
  raw: unknown,
  type: MediaType,
  media: Json,
  sent: { viewOnce: boolean; address: string },
  options: WhatsAppToInboundOptions,
  log: Logger,
): Promise<Attachment | null> {
  const kind = MEDIA_KIND[type](media);
  if (sent.viewOnce || media.viewOnce === true) {
    // The sender asked for this to be seen once: we do not keep a copy.
    log.info({ kind }, "view-once media not stored");
    return null;
  }
  const max = options.maxMediaBytes ?? DEFAULT_MAX_MEDIA_BYTES;
  const declaredSize = numberOf(media.fileLength);
  if (declaredSize !== undefined && declaredSize > max) {
    log.warn({ kind, size: declaredSize, max }, "WhatsApp media too large; not downloaded");
    return null;
  }
  const name = type === "documentMessage" ? text(media.fileName) : undefined;
  const mimeType = text(media.mimetype);
  try {
    const bytes = await options.downloadMedia(raw);
    if (!Buffer.isBuffer(bytes)) throw new TypeError("downloadMedia did not return a Buffer");
    if (bytes.length > max) {
      log.warn({ kind, size: bytes.length, max }, "WhatsApp media too large; not stored");
      return null;
    }
    // Counted against the sender's limit first: over it, nothing is kept (AttachmentRefusedError, caught below).
    const fileRef = await options.fileStore.save(
      { bytes, ...(name ? { name } : {}), ...(mimeType ? { mimeType } : {}) },
      { channel: "whatsapp", address: sent.address },
    );
    return { kind, fileRef, size: bytes.length, ...(name ? { name } : {}), ...(mimeType ? { mimeType } : {}) };
  } catch (error) {
    log.warn({ kind, err: error instanceof Error ? error.name : typeof error }, "WhatsApp media could not be downloaded or stored");
    return null;
  }
}

function isViewOnce(message: Json): boolean {
  const inner = record(message.message);
  return Boolean(inner && (inner.viewOnceMessage || inner.viewOnceMessageV2 || inner.viewOnceMessageV2Extension));
}

function stanzaIdOf(body: Json): string | undefined {
  return text(record(body.contextInfo)?.stanzaId);
}

/** The button id inside an interactive (native flow) answer: paramsJson is `{"id":"..."}`. */
function idFromParamsJson(paramsJson: string | undefined): string | undefined {
  if (!paramsJson || paramsJson.length > 10_000) return undefined;
  try {
    const params = record(JSON.parse(paramsJson));
    return text(params?.id);
  } catch {
    return undefined;
  }
}

/** "/balas 12 teks" → { name: "balas", args: "12 teks" }; "/start@bot" also works. */
function commandOf(value: string): { name: string; args: string } | undefined {
  const match = /^\/([A-Za-z0-9_]{1,64})(?:@\S*)?(?:\s+([\s\S]*))?$/.exec(value.trim());
  if (!match) return undefined;
  return { name: match[1]!.toLowerCase(), args: (match[2] ?? "").trim() };
}

function timestampOf(value: unknown): Date | undefined {
  const seconds = numberOf(value);
  if (seconds === undefined || seconds <= 0 || seconds > 1e11) return undefined;
  return new Date(seconds * 1000);
}

/** A number from a number, numeric string or protobuf Long; undefined for anything else. */
function numberOf(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "string" && /^\d{1,16}$/.test(value)) return Number(value);
  const long = record(value);
  if (long && typeof long.low === "number" && typeof long.high === "number") {
    const n = (long.high >>> 0) * 2 ** 32 + (long.low >>> 0);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

function record(value: unknown): Json | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 ? value : undefined;
}
