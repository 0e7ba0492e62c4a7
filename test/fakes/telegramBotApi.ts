/**
 * A fake Telegram Bot API server for tests. It speaks the real HTTP API on 127.0.0.1, so the real
 * telegraf client can be pointed at it: `new Telegraf(token, { telegram: { apiRoot: fake.url } })`.
 *
 * It keeps just enough state to behave like Telegram where our code can get it wrong: messages per
 * chat (edits and deletes applied), long polling with offsets, webhooks with the secret header,
 * HTML parse errors, "message is not modified", uploaded and downloadable files, and injected
 * failures (429 with retry_after, 403 blocked, 5xx).
 *
 * It refuses what Telegram refuses (https://core.telegram.org/bots/api, the sections named): callback_data
 * of 1-64 bytes (InlineKeyboardButton); an answerCallbackQuery text of 0-200 characters, once, while the
 * query is young; a webhook only at an HTTPS URL on port 443, 80, 88 or 8443 (setWebhook, notes); photos
 * of at most 10 MB and uploads of at most 50 MB (sendPhoto, Sending files); editMessageText only on a
 * message with text and editMessageCaption only on one with a caption's place (a file).
 * A webhook's HTTPS address is delivered to through `forwardWebhook` (the TLS terminator in front of us).
 *
 *   const fake = await startFakeBotApi({ botUsername: "pintu_bot" });
 *   const bot = new Telegraf(fake.token, { telegram: { apiRoot: fake.url } });
 *   const running = bot.launch();            // resolves only when polling stops: don't await it here
 *   fake.userSends({ id: 1, first_name: "Ana" }, "/start");
 *   await fake.waitFor("sendMessage");
 *   expect(fake.lastSentTo(1).text).toBe("…");
 *   bot.stop(); await running; await fake.close();
 *
 * Or skip polling: `await bot.handleUpdate(fake.userSends(user, "/start"))`; the bot's calls still come here.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type {
  BotCommand,
  CallbackQuery,
  Chat,
  Document,
  File,
  ForceReply,
  InlineKeyboardMarkup,
  Message,
  MessageEntity,
  MessageId,
  PhotoSize,
  Voice,
  Audio,
  Video,
  ReplyKeyboardMarkup,
  ReplyKeyboardRemove,
  ResponseParameters,
  Update,
  User,
  UserFromGetMe,
  WebhookInfo,
} from "telegraf/types";
import { boundaryOf, parseMultipart } from "./multipart.ts";
import { HtmlParseError, parseTelegramHtml } from "./telegramHtml.ts";

// ---------------------------------------------------------------------------------------------
// Exported types

export interface FakeBotApiOptions {
  /** Defaults to "123456789:TEST-fake-bot-token". The bot id is the part before ":". */
  token?: string;
  /** Defaults to 0 (any free port). */
  port?: number;
  botUsername?: string;
  botFirstName?: string;
  botId?: number;
  /** Delay before answering, per method name, in milliseconds. */
  delayMs?: Record<string, number>;
  /**
   * Reject a bare "&" in HTML (default true). The real API shows it literally; we reject it because
   * it means user input was not escaped. See telegramHtml.ts.
   */
  strictHtmlAmpersand?: boolean;
  /**
   * How long a callback query can be answered (default 15 s). Telegram documents no figure; past it the answer is
   * refused as "query is too old" (see nutgram/nutgram#725, LonamiWebs/Telethon#4073: "the timeout is pretty low").
   */
  callbackQueryTtlMs?: number;
  /** The clock callback query ages are read on (default Date.now), so a test can age a query without waiting. */
  clock?: () => number;
}

/** A Telegram user as tests describe it; `is_bot: false` is added when it goes into an update. */
export interface FakeUser {
  id: number;
  first_name: string;
  username?: string;
  last_name?: string;
  language_code?: string;
}

/** The error body of a failed Bot API call (also the HTTP status, as with the real API). */
export interface FakeApiError {
  error_code: number;
  description: string;
  parameters?: ResponseParameters;
}

export interface UploadedFile {
  /** The multipart field, e.g. "document" or "photo". */
  field: string;
  fileName: string;
  contentType?: string;
  size: number;
  bytes: Buffer;
}

export interface RecordedCall {
  method: string;
  /** Parameters as the client sent them; JSON-valued form fields (reply_markup, …) are parsed. */
  params: Record<string, unknown>;
  /** Files uploaded with multipart/form-data, by field name. */
  files: Record<string, UploadedFile>;
  /** Date.now() when the request arrived. Calls are recorded when they are answered. */
  at: number;
  failed: boolean;
  result?: unknown;
  error?: FakeApiError;
  /** The call came back as the body of a webhook response (telegraf's webhookReply). */
  viaWebhookReply?: true;
  /** The client hung up before the answer (e.g. telegraf stopped a long poll); it never saw `result`. */
  aborted?: true;
}

export type ReplyMarkup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | ForceReply;
export type FakeMessage =
  | Message.TextMessage
  | Message.DocumentMessage
  | Message.PhotoMessage
  | Message.VoiceMessage
  | Message.AudioMessage
  | Message.VideoMessage;

/** One message in a chat, as the fake stores it; edits and deletes are applied in place. */
export interface ChatMessage {
  chat_id: number;
  message_id: number;
  fromBot: boolean;
  sender: User;
  date: number;
  /** Text as the user sees it (HTML tags removed, entities decoded). */
  text?: string;
  /** Text exactly as it was sent, e.g. with HTML tags. */
  rawText?: string;
  parse_mode?: string;
  entities?: MessageEntity[];
  caption?: string;
  caption_entities?: MessageEntity[];
  document?: Document;
  photo?: PhotoSize[];
  voice?: Voice;
  audio?: Audio;
  video?: Video;
  /** The markup as sent (any kind); only an inline keyboard is echoed in `message`. */
  reply_markup?: ReplyMarkup;
  reply_to_message_id?: number;
  edit_date?: number;
  deleted: boolean;
  /** The current Bot API Message object. */
  message: FakeMessage;
}

export interface WebhookSettings {
  url: string;
  secret_token?: string;
  max_connections?: number;
  allowed_updates?: string[];
}

export interface WebhookDelivery {
  update_id: number;
  url: string;
  /** HTTP status of the webhook's answer; undefined when the request failed. */
  status?: number;
  error?: string;
  at: number;
}

export interface SendsDocument {
  /** The message this document answers (Telegram's reply). */
  replyTo?: number;
  fileName: string;
  bytes: Buffer | string;
  mimeType?: string;
  caption?: string;
}

export interface SendsVoice {
  bytes: Buffer;
  duration?: number;
  caption?: string;
}

export interface SendsPhoto {
  bytes: Buffer;
  width?: number;
  height?: number;
  caption?: string;
}

type WithOptionalId<U> = U extends Update ? Omit<U, "update_id"> & { update_id?: number } : never;
/** Any Update, with update_id optional (the fake numbers it). */
export type NewUpdate = WithOptionalId<Update>;

export type MessageRef = number | { message_id: number; chat?: { id: number }; chat_id?: number };
type CustomHandler = (params: Record<string, unknown>, files: Record<string, UploadedFile>) => unknown;

export interface FakeBotApi {
  /** The apiRoot for telegraf, e.g. "http://127.0.0.1:41234". */
  readonly url: string;
  readonly token: string;
  /** What getMe returns. */
  readonly bot: UserFromGetMe;
  readonly calls: readonly RecordedCall[];
  /** Messages per chat id (both directions), edits and deletes applied. */
  readonly messages: ReadonlyMap<number, readonly ChatMessage[]>;
  readonly webhook: WebhookSettings | undefined;
  readonly webhookDeliveries: readonly WebhookDelivery[];
  readonly commands: readonly BotCommand[];
  /** Updates not yet confirmed by getUpdates (or not yet delivered to the webhook). */
  readonly pendingUpdates: readonly Update[];
  /** A getUpdates request is being held open right now. */
  readonly isPolling: boolean;

  callsOf(method: string): RecordedCall[];
  /** The first call of `method` matching `predicate`, already recorded or still to come. */
  waitFor(method: string, predicate?: (call: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  /** Like waitFor, but only calls recorded after this one is made. */
  waitForNext(method: string, predicate?: (call: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  /** Messages the bot sent to a chat and has not deleted, in order, with edits applied. */
  sentTo(chatId: number): ChatMessage[];
  /** The bot's last message in a chat; throws if there is none. */
  lastSentTo(chatId: number): ChatMessage;

  pushUpdate<U extends NewUpdate>(update: U): U & { update_id: number };
  userSends(user: FakeUser, text: string, extra?: Partial<Message.TextMessage>): Update.MessageUpdate<Message.TextMessage>;
  userReplies(user: FakeUser, replyToMessageId: number, text: string): Update.MessageUpdate<Message.TextMessage>;
  /** Presses an inline button of a stored message; throws if its current keyboard has no such button. */
  userPresses(user: FakeUser, message: MessageRef, callbackData: string): Update.CallbackQueryUpdate<CallbackQuery.DataQuery>;
  /**
   * A press Telegram delivers whatever the chat shows now, unchecked: a keyboard a phone still shows after it was
   * edited away, or a client that sends another person's button data. `id` names the query (to find its answer).
   */
  userPressesUnchecked(user: FakeUser, press: { id: string; data: string; message?: unknown }): Update.CallbackQueryUpdate<CallbackQuery.DataQuery>;
  userSendsDocument(user: FakeUser, doc: SendsDocument): Update.MessageUpdate<Message.DocumentMessage>;
  userSendsPhoto(user: FakeUser, photo: SendsPhoto): Update.MessageUpdate<Message.PhotoMessage>;
  userSendsVoice(user: FakeUser, voice: SendsVoice): Update.MessageUpdate<Message.VoiceMessage>;

  /** The next `times` calls of `method` fail with `error` (recorded with failed: true). */
  failNext(method: string, error: FakeApiError, times?: number): void;
  /** Answer `method` only after `ms` milliseconds (0 removes the delay). */
  setDelay(method: string, ms: number): void;
  /** Serve a method the fake does not know (or replace one); throw FakeApiException for errors. */
  handle(method: string, handler: CustomHandler): void;
  /**
   * Deliveries to the webhook registered at `publicOrigin` (e.g. "https://pintu.example:8443") go to `localOrigin`
   * (e.g. "http://127.0.0.1:41234"), as a TLS terminator would pass them on. Without one a delivery fails.
   */
  forwardWebhook(publicOrigin: string, localOrigin: string): void;
  /** Resolves when queued webhook deliveries are done. */
  deliveriesSettled(): Promise<void>;
  /** Forget calls, messages, files, updates, webhook, failures and delays. */
  reset(): void;
  /** Stops the server, cutting held long polls and open connections. */
  close(): Promise<void>;
}

/** Throw from a custom handler to answer with an error. */
export class FakeApiException extends Error {
  constructor(readonly error: FakeApiError) {
    super(error.description);
  }
}

/** Errors the real API returns, for failNext. */
export const fakeErrors = {
  tooManyRequests: (retryAfter: number): FakeApiError => ({
    error_code: 429,
    description: `Too Many Requests: retry after ${retryAfter}`,
    parameters: { retry_after: retryAfter },
  }),
  blockedByUser: (): FakeApiError => ({ error_code: 403, description: "Forbidden: bot was blocked by the user" }),
  chatNotFound: (): FakeApiError => ({ error_code: 400, description: "Bad Request: chat not found" }),
  internalServerError: (): FakeApiError => ({ error_code: 500, description: "Internal Server Error" }),
  badGateway: (): FakeApiError => ({ error_code: 502, description: "Bad Gateway" }),
};

export async function startFakeBotApi(options: FakeBotApiOptions = {}): Promise<FakeBotApi> {
  const fake = new FakeBotApiServer(options);
  await fake.listen(options.port ?? 0);
  return fake;
}

// ---------------------------------------------------------------------------------------------
// Helpers

const JSON_FIELDS = [
  "reply_markup",
  "reply_parameters",
  "link_preview_options",
  "entities",
  "caption_entities",
  "allowed_updates",
  "commands",
  "scope",
  "results",
  "media",
];
const ID_FIELDS = ["chat_id", "from_chat_id", "message_id", "reply_to_message_id", "message_thread_id", "user_id", "offset", "limit", "timeout"];
const CHAT_ACTIONS = new Set([
  "typing",
  "upload_photo",
  "record_video",
  "upload_video",
  "record_voice",
  "upload_voice",
  "upload_document",
  "choose_sticker",
  "find_location",
  "record_video_note",
  "upload_video_note",
]);
const MIME_TYPES: Record<string, string> = {
  pdf: "application/pdf",
  txt: "text/plain",
  csv: "text/csv",
  json: "application/json",
  zip: "application/zip",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};
/** sendPhoto: "The photo must be at most 10 MB in size"; Sending files: "50 MB for other files". */
const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
const UPLOAD_MAX_BYTES = 50 * 1024 * 1024;
/** setWebhook, notes: "Ports currently supported for webhooks: 443, 80, 88, 8443." */
const WEBHOOK_PORTS = new Set([443, 80, 88, 8443]);
/** answerCallbackQuery: "Text of the notification ... 0-200 characters". */
const CALLBACK_ANSWER_MAX = 200;
/** InlineKeyboardButton: "callback_data ... 1-64 bytes". */
const CALLBACK_DATA_MAX_BYTES = 64;
const NOT_MODIFIED =
  "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

const fail = (error_code: number, description: string): never => {
  throw new FakeApiException({ error_code, description });
};
const badRequest = (description: string): never => fail(400, `Bad Request: ${description}`);

function asInt(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "string" && /^-?\d+$/.test(value.trim())) return Number(value);
  return undefined;
}
function asString(value: unknown): string | undefined {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : undefined;
}
const asBool = (value: unknown): boolean => value === true || value === "true";
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const isInlineKeyboard = (value: unknown): value is InlineKeyboardMarkup => isObject(value) && Array.isArray(value.inline_keyboard);
const inlineOf = (markup: ReplyMarkup | undefined): InlineKeyboardMarkup | undefined => (isInlineKeyboard(markup) ? markup : undefined);
const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const unixNow = (): number => Math.floor(Date.now() / 1000);
const toUser = (user: FakeUser): User => ({ ...user, is_bot: false });

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

interface ParsedRequest {
  params: Record<string, unknown>;
  files: Record<string, UploadedFile>;
  /** Multipart requests and webhook replies name the method in the body. */
  method?: string;
}

/** Parameters from the query string and a JSON, urlencoded or multipart body. */
function parseParams(contentType: string, body: Buffer, query?: URLSearchParams): ParsedRequest {
  const params: Record<string, unknown> = Object.fromEntries(query ?? []);
  const files: Record<string, UploadedFile> = {};
  const type = contentType.toLowerCase();
  if (body.length > 0 && type.startsWith("application/json")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString("utf8"));
    } catch {
      badRequest("can't parse JSON object");
    }
    if (!isObject(parsed)) badRequest("JSON object expected");
    Object.assign(params, parsed);
  } else if (type.startsWith("application/x-www-form-urlencoded")) {
    Object.assign(params, Object.fromEntries(new URLSearchParams(body.toString("utf8"))));
  } else if (type.startsWith("multipart/form-data")) {
    const boundary = boundaryOf(contentType) ?? badRequest("multipart boundary is missing");
    for (const part of parseMultipart(body, boundary)) {
      if (part.filename === undefined) {
        params[part.name] = part.data.toString("utf8");
        continue;
      }
      files[part.name] = {
        field: part.name,
        fileName: part.filename,
        size: part.data.length,
        bytes: part.data,
        ...(part.contentType !== undefined ? { contentType: part.contentType } : {}),
      };
    }
  }
  for (const key of JSON_FIELDS) {
    const value = params[key];
    if (typeof value !== "string") continue;
    try {
      params[key] = JSON.parse(value);
    } catch {
      badRequest(`can't parse ${key} JSON object`);
    }
  }
  for (const key of ID_FIELDS) {
    const value = params[key];
    if (typeof value === "string" && /^-?\d+$/.test(value)) params[key] = Number(value); // form values are strings
  }
  const method = asString(params.method);
  delete params.method;
  return { params, files, ...(method !== undefined ? { method } : {}) };
}

interface StoredFile extends File {
  file_name?: string;
  mime_type?: string;
  bytes: Buffer;
}

interface PendingPoll {
  finish(outcome: "ready" | "timeout" | "conflict" | "aborted"): void;
}

interface CallWaiter {
  matches(call: RecordedCall): boolean;
  resolve(call: RecordedCall): void;
}

type MediaKind = "document" | "photo" | "voice" | "audio" | "video";

type Handler = (params: Record<string, unknown>, files: Record<string, UploadedFile>, signal: AbortSignal) => unknown;

// ---------------------------------------------------------------------------------------------
// The server

class FakeBotApiServer implements FakeBotApi {
  readonly token: string;
  readonly bot: UserFromGetMe;
  url = "";
  calls: RecordedCall[] = [];
  messages = new Map<number, ChatMessage[]>();
  webhook: WebhookSettings | undefined;
  webhookDeliveries: WebhookDelivery[] = [];
  commands: BotCommand[] = [];
  pendingUpdates: Update[] = [];

  private readonly server = http.createServer((req, res) => void this.onRequest(req, res));
  private readonly strictAmpersand: boolean;
  private readonly botUser: User;
  private readonly handlers: Record<string, Handler>;
  private readonly custom = new Map<string, CustomHandler>();
  private readonly failures = new Map<string, { error: FakeApiError; times: number }[]>();
  private readonly delays = new Map<string, number>();
  private readonly users = new Map<number, FakeUser>();
  private readonly files = new Map<string, StoredFile>();
  private readonly callbackQueries = new Map<string, { answered: boolean; at: number }>();
  private readonly webhookForwards = new Map<string, string>();
  private readonly clock: () => number;
  private readonly callbackQueryTtlMs: number;
  private readonly waiters = new Set<CallWaiter>();
  private readonly outgoing = new Set<http.ClientRequest>();
  private poll: PendingPoll | undefined;
  private delivering: Promise<void> | undefined;
  private lastWebhookError: { date: number; message: string } | undefined;
  private nextUpdateId = 1;
  private nextFileNumber = 1;
  private closed = false;

  constructor(options: FakeBotApiOptions) {
    this.token = options.token ?? "123456789:TEST-fake-bot-token";
    const id = options.botId ?? (Number.parseInt(this.token.split(":")[0] ?? "", 10) || 123456789);
    this.bot = {
      id,
      is_bot: true,
      first_name: options.botFirstName ?? "Test Bot",
      username: options.botUsername ?? "test_bot",
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
    };
    this.botUser = { id, is_bot: true, first_name: this.bot.first_name, username: this.bot.username };
    this.strictAmpersand = options.strictHtmlAmpersand ?? true;
    this.clock = options.clock ?? Date.now;
    this.callbackQueryTtlMs = options.callbackQueryTtlMs ?? 15_000;
    for (const [method, ms] of Object.entries(options.delayMs ?? {})) this.setDelay(method, ms);
    this.handlers = {
      getMe: () => this.bot,
      getUpdates: (p, _f, signal) => this.getUpdates(p, signal),
      setWebhook: (p) => this.setWebhook(p),
      deleteWebhook: (p) => this.deleteWebhook(p),
      getWebhookInfo: () => this.webhookInfo(),
      sendMessage: (p) => this.sendMessage(p),
      editMessageText: (p) => this.editMessageText(p),
      editMessageCaption: (p) => this.editMessageCaption(p),
      editMessageReplyMarkup: (p) => this.editMessageReplyMarkup(p),
      answerCallbackQuery: (p) => this.answerCallbackQuery(p),
      sendDocument: (p, f) => this.sendFile("document", p, f),
      sendPhoto: (p, f) => this.sendFile("photo", p, f),
      sendVoice: (p, f) => this.sendFile("voice", p, f),
      sendAudio: (p, f) => this.sendFile("audio", p, f),
      sendVideo: (p, f) => this.sendFile("video", p, f),
      getFile: (p) => this.getFile(p),
      sendChatAction: (p) => this.sendChatAction(p),
      setMyCommands: (p) => {
        this.commands = Array.isArray(p.commands) ? (p.commands as BotCommand[]) : [];
        return true;
      },
      getMyCommands: () => this.commands,
      deleteMyCommands: () => {
        this.commands = [];
        return true;
      },
      deleteMessage: (p) => this.deleteMessage(p),
      copyMessage: (p) => this.copyMessage(p),
    };
  }

  get isPolling(): boolean {
    return this.poll !== undefined;
  }

  listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, "127.0.0.1", () => {
        const { port: actual } = this.server.address() as AddressInfo;
        this.url = `http://127.0.0.1:${actual}`;
        resolve();
      });
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.poll?.finish("aborted");
    for (const request of this.outgoing) request.destroy();
    const stopped = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await stopped;
    await this.delivering;
  }

  reset(): void {
    this.calls = [];
    this.messages.clear();
    this.webhook = undefined;
    this.webhookDeliveries = [];
    this.lastWebhookError = undefined;
    this.commands = [];
    this.pendingUpdates = [];
    this.users.clear();
    this.files.clear();
    this.callbackQueries.clear();
    this.webhookForwards.clear();
    this.failures.clear();
    this.delays.clear();
  }

  // ----- test controls -------------------------------------------------------------------------

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  waitFor(method: string, predicate: (call: RecordedCall) => boolean = () => true, timeoutMs = 5000): Promise<RecordedCall> {
    const found = this.calls.find((call) => call.method === method && predicate(call));
    return found ? Promise.resolve(found) : this.waitForNext(method, predicate, timeoutMs);
  }

  waitForNext(method: string, predicate: (call: RecordedCall) => boolean = () => true, timeoutMs = 5000): Promise<RecordedCall> {
    return new Promise((resolve, reject) => {
      const waiter: CallWaiter = {
        matches: (call) => call.method === method && predicate(call),
        resolve: (call) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(call);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`fake Bot API: no matching ${method} call within ${timeoutMs} ms. ${this.describeRecentCalls()}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  sentTo(chatId: number): ChatMessage[] {
    // Copies, so a message a test holds on to does not change under it when the bot edits it.
    return (this.messages.get(chatId) ?? []).filter((m) => m.fromBot && !m.deleted).map((m) => ({ ...m }));
  }

  lastSentTo(chatId: number): ChatMessage {
    const last = this.sentTo(chatId).at(-1);
    if (!last) throw new Error(`fake Bot API: the bot has sent nothing to chat ${chatId}. ${this.describeRecentCalls()}`);
    return last;
  }

  failNext(method: string, error: FakeApiError, times = 1): void {
    const queue = this.failures.get(method) ?? [];
    queue.push({ error, times });
    this.failures.set(method, queue);
  }

  setDelay(method: string, ms: number): void {
    if (ms > 0) this.delays.set(method, ms);
    else this.delays.delete(method);
  }

  handle(method: string, handler: CustomHandler): void {
    this.custom.set(method, handler);
  }

  forwardWebhook(publicOrigin: string, localOrigin: string): void {
    this.webhookForwards.set(new URL(publicOrigin).origin, new URL(localOrigin).origin);
  }

  async deliveriesSettled(): Promise<void> {
    while (this.delivering) await this.delivering;
  }

  pushUpdate<U extends NewUpdate>(update: U): U & { update_id: number } {
    const update_id = update.update_id ?? this.nextUpdateId;
    this.nextUpdateId = Math.max(this.nextUpdateId, update_id + 1);
    const full = { ...update, update_id };
    this.pendingUpdates.push(full as Update);
    if (this.webhook) this.startDeliveries();
    else this.poll?.finish("ready");
    return full;
  }

  userSends(user: FakeUser, text: string, extra: Partial<Message.TextMessage> = {}): Update.MessageUpdate<Message.TextMessage> {
    const command = /^\/[A-Za-z0-9_]{1,64}(@[A-Za-z0-9_]{3,32})?/.exec(text)?.[0];
    const entities: MessageEntity[] = command ? [{ type: "bot_command", offset: 0, length: command.length }] : [];
    const record = this.storeUserMessage(user, { text, rawText: text, entities }, extra.chat?.id);
    const message = { ...(record.message as Message.TextMessage), ...extra, from: toUser(user) };
    return this.pushUpdate({ message: message as Update.MessageUpdate<Message.TextMessage>["message"] });
  }

  userReplies(user: FakeUser, replyToMessageId: number, text: string): Update.MessageUpdate<Message.TextMessage> {
    if (!this.findMessage(user.id, replyToMessageId)) {
      throw new Error(`fake Bot API: chat ${user.id} has no message ${replyToMessageId} to reply to`);
    }
    const record = this.storeUserMessage(user, { text, rawText: text, reply_to_message_id: replyToMessageId });
    return this.pushUpdate({ message: record.message as Update.MessageUpdate<Message.TextMessage>["message"] });
  }

  userPresses(user: FakeUser, ref: MessageRef, callbackData: string): Update.CallbackQueryUpdate<CallbackQuery.DataQuery> {
    const messageId = typeof ref === "number" ? ref : ref.message_id;
    const chatId = typeof ref === "number" ? user.id : (ref.chat?.id ?? ref.chat_id ?? user.id);
    const record = this.findMessage(chatId, messageId);
    if (!record || record.deleted) throw new Error(`fake Bot API: chat ${chatId} has no message ${messageId}`);
    const buttons = inlineOf(record.reply_markup)?.inline_keyboard.flat() ?? [];
    if (!buttons.some((b) => "callback_data" in b && b.callback_data === callbackData)) {
      const offered = buttons.map((b) => ("callback_data" in b ? JSON.stringify(b.callback_data) : `(${b.text})`));
      throw new Error(
        `fake Bot API: message ${messageId} in chat ${chatId} has no button with callback_data ${JSON.stringify(callbackData)}; ` +
          `its buttons: ${offered.join(", ") || "none"}`,
      );
    }
    this.users.set(user.id, user);
    const id = `${user.id}${String(this.nextUpdateId).padStart(6, "0")}`;
    this.callbackQueries.set(id, { answered: false, at: this.clock() });
    return this.pushUpdate({
      callback_query: {
        id,
        from: toUser(user),
        message: record.message,
        chat_instance: String(-Math.abs(chatId * 7919 + this.bot.id)),
        data: callbackData,
      },
    });
  }

  userPressesUnchecked(user: FakeUser, press: { id: string; data: string; message?: unknown }): Update.CallbackQueryUpdate<CallbackQuery.DataQuery> {
    const query = { id: press.id, from: toUser(user), chat_instance: "1", data: press.data, ...(press.message ? { message: press.message } : {}) };
    return this.pushUpdate({ callback_query: query } as Update.CallbackQueryUpdate<CallbackQuery.DataQuery>);
  }

  userSendsDocument(user: FakeUser, doc: SendsDocument): Update.MessageUpdate<Message.DocumentMessage> {
    const bytes = typeof doc.bytes === "string" ? Buffer.from(doc.bytes) : doc.bytes;
    const document = this.documentOf(this.storeFile("documents", bytes, doc.fileName, doc.mimeType));
    const record = this.storeUserMessage(user, {
      document,
      ...(doc.caption !== undefined ? { caption: doc.caption } : {}),
      ...(doc.replyTo !== undefined ? { reply_to_message_id: doc.replyTo } : {}),
    });
    return this.pushUpdate({ message: record.message as Update.MessageUpdate<Message.DocumentMessage>["message"] });
  }

  userSendsVoice(user: FakeUser, voice: SendsVoice): Update.MessageUpdate<Message.VoiceMessage> {
    const file = this.storeFile("documents", voice.bytes, undefined, "audio/ogg");
    const record = this.storeUserMessage(user, {
      voice: this.voiceOf(file, voice.duration),
      ...(voice.caption !== undefined ? { caption: voice.caption } : {}),
    });
    return this.pushUpdate({ message: record.message as Update.MessageUpdate<Message.VoiceMessage>["message"] });
  }

  userSendsPhoto(user: FakeUser, photo: SendsPhoto): Update.MessageUpdate<Message.PhotoMessage> {
    const sizes = this.photoOf(this.storeFile("photos", photo.bytes, undefined, "image/jpeg"), photo.width, photo.height);
    const record = this.storeUserMessage(user, { photo: sizes, ...(photo.caption !== undefined ? { caption: photo.caption } : {}) });
    return this.pushUpdate({ message: record.message as Update.MessageUpdate<Message.PhotoMessage>["message"] });
  }

  // ----- HTTP ----------------------------------------------------------------------------------

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const abort = new AbortController();
    res.on("close", () => abort.abort());
    try {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
      if (download && (req.method === "GET" || req.method === "HEAD")) {
        return this.serveFile(res, download[1] ?? "", decodeURIComponent(download[2] ?? ""));
      }
      const route = /^\/bot([^/]+)\/(?:test\/)?([A-Za-z_]+)$/.exec(url.pathname);
      if (!route || (req.method !== "GET" && req.method !== "POST")) {
        return this.respond(res, { ok: false, error_code: 404, description: "Not Found" });
      }
      if (route[1] !== this.token) return this.respond(res, { ok: false, error_code: 401, description: "Unauthorized" });
      const at = Date.now();
      let parsed: ParsedRequest;
      try {
        parsed = parseParams(req.headers["content-type"] ?? "", await readBody(req), url.searchParams);
      } catch (error) {
        const failure = error instanceof FakeApiException ? error.error : { error_code: 400, description: `Bad Request: ${String(error)}` };
        return this.respond(res, { ok: false, ...failure });
      }
      const outcome = await this.call(route[2] ?? "", parsed, at, abort.signal);
      this.respond(res, outcome.error ? { ok: false, ...outcome.error } : { ok: true, result: outcome.result });
    } catch (error) {
      this.respond(res, { ok: false, error_code: 500, description: `Internal Server Error: ${String(error)}` });
    }
  }

  private respond(res: http.ServerResponse, body: { ok: true; result: unknown } | ({ ok: false } & FakeApiError)): void {
    if (res.writableEnded || res.destroyed) return;
    const status = body.ok ? 200 : body.error_code;
    // telegraf reports a 5xx by its status text, so carry the description there.
    const reason = !body.ok && status >= 500 && /^[\x20-\x7e]*$/.test(body.description) ? body.description : undefined;
    res.writeHead(status, reason, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  }

  private serveFile(res: http.ServerResponse, token: string, path: string): void {
    const file = token === this.token ? [...this.files.values()].find((f) => f.file_path === path) : undefined;
    if (!file) {
      this.respond(res, { ok: false, error_code: 404, description: "Not Found" });
      return;
    }
    res.writeHead(200, { "content-type": file.mime_type ?? "application/octet-stream", "content-length": file.bytes.length });
    res.end(file.bytes);
  }

  /** Runs one API method: delay, injected failure, handler; then records the call. */
  private async call(name: string, request: ParsedRequest, at: number, signal: AbortSignal, viaWebhookReply = false) {
    const known = [...this.custom.keys(), ...Object.keys(this.handlers)];
    const method = known.find((m) => m.toLowerCase() === name.toLowerCase()) ?? name; // names are case-insensitive
    const delay = this.delays.get(method);
    if (delay) await sleep(delay, signal);

    let result: unknown;
    let error: FakeApiError | undefined = this.takeFailure(method);
    if (!error) {
      try {
        const custom = this.custom.get(method);
        const handler = this.handlers[method];
        if (custom) result = await custom(request.params, request.files);
        else if (handler) result = await handler(request.params, request.files, signal);
        else fail(404, "Not Found: method not found");
      } catch (thrown) {
        if (!(thrown instanceof FakeApiException)) throw thrown;
        error = thrown.error;
      }
    }
    const call: RecordedCall = {
      method,
      params: request.params,
      files: request.files,
      at,
      failed: error !== undefined,
      ...(error ? { error } : { result }),
      ...(viaWebhookReply ? { viaWebhookReply: true as const } : {}),
      ...(signal.aborted ? { aborted: true as const } : {}),
    };
    this.calls.push(call);
    for (const waiter of [...this.waiters]) if (waiter.matches(call)) waiter.resolve(call);
    return { result, error };
  }

  private takeFailure(method: string): FakeApiError | undefined {
    const queue = this.failures.get(method);
    const next = queue?.[0];
    if (!queue || !next) return undefined;
    if (--next.times <= 0) queue.shift();
    return next.error;
  }

  private describeRecentCalls(): string {
    const recent = this.calls.slice(-10).map((call) => {
      const params = JSON.stringify(call.params);
      const outcome = call.error ? `${call.error.error_code} ${call.error.description}` : "ok";
      return `  ${call.method} ${params.length > 160 ? `${params.slice(0, 160)}…` : params} -> ${outcome}`;
    });
    return recent.length ? `Recent calls (${this.calls.length} in all):\n${recent.join("\n")}` : "No calls were made.";
  }

  // ----- updates: long polling and webhooks -----------------------------------------------------

  private async getUpdates(params: Record<string, unknown>, signal: AbortSignal): Promise<Update[]> {
    if (this.webhook) {
      fail(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    }
    // Like Telegram, a new getUpdates ends one still held open.
    this.poll?.finish("conflict");
    const offset = asInt(params.offset) ?? 0;
    if (offset > 0) this.pendingUpdates = this.pendingUpdates.filter((u) => u.update_id >= offset);
    if (offset < 0) this.pendingUpdates = this.pendingUpdates.slice(offset);
    const limit = Math.min(100, Math.max(1, asInt(params.limit) ?? 100));
    const timeout = Math.max(0, asInt(params.timeout) ?? 0);

    if (this.pendingUpdates.length === 0 && timeout > 0 && !signal.aborted) {
      const outcome = await new Promise<string>((resolve) => {
        const timer = setTimeout(() => poll.finish("timeout"), timeout * 1000);
        const poll: PendingPoll = {
          finish: (result) => {
            clearTimeout(timer);
            if (this.poll === poll) this.poll = undefined;
            resolve(result);
          },
        };
        signal.addEventListener("abort", () => poll.finish("aborted"), { once: true });
        this.poll = poll;
      });
      if (outcome === "conflict") {
        fail(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running");
      }
    }
    return this.pendingUpdates.slice(0, limit);
  }

  private setWebhook(params: Record<string, unknown>): true {
    const url = asString(params.url) ?? "";
    if (url === "") return this.deleteWebhook(params);
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      badRequest("bad webhook: invalid webhook URL specified");
    }
    if (parsed?.protocol !== "https:") badRequest("bad webhook: An HTTPS URL must be provided for webhook");
    if (!WEBHOOK_PORTS.has(Number(parsed?.port || 443))) badRequest("bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443");
    const secret = asString(params.secret_token);
    if (secret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secret)) {
      badRequest("bad webhook: secret token contains unallowed characters");
    }
    if (asBool(params.drop_pending_updates)) this.pendingUpdates = [];
    const maxConnections = asInt(params.max_connections);
    this.webhook = {
      url,
      ...(secret !== undefined ? { secret_token: secret } : {}),
      ...(maxConnections !== undefined ? { max_connections: maxConnections } : {}),
      ...(Array.isArray(params.allowed_updates) ? { allowed_updates: params.allowed_updates.map(String) } : {}),
    };
    this.lastWebhookError = undefined;
    this.poll?.finish("conflict");
    this.startDeliveries();
    return true;
  }

  private deleteWebhook(params: Record<string, unknown>): true {
    this.webhook = undefined;
    if (asBool(params.drop_pending_updates)) this.pendingUpdates = [];
    return true;
  }

  private webhookInfo(): WebhookInfo {
    return {
      url: this.webhook?.url ?? "",
      has_custom_certificate: false,
      pending_update_count: this.pendingUpdates.length,
      ...(this.webhook?.max_connections !== undefined ? { max_connections: this.webhook.max_connections } : {}),
      ...(this.webhook?.allowed_updates ? { allowed_updates: this.webhook.allowed_updates } : {}),
      ...(this.lastWebhookError ? { last_error_date: this.lastWebhookError.date, last_error_message: this.lastWebhookError.message } : {}),
    };
  }

  private startDeliveries(): void {
    if (this.delivering || !this.webhook || this.pendingUpdates.length === 0) return;
    this.delivering = this.deliverPending().finally(() => {
      this.delivering = undefined;
      if (!this.closed) this.startDeliveries(); // updates pushed while the last one was finishing
    });
  }

  /** Posts queued updates to the webhook one at a time, in order. A failed delivery is dropped. */
  private async deliverPending(): Promise<void> {
    for (let update = this.pendingUpdates[0]; update && this.webhook && !this.closed; update = this.pendingUpdates[0]) {
      const hook = this.webhook;
      this.pendingUpdates.shift();
      const answer = await this.post(hook, update);
      const delivery: WebhookDelivery = { update_id: update.update_id, url: hook.url, at: Date.now() };
      if (answer.status !== undefined) delivery.status = answer.status;
      if (answer.error !== undefined) delivery.error = answer.error;
      this.webhookDeliveries.push(delivery);
      const ok = answer.status !== undefined && answer.status >= 200 && answer.status < 300;
      if (!ok) {
        this.lastWebhookError = { date: unixNow(), message: answer.error ?? `Wrong response from the webhook: ${answer.status}` };
        continue;
      }
      // telegraf may answer the update with a method call in the response body (webhookReply).
      let reply: ParsedRequest | undefined;
      try {
        reply = parseParams(answer.contentType, answer.body);
      } catch {
        // Telegram ignores a body it cannot read.
      }
      if (reply?.method) await this.call(reply.method, reply, Date.now(), new AbortController().signal, true);
    }
  }

  private post(hook: WebhookSettings, update: Update): Promise<{ status?: number; error?: string; body: Buffer; contentType: string }> {
    const payload = Buffer.from(JSON.stringify(update));
    const registered = new URL(hook.url);
    const local = this.webhookForwards.get(registered.origin);
    if (!local) return Promise.resolve({ error: "Failed to resolve host: Name or service not known", body: Buffer.alloc(0), contentType: "" });
    const target = `${local}${registered.pathname}${registered.search}`;
    return new Promise((resolve) => {
      const request = http.request(target, {
        method: "POST",
        agent: false,
        timeout: 10_000,
        headers: {
          "content-type": "application/json",
          "content-length": payload.length,
          ...(hook.secret_token !== undefined ? { "X-Telegram-Bot-Api-Secret-Token": hook.secret_token } : {}),
        },
      });
      this.outgoing.add(request);
      const done = (answer: { status?: number; error?: string; body?: Buffer; contentType?: string }) => {
        this.outgoing.delete(request);
        resolve({ body: Buffer.alloc(0), contentType: "", ...answer });
      };
      request.on("timeout", () => request.destroy(new Error("Read timeout expired")));
      request.on("error", (error) => done({ error: error.message }));
      request.on("response", (response) => {
        readBody(response).then(
          (body) => done({ status: response.statusCode ?? 0, body, contentType: response.headers["content-type"] ?? "" }),
          (error: Error) => done({ status: response.statusCode ?? 0, error: error.message }),
        );
      });
      request.end(payload);
    });
  }

  // ----- messages ------------------------------------------------------------------------------

  private chatIdOf(params: Record<string, unknown>, key = "chat_id"): number {
    const raw = params[key];
    const id = asInt(raw);
    if (id !== undefined) return id;
    const name = asString(raw);
    if (!name) return badRequest(`${key} is empty`);
    const user = [...this.users.values()].find((u) => u.username && `@${u.username}` === name);
    return user?.id ?? badRequest("chat not found");
  }

  private chatOf(id: number): Exclude<Chat, Chat.ChannelChat> {
    if (id < 0) {
      return id < -1_000_000_000_000 ? { id, type: "supergroup", title: `Chat ${id}` } : { id, type: "group", title: `Group ${id}` };
    }
    const user = this.users.get(id);
    return {
      id,
      type: "private",
      first_name: user?.first_name ?? `User ${id}`,
      ...(user?.last_name !== undefined ? { last_name: user.last_name } : {}),
      ...(user?.username !== undefined ? { username: user.username } : {}),
    };
  }

  private findMessage(chatId: number, messageId: number | undefined): ChatMessage | undefined {
    return this.messages.get(chatId)?.find((m) => m.message_id === messageId);
  }

  private storeMessage(chatId: number, sender: User, content: Partial<ChatMessage>): ChatMessage {
    const chat = this.messages.get(chatId) ?? [];
    this.messages.set(chatId, chat);
    const record = {
      ...content,
      chat_id: chatId,
      message_id: (chat.at(-1)?.message_id ?? 0) + 1,
      fromBot: sender.id === this.bot.id,
      sender,
      date: unixNow(),
      deleted: false,
    } as ChatMessage;
    chat.push(record);
    return this.refresh(record);
  }

  private storeUserMessage(user: FakeUser, content: Partial<ChatMessage>, chatId = user.id): ChatMessage {
    this.users.set(user.id, user);
    return this.storeMessage(chatId, toUser(user), content);
  }

  /** Rebuilds `record.message`, the Bot API object, after a change. */
  private refresh(record: ChatMessage): ChatMessage {
    record.message = this.render(record, true);
    return record;
  }

  private render(record: ChatMessage, withReply: boolean): FakeMessage {
    const inline = inlineOf(record.reply_markup);
    const replied = withReply ? this.findMessage(record.chat_id, record.reply_to_message_id) : undefined;
    const base: Message.CommonMessage = {
      message_id: record.message_id,
      date: record.date,
      chat: this.chatOf(record.chat_id),
      from: record.sender,
      ...(record.edit_date !== undefined ? { edit_date: record.edit_date } : {}),
      ...(inline ? { reply_markup: inline } : {}),
      ...(replied && !replied.deleted ? { reply_to_message: { ...this.render(replied, false), reply_to_message: undefined } } : {}),
    };
    const caption =
      record.caption !== undefined
        ? { caption: record.caption, ...(record.caption_entities?.length ? { caption_entities: record.caption_entities } : {}) }
        : {};
    if (record.document) return { ...base, ...caption, document: record.document };
    if (record.photo) return { ...base, ...caption, photo: record.photo };
    if (record.voice) return { ...base, ...caption, voice: record.voice };
    if (record.audio) return { ...base, ...caption, audio: record.audio };
    if (record.video) return { ...base, ...caption, video: record.video };
    return { ...base, text: record.text ?? "", ...(record.entities?.length ? { entities: record.entities } : {}) };
  }

  /** Applies parse_mode and Telegram's limits to a text or caption. */
  private format(raw: unknown, parseMode: unknown, kind: "text" | "caption"): { text: string; entities: MessageEntity[] } {
    const source = asString(raw) ?? "";
    const mode = asString(parseMode)?.toLowerCase() ?? "";
    let parsed = { text: source, entities: [] as MessageEntity[] };
    if (mode === "html") {
      try {
        parsed = parseTelegramHtml(source, { strictAmpersand: this.strictAmpersand });
      } catch (error) {
        if (error instanceof HtmlParseError) badRequest(`can't parse entities: ${error.message}`);
        throw error;
      }
    } else if (mode !== "" && mode !== "markdown" && mode !== "markdownv2") {
      badRequest(`unsupported parse_mode`);
    }
    if (kind === "text" && parsed.text.trim() === "") badRequest("message text is empty");
    if (kind === "text" && parsed.text.length > 4096) badRequest("message is too long");
    if (kind === "caption" && parsed.text.length > 1024) badRequest("message caption is too long");
    return parsed;
  }

  private markupOf(params: Record<string, unknown>): ReplyMarkup | undefined {
    const markup = params.reply_markup;
    if (markup === undefined) return undefined;
    if (!isObject(markup)) return badRequest("can't parse reply keyboard markup JSON object");
    if (isInlineKeyboard(markup)) {
      for (const button of markup.inline_keyboard.flat() as unknown as Record<string, unknown>[]) {
        const data = button.callback_data;
        if (data === undefined) continue;
        const bytes = typeof data === "string" ? Buffer.byteLength(data, "utf8") : 0;
        if (bytes < 1 || bytes > CALLBACK_DATA_MAX_BYTES) badRequest("BUTTON_DATA_INVALID");
      }
    }
    return markup as unknown as ReplyMarkup;
  }

  private replyTarget(chatId: number, params: Record<string, unknown>): { reply_to_message_id?: number } {
    const parameters = isObject(params.reply_parameters) ? params.reply_parameters : {};
    const id = asInt(parameters.message_id) ?? asInt(params.reply_to_message_id);
    if (id === undefined) return {};
    const target = this.findMessage(chatId, id);
    if (target && !target.deleted) return { reply_to_message_id: id };
    if (asBool(parameters.allow_sending_without_reply) || asBool(params.allow_sending_without_reply)) return {};
    return badRequest("message to be replied not found");
  }

  private sendMessage(params: Record<string, unknown>): FakeMessage {
    const chatId = this.chatIdOf(params);
    const { text, entities } = this.format(params.text, params.parse_mode, "text");
    const markup = this.markupOf(params);
    const record = this.storeMessage(chatId, this.botUser, {
      text,
      rawText: asString(params.text) ?? "",
      entities,
      ...(asString(params.parse_mode) !== undefined ? { parse_mode: asString(params.parse_mode) } : {}),
      ...(markup ? { reply_markup: markup } : {}),
      ...this.replyTarget(chatId, params),
    });
    return record.message;
  }

  private editableMessage(params: Record<string, unknown>): ChatMessage {
    if (params.inline_message_id !== undefined) badRequest("message to edit not found");
    const record = this.findMessage(this.chatIdOf(params), asInt(params.message_id));
    if (!record || record.deleted) return badRequest("message to edit not found");
    if (!record.fromBot) badRequest("message can't be edited");
    return record;
  }

  private editMessageText(params: Record<string, unknown>): FakeMessage {
    const record = this.editableMessage(params);
    if (record.text === undefined) badRequest("there is no text in the message to edit");
    const { text, entities } = this.format(params.text, params.parse_mode, "text");
    const markup = inlineOf(this.markupOf(params));
    if (text === record.text && sameJson(entities, record.entities ?? []) && sameJson(markup, inlineOf(record.reply_markup))) {
      badRequest(NOT_MODIFIED);
    }
    Object.assign(record, { text, entities, rawText: asString(params.text), parse_mode: asString(params.parse_mode) });
    record.reply_markup = markup;
    record.edit_date = unixNow();
    return this.refresh(record).message;
  }

  private editMessageCaption(params: Record<string, unknown>): FakeMessage {
    const record = this.editableMessage(params);
    if (record.text !== undefined) badRequest("there is no caption in the message to edit");
    const { text, entities } = this.format(params.caption ?? "", params.parse_mode, "caption");
    const markup = inlineOf(this.markupOf(params));
    if (text === (record.caption ?? "") && sameJson(entities, record.caption_entities ?? []) && sameJson(markup, inlineOf(record.reply_markup))) {
      badRequest(NOT_MODIFIED);
    }
    if (text === "") {
      delete record.caption;
      delete record.caption_entities;
    } else Object.assign(record, { caption: text, caption_entities: entities });
    record.reply_markup = markup;
    record.edit_date = unixNow();
    return this.refresh(record).message;
  }

  private editMessageReplyMarkup(params: Record<string, unknown>): FakeMessage {
    const record = this.editableMessage(params);
    const markup = inlineOf(this.markupOf(params));
    if (sameJson(markup, inlineOf(record.reply_markup))) badRequest(NOT_MODIFIED);
    record.reply_markup = markup;
    record.edit_date = unixNow();
    return this.refresh(record).message;
  }

  private deleteMessage(params: Record<string, unknown>): true {
    const record = this.findMessage(this.chatIdOf(params), asInt(params.message_id));
    if (!record || record.deleted) badRequest("message to delete not found");
    else record.deleted = true;
    return true;
  }

  private copyMessage(params: Record<string, unknown>): MessageId {
    const source = this.findMessage(this.chatIdOf(params, "from_chat_id"), asInt(params.message_id));
    if (!source || source.deleted) return badRequest("message to copy not found");
    const chatId = this.chatIdOf(params);
    const markup = this.markupOf(params);
    const caption = params.caption !== undefined ? this.format(params.caption, params.parse_mode, "caption") : undefined;
    const { text, rawText, entities, document, photo } = source;
    const record = this.storeMessage(chatId, this.botUser, {
      ...(text !== undefined ? { text, rawText, entities } : {}),
      ...(document ? { document } : {}),
      ...(photo ? { photo } : {}),
      ...(caption ? { caption: caption.text, caption_entities: caption.entities } : source.caption !== undefined ? { caption: source.caption } : {}),
      ...(markup ? { reply_markup: markup } : {}),
      ...this.replyTarget(chatId, params),
    });
    return { message_id: record.message_id };
  }

  private answerCallbackQuery(params: Record<string, unknown>): true {
    const query = this.callbackQueries.get(asString(params.callback_query_id) ?? "");
    if (!query || query.answered || this.clock() - query.at > this.callbackQueryTtlMs) {
      return badRequest("query is too old and response timeout expired or query ID is invalid");
    }
    if ((asString(params.text) ?? "").length > CALLBACK_ANSWER_MAX) badRequest("MESSAGE_TOO_LONG");
    query.answered = true;
    return true;
  }

  private sendChatAction(params: Record<string, unknown>): true {
    this.chatIdOf(params);
    if (!CHAT_ACTIONS.has(asString(params.action) ?? "")) badRequest("wrong parameter action in request");
    return true;
  }

  // ----- files ---------------------------------------------------------------------------------

  private storeFile(folder: "documents" | "photos", bytes: Buffer, fileName?: string, mimeType?: string): StoredFile {
    const n = this.nextFileNumber++;
    const extension = fileName?.match(/\.([A-Za-z0-9]+)$/)?.[1]?.toLowerCase() ?? (folder === "photos" ? "jpg" : "dat");
    const mime = mimeType ?? MIME_TYPES[extension];
    const file: StoredFile = {
      file_id: `${folder === "photos" ? "AgAC" : "BQAC"}fake${String(n).padStart(4, "0")}${this.bot.id}`,
      file_unique_id: `AQADfake${n}`,
      file_size: bytes.length,
      file_path: `${folder}/file_${n}.${extension}`,
      bytes,
      ...(fileName !== undefined ? { file_name: fileName } : {}),
      ...(mime !== undefined ? { mime_type: mime } : {}),
    };
    this.files.set(file.file_id, file);
    return file;
  }

  private documentOf(file: StoredFile): Document {
    const { file_id, file_unique_id, file_name, mime_type, file_size } = file;
    return { file_id, file_unique_id, file_size: file_size ?? 0, ...(file_name ? { file_name } : {}), ...(mime_type ? { mime_type } : {}) };
  }

  private photoOf(file: StoredFile, width = 800, height = 600): PhotoSize[] {
    return [{ file_id: file.file_id, file_unique_id: file.file_unique_id, file_size: file.bytes.length, width, height }];
  }

  private voiceOf(file: StoredFile, duration = 3): Voice {
    return { file_id: file.file_id, file_unique_id: file.file_unique_id, file_size: file.bytes.length, duration, mime_type: "audio/ogg" };
  }

  /** sendDocument, sendPhoto, sendVoice, sendAudio and sendVideo: an upload, a known file_id, or a URL (stored empty). */
  private sendFile(kind: MediaKind, params: Record<string, unknown>, uploads: Record<string, UploadedFile>): FakeMessage {
    const chatId = this.chatIdOf(params);
    const folder = kind === "photo" ? "photos" : "documents";
    const upload = uploads[kind];
    // Telegram's front end refuses a body over the upload limit before the method runs.
    if (upload && upload.size > UPLOAD_MAX_BYTES) fail(413, "Request Entity Too Large");
    // The MTProto error a photo over 10 MB gets (zhukov/webogram#1011); the Bot API says "at most 10 MB".
    if (kind === "photo" && upload && upload.size > PHOTO_MAX_BYTES) badRequest("PHOTO_SAVE_FILE_INVALID");
    const reference = asString(params[kind]);
    let file: StoredFile;
    if (upload) {
      file = this.storeFile(folder, upload.bytes, kind === "document" || kind === "audio" ? upload.fileName : undefined, upload.contentType);
    } else if (reference !== undefined && this.files.has(reference)) {
      file = this.files.get(reference) as StoredFile;
    } else if (reference !== undefined && /^https?:\/\//.test(reference)) {
      file = this.storeFile(folder, Buffer.alloc(0), decodeURIComponent(new URL(reference).pathname.split("/").pop() ?? ""));
    } else {
      return badRequest(reference === undefined ? `there is no ${kind} in the request` : "wrong file identifier/HTTP URL specified");
    }
    const caption = params.caption !== undefined ? this.format(params.caption, params.parse_mode, "caption") : undefined;
    const markup = this.markupOf(params);
    const record = this.storeMessage(chatId, this.botUser, {
      ...this.mediaOf(kind, file),
      ...(caption ? { caption: caption.text, caption_entities: caption.entities } : {}),
      ...(markup ? { reply_markup: markup } : {}),
      ...this.replyTarget(chatId, params),
    });
    return record.message;
  }

  private mediaOf(kind: MediaKind, file: StoredFile): Partial<ChatMessage> {
    const { file_id, file_unique_id } = file;
    const size = file.bytes.length;
    switch (kind) {
      case "photo":
        return { photo: this.photoOf(file) };
      case "voice":
        return { voice: this.voiceOf(file) };
      case "audio":
        return { audio: { file_id, file_unique_id, file_size: size, duration: 3, ...(file.file_name ? { file_name: file.file_name } : {}) } };
      case "video":
        return { video: { file_id, file_unique_id, file_size: size, duration: 3, width: 640, height: 360 } };
      default:
        return { document: this.documentOf(file) };
    }
  }

  private getFile(params: Record<string, unknown>): File {
    const file = this.files.get(asString(params.file_id) ?? "");
    if (!file) return badRequest("invalid file_id");
    if (file.bytes.length > 20 * 1024 * 1024) badRequest("file is too big");
    const { file_id, file_unique_id, file_size, file_path } = file;
    return { file_id, file_unique_id, file_size, file_path };
  }
}
