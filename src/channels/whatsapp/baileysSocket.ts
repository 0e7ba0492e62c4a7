// Our WhatsAppSocket on baileys 7 (WhatsApp Web multi-device): the session kept (in the database, or a folder in
// tests) so a restart needs no new login, QR or pairing-code login printed to the terminal, the messages that
// arrived while we were offline as well as the live ones, reconnects with backoff on every close but those no
// reconnect can fix (401 logged out, 405 client too old, 440 replaced by another client), and send errors mapped to
// causes. This file, the converter and the database auth state are the only baileys users.
import makeWASocket, {
  Browsers,
  DisconnectReason,
  downloadMediaMessage,
  fetchLatestBaileysVersion,
  isJidBroadcast,
  isJidGroup,
  isJidNewsletter,
  isPnUser,
  jidDecode,
  jidNormalizedUser,
  makeCacheableSignalKeyStore,
  useMultiFileAuthState,
  type AnyMessageContent,
  type AuthenticationState,
  type BaileysEventMap,
  type MiscMessageGenerationOptions,
  type UserFacingSocketConfig,
  type WAMessage,
  type WAMessageKey,
  type WAPresence,
  type WAVersion,
  type proto,
} from "@whiskeysockets/baileys";
import qrcode from "qrcode-terminal";
import type { Logger } from "../../logger.ts";
import { systemClock, type Clock } from "./clock.ts";
import { normalisePhoneNumber } from "./phoneNumber.ts";
import { DEFAULT_RECONNECT_BACKOFF, reconnectDelayMs, type ReconnectBackoff } from "./reconnectBackoff.ts";
import {
  WhatsAppSocketError,
  type LidMapping,
  type OutgoingWhatsAppFile,
  type SentWhatsAppMessage,
  type WhatsAppConnectionChange,
  type WhatsAppMessageKey,
  type WhatsAppSocket,
  type WhatsAppStopReason,
} from "./whatsappSocket.ts";

/** The part of a baileys socket we use; makeWASocket's result fits it, and so does the test fake. */
export interface BaileysLikeSocket {
  ev: {
    on<E extends keyof BaileysEventMap>(event: E, listener: (arg: BaileysEventMap[E]) => void): unknown;
  };
  sendMessage(jid: string, content: AnyMessageContent, options?: MiscMessageGenerationOptions): Promise<WAMessage | undefined>;
  sendPresenceUpdate(type: WAPresence, toJid?: string): Promise<void>;
  readMessages(keys: WAMessageKey[]): Promise<void>;
  requestPairingCode(phoneNumber: string): Promise<string>;
  onWhatsApp(...jids: string[]): Promise<{ jid: string; exists: boolean }[] | undefined>;
  updateMediaMessage?(message: WAMessage): Promise<WAMessage>;
  end(error: Error | undefined): unknown;
  /** baileys 7 keeps the lid ↔ phone-number mapping in the session's key store (src/Signal/lid-mapping.ts). */
  signalRepository?: { lidMapping: { getPNForLID(lid: string): Promise<string | null> } };
}

/** Creates one baileys connection; tests pass a factory of fakes. */
export type MakeBaileysSocket = (config: UserFacingSocketConfig) => BaileysLikeSocket;

/** Where the login session lives when not in a directory (the database: databaseAuthState.ts). */
export interface AuthStateStore {
  load(): Promise<{ state: AuthenticationState; saveCreds: () => Promise<void> }>;
  /** Forgets the session (after a log-out it is worthless), so the next start shows a new QR code. */
  clear(): Promise<void>;
}

/**
 * Our sent messages' content, kept past a restart: a recipient whose phone could not decrypt one asks for it again
 * (a retry receipt), and baileys resends it only if `getMessage` still has it.
 */
export interface SentMessageStore {
  save(id: string, message: proto.IMessage): Promise<void>;
  find(id: string): Promise<proto.IMessage | undefined>;
}

type BaileysLogger = NonNullable<UserFacingSocketConfig["logger"]>;

/** Settings of the baileys connection; every one comes from config, none from the environment. */
export interface BaileysSocketOptions {
  /** Directory of the login session (baileys' multi-file auth state). Required unless `authStore` is given. */
  authDir?: string;
  authStore?: AuthStateStore;
  logger: Logger;
  /** Log in with a pairing code for this number (any notation) instead of a QR code. */
  pairingNumber?: string;
  /**
   * Ask baileys' GitHub for the newest WhatsApp Web version at start, and once more when WhatsApp closes with 405
   * (client too old) before giving up (needs internet; default false: baileys' built-in version).
   */
  fetchLatestVersion?: boolean;
  /** How the latest version is found (default baileys' fetchLatestBaileysVersion, from its GitHub). */
  fetchVersion?: () => Promise<WAVersion>;
  /** Where our sent messages are kept for retry receipts (default: memory only, the last 500). */
  sentMessages?: SentMessageStore;
  version?: WAVersion;
  /** How the linked device is named on the phone (default Ubuntu / Chrome). */
  browser?: [string, string, string];
  backoff?: Partial<ReconnectBackoff>;
  /** Called when WhatsApp logged the number out (no reconnect follows): alert the admin. */
  onLoggedOut?: () => void;
  /** Called when the connection stopped for good for another reason (405, 440; no reconnect follows). */
  onStopped?: (reason: WhatsAppStopReason, statusCode: number) => void;
  /** Where the QR code and the pairing code are shown (default stdout; never the log). */
  printToTerminal?: (text: string) => void;
  /** baileys' own log level, passed through our logger without message contents (default "warn"). */
  baileysLogLevel?: "error" | "warn" | "info" | "debug" | "trace";
  makeSocket?: MakeBaileysSocket;
  /** Media download; default baileys' downloadMediaMessage with re-upload requests. */
  downloadMedia?: (rawMessage: unknown) => Promise<Buffer>;
  clock?: Clock;
  random?: () => number;
}

/** Creates the baileys-backed WhatsAppSocket; call connect() to start. */
export function createBaileysSocket(options: BaileysSocketOptions): WhatsAppSocket {
  return new BaileysWhatsAppSocket(options);
}

const defaultMakeSocket: MakeBaileysSocket = makeWASocket;

class BaileysWhatsAppSocket implements WhatsAppSocket {
  private readonly log: Logger;
  private readonly baileysLogger: BaileysLogger;
  private readonly makeSocket: MakeBaileysSocket;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly backoff: ReconnectBackoff;
  private readonly print: (text: string) => void;
  private readonly pairingNumber: string | undefined;
  private readonly messageListeners = new Set<(messages: readonly unknown[]) => void>();
  private readonly connectionListeners = new Set<(change: WhatsAppConnectionChange) => void>();
  private readonly lidListeners = new Set<(mapping: LidMapping) => void>();
  /** Recent messages by id: quoted replies and baileys' retry requests (getMessage) need their content. */
  private readonly recent = new Map<string, WAMessage>();
  private readonly knownOnWhatsApp = new Set<string>();
  /** Messages already passed on (chat + id), so one baileys hands over twice reaches the dialogs once. */
  private readonly passedOn = new Set<string>();
  private auth?: { state: AuthenticationState; saveCreds: () => Promise<void> };
  /** Signal keys behind a cache; made once, not per reconnect (the cache runs a timer). */
  private keys?: AuthenticationState["keys"];
  private version?: WAVersion;
  private versionRefetched = false;
  private current?: BaileysLikeSocket;
  private open = false;
  private started = false;
  private stopped = false;
  private attempt = 0;
  private pairingRequestedOn?: BaileysLikeSocket;

  constructor(private readonly options: BaileysSocketOptions) {
    if (!options.authDir && !options.authStore) {
      throw new Error("WhatsApp needs a place for its login session: set authDir (e.g. WHATSAPP_AUTH_DIR) or authStore.");
    }
    this.log = options.logger.child({ module: "whatsapp-socket" });
    this.baileysLogger = quietBaileysLogger(options.logger.child({ module: "baileys" }), options.baileysLogLevel ?? "warn");
    this.makeSocket = options.makeSocket ?? defaultMakeSocket;
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.backoff = { ...DEFAULT_RECONNECT_BACKOFF, ...options.backoff };
    this.print = options.printToTerminal ?? ((text) => void process.stdout.write(`${text}\n`));
    if (options.pairingNumber) {
      const phone = normalisePhoneNumber(options.pairingNumber);
      if (!phone.ok) throw new Error(`The WhatsApp pairing number is not usable: ${phone.reason}.`);
      this.pairingNumber = phone.number;
    }
  }

  async connect(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.auth = this.options.authStore ? await this.options.authStore.load() : await useMultiFileAuthState(this.options.authDir!);
    this.keys = makeCacheableSignalKeyStore(this.auth.state.keys, this.baileysLogger);
    this.version = this.options.version ?? (this.options.fetchLatestVersion ? await this.latestVersion() : undefined);
    if (!this.stopped) this.openSocket(); // end() may have come while the session was loading
  }

  onMessages(listener: (messages: readonly unknown[]) => void): () => void {
    return subscribe(this.messageListeners, listener);
  }

  onConnectionChange(listener: (change: WhatsAppConnectionChange) => void): () => void {
    return subscribe(this.connectionListeners, listener);
  }

  onLidMapping(listener: (mapping: LidMapping) => void): () => void {
    return subscribe(this.lidListeners, listener);
  }

  async phoneJidForLid(lid: string): Promise<string | undefined> {
    try {
      const repository = this.current?.signalRepository;
      const pn = repository ? await repository.lidMapping.getPNForLID(lid) : await this.storedPhoneJidFor(lid);
      return pn && isPnUser(jidNormalizedUser(pn)) ? jidNormalizedUser(pn) : undefined;
    } catch (error) {
      this.log.warn({ err: errorSummary(error) }, "could not read baileys' lid mapping");
      return undefined;
    }
  }

  /** Between connections: the mapping as baileys' LIDMappingStore stores it (key "<lid user>_reverse" → phone user). */
  private async storedPhoneJidFor(lid: string): Promise<string | undefined> {
    const lidUser = jidDecode(lid)?.user;
    if (!lidUser || !this.keys) return undefined;
    const key = `${lidUser}_reverse`;
    const stored = await this.keys.get("lid-mapping", [key]);
    const pnUser = stored[key];
    return typeof pnUser === "string" && pnUser ? `${pnUser}@s.whatsapp.net` : undefined;
  }

  async sendText(jid: string, text: string, options?: { quotedId?: string }): Promise<SentWhatsAppMessage> {
    const sock = this.requireOpen();
    await this.ensureOnWhatsApp(sock, jid);
    // linkPreview: null — no fetching of linked pages from the server.
    return this.sent(await call(() => sock.sendMessage(jid, { text, linkPreview: null }, this.quoteOptions(jid, options))));
  }

  async sendFile(jid: string, file: OutgoingWhatsAppFile, options?: { quotedId?: string }): Promise<SentWhatsAppMessage> {
    const sock = this.requireOpen();
    await this.ensureOnWhatsApp(sock, jid);
    return this.sent(await call(() => sock.sendMessage(jid, fileContent(file), this.quoteOptions(jid, options))));
  }

  async setTyping(jid: string, typing: boolean): Promise<void> {
    const sock = this.requireOpen();
    await call(() => sock.sendPresenceUpdate(typing ? "composing" : "paused", jid));
  }

  async markRead(keys: readonly WhatsAppMessageKey[]): Promise<void> {
    if (keys.length === 0) return;
    const sock = this.requireOpen();
    await call(() => sock.readMessages(keys.map((k) => ({ ...k }))));
  }

  async downloadMedia(rawMessage: unknown): Promise<Buffer> {
    if (this.options.downloadMedia) return this.options.downloadMedia(rawMessage);
    const sock = this.current;
    const reupload = sock?.updateMediaMessage?.bind(sock);
    return downloadMediaMessage(rawMessage as WAMessage, "buffer", {}, reupload ? { reuploadRequest: reupload, logger: this.baileysLogger } : undefined);
  }

  async end(): Promise<void> {
    this.stopped = true;
    const sock = this.current;
    this.current = undefined;
    this.open = false;
    if (sock) await Promise.resolve(sock.end(undefined)).catch(() => undefined);
    this.emit({ state: "closed" });
  }

  private openSocket(): void {
    const auth = this.auth!;
    let sock: BaileysLikeSocket;
    try {
      sock = this.makeSocket({
        auth: { creds: auth.state.creds, keys: this.keys! },
        logger: this.baileysLogger,
        browser: this.options.browser ?? Browsers.ubuntu("Chrome"),
        // Not "online" on connect, so the phone keeps showing notifications to the staff holding it.
        markOnlineOnConnect: false,
        syncFullHistory: false,
        shouldSyncHistoryMessage: () => false,
        shouldIgnoreJid: (jid) => Boolean(isJidGroup(jid) || isJidBroadcast(jid) || isJidNewsletter(jid)),
        getMessage: async (key) => (key.id ? await this.contentOf(key.id) : undefined),
        generateHighQualityLinkPreview: false,
        ...(this.version ? { version: this.version } : {}),
      });
    } catch (error) {
      this.log.error({ err: errorSummary(error) }, "could not create the WhatsApp socket; retrying");
      this.reconnectAfter(reconnectDelayMs(this.attempt++, this.backoff, this.random));
      return;
    }
    this.current = sock;
    this.open = false;
    sock.ev.on("creds.update", () => {
      auth.saveCreds().catch((error) => this.log.error({ err: errorSummary(error) }, "could not save the WhatsApp session"));
    });
    sock.ev.on("connection.update", (update) => this.handleConnectionUpdate(sock, update));
    // "notify": received while online; "append": received while we were offline (a restart, a deploy, a reconnect),
    // already acknowledged to WhatsApp, delivered in a batch once the connection opens (baileys
    // src/Socket/messages-recv.ts `upsertMessage(msg, node.attrs.offline ? 'append' : 'notify')`, and the
    // 'messages.upsert' doc in src/Types/Events.ts). History sync never comes this way (it is "messaging-history.set",
    // and shouldSyncHistoryMessage is off). Our own sent messages also come back as "append" (emitOwnEvents): remembered
    // for quotes, not passed on.
    sock.ev.on("messages.upsert", ({ messages, type }) => {
      if (sock !== this.current || (type !== "notify" && type !== "append") || !Array.isArray(messages)) return;
      for (const message of messages) this.remember(message);
      const fresh = inArrivalOrder(messages.filter((message) => isFromAPerson(message) && this.firstTime(message)));
      if (fresh.length === 0) return;
      for (const listener of this.messageListeners) listener(fresh);
    });
    sock.ev.on("lid-mapping.update", (mapping) => {
      if (sock !== this.current || !mapping?.lid || !mapping?.pn) return;
      for (const listener of this.lidListeners) listener({ lid: mapping.lid, pn: mapping.pn });
    });
  }

  private handleConnectionUpdate(sock: BaileysLikeSocket, update: BaileysEventMap["connection.update"]): void {
    if (sock !== this.current) return; // a socket we already replaced
    if (update.qr) this.showLogin(sock, update.qr);
    if (update.connection === "connecting") this.emit({ state: "connecting" });
    if (update.connection === "open") {
      this.open = true;
      this.attempt = 0;
      this.log.info("WhatsApp connected");
      this.emit({ state: "open" });
    }
    if (update.connection === "close") this.handleClose(update.lastDisconnect?.error);
  }

  private showLogin(sock: BaileysLikeSocket, qr: string): void {
    if (this.pairingNumber) {
      if (this.pairingRequestedOn === sock || this.auth?.state.creds.registered) return;
      this.pairingRequestedOn = sock;
      sock.requestPairingCode(this.pairingNumber).then(
        (code) => {
          const shown = code.length === 8 ? `${code.slice(0, 4)}-${code.slice(4)}` : code;
          this.print(`WhatsApp pairing code: ${shown}\nOn the phone: Linked devices → Link a device → Link with phone number instead.`);
          this.emit({ state: "pairing_code", code });
        },
        (error) => this.log.error({ err: errorSummary(error) }, "WhatsApp pairing code request failed; it is retried on the next QR refresh"),
      );
      return;
    }
    qrcode.generate(qr, { small: true }, (ascii) => {
      this.print(`Scan with WhatsApp on the service phone (Linked devices → Link a device):\n${ascii}`);
    });
    this.emit({ state: "qr", qr });
  }

  private handleClose(error: unknown): void {
    this.current = undefined;
    this.open = false;
    this.pairingRequestedOn = undefined;
    const statusCode = statusCodeOf(error);
    if (this.stopped) return;
    if (statusCode === CLIENT_TOO_OLD) {
      void this.handleClientTooOld();
      return;
    }
    if (statusCode === DisconnectReason.connectionReplaced) {
      this.stopFor("connection_replaced", statusCode);
      return;
    }
    if (statusCode === DisconnectReason.loggedOut) {
      const store = this.options.authStore;
      this.log.error(
        { statusCode },
        "WhatsApp logged this number out (the linked device was removed or the session is no longer valid); " +
          (store
            ? "not reconnecting, and the saved session is cleared. To log in again: restart the service "
            : "not reconnecting. To log in again: stop the service, delete the session directory (WHATSAPP_AUTH_DIR), start it again ") +
          "and scan the QR code printed in the terminal, or enter the pairing code when " +
          "WHATSAPP_PAIRING_NUMBER is set (Linked devices on the phone).",
      );
      store?.clear().catch((clearError) => this.log.error({ err: errorSummary(clearError) }, "could not clear the WhatsApp session"));
      this.emit({ state: "logged_out", statusCode });
      try {
        this.options.onLoggedOut?.();
      } catch (callbackError) {
        this.log.error({ err: errorSummary(callbackError) }, "onLoggedOut failed");
      }
      return;
    }
    // 515 "restart required" follows a successful QR/pairing login: reconnect at once.
    const delay = statusCode === DisconnectReason.restartRequired ? 0 : reconnectDelayMs(this.attempt++, this.backoff, this.random);
    if (statusCode === DisconnectReason.forbidden) {
      this.log.error({ statusCode }, "WhatsApp refused the connection (403): the number may be restricted or banned");
    }
    this.log.warn({ statusCode, reconnectInMs: delay }, "WhatsApp connection closed; reconnecting");
    this.emit({ state: "closed", statusCode, reconnectInMs: delay });
    this.reconnectAfter(delay);
  }

  /**
   * 405 "client_too_old" (a CB:failure stanza, src/Socket/socket.ts: `end(new Boom('Connection Failure',
   * { statusCode: reason }))`): WhatsApp no longer accepts our WhatsApp Web version, and every reconnect with it fails
   * the same way. With fetchLatestVersion, the newest version is fetched once and tried; otherwise, or when that is
   * refused too, the connection stops and the admin is told.
   */
  private async handleClientTooOld(): Promise<void> {
    if (this.options.fetchLatestVersion && !this.versionRefetched) {
      this.versionRefetched = true;
      const latest = await this.latestVersion();
      if (latest && latest.join(".") !== this.version?.join(".")) {
        this.version = latest;
        this.log.warn(
          { statusCode: CLIENT_TOO_OLD, version: latest.join(".") },
          "WhatsApp said this client is too old; trying the latest WhatsApp Web version",
        );
        this.reconnectAfter(0);
        return;
      }
    }
    this.stopFor("client_too_old", CLIENT_TOO_OLD);
  }

  /** No reconnect: what is wrong needs a person (an update, or the second instance stopped). */
  private stopFor(reason: WhatsAppStopReason, statusCode: number): void {
    if (this.stopped) return;
    this.log.error(
      { statusCode, reason },
      reason === "client_too_old"
        ? "WhatsApp refused this WhatsApp Web version (405 client too old); not reconnecting. Update baileys (npm update @whiskeysockets/baileys) or set WHATSAPP_FETCH_LATEST_VERSION=1, then restart."
        : "another client took over this WhatsApp session (440 connection replaced): is a second instance running with the same number? Not reconnecting, so the two do not keep kicking each other out; stop the other one, then restart this one.",
    );
    this.emit({ state: "stopped", statusCode, reason });
    try {
      this.options.onStopped?.(reason, statusCode);
    } catch (callbackError) {
      this.log.error({ err: errorSummary(callbackError) }, "onStopped failed");
    }
  }

  private reconnectAfter(delayMs: number): void {
    void this.clock.sleep(delayMs).then(() => {
      if (!this.stopped && !this.current) this.openSocket();
    });
  }

  private emit(change: WhatsAppConnectionChange): void {
    for (const listener of this.connectionListeners) {
      try {
        listener(change);
      } catch (error) {
        this.log.error({ err: errorSummary(error) }, "WhatsApp connection listener failed");
      }
    }
  }

  private requireOpen(): BaileysLikeSocket {
    if (!this.current || !this.open) {
      throw new WhatsAppSocketError("closed", "WhatsApp is not connected (reconnecting, or logged out).");
    }
    return this.current;
  }

  private async ensureOnWhatsApp(sock: BaileysLikeSocket, jid: string): Promise<void> {
    if (!isPnUser(jid) || this.knownOnWhatsApp.has(jid)) return;
    const result = await call(() => sock.onWhatsApp(jid));
    if (result === undefined) return; // no answer: let the send itself decide
    if (!result.some((r) => r.exists)) {
      throw new WhatsAppSocketError("not_on_whatsapp", "This phone number has no WhatsApp account.");
    }
    if (this.knownOnWhatsApp.size > 50_000) this.knownOnWhatsApp.clear();
    this.knownOnWhatsApp.add(jid);
  }

  private quoteOptions(jid: string, options?: { quotedId?: string }): MiscMessageGenerationOptions | undefined {
    if (!options?.quotedId) return undefined;
    const known = this.recent.get(options.quotedId);
    // baileys builds the quote from the message's key and content; without the content, an empty text.
    const quoted: WAMessage = {
      key: { remoteJid: jid, id: options.quotedId, fromMe: known?.key.fromMe ?? false },
      message: known?.message ?? { conversation: "" },
    };
    return { quoted };
  }

  private sent(message: WAMessage | undefined): SentWhatsAppMessage {
    const id = message?.key?.id;
    if (!id) throw new WhatsAppSocketError("failed", "WhatsApp accepted the message but returned no message id.");
    this.remember(message);
    if (message.message && this.options.sentMessages) {
      this.options.sentMessages
        .save(id, message.message)
        .catch((error) => this.log.warn({ err: errorSummary(error) }, "could not keep a sent message for retry receipts"));
    }
    return { id };
  }

  /** A message's content for baileys' retry requests: recent ones from memory, older sent ones from the store. */
  private async contentOf(id: string): Promise<proto.IMessage | undefined> {
    const recent = this.recent.get(id)?.message;
    if (recent) return recent;
    try {
      return await this.options.sentMessages?.find(id);
    } catch (error) {
      this.log.warn({ err: errorSummary(error) }, "could not read a kept sent message");
      return undefined;
    }
  }

  /** True the first time a message (chat + id) is seen; baileys may hand one over again (a resend from the phone). */
  private firstTime(message: WAMessage): boolean {
    const key = `${message.key.remoteJid}\u0000${message.key.id}`;
    if (this.passedOn.has(key)) return false;
    if (this.passedOn.size >= 10_000) this.passedOn.delete(this.passedOn.values().next().value!);
    this.passedOn.add(key);
    return true;
  }

  private remember(message: WAMessage): void {
    const id = message?.key?.id;
    if (!id) return;
    this.recent.delete(id);
    this.recent.set(id, message);
    while (this.recent.size > 500) this.recent.delete(this.recent.keys().next().value!);
  }

  private async latestVersion(): Promise<WAVersion | undefined> {
    try {
      if (this.options.fetchVersion) return await this.options.fetchVersion();
      const latest = await fetchLatestBaileysVersion();
      if (latest.error) throw latest.error;
      return latest.version;
    } catch (error) {
      this.log.warn({ err: errorSummary(error) }, "could not fetch the latest WhatsApp Web version; using baileys' built-in one");
      return undefined;
    }
  }
}

/** WhatsApp's "client_too_old" close (not in baileys' DisconnectReason enum). */
const CLIENT_TOO_OLD = 405;

/**
 * A message a person wrote in a one-to-one chat, with content: not ours (fromMe), not a group, status or newsletter,
 * not a stub (a notification, or a message baileys could not decrypt yet: no content, and the same id comes again
 * with content once the phone resends it, so a stub must not count as seen).
 */
function isFromAPerson(message: WAMessage): boolean {
  const key = message?.key;
  const jid = key?.remoteJid;
  if (!key?.id || !jid || key.fromMe || !message.message || message.messageStubType) return false;
  return !isJidGroup(jid) && !isJidBroadcast(jid) && !isJidNewsletter(jid);
}

/** A batch in the order the messages were sent (stable for equal timestamps). */
function inArrivalOrder(messages: WAMessage[]): WAMessage[] {
  const seconds = (m: WAMessage) => {
    const t = m.messageTimestamp;
    const n = typeof t === "number" ? t : Number(t?.toString());
    return Number.isFinite(n) ? n : 0;
  };
  return messages
    .map((message, index) => ({ message, index }))
    .sort((a, b) => seconds(a.message) - seconds(b.message) || a.index - b.index)
    .map((entry) => entry.message);
}

function fileContent(file: OutgoingWhatsAppFile): AnyMessageContent {
  const caption = file.caption ? { caption: file.caption } : {};
  switch (file.kind) {
    case "image":
      return { image: file.bytes, ...caption, ...(file.mimeType ? { mimetype: file.mimeType } : {}) };
    case "video":
      return { video: file.bytes, ...caption, ...(file.mimeType ? { mimetype: file.mimeType } : {}) };
    case "audio":
      return { audio: file.bytes, mimetype: file.mimeType ?? "audio/mp4" };
    case "voice":
      return { audio: file.bytes, ptt: true, mimetype: file.mimeType ?? "audio/ogg; codecs=opus" };
    case "document":
      return {
        document: file.bytes,
        mimetype: file.mimeType ?? "application/octet-stream",
        ...(file.fileName ? { fileName: file.fileName } : {}),
        ...caption,
      };
  }
}

/** Runs a baileys call, turning its errors (Boom with a status code) into WhatsAppSocketError by cause. */
async function call<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toSocketError(error);
  }
}

/** Exported for tests: baileys' Boom errors by status code and message. */
export function toSocketError(error: unknown): WhatsAppSocketError {
  if (error instanceof WhatsAppSocketError) return error;
  const statusCode = statusCodeOf(error);
  const message = scrub(error instanceof Error ? error.message : String(error));
  const closedCodes: number[] = [
    DisconnectReason.connectionClosed,
    DisconnectReason.connectionReplaced,
    DisconnectReason.loggedOut,
    DisconnectReason.badSession,
    DisconnectReason.restartRequired,
    DisconnectReason.unavailableService,
  ];
  if ((statusCode !== undefined && closedCodes.includes(statusCode)) || /connection (closed|terminated|lost)/i.test(message)) {
    return new WhatsAppSocketError("closed", `WhatsApp connection closed: ${message}`, statusCode);
  }
  if (statusCode === DisconnectReason.timedOut || /timed? ?out/i.test(message)) {
    return new WhatsAppSocketError("timeout", `WhatsApp timed out: ${message}`, statusCode);
  }
  if (statusCode === 429 || /rate-overlimit/i.test(message)) {
    return new WhatsAppSocketError("rate_limited", `WhatsApp rate limit: ${message}`, statusCode);
  }
  if (statusCode === DisconnectReason.forbidden || statusCode === 400 || statusCode === 406 || /not-acceptable|bad-request|forbidden/i.test(message)) {
    return new WhatsAppSocketError("refused", `WhatsApp refused: ${message}`, statusCode);
  }
  return new WhatsAppSocketError("failed", `WhatsApp call failed: ${message}`, statusCode);
}

function statusCodeOf(error: unknown): number | undefined {
  const output = (error as { output?: { statusCode?: unknown } } | undefined)?.output;
  return typeof output?.statusCode === "number" ? output.statusCode : undefined;
}

/** Error messages without anything that looks like a phone number or a jid. */
function scrub(text: string): string {
  return text
    .replace(/\S+@\S+/g, "[jid]")
    .replace(/\+?\d[\d\s-]{5,}\d/g, "[number]")
    .slice(0, 300);
}

function errorSummary(error: unknown): { type: string; message?: string; statusCode?: number } {
  if (!(error instanceof Error)) return { type: typeof error };
  return { type: error.name, message: scrub(error.message), statusCode: statusCodeOf(error) };
}

/**
 * baileys logs through this: its level, only the message string and an error summary, never the objects
 * it attaches (keys, jids, message contents).
 */
function quietBaileysLogger(logger: Logger, level: string): BaileysLogger {
  const order = ["trace", "debug", "info", "warn", "error"] as const;
  const threshold = order.indexOf(level as (typeof order)[number]);
  const write = (method: (typeof order)[number]) => (obj: unknown, msg?: string) => {
    if (order.indexOf(method) < threshold) return;
    const text = typeof msg === "string" ? msg : typeof obj === "string" ? obj : "baileys";
    const attached = obj as { err?: unknown; error?: unknown } | null | undefined;
    const err = obj instanceof Error ? obj : (attached?.err ?? attached?.error);
    logger[method](err instanceof Error ? { err: errorSummary(err) } : {}, scrub(text));
  };
  const quiet: BaileysLogger = {
    level,
    child: () => quiet,
    trace: write("trace"),
    debug: write("debug"),
    info: write("info"),
    warn: write("warn"),
    error: write("error"),
  };
  return quiet;
}

function subscribe<T>(set: Set<T>, listener: T): () => void {
  set.add(listener);
  return () => void set.delete(listener);
}
