// Our WhatsAppSocket on baileys 7 (WhatsApp Web multi-device): the session kept on disk so a restart needs
// no new login, QR or pairing-code login printed to the terminal, reconnects with backoff on every close
// but a log-out, and send errors mapped to causes. This file and the converter are the only baileys users.
import makeWASocket, {
  Browsers,
  DisconnectReason,
  downloadMediaMessage,
  fetchLatestBaileysVersion,
  isJidBroadcast,
  isJidGroup,
  isJidNewsletter,
  isPnUser,
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
}

/** Creates one baileys connection; tests pass a factory of fakes. */
export type MakeBaileysSocket = (config: UserFacingSocketConfig) => BaileysLikeSocket;

/** Where the login session lives when not in a directory (e.g. the database). */
export interface AuthStateStore {
  load(): Promise<{ state: AuthenticationState; saveCreds: () => Promise<void> }>;
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
  /** Ask baileys' GitHub for the newest WhatsApp Web version at start (needs internet; default false). */
  fetchLatestVersion?: boolean;
  version?: WAVersion;
  /** How the linked device is named on the phone (default Ubuntu / Chrome). */
  browser?: [string, string, string];
  backoff?: Partial<ReconnectBackoff>;
  /** Called when WhatsApp logged the number out (no reconnect follows): alert the admin. */
  onLoggedOut?: () => void;
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
  private auth?: { state: AuthenticationState; saveCreds: () => Promise<void> };
  /** Signal keys behind a cache; made once, not per reconnect (the cache runs a timer). */
  private keys?: AuthenticationState["keys"];
  private version?: WAVersion;
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
        getMessage: async (key) => (key.id ? (this.recent.get(key.id)?.message ?? undefined) : undefined),
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
    sock.ev.on("messages.upsert", ({ messages, type }) => {
      if (sock !== this.current || type !== "notify" || !Array.isArray(messages)) return;
      for (const message of messages) this.remember(message);
      for (const listener of this.messageListeners) listener(messages);
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
    if (statusCode === DisconnectReason.loggedOut) {
      this.log.error(
        { statusCode, authDir: this.options.authDir },
        "WhatsApp logged this number out (the linked device was removed or the session is no longer valid); " +
          "not reconnecting. To log in again: stop the service, delete the session directory (WHATSAPP_AUTH_DIR), " +
          "start it again and scan the QR code printed in the terminal, or enter the pairing code when " +
          "WHATSAPP_PAIRING_NUMBER is set (Linked devices on the phone).",
      );
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
    if (statusCode === DisconnectReason.connectionReplaced) {
      this.log.warn({ statusCode }, "another client took over this WhatsApp session: is a second instance running with the same session?");
    } else if (statusCode === DisconnectReason.forbidden) {
      this.log.error({ statusCode }, "WhatsApp refused the connection (403): the number may be restricted or banned");
    }
    this.log.warn({ statusCode, reconnectInMs: delay }, "WhatsApp connection closed; reconnecting");
    this.emit({ state: "closed", statusCode, reconnectInMs: delay });
    this.reconnectAfter(delay);
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
    return { id };
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
      const latest = await fetchLatestBaileysVersion();
      if (latest.error) throw latest.error;
      return latest.version;
    } catch (error) {
      this.log.warn({ err: errorSummary(error) }, "could not fetch the latest WhatsApp Web version; using baileys' built-in one");
      return undefined;
    }
  }
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
