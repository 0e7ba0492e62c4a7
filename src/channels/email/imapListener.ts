// Reads new mail from one IMAP mailbox as it arrives (IDLE) and hands each raw message to a callback, in
// UID order, exactly once per cursor: the cursor store says how far we got, so reconnects and restarts
// neither skip nor repeat mail. A crash between the callback and the cursor save repeats that one
// message, so the callback should be idempotent on the Message-ID (the inbound dedupe table is).
// Without a cursor (first run) the mailbox's unseen messages are handled. After a UIDVALIDITY change (the mailbox
// was recreated or restored) the old UIDs mean nothing, so the cursor starts again and the unseen messages are
// read again, the \Seen ones (handled before) skipped, and onUidValidityChange tells someone; the handler's
// dedupe on Message-ID keeps a message that lost its \Seen flag in the restore from being answered twice.
// It signs in with a password, or with an OAuth access token (SASL XOAUTH2) from a token source: a fresh one per
// connection, renewed when the server refuses it.
import { ImapFlow, type MailboxObject } from "imapflow";
import type { Logger } from "../../logger.ts";
import { imapSettingsSchema, type ImapSettings } from "./emailSettings.ts";
import type { MailCursor, MailCursorStore } from "./mailCursorStore.ts";
import { MailOAuthRefused, type MailTokenSource } from "./mailOAuth.ts";
import { reconnectDelay } from "./reconnectDelay.ts";

/** How long stop() waits for the message in hand before closing the connection under it. */
const STOP_WAIT_MS = 30_000;

/** Where a message came from; enough to build a stable id when it has no Message-ID. */
export interface MailMeta {
  uid: number;
  uidValidity: string;
  mailbox: string;
  /** The message size on the server, in bytes. */
  size: number;
  /** When the server received it (IMAP INTERNALDATE). */
  internalDate?: Date;
  /** The message was larger than maxMessageBytes: `raw` holds only its header. */
  truncated: boolean;
}

/** Connection, cursor store, callback and the knobs for reconnects, retries and size. */
export interface ImapListenerOptions {
  imap: ImapSettings;
  cursorStore: MailCursorStore;
  /** Called once per new message, awaited, in UID order. Throwing retries it (with backoff), up to maxHandlerAttempts. */
  onMail(raw: Buffer, meta: MailMeta): Promise<void>;
  logger: Logger;
  reconnect?: { initialDelayMs?: number; maxDelayMs?: number };
  /** Tries per message before it is skipped (left unseen for a person to look at). Default 5. */
  maxHandlerAttempts?: number;
  /** Messages above this many bytes are not downloaded; the callback gets their header only. Default 40 MB. */
  maxMessageBytes?: number;
  /** A catch-up runs this often even without an IDLE notice (a missed notice costs at most this). Default 2 min. */
  pollIntervalMs?: number;
  /** Idle after this many ms without commands. Short, so new mail is noticed quickly. Default 1000. */
  autoIdleDelayMs?: number;
  /** TLS options for a server with a private CA (e.g. { rejectUnauthorized: false } on a test host only). */
  tls?: { rejectUnauthorized?: boolean; servername?: string };
  /** Sign in with OAuth access tokens (SASL XOAUTH2) instead of imap.password. */
  tokens?: MailTokenSource;
  /** The mailbox's UIDVALIDITY changed since the cursor was saved: its unseen mail is read again; tell the admin. */
  onUidValidityChange?(change: UidValidityChange): void | Promise<void>;
  /** The server or the token endpoint refused the sign-in (wrong password, revoked grant): a person must act. Retried meanwhile. */
  onSignInRefused?(why: string): void | Promise<void>;
}

/** What a UIDVALIDITY change found. */
export interface UidValidityChange {
  mailbox: string;
  previous: string;
  current: string;
  /** Messages in the mailbox now; the unseen among them are read again. */
  exists: number;
}

/** A running listener; start() returns at once (connecting goes on in the background), stop() waits for the message in hand. */
export interface ImapListener {
  start(): void;
  stop(): Promise<void>;
  /** Connected, mailbox open and caught up at least once since the last (re)connect. */
  readonly connected: boolean;
  /** Waiting in IMAP IDLE for new mail (for health checks and tests). */
  readonly idling: boolean;
}

/** Creates an IMAP listener; see MailMeta and ImapListenerOptions. */
export function createImapListener(options: ImapListenerOptions): ImapListener {
  const imap = imapSettingsSchema.parse(options.imap);
  if (!imap.password && !options.tokens) throw new Error("the IMAP listener needs a password or an OAuth token source");
  const mailbox = imap.mailbox;
  const log = options.logger.child({ module: "email.imap", mailbox });
  const maxAttempts = options.maxHandlerAttempts ?? 5;
  const maxMessageBytes = options.maxMessageBytes ?? 40 * 1024 * 1024;
  const pollIntervalMs = options.pollIntervalMs ?? 120_000;
  const backoff = { initialMs: options.reconnect?.initialDelayMs ?? 1_000, maxMs: options.reconnect?.maxDelayMs ?? 60_000 };

  let stopped = true;
  let loop: Promise<void> | undefined;
  let client: ImapFlow | undefined;
  let wakeSleep: (() => void) | undefined;
  let connected = false;

  // Per session: where we are, and the serialised catch-up.
  let cursor: MailCursor | undefined;
  /** On the very first run (no cursor yet), messages up to this UID that are already \Seen were read by someone else. */
  let firstRunUpTo = 0;
  let draining: Promise<void> | undefined;
  let drainAgain = false;
  /** The server refused the last access token: ask the token endpoint for a new one before the next sign-in. */
  let renewToken = false;

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeSleep = undefined;
        resolve();
      }
      wakeSleep = done;
    });
  }

  function errorFields(err: unknown): Record<string, unknown> {
    const e = err as { name?: string; code?: string; serverResponseCode?: string; message?: string };
    return { err: { name: e?.name, code: e?.code, serverResponseCode: e?.serverResponseCode, message: e?.message } };
  }

  async function openCursor(box: MailboxObject): Promise<MailCursor> {
    const uidValidity = box.uidValidity.toString();
    const stored = await options.cursorStore.load(mailbox);
    const current = Math.max(0, box.uidNext - 1);
    if (!stored) {
      firstRunUpTo = current;
      const fresh = { uidValidity, lastUid: 0 };
      await options.cursorStore.save(mailbox, fresh);
      log.info({ exists: box.exists }, "no mail cursor yet: handling the mailbox's unseen messages, then new mail");
      return fresh;
    }
    firstRunUpTo = 0;
    if (stored.uidValidity !== uidValidity) {
      // Read again from the start; what was handled before is \Seen (or, restored without flags, a duplicate the handler drops).
      firstRunUpTo = current;
      const restart = { uidValidity, lastUid: 0 };
      await options.cursorStore.save(mailbox, restart);
      log.warn(
        { storedUidValidity: stored.uidValidity, uidValidity, exists: box.exists },
        "mailbox UIDVALIDITY changed (mailbox recreated or restored): old UIDs are meaningless, so its unseen messages are read again",
      );
      try {
        await options.onUidValidityChange?.({ mailbox, previous: stored.uidValidity, current: uidValidity, exists: box.exists });
      } catch (err) {
        log.warn(errorFields(err), "telling about the UIDVALIDITY change failed");
      }
      return restart;
    }
    return stored;
  }

  type Outcome = "handled" | "gave_up" | "stopped";

  async function handle(raw: Buffer, meta: MailMeta): Promise<Outcome> {
    for (let attempt = 1; ; attempt++) {
      try {
        await options.onMail(raw, meta);
        return "handled";
      } catch (err) {
        const e = err as { name?: string; code?: string };
        if (attempt >= maxAttempts) {
          log.error(
            { uid: meta.uid, attempts: attempt, err: { name: e?.name, code: e?.code } },
            "the mail handler failed on this message every time: skipping it and leaving it unseen in the mailbox for a person to handle (the handler should log why)",
          );
          return "gave_up";
        }
        const delay = reconnectDelay(attempt - 1, backoff);
        log.warn({ uid: meta.uid, attempt, retryInMs: delay, err: { name: e?.name, code: e?.code } }, "the mail handler failed; retrying this message");
        await sleep(delay);
        if (stopped) return "stopped";
      }
    }
  }

  async function catchUp(c: ImapFlow): Promise<void> {
    if (!cursor || !c.mailbox || c.mailbox.exists === 0) return;
    const listed = await c.fetchAll(`${cursor.lastUid + 1}:*`, { uid: true, flags: true, size: true, internalDate: true }, { uid: true });
    const fresh = listed.filter((m) => m.uid > cursor!.lastUid).sort((a, b) => a.uid - b.uid);
    if (fresh.length) log.debug({ count: fresh.length, fromUid: fresh[0]!.uid }, "new messages");
    for (const item of fresh) {
      if (stopped || !c.usable) return;
      const uid = item.uid;
      const advance = async () => {
        cursor = { uidValidity: cursor!.uidValidity, lastUid: uid };
        await options.cursorStore.save(mailbox, cursor);
      };
      if (uid <= firstRunUpTo && item.flags?.has("\\Seen")) {
        await advance(); // present before our first run and already read by someone: not ours to answer
        continue;
      }
      const size = item.size ?? 0;
      const truncated = size > maxMessageBytes;
      const fetched = await c.fetchOne(String(uid), truncated ? { uid: true, headers: true } : { uid: true, source: true }, { uid: true });
      const raw = fetched ? (truncated ? fetched.headers : fetched.source) : undefined;
      if (!raw) {
        log.info({ uid }, "message vanished before it could be read (expunged meanwhile)");
        await advance();
        continue;
      }
      const internalDate = item.internalDate instanceof Date ? item.internalDate : item.internalDate ? new Date(item.internalDate) : undefined;
      const meta: MailMeta = { uid, uidValidity: cursor.uidValidity, mailbox, size, internalDate, truncated };
      if (truncated) log.warn({ uid, size, maxMessageBytes }, "message larger than the limit: handing over its header only");
      const outcome = await handle(raw, meta);
      if (outcome === "stopped") return;
      await advance();
      if (outcome === "handled") {
        await c.messageFlagsAdd(String(uid), ["\\Seen"], { uid: true });
        log.info({ uid }, "message handled");
      }
    }
  }

  /** Runs catch-ups one at a time; a request during one makes it run again after. */
  function requestCatchUp(c: ImapFlow): void {
    if (draining) {
      drainAgain = true;
      return;
    }
    draining = (async () => {
      try {
        do {
          drainAgain = false;
          await catchUp(c);
        } while (drainAgain && !stopped && c.usable);
      } catch (err) {
        if (!stopped) {
          log.warn(errorFields(err), "reading new mail failed: dropping the connection to start over");
          c.close();
        }
      } finally {
        draining = undefined;
      }
    })();
  }

  /** One connection: resolves when it closes, throws when it cannot be set up. True if the mailbox was opened. */
  /** The credentials for the next connection, and whether an OAuth token was just renewed for it. */
  async function signIn(): Promise<{ auth: { user: string; pass?: string; accessToken?: string }; renewed: boolean }> {
    if (!options.tokens) return { auth: { user: imap.user, pass: imap.password }, renewed: false };
    const renew = renewToken;
    renewToken = false;
    return { auth: { user: imap.user, accessToken: await options.tokens.accessToken({ renew }) }, renewed: renew };
  }

  async function refused(why: string): Promise<void> {
    try {
      await options.onSignInRefused?.(why);
    } catch (err) {
      log.warn(errorFields(err), "telling about the refused sign-in failed");
    }
  }

  async function runSession(): Promise<boolean> {
    let auth: { user: string; pass?: string; accessToken?: string };
    let tokenWasFresh: boolean;
    try {
      ({ auth, renewed: tokenWasFresh } = await signIn());
    } catch (err) {
      if (err instanceof MailOAuthRefused) {
        log.error(
          { err: { name: err.name, code: err.code, status: err.status } },
          "the token endpoint refused the mailbox's grant: consent again (see src/channels/email/README.md)",
        );
        await refused(`the OAuth token endpoint refused the mailbox's grant (${err.code}): sign in again and replace MAIL_OAUTH_REFRESH_TOKEN`);
      } else log.warn(errorFields(err), "no OAuth access token for IMAP");
      return false;
    }
    const c = new ImapFlow({
      host: imap.host,
      port: imap.port,
      secure: imap.secure,
      auth,
      logger: false,
      autoIdleDelay: options.autoIdleDelayMs ?? 1_000,
      connectionTimeout: 20_000,
      greetingTimeout: 15_000,
      tls: options.tls,
    });
    client = c;
    const closed = new Promise<void>((resolve) => c.once("close", () => resolve()));
    c.on("error", (err: Error) => log.warn(errorFields(err), "IMAP connection error"));
    let opened = false;
    let poll: NodeJS.Timeout | undefined;
    try {
      await c.connect();
      if (stopped) return false;
      const box = await c.mailboxOpen(mailbox);
      cursor = await openCursor(box);
      opened = true;
      log.info({ uidValidity: cursor.uidValidity, lastUid: cursor.lastUid, exists: box.exists }, "IMAP connected, mailbox open");
      c.on("exists", () => requestCatchUp(c));
      c.on("mailboxOpen", (reopened: MailboxObject) => {
        if (cursor && reopened.uidValidity.toString() !== cursor.uidValidity) {
          log.warn("mailbox UIDVALIDITY changed while connected: reconnecting to re-read the cursor");
          c.close();
        }
      });
      poll = setInterval(() => requestCatchUp(c), pollIntervalMs);
      requestCatchUp(c);
      await draining;
      connected = c.usable;
      await closed;
      return true;
    } catch (err) {
      if (!stopped) log.warn(errorFields(err), opened ? "IMAP session failed" : "IMAP connection failed");
      if (!opened && (err as { authenticationFailed?: boolean })?.authenticationFailed && !stopped) {
        if (options.tokens && !auth.pass) {
          // Revoked before its expiry, or expired on the way: the next attempt asks for a new token; only a refusal of a fresh one is a person's problem.
          if (tokenWasFresh) await refused("the IMAP server refused a freshly refreshed OAuth access token: check IMAP_USER and the app's IMAP permission");
          renewToken = true;
        } else await refused("the IMAP server refused the password: check IMAP_USER / IMAP_PASSWORD (Google and Microsoft need MAIL_AUTH=oauth2)");
      }
      c.close();
      return opened;
    } finally {
      connected = false;
      if (poll) clearInterval(poll);
      await draining?.catch(() => undefined);
      if (client === c) client = undefined;
    }
  }

  async function runLoop(): Promise<void> {
    let attempt = 0;
    while (!stopped) {
      const opened = await runSession();
      if (stopped) break;
      if (opened) attempt = 0;
      const delay = reconnectDelay(attempt++, backoff);
      log.info({ retryInMs: delay, attempt }, "IMAP connection closed; reconnecting");
      await sleep(delay);
    }
  }

  return {
    get connected() {
      return connected;
    },
    get idling() {
      return connected && client?.idling === true;
    },
    start() {
      if (!stopped) return;
      stopped = false;
      log.info({ host: imap.host, port: imap.port, secure: imap.secure }, "starting IMAP listener");
      loop = runLoop().catch((err) => log.error(errorFields(err), "IMAP listener loop ended unexpectedly"));
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      wakeSleep?.();
      // Let the message in hand finish and its cursor be saved, but do not wait on a hung connection forever.
      await Promise.race([draining?.catch(() => undefined), new Promise((r) => setTimeout(r, STOP_WAIT_MS).unref())]);
      const c = client;
      if (c) {
        if (c.usable) {
          await Promise.race([c.logout().catch(() => undefined), new Promise((r) => setTimeout(r, 5_000))]);
        }
        c.close();
      }
      await loop;
      log.info("IMAP listener stopped");
    },
  };
}
