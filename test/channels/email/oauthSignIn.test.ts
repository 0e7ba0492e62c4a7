// Signing in where passwords are refused, as at Google Workspace and Microsoft 365: Dovecot offering only
// AUTH=XOAUTH2 (its oauth2 passdb asks the fake authorization server whether a bearer token is live) and an SMTP
// server taking only AUTH XOAUTH2 with a live token. The listener and the sender get their tokens from the token
// source, which refreshes them from the fake token endpoint over HTTP; a token the server refuses is renewed.
import { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmailSender } from "../../../src/channels/email/emailSender.ts";
import { createImapListener } from "../../../src/channels/email/imapListener.ts";
import { createMemoryCursorStore } from "../../../src/channels/email/mailCursorStore.ts";
import { createMailTokenSource, type MailTokenSource } from "../../../src/channels/email/mailOAuth.ts";
import { readMail } from "../../../src/channels/email/readMail.ts";
import { DeliveryError } from "../../../src/notify/channelSender.ts";
import { outboundMessageSchema } from "../../../src/notify/outboundMessage.ts";
import { startFakeOAuthServer, type FakeOAuthServer } from "../../fakes/oauthMailServer.ts";
import { mailServerUnavailable, startMailServer, type MailServer } from "../../support/mailServer.ts";
import { capturedLogger, memoryFileStore, waitUntil } from "./emailTestKit.ts";

const LIMITS = { maxAttachmentBytes: 1024 * 1024, maxAttachments: 5, maxTextChars: 10_000 };

describe.skipIf(mailServerUnavailable)(`mail sign-in with XOAUTH2 only${mailServerUnavailable ? ` (skipped: ${mailServerUnavailable})` : ""}`, () => {
  let oauth: FakeOAuthServer;
  let server: MailServer;
  beforeAll(async () => {
    oauth = await startFakeOAuthServer();
    server = await startMailServer({ users: ["bot", "renew", "klien"], oauth });
  });
  afterAll(async () => {
    await server?.stop();
    await oauth?.close();
  });

  const tokensFor = (user: string, logger = capturedLogger().logger): MailTokenSource =>
    createMailTokenSource({
      client: { provider: "google", tokenUrl: oauth.tokenUrl, clientId: oauth.clientId, clientSecret: oauth.clientSecret, refreshToken: oauth.grant(user) },
      logger,
    });

  function listen(user: string, options: { tokens?: MailTokenSource; password?: string }) {
    const seen: string[] = [];
    const refusals: string[] = [];
    const logger = capturedLogger();
    const listener = createImapListener({
      imap: { host: server.host, port: server.imapPort, secure: false, user, password: options.password },
      tokens: options.tokens,
      cursorStore: createMemoryCursorStore(),
      logger: logger.logger,
      reconnect: { initialDelayMs: 100, maxDelayMs: 400 },
      autoIdleDelayMs: 200,
      onSignInRefused: (why) => void refusals.push(why),
      async onMail(raw) {
        seen.push((await readMail(raw, LIMITS)).subject ?? "");
      },
    });
    return { listener, seen, refusals, logger };
  }

  const send = (to: string, subject: string) => server.deliver({ from: "klien@test.local", to, subject, text: `isi ${subject}` });

  it("an IMAP login with XOAUTH2 against a server that refuses passwords", async () => {
    const user = "bot@test.local";
    // The server: no LOGIN, no AUTH=PLAIN, only XOAUTH2.
    const probe = new ImapFlow({
      host: server.host,
      port: server.imapPort,
      secure: false,
      doSTARTTLS: false,
      auth: { user, pass: server.password },
      logger: false,
    });
    probe.on("error", () => undefined);
    await expect(probe.connect()).rejects.toMatchObject({ authenticationFailed: true });
    expect([...probe.capabilities.keys()].filter((c) => /^AUTH=|LOGINDISABLED/.test(c))).toEqual(["LOGINDISABLED", "AUTH=XOAUTH2"]);
    probe.close();

    await send(user, "lewat-oauth");
    const withPassword = listen(user, { password: server.password });
    withPassword.listener.start();
    try {
      await waitUntil("the password refused", () => withPassword.refusals.length >= 1);
    } finally {
      await withPassword.listener.stop();
    }
    expect(withPassword.seen).toEqual([]);
    expect(withPassword.refusals[0]).toMatch(/refused the password.*MAIL_AUTH=oauth2/);

    const requestsBefore = oauth.tokenRequests.length;
    const withToken = listen(user, { tokens: tokensFor(user) });
    withToken.listener.start();
    try {
      await waitUntil("the mail read over XOAUTH2", () => withToken.seen.length >= 1);
      await waitUntil("IDLE", () => withToken.listener.idling);
      await send(user, "saat-idle");
      await waitUntil("the next mail", () => withToken.seen.length >= 2);
    } finally {
      await withToken.listener.stop();
    }
    expect(withToken.seen).toEqual(["lewat-oauth", "saat-idle"]);
    expect(withToken.refusals).toEqual([]);
    expect(oauth.tokenRequests.slice(requestsBefore).map((r) => r.grant_type)).toEqual(["refresh_token"]);
    expect(server.log()).toMatch(/Login: user=<bot@test\.local>, method=XOAUTH2/);
    expect(withToken.logger.text()).not.toMatch(/ya29\.|1\/\/rt\./); // no token in the log
  });

  it("IMAP: a token the server stops taking before its expiry is renewed on the next connection, and the mail that came meanwhile is read", async () => {
    const user = "renew@test.local";
    const { listener, seen, refusals } = listen(user, { tokens: tokensFor(user) });
    listener.start();
    try {
      await send(user, "sebelum");
      await waitUntil("the first mail", () => seen.length >= 1);
      await waitUntil("IDLE", () => listener.idling);
      const requestsBefore = oauth.tokenRequests.length;
      oauth.expireAccessTokens(); // the provider revoked it (a password change, an admin's sign-out)
      expect(await server.kick(user)).toBe(true);
      await send(user, "sesudah");
      await waitUntil("the mail after the renewal", () => seen.length >= 2);
      expect(oauth.tokenRequests.length - requestsBefore).toBe(1);
    } finally {
      await listener.stop();
    }
    expect(seen).toEqual(["sebelum", "sesudah"]);
    expect(refusals).toEqual([]); // a refused old token is renewed quietly; only a fresh one refused is a person's problem
  });

  it("SMTP: sends with AUTH XOAUTH2, renews a token the server refused, and a password is refused as a login problem", async () => {
    const log = capturedLogger();
    const tokens = tokensFor("bot@test.local", log.logger);
    const sender = createEmailSender({
      smtp: { host: server.host, port: server.smtpPort, secure: false, user: "bot@test.local" },
      from: "Pintu Konseling <bot@test.local>",
      fileStore: memoryFileStore(),
      logger: log.logger,
      tokens,
    });
    const byPassword = createEmailSender({
      smtp: { host: server.host, port: server.smtpPort, secure: false, user: "bot@test.local", password: server.password },
      from: "bot@test.local",
      fileStore: memoryFileStore(),
      logger: log.logger,
    });
    try {
      await sender.send("klien@test.local", outboundMessageSchema.parse({ text: "pertama", subject: "satu" }));
      oauth.expireAccessTokens();
      const requestsBefore = oauth.tokenRequests.length;
      await sender.send("klien@test.local", outboundMessageSchema.parse({ text: "kedua", subject: "dua" }));
      expect(oauth.tokenRequests.length - requestsBefore).toBe(1);
      const box = await server.waitForMailbox("klien@test.local", 2);
      const subjects = await Promise.all(box.map(async (m) => (await readMail(m.source, LIMITS)).subject));
      expect(subjects).toEqual(["satu", "dua"]);
      // The SMTP server saw a login as the mailbox (its Authentication-Results say pass for the From address).
      expect(box[1]!.source.toString()).toMatch(/dkim=pass header\.d=test\.local/);

      const err = await byPassword.send("klien@test.local", outboundMessageSchema.parse({ text: "x" })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DeliveryError);
      expect(err).toMatchObject({ kind: "transient" });
      expect((err as DeliveryError).message).toMatch(/login refused/);
    } finally {
      sender.close();
      byPassword.close();
    }
    expect(log.text()).not.toMatch(/ya29\.|1\/\/rt\./);
  });
});
