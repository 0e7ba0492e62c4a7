// The mail token source against a fake authorization server over real HTTP: the refresh_token grant as Google and
// Microsoft take it, a token kept until shortly before the expiry the endpoint announced (on the source's own
// clock, moved by the test), renewed when a server refused it, one refresh for callers at once, a rotated refresh
// token used from then on, and refusals apart from outages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MICROSOFT_MAIL_SCOPE, type MailOAuthClient } from "../../../src/channels/email/emailSettings.ts";
import { createMailTokenSource, MailOAuthRefused, MailOAuthUnavailable } from "../../../src/channels/email/mailOAuth.ts";
import { startFakeOAuthServer, type FakeOAuthServer } from "../../fakes/oauthMailServer.ts";
import { capturedLogger } from "./emailTestKit.ts";

const USER = "konseling@unit.example";

describe("mail OAuth token source", () => {
  let google: FakeOAuthServer;
  let microsoft: FakeOAuthServer;
  beforeAll(async () => {
    google = await startFakeOAuthServer();
    microsoft = await startFakeOAuthServer({ clientSecret: "", rotateRefreshTokens: true });
  });
  afterAll(async () => {
    await google?.close();
    await microsoft?.close();
  });

  const googleClient = (refreshToken: string): MailOAuthClient => ({
    provider: "google",
    tokenUrl: google.tokenUrl,
    clientId: google.clientId,
    clientSecret: google.clientSecret,
    refreshToken,
  });

  it("trades the refresh token for an access token, keeps it until five minutes before its expiry, then refreshes", async () => {
    const refreshToken = google.grant(USER);
    let now = Date.parse("2030-01-01T00:00:00Z");
    const log = capturedLogger();
    const tokens = createMailTokenSource({ client: googleClient(refreshToken), logger: log.logger, clock: () => now });
    const before = google.tokenRequests.length;

    const first = await tokens.accessToken();
    expect(google.userOf(first)).toBe(USER);
    expect(tokens.expiresAt).toBe(now + 3599_000);
    expect(google.tokenRequests.slice(before)).toEqual([
      { grant_type: "refresh_token", refresh_token: refreshToken, client_id: google.clientId, client_secret: google.clientSecret },
    ]);

    now += 54 * 60_000; // 54 minutes on: still more than five to go
    expect(await tokens.accessToken()).toBe(first);
    now += 2 * 60_000; // 56 minutes: within five of the expiry
    const second = await tokens.accessToken();
    expect(second).not.toBe(first);
    expect(google.userOf(second)).toBe(USER);
    expect(google.tokenRequests.length - before).toBe(2);
    expect(log.text()).not.toContain(refreshToken);
    expect(log.text()).not.toContain(second);
  });

  it("renews a token the server refused before its expiry, and makes one request for callers at once", async () => {
    const tokens = createMailTokenSource({ client: googleClient(google.grant(USER)), logger: capturedLogger().logger });
    const first = await tokens.accessToken();
    google.expireAccessTokens(); // revoked early, as a password change at the provider does
    const before = google.tokenRequests.length;
    const [a, b] = await Promise.all([tokens.accessToken({ renew: true }), tokens.accessToken({ renew: true })]);
    expect(a).toBe(b);
    expect(a).not.toBe(first);
    expect(google.userOf(a)).toBe(USER);
    expect(google.tokenRequests.length - before).toBe(1);
  });

  it("asks Microsoft for the IMAP and SMTP scopes again, without a secret for a public client, and uses a rotated refresh token", async () => {
    const original = microsoft.grant(USER, MICROSOFT_MAIL_SCOPE.split(" "));
    const tokens = createMailTokenSource({
      client: { provider: "microsoft", tokenUrl: microsoft.tokenUrl, clientId: microsoft.clientId, refreshToken: original, scope: MICROSOFT_MAIL_SCOPE },
      logger: capturedLogger().logger,
    });
    await tokens.accessToken();
    await tokens.accessToken({ renew: true });
    const [firstAsk, secondAsk] = microsoft.tokenRequests.slice(-2);
    expect(firstAsk).toEqual({ grant_type: "refresh_token", refresh_token: original, client_id: microsoft.clientId, scope: MICROSOFT_MAIL_SCOPE });
    expect(secondAsk!.refresh_token).not.toBe(original); // the one the first answer rotated in
    expect(secondAsk!.scope).toBe(MICROSOFT_MAIL_SCOPE);
  });

  it("tells a refused grant (invalid_grant, invalid_client, invalid_scope) from an endpoint it cannot reach", async () => {
    const revoked = google.grant(USER);
    google.revoke(revoked);
    const refused = await createMailTokenSource({ client: googleClient(revoked), logger: capturedLogger().logger })
      .accessToken()
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(MailOAuthRefused);
    expect(refused).toMatchObject({ code: "invalid_grant", status: 400 });
    expect(String(refused)).not.toContain(revoked);

    const wrongSecret = { ...googleClient(google.grant(USER)), clientSecret: "salah" };
    await expect(createMailTokenSource({ client: wrongSecret, logger: capturedLogger().logger }).accessToken()).rejects.toMatchObject({
      code: "invalid_client",
      status: 401,
    });
    const tooMuch = { ...googleClient(google.grant(USER)), scope: "https://www.googleapis.com/auth/drive" };
    await expect(createMailTokenSource({ client: tooMuch, logger: capturedLogger().logger }).accessToken()).rejects.toMatchObject({ code: "invalid_scope" });

    const closed = await startFakeOAuthServer();
    await closed.close();
    const unreachable = createMailTokenSource({ client: { ...googleClient("x"), tokenUrl: closed.tokenUrl }, logger: capturedLogger().logger });
    await expect(unreachable.accessToken()).rejects.toBeInstanceOf(MailOAuthUnavailable);
  });
});
