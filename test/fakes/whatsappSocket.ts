/**
 * A fake WhatsApp for tests. baileys speaks Noise + Signal to WhatsApp's servers and checks their keys, so
 * no local server can stand in; instead this fake plays the baileys socket itself: an `ev` EventEmitter that
 * emits baileys' own event shapes (`messages.upsert` with `{ messages, type }`, `connection.update`
 * with a Boom in `lastDisconnect`, `lid-mapping.update`), and records every `sendMessage(jid, content, opts)`,
 * presence update and read receipt, with the time from an injectable clock.
 *
 * The rules it keeps, as baileys 7.0.0-rc14 does (node_modules/@whiskeysockets/baileys/lib, and src/ upstream):
 * - A message a person sends while no connection is open waits on WhatsApp's server and comes when one opens: after
 *   `connection: "open"`, in one `messages.upsert` of type "append" (the offline stanzas: messages-recv
 *   `upsertMessage(msg, node.attrs.offline ? 'append' : 'notify')`, flushed as one buffered batch), then
 *   `receivedPendingNotifications: true` (socket `CB:ib,,offline`). Only messages received while open are "notify".
 *   baileys has acknowledged them either way: none comes a second time.
 * - The lid ↔ phone pair on a message (remoteJidAlt / participantAlt) is stored in the session's key store under
 *   "lid-mapping" (pnUser → lidUser, "<lidUser>_reverse" → pnUser: Signal/lid-mapping LIDMappingStore) before the
 *   message is emitted (messages-recv handleMessage), and so is a "lid-mapping.update" (chats.ts). The key store is the
 *   one the adapter passed in `config.auth.keys`, and `signalRepository.lidMapping.getPNForLID` reads only that: a
 *   mapping survives a restart exactly when the adapter's session store keeps it.
 * - A recipient's retry receipt makes baileys ask `config.getMessage(key)` for a sent message's content
 *   (messages-recv sendMessagesAgain; its own retry cache lives in memory): `requestResend` does the same, on the
 *   current connection, and fails when the content is gone.
 * - Closes carry baileys' status codes: 401 logged out, 405 client too old (a CB:failure stanza), 440 replaced
 *   (stream error "conflict"), 515 restart required, and so on.
 *
 * Our real adapter runs on top of it: `createBaileysSocket({ makeSocket: fake.makeSocket, ... })` calls
 * `fake.makeSocket(config)` for every (re)connection, exactly where it would call `makeWASocket(config)`.
 *
 *   const fake = new FakeWhatsApp({ now: clock.now });
 *   const socket = createBaileysSocket({ authDir, logger, makeSocket: fake.makeSocket, downloadMedia: fake.downloadMedia });
 *   await socket.connect(); fake.open();
 *   fake.userSends("6281200000001@s.whatsapp.net", "Halo");
 *   fake.userQuotes(jid, sentId, "1"); fake.userPressesButton(jid, "btn_yes", { style: "list" });
 *   fake.userSends(fake.fromLid("123@lid", "6281200000002@s.whatsapp.net"), "Halo");
 *   fake.close(DisconnectReason.connectionLost); fake.logOut();
 *   fake.sent / fake.presence / fake.reads / fake.textsSentTo(jid)
 */
import { EventEmitter } from "node:events";
import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { Boom } from "@hapi/boom";
import {
  DisconnectReason,
  isLidUser,
  isPnUser,
  jidDecode,
  proto,
  type AnyMessageContent,
  type BaileysEventMap,
  type MiscMessageGenerationOptions,
  type UserFacingSocketConfig,
  type WAMessage,
  type WAMessageKey,
  type WAPresence,
} from "@whiskeysockets/baileys";
import type { BaileysLikeSocket } from "../../src/channels/whatsapp/baileysSocket.ts";

/** A sender: a phone jid, or a lid with (optionally) the phone jid baileys 7 puts in remoteJidAlt. */
export type FakeSender = string | { remoteJid: string; remoteJidAlt?: string };

export interface SentRecord {
  jid: string;
  content: AnyMessageContent;
  options?: MiscMessageGenerationOptions;
  /** The id WhatsApp gave the message (what a quoted reply names as stanzaId). */
  id: string;
  at: number;
  socket: number;
}

export interface PresenceRecord {
  type: WAPresence;
  jid?: string;
  at: number;
}

export interface FakeWhatsAppOptions {
  /** Clock for recorded times and message timestamps (default Date.now). */
  now?: () => number;
  /** The bot's own number. */
  botJid?: string;
}

/** The directory of recorded payload shapes. */
export const WHATSAPP_FIXTURES_DIR = new URL("../fixtures/whatsapp/", import.meta.url);

/** A fixture as baileys hands it over: plain key (with its 7.x extras), message decoded as proto.Message. */
export function loadWhatsAppFixture(name: string): WAMessage {
  const json = JSON.parse(readFileSync(new URL(`${name}.json`, WHATSAPP_FIXTURES_DIR), "utf8")) as WAMessage & {
    message?: Record<string, unknown>;
  };
  return { ...json, key: { ...json.key }, message: json.message ? proto.Message.fromObject(json.message) : undefined };
}

/** One baileys connection as our adapter sees it (what makeWASocket returns, reduced to what we use). */
export class FakeBaileysSocket implements BaileysLikeSocket {
  readonly ev = new EventEmitter();
  isOpen = false;
  ended = false;

  constructor(
    private readonly world: FakeWhatsApp,
    readonly index: number,
    readonly config: UserFacingSocketConfig,
  ) {}

  async sendMessage(jid: string, content: AnyMessageContent, options?: MiscMessageGenerationOptions): Promise<WAMessage> {
    return this.world.recordSend(this, jid, content, options);
  }

  async sendPresenceUpdate(type: WAPresence, toJid?: string): Promise<void> {
    this.world.requireOpen(this);
    this.world.presence.push({ type, jid: toJid, at: this.world.now() });
  }

  async readMessages(keys: WAMessageKey[]): Promise<void> {
    this.world.requireOpen(this);
    this.world.reads.push(...keys);
  }

  async requestPairingCode(phoneNumber: string): Promise<string> {
    this.world.pairingRequests.push(phoneNumber);
    return "ABCD2EFG";
  }

  /** baileys 7's mapping, read from the session's key store as its LIDMappingStore does. */
  readonly signalRepository = {
    lidMapping: {
      getPNForLID: async (lid: string): Promise<string | null> => {
        const lidUser = jidDecode(lid)?.user;
        if (!lidUser) return null;
        const key = `${lidUser}_reverse`;
        const stored = await this.config.auth.keys.get("lid-mapping", [key]);
        const pnUser = stored[key];
        // With the lid's device, as LIDMappingStore answers: "<pn user>:<device>@s.whatsapp.net".
        return typeof pnUser === "string" && pnUser ? `${pnUser}:${jidDecode(lid)?.device ?? 0}@s.whatsapp.net` : null;
      },
    },
  };

  async onWhatsApp(...jids: string[]): Promise<{ jid: string; exists: boolean }[]> {
    this.world.requireOpen(this);
    // Like baileys: numbers without an account are left out of the answer.
    return jids.filter((jid) => !this.world.numbersWithoutWhatsApp.has(jid)).map((jid) => ({ jid, exists: true }));
  }

  end(error: Error | undefined): void {
    if (this.ended) return;
    this.ended = true;
    this.isOpen = false;
    this.emit("connection.update", {
      connection: "close",
      lastDisconnect: { error: error ?? new Boom("Connection Closed", { statusCode: DisconnectReason.connectionClosed }), date: new Date() },
    });
  }

  emit<E extends keyof BaileysEventMap>(event: E, payload: BaileysEventMap[E]): void {
    this.ev.emit(event, payload);
  }
}

/** The fake WhatsApp: every connection our adapter made, and everything sent through them. */
export class FakeWhatsApp {
  readonly sockets: FakeBaileysSocket[] = [];
  readonly sent: SentRecord[] = [];
  readonly presence: PresenceRecord[] = [];
  readonly reads: WAMessageKey[] = [];
  readonly pairingRequests: string[] = [];
  readonly numbersWithoutWhatsApp = new Set<string>();
  readonly botJid: string;
  readonly now: () => number;
  private readonly media = new Map<string, Buffer>();
  private readonly sendFailures: Array<{ error: Error; after: number }> = [];
  /** Messages people sent while no connection was open, waiting on WhatsApp's server. */
  private readonly offline: WAMessage[] = [];
  /** Deliveries wait for their lid mappings to be stored, in order. */
  private deliveries: Promise<void> = Promise.resolve();
  private deliveriesPending = 0;
  private counter = 0;

  constructor(options: FakeWhatsAppOptions = {}) {
    this.now = options.now ?? (() => Date.now());
    this.botJid = options.botJid ?? "6281100000000@s.whatsapp.net";
  }

  /** Pass as `makeSocket`: one fake connection per call, like makeWASocket. */
  readonly makeSocket = (config: UserFacingSocketConfig): FakeBaileysSocket => {
    const socket = new FakeBaileysSocket(this, this.sockets.length, config);
    this.sockets.push(socket);
    return socket;
  };

  /** Pass as `downloadMedia`: the bytes of a media message the fake delivered; fails like baileys otherwise. */
  readonly downloadMedia = async (raw: unknown): Promise<Buffer> => {
    const id = (raw as WAMessage | undefined)?.key?.id;
    const bytes = id ? this.media.get(id) : undefined;
    if (!bytes) throw new Boom("Failed to fetch stream from media URL", { statusCode: 404 });
    return Buffer.from(bytes);
  };

  /** The latest connection. */
  get socket(): FakeBaileysSocket {
    const socket = this.sockets.at(-1);
    if (!socket) throw new Error("no socket yet: the adapter has not called makeSocket");
    return socket;
  }

  // ---- connection ----------------------------------------------------------------------------

  /** Whether the latest connection is open: a message sent now is delivered at once ("notify"), else it waits. */
  get online(): boolean {
    const socket = this.sockets.at(-1);
    return Boolean(socket?.isOpen && !socket.ended);
  }

  /** How many messages wait on the server for the next open connection. */
  get waitingOffline(): number {
    return this.offline.length;
  }

  /**
   * The latest connection goes through "connecting" to "open"; the messages that waited meanwhile follow in one
   * "append" batch, then `receivedPendingNotifications`.
   */
  open(): void {
    const socket = this.socket;
    socket.emit("connection.update", { connection: "connecting" });
    socket.isOpen = true;
    socket.emit("connection.update", { connection: "open" });
    const waiting = this.offline.splice(0);
    if (waiting.length > 0) this.deliver(waiting, "append");
    this.afterDeliveries(() => socket.emit("connection.update", { receivedPendingNotifications: true }));
  }

  /** Resolves once every delivery so far has been emitted (they wait for their lid mappings to be stored). */
  async settled(): Promise<void> {
    while (this.deliveriesPending > 0) await this.deliveries;
  }

  /** WhatsApp asks for a login: a new QR code. */
  showQr(qr = "2@FAKEqrREFERENCE,publicKeyBase64=,identityKeyBase64=,advSecretBase64="): void {
    this.socket.emit("connection.update", { qr });
  }

  /** The connection drops with this status code, as baileys reports it. */
  close(statusCode: number = DisconnectReason.connectionLost, message = "Connection was lost"): void {
    const socket = this.socket;
    socket.isOpen = false;
    socket.emit("connection.update", {
      connection: "close",
      lastDisconnect: { error: new Boom(message, { statusCode }), date: new Date(this.now()) },
    });
  }

  /** The phone removed the linked device: baileys closes with 401 loggedOut. */
  logOut(): void {
    this.close(DisconnectReason.loggedOut, "Connection Failure");
  }

  requireOpen(socket: FakeBaileysSocket): void {
    if (!socket.isOpen || socket.ended) {
      throw new Boom("Connection Closed", { statusCode: DisconnectReason.connectionClosed });
    }
  }

  /**
   * A recipient's phone could not decrypt our message `id` and sends a retry receipt: baileys asks getMessage for
   * its content to send it again. Resolves with that content; rejects when the adapter no longer has it.
   */
  async requestResend(id: string, remoteJid: string): Promise<proto.IMessage> {
    const content = await this.socket.config.getMessage?.({ remoteJid, id, fromMe: true });
    if (!content) throw new Error(`could not send message ${id} again: getMessage does not have it`);
    return content;
  }

  // ---- sending -------------------------------------------------------------------------------

  /** A send fails with this error (baileys throws Boom errors): the next one, or the one after `after` successes. */
  failNextSend(error: Error, options: { after?: number } = {}): void {
    this.sendFailures.push({ error, after: options.after ?? 0 });
  }

  /** onWhatsApp will say this number has no account. */
  withoutWhatsApp(jid: string): void {
    this.numbersWithoutWhatsApp.add(jid);
  }

  recordSend(socket: FakeBaileysSocket, jid: string, content: AnyMessageContent, options?: MiscMessageGenerationOptions): WAMessage {
    this.requireOpen(socket);
    const failure = this.sendFailures[0];
    if (failure && failure.after-- <= 0) {
      this.sendFailures.shift();
      throw failure.error;
    }
    const id = `3EB0${(++this.counter).toString(16).toUpperCase().padStart(16, "0")}`;
    this.sent.push({ jid, content, options, id, at: this.now(), socket: socket.index });
    return {
      key: { remoteJid: jid, fromMe: true, id },
      message: "text" in content && typeof content.text === "string" ? { extendedTextMessage: { text: content.text } } : {},
      messageTimestamp: Math.floor(this.now() / 1000),
      status: proto.WebMessageInfo.Status.PENDING,
    };
  }

  sentTo(jid: string): SentRecord[] {
    return this.sent.filter((s) => s.jid === jid);
  }

  /** The texts sent to a chat, in order (captions of files included as "[kind] caption"). */
  textsSentTo(jid: string): string[] {
    return this.sentTo(jid).map((s) => {
      const c = s.content as Record<string, unknown>;
      if (typeof c.text === "string") return c.text;
      const kind = ["image", "video", "audio", "document"].find((k) => k in c) ?? "other";
      return `[${kind}]${typeof c.caption === "string" ? ` ${c.caption}` : ""}`;
    });
  }

  // ---- receiving -----------------------------------------------------------------------------

  /** A lid sender, optionally with the phone jid alongside (remoteJidAlt), as baileys 7 delivers it. */
  fromLid(lid: string, phoneJid?: string): FakeSender {
    return phoneJid ? { remoteJid: lid, remoteJidAlt: phoneJid } : { remoteJid: lid };
  }

  /**
   * Hands messages to the current connection as baileys would, now, whatever its state: the lid ↔ phone pairs they
   * carry stored first. (`userSends` and friends go through `arrive`, which keeps WhatsApp's offline rule.)
   */
  deliver(messages: WAMessage[], type: "notify" | "append" = "notify"): void {
    const socket = this.socket;
    const pairs = messages.flatMap((m) => lidPairOf(m.key));
    if (pairs.length === 0 && this.deliveriesPending === 0) {
      socket.emit("messages.upsert", { messages, type });
      return;
    }
    this.afterDeliveries(async () => {
      await storeLidMappings(socket, pairs);
      socket.emit("messages.upsert", { messages, type });
    });
  }

  /** baileys 7 learned which phone number stands behind a lid (stored in the session, then announced). */
  announceLidMapping(lid: string, pn: string): void {
    const socket = this.socket;
    this.afterDeliveries(async () => {
      await storeLidMappings(socket, [{ lid, pn }]);
      socket.emit("lid-mapping.update", { lid, pn });
    });
  }

  /** A person's message reaches WhatsApp: delivered now when a connection is open, else kept for the next one. */
  private arrive(message: WAMessage): void {
    if (this.online) this.deliver([message]);
    else this.offline.push(message);
  }

  private afterDeliveries(work: () => void | Promise<void>): void {
    if (this.deliveriesPending === 0) {
      const done = work();
      if (!(done instanceof Promise)) return;
      this.track(done);
      return;
    }
    this.track(this.deliveries.then(work));
  }

  private track(work: Promise<void>): void {
    this.deliveriesPending++;
    this.deliveries = work.catch((error) => console.error("fake WhatsApp: a delivery failed", error)).finally(() => void this.deliveriesPending--);
  }

  /** Delivers a recorded fixture (test/fixtures/whatsapp/<name>.json); `media` becomes its downloadable bytes. */
  deliverFixture(name: string, options: { media?: Buffer } = {}): WAMessage {
    const message = loadWhatsAppFixture(name);
    if (options.media) this.media.set(message.key.id!, options.media);
    this.arrive(message);
    return message;
  }

  userSends(from: FakeSender, text: string, options: { pushName?: string } = {}): WAMessage {
    return this.receive(from, { conversation: text }, options.pushName);
  }

  /** A reply quoting an earlier message (the menu we sent, say). */
  userQuotes(from: FakeSender, stanzaId: string, text: string, quotedText = ""): WAMessage {
    return this.receive(from, {
      extendedTextMessage: {
        text,
        contextInfo: { stanzaId, participant: this.botJid, quotedMessage: { conversation: quotedText } },
      },
    });
  }

  userSendsImage(from: FakeSender, image: { bytes: Buffer; caption?: string; mimetype?: string }): WAMessage {
    return this.receiveMedia(from, image.bytes, {
      imageMessage: {
        ...mediaFields(image.bytes, image.mimetype ?? "image/jpeg"),
        ...(image.caption ? { caption: image.caption } : {}),
        height: 1280,
        width: 960,
      },
    });
  }

  userSendsDocument(from: FakeSender, doc: { bytes: Buffer; fileName: string; mimetype: string; caption?: string }): WAMessage {
    const documentMessage = {
      ...mediaFields(doc.bytes, doc.mimetype),
      fileName: doc.fileName,
      title: doc.fileName,
      ...(doc.caption ? { caption: doc.caption } : {}),
    };
    // WhatsApp wraps a document with a caption in documentWithCaptionMessage.
    return this.receiveMedia(from, doc.bytes, doc.caption ? { documentWithCaptionMessage: { message: { documentMessage } } } : { documentMessage });
  }

  userSendsVoice(from: FakeSender, bytes: Buffer, seconds = 5): WAMessage {
    return this.receiveMedia(from, bytes, {
      audioMessage: { ...mediaFields(bytes, "audio/ogg; codecs=opus"), ptt: true, seconds },
    });
  }

  userSendsVideo(from: FakeSender, bytes: Buffer, caption?: string): WAMessage {
    return this.receiveMedia(from, bytes, {
      videoMessage: { ...mediaFields(bytes, "video/mp4"), seconds: 3, ...(caption ? { caption } : {}) },
    });
  }

  /**
   * A press on a button or list row. Unofficial clients rarely get real buttons, but WhatsApp delivers these
   * shapes when they are used: buttonsResponseMessage, listResponseMessage, interactiveResponseMessage
   * (native flow, id in paramsJson) and templateButtonReplyMessage.
   */
  userPressesButton(
    from: FakeSender,
    buttonId: string,
    options: { style?: "buttons" | "list" | "interactive" | "template"; label?: string; stanzaId?: string } = {},
  ): WAMessage {
    const label = options.label ?? buttonId;
    const contextInfo = options.stanzaId ? { stanzaId: options.stanzaId, participant: this.botJid } : undefined;
    const style = options.style ?? "buttons";
    const message: proto.IMessage =
      style === "buttons"
        ? { buttonsResponseMessage: { selectedButtonId: buttonId, selectedDisplayText: label, type: 1, contextInfo } }
        : style === "list"
          ? { listResponseMessage: { title: label, listType: 1, singleSelectReply: { selectedRowId: buttonId }, contextInfo } }
          : style === "interactive"
            ? {
                interactiveResponseMessage: {
                  body: { text: label, format: 0 },
                  nativeFlowResponseMessage: {
                    name: "quick_reply",
                    paramsJson: JSON.stringify({ display_text: label, id: buttonId }),
                    version: 3,
                  },
                  contextInfo,
                },
              }
            : { templateButtonReplyMessage: { selectedId: buttonId, selectedDisplayText: label, selectedIndex: 0, contextInfo } };
    return this.receive(from, message);
  }

  private receiveMedia(from: FakeSender, bytes: Buffer, message: proto.IMessage): WAMessage {
    const received = this.build(from, message);
    this.media.set(received.key.id!, Buffer.from(bytes));
    this.arrive(received);
    return received;
  }

  private receive(from: FakeSender, message: proto.IMessage, pushName?: string): WAMessage {
    const received = this.build(from, message, pushName);
    this.arrive(received);
    return received;
  }

  private build(from: FakeSender, message: proto.IMessage, pushName = "Klien"): WAMessage {
    const sender = typeof from === "string" ? { remoteJid: from } : from;
    const id = `3A${createHash("sha1")
      .update(String(++this.counter))
      .digest("hex")
      .slice(0, 18)
      .toUpperCase()}`;
    const isLid = sender.remoteJid.endsWith("@lid");
    return {
      key: {
        remoteJid: sender.remoteJid,
        fromMe: false,
        id,
        ...(sender.remoteJidAlt ? { remoteJidAlt: sender.remoteJidAlt } : {}),
        addressingMode: isLid ? "lid" : "pn",
      },
      messageTimestamp: Math.floor(this.now() / 1000),
      pushName,
      broadcast: false,
      // As decoded from the wire: a proto.Message (Uint8Array bytes, Long sizes).
      message: proto.Message.fromObject(message as Record<string, unknown>),
    };
  }
}

/** The lid ↔ phone pair a message's key carries, as baileys' handleMessage reads it (participantAlt or remoteJidAlt). */
function lidPairOf(key: WAMessageKey): { lid: string; pn: string }[] {
  const primary = key.participant || key.remoteJid;
  const alt = key.participantAlt || key.remoteJidAlt;
  if (!primary || !alt) return [];
  if (isLidUser(primary) && isPnUser(alt)) return [{ lid: primary, pn: alt }];
  if (isPnUser(primary) && isLidUser(alt)) return [{ lid: alt, pn: primary }];
  return [];
}

/** Stores pairs in the connection's key store the way LIDMappingStore.storeLIDPNMappings does. */
async function storeLidMappings(socket: FakeBaileysSocket, pairs: { lid: string; pn: string }[]): Promise<void> {
  const data: Record<string, string> = {};
  for (const { lid, pn } of pairs) {
    const lidUser = jidDecode(lid)?.user;
    const pnUser = jidDecode(pn)?.user;
    if (!lidUser || !pnUser) continue;
    data[pnUser] = lidUser;
    data[`${lidUser}_reverse`] = pnUser;
  }
  if (Object.keys(data).length > 0) await socket.config.auth.keys.set({ "lid-mapping": data });
}

function mediaFields(bytes: Buffer, mimetype: string): proto.Message.IImageMessage {
  const sha = createHash("sha256").update(bytes).digest();
  const path = `/v/t62.7118-24/${sha.toString("hex").slice(0, 16)}.enc?ccb=11-4&oh=01_Q5AaIFake&oe=67A1B2C3&_nc_sid=5e03e0`;
  return {
    url: `https://mmg.whatsapp.net${path}&mms3=true`,
    mimetype,
    fileSha256: sha,
    fileLength: bytes.length,
    mediaKey: createHash("sha256").update("key").update(bytes).digest(),
    fileEncSha256: createHash("sha256").update("enc").update(bytes).digest(),
    directPath: path,
    mediaKeyTimestamp: 1736400000,
  };
}
