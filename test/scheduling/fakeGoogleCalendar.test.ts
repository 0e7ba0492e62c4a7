// The fake must refuse what Google refuses, or the adapter tests prove nothing. These talk to it with
// plain fetch, the way any client would.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FREE_BUSY_MAX_MS } from "../fakes/googleCalendarApi.ts";
import { COUNSELLOR, OAUTH_CLIENT, startGoogleTestbed, type GoogleTestbed } from "./googleSetup.ts";

/** An access token for the counsellor, from a refresh token the fake issued. */
async function accessTokenOf(testbed: GoogleTestbed): Promise<string> {
  const refreshToken = testbed.fake.issueRefreshToken({ clientId: OAUTH_CLIENT.clientId, email: COUNSELLOR });
  const answer = await fetch(testbed.fake.tokenUrl, {
    method: "POST",
    body: new URLSearchParams({
      grant_type: "refresh_token",
      refresh_token: refreshToken,
      client_id: OAUTH_CLIENT.clientId,
      client_secret: OAUTH_CLIENT.clientSecret,
    }),
  });
  return ((await answer.json()) as { access_token: string }).access_token;
}

let bed: GoogleTestbed;
let token: string;
beforeEach(async () => {
  bed = await startGoogleTestbed();
  token = await accessTokenOf(bed);
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
    const claims = {
      iss: bed.key.client_email,
      sub: COUNSELLOR,
      aud: "https://oauth2.googleapis.com/token",
      scope: "https://www.googleapis.com/auth/calendar",
      iat: Math.floor(Date.now() / 1000),
      exp: Math.floor(Date.now() / 1000) + 3600,
    };
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

describe("fake Google Calendar server: the rules a kinder fake would let slip", () => {
  let clockBed: GoogleTestbed;
  let clockToken: string;
  let now = Date.parse("2026-12-01T01:00:00Z");
  beforeEach(async () => {
    clockBed = await startGoogleTestbed({ clock: () => now });
    clockToken = await accessTokenOf(clockBed);
  });
  afterEach(async () => {
    await clockBed.fake.close();
  });
  const call = async (method: string, path: string, body?: unknown) => {
    const answer = await fetch(`${clockBed.fake.url}calendar/v3/${path}`, {
      method,
      headers: { authorization: `Bearer ${clockToken}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: answer.status, body: (await answer.json()) as GoogleBody };
  };
  type GoogleBody = {
    hangoutLink?: string;
    conferenceData?: { conferenceId?: string; entryPoints?: unknown[]; createRequest?: { status?: { statusCode?: string } } };
    error?: { message: string; errors: { reason: string; domain: string }[] };
  };
  const statusOf = (b: GoogleBody) => b.conferenceData?.createRequest?.status?.statusCode;
  const withRequest = (id: string, requestId: string) => ({
    ...event,
    id,
    conferenceData: { createRequest: { requestId, conferenceSolutionKey: { type: "hangoutsMeet" } } },
  });

  it("freeBusy answers 90 days and refuses a longer range with timeRangeTooLong", async () => {
    const from = Date.parse("2027-01-04T00:00:00Z");
    const ask = (ms: number) =>
      call("POST", "freeBusy", { timeMin: new Date(from).toISOString(), timeMax: new Date(from + ms).toISOString(), items: [{ id: "primary" }] });
    expect((await ask(FREE_BUSY_MAX_MS)).status).toBe(200);
    const tooLong = await ask(FREE_BUSY_MAX_MS + 1000);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error?.errors[0]).toMatchObject({ domain: "calendar", reason: "timeRangeTooLong" });
  });

  it("a conference stays pending for a while (no link, no entry points), then succeeds", async () => {
    clockBed.fake.nextConferences({ pendingMs: 40_000 });
    const inserted = await call("POST", "calendars/primary/events?conferenceDataVersion=1", withRequest("pending01", "req-1"));
    expect(statusOf(inserted.body)).toBe("pending");
    expect(inserted.body.hangoutLink).toBeUndefined();
    expect(inserted.body.conferenceData?.entryPoints).toBeUndefined();
    now += 39_000;
    expect(statusOf((await call("GET", "calendars/primary/events/pending01")).body)).toBe("pending");
    now += 1_000;
    const done = await call("GET", "calendars/primary/events/pending01");
    expect(statusOf(done.body)).toBe("success");
    expect(done.body.hangoutLink).toMatch(/^https:\/\/meet\.google\.com\//);
  });

  it("a conference that ends in failure has no entry points and no link", async () => {
    clockBed.fake.nextConferences({ pendingReads: 1, outcome: "failure" });
    await call("POST", "calendars/primary/events?conferenceDataVersion=1", withRequest("failing01", "req-2"));
    expect(statusOf((await call("GET", "calendars/primary/events/failing01")).body)).toBe("pending");
    const failed = (await call("GET", "calendars/primary/events/failing01")).body;
    expect(statusOf(failed)).toBe("failure");
    expect(failed.hangoutLink).toBeUndefined();
    expect(failed.conferenceData?.entryPoints).toBeUndefined();
  });

  it("a reused requestId is ignored: another event gets the first conference, pending or failed as it is", async () => {
    clockBed.fake.nextConferences({ pendingMs: 10_000 });
    const first = await call("POST", "calendars/primary/events?conferenceDataVersion=1", withRequest("reused001", "req-3"));
    const second = await call("POST", "calendars/primary/events?conferenceDataVersion=1", withRequest("reused002", "req-3"));
    expect([statusOf(first.body), statusOf(second.body)]).toEqual(["pending", "pending"]);
    now += 10_000;
    const [a, b] = [(await call("GET", "calendars/primary/events/reused001")).body, (await call("GET", "calendars/primary/events/reused002")).body];
    expect(b.conferenceData?.conferenceId).toBe(a.conferenceData?.conferenceId);
    expect(b.hangoutLink).toBe(a.hangoutLink);

    clockBed.fake.nextConferences({ outcome: "failure" });
    await call("POST", "calendars/primary/events?conferenceDataVersion=1", withRequest("reused003", "req-4"));
    const again = await call("PATCH", "calendars/primary/events/reused003?conferenceDataVersion=1", {
      conferenceData: { createRequest: { requestId: "req-4", conferenceSolutionKey: { type: "hangoutsMeet" } } },
    });
    expect(statusOf(again.body)).toBe("failure");
    const fresh = await call("PATCH", "calendars/primary/events/reused003?conferenceDataVersion=1", {
      conferenceData: { createRequest: { requestId: "req-5", conferenceSolutionKey: { type: "hangoutsMeet" } } },
    });
    expect(statusOf(fresh.body)).toBe("success");
  });

  it("refuses a time zone that is not an IANA name and an attendee without a usable email, with 400", async () => {
    const badZone = await call("POST", "calendars/primary/events", {
      ...event,
      start: { ...event.start, timeZone: "UTC+7" },
      end: { ...event.end, timeZone: "Asia/Jakarta" },
    });
    expect(badZone.status).toBe(400);
    expect(badZone.body.error?.message).toBe("Invalid time zone definition for start time.");
    expect(
      (
        await call("POST", "calendars/primary/events", {
          ...event,
          start: { ...event.start, timeZone: "Asia/Jakarta" },
          end: { ...event.end, timeZone: "Asia/Jakarta" },
        })
      ).status,
    ).toBe(200);
    const badGuest = await call("POST", "calendars/primary/events", { ...event, attendees: [{ email: "klien@example.com" }, { email: "klien at example" }] });
    expect(badGuest.status).toBe(400);
    expect(badGuest.body.error?.message).toBe("Invalid attendee email.");
    expect((await call("POST", "calendars/primary/events", { ...event, attendees: [{}] })).body.error?.errors[0]?.reason).toBe("required");
  });
});
