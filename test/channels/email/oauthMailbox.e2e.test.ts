// The whole service on a mailbox that refuses passwords (as at Google Workspace or Microsoft 365): MAIL_AUTH=oauth2
// reads and answers mail over XOAUTH2 with tokens refreshed from the fake token endpoint; the answer carries the
// client's References chain and its Message-ID, and says Auto-Submitted: auto-replied; when the mailbox is restored
// (new UIDVALIDITY) the admin gets an auto-generated mail saying so and the unseen mail is answered once.
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOAuthServer, type FakeOAuthServer } from "../../fakes/oauthMailServer.ts";
import { emailChannelEnv, mailReader, mailServerUnavailable, startMailServer, type MailServer } from "../../support/mailServer.ts";
import { startTelegramWorld, type TelegramWorld } from "../../support/telegramService.ts";
import { waitUntil } from "./emailTestKit.ts";

const BOT = "bot@test.local";
const PRAJA = "praja@test.local";
const ADMIN = "admin@test.local";

describe.skipIf(mailServerUnavailable)(`the service on an XOAUTH2-only mailbox${mailServerUnavailable ? ` (skipped: ${mailServerUnavailable})` : ""}`, () => {
  let oauth: FakeOAuthServer;
  let mail: MailServer;
  let w: TelegramWorld;
  let nextMail: ReturnType<typeof mailReader>["nextMail"];

  beforeAll(async () => {
    oauth = await startFakeOAuthServer();
    mail = await startMailServer({ users: ["bot", "praja", "admin"], oauth });
    nextMail = mailReader(mail).nextMail;
    const { IMAP_PASSWORD: _none, ...env } = emailChannelEnv(mail, BOT);
    w = await startTelegramWorld({
      env: {
        ...env,
        MAIL_AUTH: "oauth2",
        MAIL_OAUTH_PROVIDER: "custom",
        MAIL_OAUTH_TOKEN_URL: oauth.tokenUrl,
        MAIL_OAUTH_CLIENT_ID: oauth.clientId,
        MAIL_OAUTH_CLIENT_SECRET: oauth.clientSecret,
        MAIL_OAUTH_REFRESH_TOKEN: oauth.grant(BOT),
        ADMIN_CONTACTS: `email:${ADMIN}`,
      },
    });
  }, 60_000);
  afterAll(async () => {
    await w?.close();
    await mail?.stop();
    await oauth?.close();
  });

  let answer: ParsedMail;
  it("reads a client's mail and answers it over XOAUTH2, References = its chain + its Message-ID, Auto-Submitted: auto-replied", async () => {
    await mail.deliver({
      from: PRAJA,
      to: BOT,
      subject: "Butuh konseling",
      messageId: "<kedua@praja.test.local>",
      inReplyTo: "<pertama@praja.test.local>",
      references: ["<awal@praja.test.local>", "<pertama@praja.test.local>"],
      text: "Selamat pagi. Saya ingin konseling.",
    });
    answer = await nextMail(PRAJA, /Salin formulir ini/);
    expect(answer.inReplyTo).toBe("<kedua@praja.test.local>");
    expect(answer.references).toEqual(["<awal@praja.test.local>", "<pertama@praja.test.local>", "<kedua@praja.test.local>"]);
    expect(answer.headers.get("auto-submitted")).toBe("auto-replied");
    expect(oauth.tokenRequests.filter((r) => r.grant_type === "refresh_token").length).toBeGreaterThanOrEqual(1);
    expect(mail.log()).toMatch(/Login: user=<bot@test\.local>, method=XOAUTH2/);
  });

  it("after the mailbox is restored with a new UIDVALIDITY, alerts the admin by an auto-generated mail and answers the unseen mail once", async () => {
    await waitUntil("the handled mail marked read", async () => (await mail.readMailbox(BOT)).every((m) => m.flags.has("\\Seen")));
    await mail.changeUidValidity(BOT);
    await mail.deliver({ from: PRAJA, to: BOT, subject: "Lagi", messageId: "<ketiga@praja.test.local>", text: "Apakah formulirnya sudah diterima?" });
    await mail.kick(BOT); // the service reconnects and finds the new UIDVALIDITY
    const alert = await nextMail(ADMIN, /UIDVALIDITY/);
    expect(alert.headers.get("auto-submitted")).toBe("auto-generated");
    expect(alert.text).toMatch(/recreated or restored/);
    const again = await nextMail(PRAJA, /Salin formulir ini|formulir/);
    expect(again.inReplyTo).toBe("<ketiga@praja.test.local>");
    // The first mail, handled before the change, is not answered a second time.
    const answers = await Promise.all((await mail.readMailbox(PRAJA)).map((m) => m.source.toString()));
    expect(answers.filter((s) => /^In-Reply-To: <kedua@praja\.test\.local>/m.test(s))).toHaveLength(1);
  });
});
