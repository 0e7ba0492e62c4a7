// The IMAP listener against a real Dovecot: restarts, dropped connections and a changed UIDVALIDITY neither lose
// nor repeat mail (a changed UIDVALIDITY is told to the admin and its unseen mail read again); handled mail is
// marked \Seen; the log names no address or subject.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createImapListener, type ImapListener, type MailMeta, type UidValidityChange } from "../../../src/channels/email/imapListener.ts";
import { createMemoryCursorStore } from "../../../src/channels/email/mailCursorStore.ts";
import { readMail } from "../../../src/channels/email/readMail.ts";
import { mailServerUnavailable, startMailServer, type MailServer } from "../../support/mailServer.ts";
import { capturedLogger, waitUntil } from "./emailTestKit.ts";

const LIMITS = { maxAttachmentBytes: 1024 * 1024, maxAttachments: 5, maxTextChars: 10_000 };

describe.skipIf(mailServerUnavailable)(`IMAP listener on Dovecot${mailServerUnavailable ? ` (skipped: ${mailServerUnavailable})` : ""}`, () => {
  let server: MailServer;
  beforeAll(async () => {
    server = await startMailServer({ users: ["bot", "restart", "kick", "validity", "klien", "poison"] });
  });
  afterAll(async () => {
    await server?.stop();
  });

  /** A listener on `user`'s INBOX that records the subjects it was handed, in order. */
  function listen(user: string, store = createMemoryCursorStore(), logger = capturedLogger(), reconnectDelayMs = 100) {
    const seen: Array<{ subject: string | undefined; meta: MailMeta }> = [];
    const listener = createImapListener({
      imap: { host: server.host, port: server.imapPort, secure: false, user, password: server.password },
      cursorStore: store,
      logger: logger.logger,
      reconnect: { initialDelayMs: reconnectDelayMs, maxDelayMs: 4 * reconnectDelayMs },
      autoIdleDelayMs: 200,
      async onMail(raw, meta) {
        seen.push({ subject: (await readMail(raw, LIMITS)).subject, meta });
      },
    });
    return { listener, seen, store, logger };
  }

  const send = (to: string, subject: string) => server.deliver({ from: "klien@test.local", to, subject, text: `isi ${subject}` });

  it("hands each new message over once, in order, marks it \\Seen and keeps the log free of addresses and subjects", async () => {
    const user = "bot@test.local";
    await send(user, "sebelum-start"); // unseen before the first start: handled too
    const { listener, seen, store, logger } = listen(user);
    listener.start();
    try {
      await waitUntil("the first message", () => seen.length >= 1);
      await send(user, "saat-idle-1");
      await send(user, "saat-idle-2");
      await waitUntil("three messages", () => seen.length >= 3);
      expect(seen.map((s) => s.subject)).toEqual(["sebelum-start", "saat-idle-1", "saat-idle-2"]);
      expect(seen.map((s) => s.meta.uid)).toEqual([...seen.map((s) => s.meta.uid)].sort((a, b) => a - b));
      expect(seen[0]!.meta).toMatchObject({ mailbox: "INBOX", truncated: false });
      const stored = await store.load("INBOX");
      expect(stored).toEqual({ uidValidity: seen[0]!.meta.uidValidity, lastUid: seen[2]!.meta.uid });
      const box = await waitUntil("\\Seen flags", async () => {
        const messages = await server.readMailbox(user);
        return messages.every((m) => m.flags.has("\\Seen")) && messages;
      });
      expect(box).toHaveLength(3);
    } finally {
      await listener.stop();
    }
    const log = logger.text();
    expect(log).toContain("message handled");
    expect(log).not.toMatch(/@test\.local|klien|saat-idle|sebelum-start|secret/);
  });

  it("restarted between two messages, handles both exactly once (cursor store)", async () => {
    const user = "restart@test.local";
    const store = createMemoryCursorStore();
    const first = listen(user, store);
    first.listener.start();
    await send(user, "pesan-1");
    await waitUntil("message 1", () => first.seen.length >= 1);
    await first.listener.stop();

    await send(user, "pesan-2"); // arrives while nobody listens
    const second = listen(user, store);
    second.listener.start();
    try {
      await waitUntil("message 2", () => second.seen.length >= 1);
      await send(user, "pesan-3");
      await waitUntil("message 3", () => second.seen.length >= 2);
      // Mail is handed over in UID order: once a later message is in, a wrong extra delivery of an earlier one
      // would have come before it.
      await send(user, "pesan-4");
      await waitUntil("message 4", () => second.seen.some((s) => s.subject === "pesan-4"));
    } finally {
      await second.listener.stop(); // waits for the message in hand
    }
    expect(first.seen.map((s) => s.subject)).toEqual(["pesan-1"]);
    expect(second.seen.map((s) => s.subject)).toEqual(["pesan-2", "pesan-3", "pesan-4"]);
  });

  it("reconnects after the server drops the connection mid-IDLE and catches up on mail that arrived meanwhile", async () => {
    const user = "kick@test.local";
    // The first reconnect waits 1–2 s, so mail delivered right after the kick arrives while disconnected.
    const { listener, seen, logger } = listen(user, createMemoryCursorStore(), capturedLogger(), 2_000);
    listener.start();
    try {
      await send(user, "sebelum-putus");
      await waitUntil("the first message", () => seen.length >= 1);
      await waitUntil("the listener to be in IDLE", () => listener.idling);
      expect(await server.kick(user)).toBe(true);
      await send(user, "saat-putus-1");
      await send(user, "saat-putus-2");
      await waitUntil("both messages after the drop", () => seen.length >= 3);
    } finally {
      await listener.stop();
    }
    expect(seen.map((s) => s.subject)).toEqual(["sebelum-putus", "saat-putus-1", "saat-putus-2"]);
    const events = logger.lines.map((l) => l.msg);
    const closedAt = events.indexOf("IMAP connection closed; reconnecting");
    expect(closedAt).toBeGreaterThan(-1);
    expect(events.indexOf("IMAP connected, mailbox open", closedAt)).toBeGreaterThan(closedAt); // a second session
    expect(events.filter((m) => m === "message handled")).toHaveLength(3);
  });

  it("on a changed UIDVALIDITY (mailbox restored), tells the admin and reads the unseen mail again: none lost, none repeated", async () => {
    const user = "validity@test.local";
    const store = createMemoryCursorStore();
    const first = listen(user, store);
    first.listener.start();
    try {
      await send(user, "sudah-dijawab");
      await waitUntil("the first message", () => first.seen.length >= 1);
    } finally {
      await first.listener.stop();
    }
    await send(user, "belum-dijawab"); // arrives while nobody listens
    await server.waitForMailbox(user, 2);
    const before = (await store.load("INBOX"))!;
    const uidValidity = await server.changeUidValidity(user);
    expect(uidValidity).not.toBe(before.uidValidity);

    const changes: UidValidityChange[] = [];
    const logger = capturedLogger();
    const seen: string[] = [];
    const listener = createImapListener({
      imap: { host: server.host, port: server.imapPort, secure: false, user, password: server.password },
      cursorStore: store,
      logger: logger.logger,
      reconnect: { initialDelayMs: 100, maxDelayMs: 400 },
      autoIdleDelayMs: 200,
      onUidValidityChange: (change) => void changes.push(change),
      async onMail(raw) {
        seen.push((await readMail(raw, LIMITS)).subject ?? "");
      },
    });
    listener.start();
    try {
      await waitUntil("the unseen message read again", () => seen.length >= 1);
      await send(user, "baru");
      await waitUntil("the new message", () => seen.length >= 2);
    } finally {
      await listener.stop();
    }
    expect(first.seen.map((s) => s.subject)).toEqual(["sudah-dijawab"]);
    expect(seen).toEqual(["belum-dijawab", "baru"]);
    expect(changes).toEqual([{ mailbox: "INBOX", previous: before.uidValidity, current: uidValidity, exists: 2 }]);
    expect(await store.load("INBOX")).toMatchObject({ uidValidity });
    expect(logger.lines.some((l) => l.level === 40 && String(l.msg).includes("UIDVALIDITY changed"))).toBe(true);
  });

  it("retries a failing handler, then succeeds without skipping or repeating", async () => {
    const user = "klien@test.local";
    let calls = 0;
    const handled: number[] = [];
    const { logger } = { logger: capturedLogger() };
    const listener: ImapListener = createImapListener({
      imap: { host: server.host, port: server.imapPort, secure: false, user, password: server.password },
      cursorStore: createMemoryCursorStore(),
      logger: logger.logger,
      reconnect: { initialDelayMs: 50, maxDelayMs: 200 },
      autoIdleDelayMs: 200,
      async onMail(_raw, meta) {
        calls++;
        if (calls <= 2) throw Object.assign(new Error("database busy"), { code: "SQLITE_BUSY" });
        handled.push(meta.uid);
      },
    });
    listener.start();
    try {
      await send(user, "coba-lagi");
      await waitUntil("the message after two failures", () => handled.length >= 1);
    } finally {
      await listener.stop();
    }
    expect(calls).toBe(3);
    expect(handled).toHaveLength(1);
    expect(logger.lines.filter((l) => l.msg === "the mail handler failed; retrying this message")).toHaveLength(2);
  });

  it("skips a message the handler keeps failing on, leaves it unseen, and goes on with the next", async () => {
    const user = "poison@test.local";
    const handled: string[] = [];
    const logger = capturedLogger();
    const listener = createImapListener({
      imap: { host: server.host, port: server.imapPort, secure: false, user, password: server.password },
      cursorStore: createMemoryCursorStore(),
      logger: logger.logger,
      reconnect: { initialDelayMs: 50, maxDelayMs: 100 },
      maxHandlerAttempts: 2,
      autoIdleDelayMs: 200,
      async onMail(raw) {
        const subject = (await readMail(raw, LIMITS)).subject ?? "";
        if (subject === "racun") throw new TypeError("cannot handle this one");
        handled.push(subject);
      },
    });
    listener.start();
    try {
      await send(user, "racun");
      await send(user, "sehat");
      await waitUntil("the healthy message", () => handled.length >= 1);
    } finally {
      await listener.stop();
    }
    expect(handled).toEqual(["sehat"]);
    const flags = (await server.readMailbox(user)).map((m) => m.flags.has("\\Seen"));
    expect(flags).toEqual([false, true]);
    expect(logger.lines.some((l) => l.level === 50 && l.uid === 1)).toBe(true);
  });
});
