// A real mail server for the email tests: Dovecot (IMAP + LMTP) from its own config in a fresh temp dir on
// free loopback ports, and an in-process SMTP server (smtp-server) that hands every accepted message to
// Dovecot's LMTP with nodemailer. Several test files may each start one at the same time.
// The SMTP server plays the receiving mail system that authenticates senders: above every message it writes an
// Authentication-Results header of its own (RFC 8601, authserv-id MAIL_AUTHSERV_ID) saying DKIM and DMARC pass
// when the sender logged in as the From address (deliver() does, as the sender's own server signing its mail
// would), and fail otherwise (deliver(..., { as: "forger" })). deliver(..., { direct: true }) hands the message
// to Dovecot's LMTP itself, around that server: it arrives with no header but those the sender wrote.
// With `oauth` it plays Google Workspace / Microsoft 365 after they turned password sign-in off: IMAP offers only
// AUTH=XOAUTH2 (Dovecot's oauth2 passdb asks the fake authorization server's introspection endpoint whether the
// bearer token is live and whose it is), so LOGIN and AUTHENTICATE PLAIN fail; the SMTP server offers only AUTH
// XOAUTH2 and takes a token only while the authorization server says it is live and is the user's.
import { execFile, spawn, spawnSync } from "node:child_process";
import { realClockEnv } from "./realClockEnv.ts";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync, chownSync } from "node:fs";
import { connect, createServer, type AddressInfo } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { ImapFlow } from "imapflow";
import { simpleParser, type ParsedMail } from "mailparser";
import nodemailer from "nodemailer";
import type Mail from "nodemailer/lib/mailer";
import { SMTPServer } from "smtp-server";

const run = promisify(execFile);

const DOVECOT = ["/usr/sbin/dovecot", "/usr/local/sbin/dovecot"].find((p) => existsSync(p));
const DOVEADM = ["/usr/bin/doveadm", "/usr/local/bin/doveadm"].find((p) => existsSync(p));

const DOVECOT_PARTS = ["imap", "lmtp"].every((p) => existsSync(`/usr/lib/dovecot/${p}`) || existsSync(`/usr/libexec/dovecot/${p}`));

/** Why the email tests cannot run here, or null when they can (Dovecot installed and we are root). */
export const mailServerUnavailable: string | null =
  !DOVECOT || !DOVEADM || !DOVECOT_PARTS
    ? "Dovecot is not installed: apt-get install -y --no-install-recommends dovecot-imapd dovecot-lmtpd (.ci/run does)"
    : userInfo().uid !== 0
      ? "Dovecot's own config here runs mail processes as user 'mail' and needs root"
      : null;
if (mailServerUnavailable && process.env.CI) throw new Error(`CI needs Dovecot for the email tests: ${mailServerUnavailable}`);

export const MAIL_DOMAIN = "test.local";
export const MAIL_PASSWORD = "secret";
/** The authserv-id the SMTP server writes its Authentication-Results with (the service's MAIL_AUTHSERV_IDS). */
export const MAIL_AUTHSERV_ID = "mx.test.local";

/** How a test message reaches the mailbox (see the file's head). */
export interface DeliverOptions {
  /** "sender" (the default): logged in as the From address, so authenticated; "forger": not logged in. */
  as?: "sender" | "forger";
  /** Straight into Dovecot's LMTP, around the authenticating SMTP server. */
  direct?: boolean;
}

export interface MailServer {
  host: string;
  imapPort: number;
  lmtpPort: number;
  smtpPort: number;
  domain: string;
  password: string;
  /** Full addresses of the mailboxes, e.g. "bot@test.local". */
  users: string[];
  /** Every message the SMTP server accepted, in order (raw bytes and envelope). */
  accepted: Array<{ from: string; to: string[]; raw: Buffer }>;
  /**
   * Sends a message through the SMTP server: nodemailer options, or raw bytes with their envelope
   * (`from: ""` for a null sender, as bounces and auto-replies use).
   */
  deliver(message: Mail.Options | Buffer | string, envelope?: { from: string; to: string | string[] }, options?: DeliverOptions): Promise<void>;
  /** Drops every IMAP connection of a user (doveadm kick), as a server restart or network cut would; false when none was open. */
  kick(user: string): Promise<boolean>;
  /**
   * Gives a user's mailbox a new UIDVALIDITY (doveadm mailbox update), as recreating or restoring it would: the
   * messages and their flags stay, their old UIDs mean nothing to a client any more. Returns the new value.
   */
  changeUidValidity(user: string, mailbox?: string): Promise<string>;
  /** The messages in a user's mailbox, read with imapflow. */
  readMailbox(user: string, mailbox?: string): Promise<Array<{ uid: number; flags: Set<string>; source: Buffer }>>;
  /** Polls the mailbox until it holds at least `count` messages. */
  waitForMailbox(user: string, count: number, timeoutMs?: number): Promise<Array<{ uid: number; flags: Set<string>; source: Buffer }>>;
  /** The Dovecot log so far (for failure messages). */
  log(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** The authorization server a mail server in OAuth mode trusts (test/fakes/oauthMailServer.ts). */
export interface MailOAuth {
  introspectionUrl: string;
  /** The user a live access token belongs to. */
  userOf(accessToken: string): string | undefined;
  /** A fresh access token, for the test helpers that read mailboxes and submit mail. */
  issueAccessToken(user: string): string;
}

/** Password logins (passwd-file), or bearer tokens only (oauth2 passdb asking `introspectionUrl`). */
function dovecotAuth(dir: string, oauth: MailOAuth | undefined): string {
  if (!oauth)
    return `auth_mechanisms = plain login
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}`;
  writeFileSync(
    join(dir, "oauth2.conf.ext"),
    `introspection_mode = post
introspection_url = ${oauth.introspectionUrl}
username_attribute = username
active_attribute = active
active_value = true
`,
  );
  return `auth_mechanisms = xoauth2
passdb {
  driver = oauth2
  mechanisms = xoauth2
  args = ${dir}/oauth2.conf.ext
}`;
}

function dovecotConfig(dir: string, imapPort: number, lmtpPort: number, oauth?: MailOAuth): string {
  return `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
instance_name = pintu-${imapPort}
protocols = imap lmtp
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
${dovecotAuth(dir, oauth)}
first_valid_uid = 1
mail_uid = mail
mail_gid = mail
mail_location = maildir:${dir}/mail/%d/%n/Maildir
mailbox_idle_check_interval = 1 secs
userdb {
  driver = static
  args = uid=mail gid=mail home=${dir}/mail/%d/%n${oauth ? " allow_all_users=yes" : ""}
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${imapPort}
  }
  inet_listener imaps {
    port = 0
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = ${lmtpPort}
  }
}
protocol lmtp {
  postmaster_address = postmaster@${MAIL_DOMAIN}
}
`;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < until) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ""}`);
}

async function startDovecot(dir: string, oauth?: MailOAuth): Promise<{ conf: string; imapPort: number; lmtpPort: number }> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 4; attempt++) {
    const imapPort = await freePort();
    const lmtpPort = await freePort();
    const conf = join(dir, "dovecot.conf");
    writeFileSync(conf, dovecotConfig(dir, imapPort, lmtpPort, oauth));
    try {
      await startDaemon(DOVECOT!, ["-c", conf]);
      await waitFor("Dovecot IMAP to listen", () => connectable(imapPort), 5_000);
      await waitFor("Dovecot LMTP to listen", () => connectable(lmtpPort), 5_000);
      return { conf, imapPort, lmtpPort };
    } catch (err) {
      lastError = err; // most likely another test took the port between picking and binding: try new ones
      await run(DOVEADM!, ["-c", conf, "stop"]).catch(() => undefined);
    }
  }
  throw new Error(`Dovecot did not start: ${String(lastError)}\n${readLog(dir)}`);
}

/** Runs a command that forks a daemon; its pipes stay open in the daemon, so wait for exit, not for output. */
function startDaemon(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "ignore", env: realClockEnv() });
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}`))));
  });
}

function readLog(dir: string): string {
  try {
    return readFileSync(join(dir, "dovecot.log"), "utf8");
  } catch {
    return "(no dovecot.log)";
  }
}

function connectable(port: number): Promise<true | undefined> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(undefined));
  });
}

/** The address of a nodemailer From (a string, or an address object), lower-case; undefined without one. */
function addressOf(from: Mail.Options["from"]): string | undefined {
  const first = Array.isArray(from) ? from[0] : from;
  const text = typeof first === "string" ? first : (first as { address?: string } | undefined)?.address;
  return (/<([^<>]+)>/.exec(text ?? "")?.[1] ?? text)?.trim().toLowerCase() || undefined;
}

/**
 * The header the receiving server writes above a message: DKIM and DMARC pass for the From domain when the sender
 * logged in as the From address, fail otherwise.
 */
function authenticationResultsFor(raw: Buffer, user: string | undefined): Buffer {
  const head = raw
    .subarray(0, Math.max(0, raw.indexOf("\r\n\r\n")) || raw.length)
    .toString("utf8")
    .replace(/\r?\n[ \t]+/g, " ");
  const fromLine = /^from:(.*)$/im.exec(head)?.[1] ?? "";
  const from = (/<([^<>]+)>/.exec(fromLine)?.[1] ?? fromLine).trim().toLowerCase();
  const domain = from.slice(from.lastIndexOf("@") + 1) || "unknown.invalid";
  const result = user && user === from ? "pass" : "fail";
  return Buffer.from(
    `Authentication-Results: ${MAIL_AUTHSERV_ID}; dkim=${result} header.d=${domain}; spf=${result} smtp.mailfrom=${domain}; dmarc=${result} header.from=${domain}\r\n`,
  );
}

/** Starts Dovecot + the SMTP relay with these local parts as mailboxes (all with password MAIL_PASSWORD, or `oauth`: bearer tokens only). */
export async function startMailServer(options: { users?: string[]; oauth?: MailOAuth } = {}): Promise<MailServer> {
  const oauth = options.oauth;
  if (mailServerUnavailable) throw new Error(mailServerUnavailable);
  const users = (options.users ?? ["bot", "klien", "konselor"]).map((u) => `${u}@${MAIL_DOMAIN}`);
  const dir = mkdtempSync(join(tmpdir(), "pintu-mail-"));
  chmodSync(dir, 0o755);
  for (const sub of ["run", "state", "mail"]) mkdirSync(join(dir, sub));
  const mailUid = Number((await run("id", ["-u", "mail"])).stdout.trim());
  const mailGid = Number((await run("id", ["-g", "mail"])).stdout.trim());
  chownSync(join(dir, "mail"), mailUid, mailGid);
  writeFileSync(join(dir, "users"), users.map((u) => `${u}:{PLAIN}${MAIL_PASSWORD}`).join("\n") + "\n");
  const { conf, imapPort, lmtpPort } = await startDovecot(dir, oauth);
  // A test process that dies without stop() must not leave a Dovecot behind.
  const stopOnExit = () => spawnSync(DOVEADM!, ["-c", conf, "stop"], { stdio: "ignore" });
  process.once("exit", stopOnExit);

  const lmtp = nodemailer.createTransport({ lmtp: true, host: "127.0.0.1", port: lmtpPort, ignoreTLS: true });
  const accepted: MailServer["accepted"] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    size: 60 * 1024 * 1024,
    authMethods: oauth ? ["XOAUTH2"] : ["PLAIN", "LOGIN"],
    onAuth(auth, _session, callback) {
      const user = (auth.username ?? "").toLowerCase();
      if (!oauth) return callback(null, { user });
      // RFC 7628 §3.2.2 / Google's XOAUTH2: a refused token gets a JSON challenge, then 535.
      if (auth.method !== "XOAUTH2" || !auth.accessToken || oauth.userOf(auth.accessToken)?.toLowerCase() !== user) {
        return callback(null, { data: { status: "401", schemes: "bearer", scope: "https://mail.google.com/" } });
      }
      callback(null, { user });
    },
    onRcptTo(address, _session, callback) {
      if (!users.includes(address.address.toLowerCase())) {
        const err = Object.assign(new Error("5.1.1 Mailbox unavailable: no such user here"), { responseCode: 550 });
        return callback(err);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat([authenticationResultsFor(Buffer.concat(chunks), typeof session.user === "string" ? session.user : undefined), ...chunks]);
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
        const to = session.envelope.rcptTo.map((r) => r.address);
        lmtp
          .sendMail({ envelope: { from, to }, raw })
          .then(() => {
            accepted.push({ from, to, raw });
            callback();
          })
          .catch((err: Error & { responseCode?: number }) => {
            callback(Object.assign(new Error(`LMTP refused: ${err.message}`), { responseCode: err.responseCode ?? 451 }));
          });
      });
    },
  });
  const smtpPort = await new Promise<number>((resolve, reject) => {
    smtp.on("error", () => undefined);
    smtp.server.once("error", reject);
    smtp.listen(0, "127.0.0.1", () => resolve((smtp.server.address() as AddressInfo).port));
  });
  const client = nodemailer.createTransport({ host: "127.0.0.1", port: smtpPort, secure: false, ignoreTLS: true });
  /** A transport logged in as `user` (a mail client submitting as that address), one per address. */
  const submitters = new Map<string, ReturnType<typeof nodemailer.createTransport>>();
  const submitterFor = (user: string) => {
    let t = submitters.get(user);
    if (!t) {
      const auth = oauth
        ? {
            type: "OAuth2" as const,
            user,
            provisionCallback: (u: string, _renew: boolean, done: (e: Error | null, t: string, x: number) => void) => done(null, oauth.issueAccessToken(u), 0),
          }
        : { user, pass: MAIL_PASSWORD };
      t = nodemailer.createTransport({ host: "127.0.0.1", port: smtpPort, secure: false, ignoreTLS: true, auth });
      submitters.set(user, t);
    }
    return t;
  };

  async function withImap<T>(user: string, fn: (c: ImapFlow) => Promise<T>): Promise<T> {
    const auth = oauth ? { user, accessToken: oauth.issueAccessToken(user) } : { user, pass: MAIL_PASSWORD };
    const c = new ImapFlow({ host: "127.0.0.1", port: imapPort, secure: false, doSTARTTLS: false, auth, logger: false });
    c.on("error", () => undefined);
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.logout().catch(() => c.close());
    }
  }

  const server: MailServer = {
    host: "127.0.0.1",
    imapPort,
    lmtpPort,
    smtpPort,
    domain: MAIL_DOMAIN,
    password: MAIL_PASSWORD,
    users,
    accepted,
    async deliver(message, envelope, options = {}) {
      const raw = typeof message === "string" || Buffer.isBuffer(message);
      if (raw && !envelope) throw new Error("deliver(raw) needs an envelope: { from, to }");
      if (options.direct) {
        const mail = raw ? { envelope: { from: envelope!.from, to: ([] as string[]).concat(envelope!.to) }, raw: message } : message;
        await lmtp.sendMail(mail);
        return;
      }
      const sender = options.as === "forger" ? null : raw ? envelope!.from : addressOf(message.from);
      const transport = sender ? submitterFor(sender) : client;
      await transport.sendMail(raw ? { envelope: { from: envelope!.from, to: ([] as string[]).concat(envelope!.to) }, raw: message } : message);
    },
    async kick(user) {
      try {
        await run(DOVEADM!, ["-c", conf, "kick", user]);
        return true;
      } catch (err) {
        if ((err as { code?: number }).code === 68) return false; // "no users kicked"
        throw err;
      }
    },
    async changeUidValidity(user, mailbox = "INBOX") {
      const status = (await run(DOVEADM!, ["-c", conf, "-f", "flow", "mailbox", "status", "-u", user, "uidvalidity", mailbox])).stdout;
      const current = Number(/uidvalidity=(\d+)/.exec(status)?.[1]);
      if (!Number.isFinite(current)) throw new Error(`no UIDVALIDITY for ${mailbox}: ${status}`);
      const next = String(current + 1);
      await run(DOVEADM!, ["-c", conf, "mailbox", "update", "-u", user, "--uid-validity", next, mailbox]);
      return next;
    },
    readMailbox(user, mailbox = "INBOX") {
      return withImap(user, async (c) => {
        const lock = await c.getMailboxLock(mailbox);
        try {
          const out: Array<{ uid: number; flags: Set<string>; source: Buffer }> = [];
          if (c.mailbox && c.mailbox.exists === 0) return out;
          for await (const m of c.fetch("1:*", { uid: true, flags: true, source: true })) {
            out.push({ uid: m.uid, flags: m.flags ?? new Set(), source: m.source ?? Buffer.alloc(0) });
          }
          return out;
        } finally {
          lock.release();
        }
      });
    },
    waitForMailbox(user, count, timeoutMs = 15_000) {
      return waitFor(
        `${count} message(s) in ${user}'s mailbox`,
        async () => {
          const messages = await server.readMailbox(user);
          return messages.length >= count ? messages : undefined;
        },
        timeoutMs,
      );
    },
    log: () => readLog(dir),
    async stop() {
      process.off("exit", stopOnExit);
      client.close();
      for (const t of submitters.values()) t.close();
      lmtp.close();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      // SIGTERM to the master rather than `doveadm stop`, which waits ~3 s here for init to reap the process.
      try {
        process.kill(Number(readFileSync(join(dir, "run", "master.pid"), "utf8").trim()), "SIGTERM");
      } catch {
        await run(DOVEADM!, ["-c", conf, "stop"]).catch(() => undefined);
      }
      await waitFor("Dovecot to close its ports", async () => ((await connectable(imapPort)) || (await connectable(lmtpPort)) ? undefined : true), 5_000).catch(
        () => undefined,
      );
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return server;
}

/** The service's email channel settings for `mail`, with `bot` as its mailbox and the authenticating server trusted. */
export function emailChannelEnv(mail: MailServer, bot: string, mailFrom = `Pintu Konseling <${bot}>`): Record<string, string> {
  return {
    IMAP_HOST: mail.host,
    IMAP_PORT: String(mail.imapPort),
    IMAP_SECURE: "0",
    IMAP_USER: bot,
    IMAP_PASSWORD: mail.password,
    SMTP_HOST: mail.host,
    SMTP_PORT: String(mail.smtpPort),
    SMTP_SECURE: "0",
    MAIL_FROM: mailFrom,
    MAIL_AUTHSERV_IDS: MAIL_AUTHSERV_ID,
  };
}

/** Reads each user's mailbox in order: every call returns the next new message matching, parsed. */
export function mailReader(mail: MailServer): { nextMail(user: string, pattern: RegExp, timeoutMs?: number): Promise<ParsedMail> } {
  const seen = new Map<string, number>();
  return {
    async nextMail(user, pattern, timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const box = await mail.readMailbox(user);
        for (let i = seen.get(user) ?? 0; i < box.length; i++) {
          const parsed = await simpleParser(box[i]!.source);
          if (pattern.test(`${parsed.subject ?? ""}\n${parsed.text ?? ""}`)) {
            seen.set(user, i + 1);
            return parsed;
          }
        }
        if (Date.now() > until) throw new Error(`${user}: no mail matching ${pattern}; ${box.length} in the box`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
}

/** A reply to `original` from `from` to `to`, as a mail client writes it (Re:, In-Reply-To, References). */
export function replyMail(p: { from: string; to: string; original: ParsedMail; text: string }): Mail.Options {
  const earlier = typeof p.original.references === "string" ? [p.original.references] : (p.original.references ?? []);
  return {
    from: p.from,
    to: p.to,
    subject: `Re: ${p.original.subject}`,
    inReplyTo: p.original.messageId,
    references: [...earlier, p.original.messageId!],
    text: p.text,
  };
}
