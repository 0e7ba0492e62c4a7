import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GOOGLE_CALENDAR_SCOPE } from "../../src/scheduling/googleCredentials.ts";
import { codeFromPasted, finishGoogleConnect, GoogleConnectError, startGoogleConnect, type GoogleConnectOptions } from "../../src/scheduling/googleConnect.ts";
import { COUNSELLOR, OAUTH_CLIENT, startGoogleTestbed, wib, type GoogleTestbed } from "./googleSetup.ts";

let bed: GoogleTestbed;
let options: GoogleConnectOptions;
beforeEach(async () => {
  bed = await startGoogleTestbed();
  options = { client: OAUTH_CLIENT, authUrl: bed.fake.authUrl, tokenUrl: bed.fake.tokenUrl };
});
afterEach(async () => {
  await bed.fake.close();
});

/** What the counsellor's browser does: open the consent URL and land on the redirect address. */
async function visit(url: string): Promise<string> {
  const response = await fetch(url, { redirect: "manual" });
  expect(response.status).toBe(302);
  return response.headers.get("location") ?? "";
}

describe("google connect", () => {
  it("builds a consent URL for offline calendar access with PKCE and a state", async () => {
    const consent = await startGoogleConnect({ ...options, loginHint: COUNSELLOR });
    const url = new URL(consent.url);
    expect(`${url.origin}${url.pathname}`).toBe(bed.fake.authUrl);
    const q = Object.fromEntries(url.searchParams);
    expect(q).toMatchObject({
      access_type: "offline",
      prompt: "consent",
      response_type: "code",
      client_id: OAUTH_CLIENT.clientId,
      redirect_uri: OAUTH_CLIENT.redirectUri,
      code_challenge_method: "S256",
      state: consent.state,
      login_hint: COUNSELLOR,
    });
    expect(q.scope?.split(" ")).toContain(GOOGLE_CALENDAR_SCOPE);
    expect(q.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(consent.codeVerifier).not.toBe("");
  });

  it("exchanges the pasted address for a refresh token that then books meetings", async () => {
    bed.fake.consentAs(COUNSELLOR);
    const consent = await startGoogleConnect(options);
    const landedOn = await visit(consent.url);
    const connection = await finishGoogleConnect({ ...options, consent, pasted: ` ${landedOn}\n`, expectedEmail: COUNSELLOR });

    expect(connection.refreshToken).toMatch(/^1\/\//);
    expect(connection.scopes).toContain(GOOGLE_CALENDAR_SCOPE);
    expect(connection.email).toBe(COUNSELLOR);
    const exchange = bed.fake.requestsTo("token").at(-1)?.body as Record<string, string>;
    expect(exchange).toMatchObject({ grant_type: "authorization_code", code_verifier: consent.codeVerifier, redirect_uri: OAUTH_CLIENT.redirectUri });

    const calendar = bed.google({ credentials: bed.oauth }).forCounsellor({ email: COUNSELLOR, refreshToken: connection.refreshToken });
    const meeting = await calendar.createMeeting({
      calendarId: "primary",
      key: "c1:r1",
      start: wib("2026-12-07T09:00:00"),
      end: wib("2026-12-07T10:00:00"),
      title: "Sesi",
    });
    expect(meeting.meetUrl).toMatch(/^https:\/\/meet\.google\.com\//);
  });

  it("accepts the bare code too, but only once", async () => {
    bed.fake.consentAs(COUNSELLOR);
    const consent = await startGoogleConnect(options);
    const code = new URL(await visit(consent.url)).searchParams.get("code") ?? "";
    await expect(finishGoogleConnect({ ...options, consent, pasted: code })).resolves.toMatchObject({ email: COUNSELLOR });
    const again = await finishGoogleConnect({ ...options, consent, pasted: code }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(GoogleConnectError);
    expect((again as Error).message).toMatch(/invalid_grant.*expired .* or was already used/);
  });

  it("refuses an address from another attempt, a denied consent, a missing calendar scope and the wrong account", async () => {
    bed.fake.consentAs(COUNSELLOR);
    const first = await startGoogleConnect(options);
    const second = await startGoogleConnect(options);
    const landedFirst = await visit(first.url);
    await expect(finishGoogleConnect({ ...options, consent: second, pasted: landedFirst })).rejects.toThrow(/another connect attempt/);

    const denied = new URL(OAUTH_CLIENT.redirectUri);
    denied.searchParams.set("error", "access_denied");
    denied.searchParams.set("state", first.state);
    expect(() => codeFromPasted(denied.href, first.state)).toThrow(/choose Allow/);

    // The counsellor unticks calendar access on the consent screen: Google grants only the rest.
    const unticked = new URL(first.url);
    unticked.searchParams.set("scope", "openid email");
    const landed = await visit(unticked.href);
    await expect(finishGoogleConnect({ ...options, consent: first, pasted: landed })).rejects.toThrow(/Calendar access was not granted/);

    bed.fake.consentAs("pribadi@example.ac.id");
    const third = await startGoogleConnect(options);
    await expect(finishGoogleConnect({ ...options, consent: third, pasted: await visit(third.url), expectedEmail: COUNSELLOR })).rejects.toThrow(
      /different Google account/,
    );
  });

  it("a wrong client secret is named as such", async () => {
    bed.fake.consentAs(COUNSELLOR);
    const consent = await startGoogleConnect(options);
    const landed = await visit(consent.url);
    const wrong = { ...options, client: { ...OAUTH_CLIENT, clientSecret: "GOCSPX-wrong" } };
    await expect(finishGoogleConnect({ ...wrong, consent, pasted: landed })).rejects.toThrow(/invalid_client.*client id or secret/);
  });
});
