// The fake must refuse what Google refuses, or the adapter tests prove nothing. These talk to it with
// plain fetch, the way any client would.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { COUNSELLOR, OAUTH_CLIENT, startGoogleTestbed, type GoogleTestbed } from "./googleSetup.ts";

let bed: GoogleTestbed;
let token: string;
beforeEach(async () => {
  bed = await startGoogleTestbed();
  const refreshToken = bed.fake.issueRefreshToken({ clientId: OAUTH_CLIENT.clientId, email: COUNSELLOR });
  const answer = await fetch(bed.fake.tokenUrl, {
    method: "POST",
    body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: refreshToken, client_id: OAUTH_CLIENT.clientId, client_secret: OAUTH_CLIENT.clientSecret }),
  });
  token = ((await answer.json()) as { access_token: string }).access_token;
});
afterEach(async () => {
  await bed.fake.close();
});

const insert = (query: string, body: unknown, auth = `Bearer ${token}`) =>
  fetch(`${bed.fake.url}calendar/v3/calendars/primary/events${query}`, {
    method: "POST",
    headers: { authorization: auth, "content-type": "application/json" },
    body: JSON.stringify(body),
  });

const event = {
  start: { dateTime: "2026-12-07T09:00:00+07:00" },
  end: { dateTime: "2026-12-07T10:00:00+07:00" },
  conferenceData: { createRequest: { requestId: "r1", conferenceSolutionKey: { type: "hangoutsMeet" } } },
};

describe("fake Google Calendar server", () => {
  it("ignores conferenceData unless conferenceDataVersion=1, as Google does", async () => {
    const without = (await (await insert("", event)).json()) as Record<string, unknown>;
    expect(without.hangoutLink).toBeUndefined();
    const withVersion = (await (await insert("?conferenceDataVersion=1", event)).json()) as Record<string, unknown>;
    expect(withVersion.hangoutLink).toMatch(/^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
  });

  it("refuses a missing token, an id outside base32hex, and an id used before", async () => {
    expect((await insert("", event, "Bearer nope")).status).toBe(401);
    expect((await insert("", { ...event, id: "Case-12" })).status).toBe(400);
    expect((await insert("", { ...event, id: "abc12345" })).status).toBe(200);
    const duplicate = await insert("", { ...event, id: "abc12345" });
    expect(duplicate.status).toBe(409);
    expect(((await duplicate.json()) as { error: { errors: { reason: string }[] } }).error.errors[0]?.reason).toBe("duplicate");
  });

  it("refuses an unsigned or wrongly signed JWT assertion", async () => {
    const claims = { iss: bed.key.client_email, sub: COUNSELLOR, aud: "https://oauth2.googleapis.com/token", scope: "https://www.googleapis.com/auth/calendar", iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 3600 };
    const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const assertion = `${part({ alg: "RS256" })}.${part(claims)}.${Buffer.from("not a signature").toString("base64url")}`;
    const answer = await fetch(bed.fake.tokenUrl, {
      method: "POST",
      body: new URLSearchParams({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion }),
    });
    expect(answer.status).toBe(400);
    expect(await answer.json()).toEqual({ error: "invalid_grant", error_description: "Invalid JWT Signature." });
  });
});
