import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { WorkingCalendar } from "../../src/flows/flowSchema.ts";
import {
  CalendarError,
  CalendarRequestError,
  CalendarUnavailableError,
  InvalidAttendeeError,
  MeetingNotFoundError,
  SlotTakenError,
  type CreateMeetingInput,
} from "../../src/scheduling/calendar.ts";
import { FREE_BUSY_MAX_DAYS } from "../../src/scheduling/freeBusyLimit.ts";
import { findFreeSlots, freeSlotSearchWindow } from "../../src/scheduling/freeSlots.ts";
import { renderIcsInvite } from "../../src/scheduling/icsInvite.ts";
import { googleEventIdFor, isGoogleEventId, meetRequestIdFor } from "../../src/scheduling/googleEventId.ts";
import { one, parseIcs, text } from "./icsReader.ts";
import { COUNSELLOR, googleFixture, memoryLogger, startGoogleTestbed, wib, type GoogleTestbed } from "./googleSetup.ts";

const WIB: WorkingCalendar = { timeZone: "Asia/Jakarta", workingDays: [1, 2, 3, 4, 5], start: "07:30", end: "16:00", holidays: [] };
const MEET_URL = /^https:\/\/meet\.google\.com\/([a-z]{3}-[a-z]{4}-[a-z]{3})$/;

let bed: GoogleTestbed;
beforeEach(async () => {
  bed = await startGoogleTestbed();
});
afterEach(async () => {
  await bed.fake.close();
});

const booking = (over: Partial<CreateMeetingInput> = {}): CreateMeetingInput => ({
  calendarId: "primary",
  key: "case-12:steprun-40",
  start: wib("2026-12-07T09:00:00"),
  end: wib("2026-12-07T10:00:00"),
  title: "Sesi konseling #12",
  description: "Sesi konseling daring.",
  attendeeEmails: ["klien@example.com"],
  timeZone: "Asia/Jakarta",
  ...over,
});

type InsertBody = { id?: string; conferenceData?: { createRequest?: { requestId?: string; conferenceSolutionKey?: { type?: string } } } };

describe("booking a Meet session", () => {
  it("inserts one event with conferenceDataVersion=1, a hangoutsMeet request and ids derived from the key", async () => {
    const calendar = bed.google().forCounsellor({ email: COUNSELLOR });
    const meeting = await calendar.createMeeting(booking());

    const [insert, ...more] = bed.fake.requestsTo("events.insert");
    expect(more).toHaveLength(0);
    expect(insert?.query.conferenceDataVersion).toBe("1");
    const body = insert?.body as InsertBody;
    expect(body.conferenceData?.createRequest?.conferenceSolutionKey?.type).toBe("hangoutsMeet");
    expect(body.conferenceData?.createRequest?.requestId).toBe(meetRequestIdFor("case-12:steprun-40"));
    expect(body.id).toBe(googleEventIdFor("case-12:steprun-40"));
    expect(isGoogleEventId(body.id ?? "")).toBe(true);
    expect(insert?.authorization).toMatch(/^Bearer ya29\./);
    expect(insert?.principal).toBe(COUNSELLOR);

    expect(meeting.eventId).toBe(body.id);
    expect(meeting.start.toISOString()).toBe("2026-12-07T02:00:00.000Z");
    expect(meeting.end.toISOString()).toBe("2026-12-07T03:00:00.000Z");
    expect(meeting.meetUrl).toMatch(MEET_URL);
    expect(meeting.meetingCode).toBe(MEET_URL.exec(meeting.meetUrl ?? "")?.[1]);
    expect(meeting.htmlLink).toMatch(/^https:\/\/www\.google\.com\/calendar\/event\?eid=/);

    const [stored] = bed.fake.events(COUNSELLOR);
    expect(stored?.visibility).toBe("private");
    expect(stored?.start).toEqual({ dateTime: "2026-12-07T09:00:00+07:00", timeZone: "Asia/Jakarta" });
    expect(stored?.attendees).toEqual([{ email: "klien@example.com", responseStatus: "needsAction" }]);
  });

  it("the booked meeting becomes an email invitation with the same times and link", async () => {
    const meeting = await bed.google().forCounsellor({ email: COUNSELLOR }).createMeeting(booking());
    const ics = renderIcsInvite({
      uid: `${meeting.eventId}@pintu-konseling`,
      method: "REQUEST",
      sequence: 0,
      start: meeting.start,
      end: meeting.end,
      title: "Sesi konseling #12",
      url: meeting.meetUrl ?? undefined,
      attendeeEmails: [],
    });
    const { props } = parseIcs(ics);
    expect(one(props, "DTSTART").value).toBe("20261207T020000Z");
    expect(one(props, "DTEND").value).toBe("20261207T030000Z");
    expect(one(props, "URL").value).toBe(meeting.meetUrl);
    expect(text(one(props, "DESCRIPTION").value)).toBe(`Google Meet: ${meeting.meetUrl}`);
  });

  it("derives the same ids from the same key in every process, and different ids for another key", () => {
    expect(googleEventIdFor("case-12:steprun-40")).toBe(googleEventIdFor("case-12:steprun-40"));
    expect(meetRequestIdFor("case-12:steprun-40")).toBe(meetRequestIdFor("case-12:steprun-40"));
    expect(googleEventIdFor("case-12:steprun-41")).not.toBe(googleEventIdFor("case-12:steprun-40"));
    expect(googleEventIdFor("x")).toMatch(/^[a-v0-9]{52}$/);
    expect(() => googleEventIdFor(" ")).toThrow(/booking key is empty/);
  });

  it("a retried booking with the same key returns the first meeting and creates no second event", async () => {
    const first = await bed.google().forCounsellor({ email: COUNSELLOR }).createMeeting(booking());
    // A restart: a new factory, same key. Once with the busy check, once straight to insert (409 path).
    const again = await bed.google().forCounsellor({ email: COUNSELLOR }).createMeeting(booking());
    const direct = await bed
      .google()
      .forCounsellor({ email: COUNSELLOR })
      .createMeeting(booking({ refuseIfBusy: false }));

    expect(again).toEqual(first);
    expect(direct).toEqual(first);
    expect(bed.fake.events(COUNSELLOR)).toHaveLength(1);
    expect(bed.fake.requestsTo("events.insert").map((r) => r.status)).toEqual([200, 409]);
  });

  it("a booking whose answer was lost on the way back is retried and still yields one event", async () => {
    bed.fake.dropNext("events.insert", { afterProcessing: true });
    const meeting = await bed.google().forCounsellor({ email: COUNSELLOR }).createMeeting(booking());

    expect(bed.fake.events(COUNSELLOR)).toHaveLength(1);
    expect(bed.fake.requestsTo("events.insert").map((r) => r.status)).toEqual([0, 409]);
    expect(meeting.meetUrl).toMatch(MEET_URL);
    expect(bed.sleeps).toHaveLength(1);
  });

  it("refuses a time that is already busy without inserting anything", async () => {
    bed.fake.seedBusy(COUNSELLOR, [{ start: wib("2026-12-07T09:30:00"), end: wib("2026-12-07T11:00:00") }]);
    const calendar = bed.google().forCounsellor({ email: COUNSELLOR });
    const refused = await calendar.createMeeting(booking()).catch((e: unknown) => e);

    expect(refused).toBeInstanceOf(SlotTakenError);
    expect((refused as Error).message).toMatch(/already busy .* offer other free slots/);
    expect(bed.fake.requestsTo("events.insert")).toHaveLength(0);
  });

  it("refuses a booking key that belongs to a cancelled meeting", async () => {
    const calendar = bed.google().forCounsellor({ email: COUNSELLOR });
    const meeting = await calendar.createMeeting(booking());
    await calendar.cancelMeeting({ calendarId: "primary", eventId: meeting.eventId });
    const refused = await calendar.createMeeting(booking()).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CalendarRequestError);
    expect((refused as Error).message).toMatch(/cancelled: a new booking needs a new key/);
  });

  it("re-reads a Meet link Google is still creating a few times, then returns the meeting as pending", async () => {
    bed.fake.conferencePending(2);
    const calendar = bed.google().forCounsellor({ email: COUNSELLOR });
    const meeting = await calendar.createMeeting(booking());
    expect(meeting).toMatchObject({ meetLink: "ready", meetUrl: expect.stringMatching(MEET_URL) });
    expect(bed.fake.requestsTo("events.get")).toHaveLength(3); // two still pending, the third has the link

    // Was "reports none when it never comes": a link still pending after the quick re-reads is not "none"
    // any more; the meeting says it is coming and readMeeting picks it up (the scheduler does, later).
    bed.fake.conferencePending(10);
    const later = await bed
      .google({ meetLinkChecks: 1 })
      .forCounsellor({ email: COUNSELLOR })
      .createMeeting(booking({ key: "case-13:steprun-1", start: wib("2026-12-08T09:00:00"), end: wib("2026-12-08T10:00:00") }));
    expect(later).toMatchObject({ meetLink: "pending", meetUrl: null, meetingCode: null });
  });
});

describe("a Meet link that arrives later", () => {
  let now = Date.parse("2026-12-01T01:00:00Z");
  let timed: GoogleTestbed;
  beforeEach(async () => {
    timed = await startGoogleTestbed({ clock: () => now });
  });
  afterEach(async () => {
    await timed.fake.close();
  });

  it("a conference pending for 40 s: booked as pending, and readMeeting has the link once Google made it", async () => {
    timed.fake.nextConferences({ pendingMs: 40_000 });
    const calendar = timed.google().forCounsellor({ email: COUNSELLOR });
    const booked = await calendar.createMeeting(booking());
    expect(booked).toMatchObject({ meetLink: "pending", meetUrl: null });
    now += 20_000;
    expect(await calendar.readMeeting({ calendarId: "primary", eventId: booked.eventId })).toMatchObject({ meetLink: "pending", meetUrl: null });
    now += 20_000;
    const ready = await calendar.readMeeting({ calendarId: "primary", eventId: booked.eventId });
    expect(ready).toMatchObject({ meetLink: "ready", meetUrl: expect.stringMatching(MEET_URL), meetingCode: MEET_URL.exec(ready.meetUrl ?? "")?.[1] });
  });

  it("a conference that ends in failure is reported as failed, with no link", async () => {
    timed.fake.nextConferences({ pendingReads: 1, outcome: "failure" });
    const calendar = timed.google({ meetLinkChecks: 0 }).forCounsellor({ email: COUNSELLOR });
    const booked = await calendar.createMeeting(booking());
    expect(booked.meetLink).toBe("pending");
    expect(await calendar.readMeeting({ calendarId: "primary", eventId: booked.eventId })).toMatchObject({ meetLink: "pending" });
    expect(await calendar.readMeeting({ calendarId: "primary", eventId: booked.eventId })).toMatchObject({
      meetLink: "failed",
      meetUrl: null,
      meetingCode: null,
    });
  });

  it("a booking retried after a lost answer reuses the requestId and gets the same conference, pending included", async () => {
    timed.fake.nextConferences({ pendingMs: 40_000 });
    timed.fake.dropNext("events.insert", { afterProcessing: true });
    const calendar = timed.google().forCounsellor({ email: COUNSELLOR });
    const booked = await calendar.createMeeting(booking({ refuseIfBusy: false }));
    expect(booked.meetLink).toBe("pending");
    const requestIds = timed.fake.requestsTo("events.insert").map((r) => (r.body as InsertBody).conferenceData?.createRequest?.requestId);
    expect(requestIds).toEqual([meetRequestIdFor("case-12:steprun-40"), meetRequestIdFor("case-12:steprun-40")]);
    now += 40_000;
    const again = await calendar.createMeeting(booking({ refuseIfBusy: false }));
    const read = await calendar.readMeeting({ calendarId: "primary", eventId: booked.eventId });
    expect(again.meetUrl).toMatch(MEET_URL);
    expect(read.meetUrl).toBe(again.meetUrl);
    expect(timed.fake.events(COUNSELLOR)).toHaveLength(1);
  });

  it("readMeeting of a meeting deleted by hand is MeetingNotFoundError", async () => {
    const calendar = timed.google().forCounsellor({ email: COUNSELLOR });
    const booked = await calendar.createMeeting(booking());
    await calendar.cancelMeeting({ calendarId: "primary", eventId: booked.eventId });
    await expect(calendar.readMeeting({ calendarId: "primary", eventId: booked.eventId })).rejects.toBeInstanceOf(MeetingNotFoundError);
  });
});

describe("what Google refuses", () => {
  it("never asks free/busy for more than Google answers: a longer range is refused here, with nothing sent", async () => {
    const calendar = bed.google().forCounsellor({ email: COUNSELLOR });
    const from = wib("2027-01-04T00:00:00");
    await calendar.freeBusy({ calendarId: "primary", from, to: new Date(from.getTime() + FREE_BUSY_MAX_DAYS * 86_400_000) });
    const refused = await calendar
      .freeBusy({ calendarId: "primary", from, to: new Date(from.getTime() + (FREE_BUSY_MAX_DAYS + 1) * 86_400_000) })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CalendarRequestError);
    expect(refused).toMatchObject({ reason: "timeRangeTooLong", retryable: false });
    expect((refused as Error).message).toMatch(/91\.0 days, more than the 90 .*MEETING_SEARCH_DAYS/);
    expect(bed.fake.requestsTo("freeBusy").map((r) => r.status)).toEqual([200]);
  });

  it("a time zone Google does not know: refused at once (400) with what to fix, nothing booked", async () => {
    const refused = await bed
      .google()
      .forCounsellor({ email: COUNSELLOR })
      .createMeeting(booking({ timeZone: "UTC+7" }))
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CalendarRequestError);
    expect(refused).toMatchObject({ status: 400, retryable: false });
    expect((refused as Error).message).toMatch(/Invalid time zone definition for start time.*IANA name such as Asia\/Jakarta/);
    expect(bed.fake.requestsTo("events.insert")).toHaveLength(1);
    expect(bed.fake.events(COUNSELLOR)).toHaveLength(0);
  });

  it("a guest email Google refuses: InvalidAttendeeError, without the address in the message; booking without guests works", async () => {
    const calendar = bed.google().forCounsellor({ email: COUNSELLOR });
    const refused = await calendar.createMeeting(booking({ attendeeEmails: ["klien di example.com"] })).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(InvalidAttendeeError);
    expect(refused).toMatchObject({ status: 400, retryable: false });
    expect((refused as Error).message).toMatch(/refused a guest's email address \(400 invalid Invalid attendee email\.\)/);
    expect((refused as Error).message).not.toContain("klien");
    const meeting = await calendar.createMeeting(booking({ attendeeEmails: [] }));
    expect(meeting.meetUrl).toMatch(MEET_URL);
  });
});

describe("free/busy", () => {
  it("returns seeded busy periods and booked meetings, merged, and free slots avoid them", async () => {
    bed.fake.seedBusy(COUNSELLOR, [
      { start: wib("2026-12-07T07:30:00"), end: wib("2026-12-07T08:30:00") },
      { start: wib("2026-12-07T08:30:00"), end: wib("2026-12-07T09:00:00") },
    ]);
    const calendar = bed.google().forCounsellor({ email: COUNSELLOR });
    await calendar.createMeeting(booking({ start: wib("2026-12-07T13:00:00"), end: wib("2026-12-07T14:00:00") }));

    const query = { calendar: WIB, now: wib("2026-12-04T19:00:00"), daysAhead: 4, count: 20, maxPerDay: 20 };
    const window = freeSlotSearchWindow({ ...query, busy: [] });
    const busy = await calendar.freeBusy({ calendarId: "primary", ...window });
    expect(busy.map((b) => [b.start.toISOString(), b.end.toISOString()])).toEqual([
      ["2026-12-07T00:30:00.000Z", "2026-12-07T02:00:00.000Z"],
      ["2026-12-07T06:00:00.000Z", "2026-12-07T07:00:00.000Z"],
    ]);
    const monday = findFreeSlots({ ...query, busy }).map((s) => s.start.toISOString());
    expect(monday).toEqual([
      "2026-12-07T02:30:00.000Z", // 09:30 WIB: busy until 09:00 + 15 min buffer
      "2026-12-07T03:00:00.000Z",
      "2026-12-07T03:30:00.000Z",
      "2026-12-07T04:00:00.000Z",
      "2026-12-07T04:30:00.000Z", // 11:30-12:30 WIB, clear of 12:45 (the 13:00 session minus buffer)
      "2026-12-07T07:30:00.000Z", // 14:30 WIB: the 13:00 session ends 14:00 + buffer
      "2026-12-07T08:00:00.000Z",
    ]);
  });

  it("says so when the counsellor cannot see the calendar asked for", async () => {
    const calendar = bed.google().forCounsellor({ email: COUNSELLOR });
    const refused = await calendar
      .freeBusy({ calendarId: "kepala@example.ac.id", from: wib("2026-12-07T00:00:00"), to: wib("2026-12-08T00:00:00") })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CalendarRequestError);
    expect((refused as CalendarRequestError).reason).toBe("notFound");
  });
});

describe("moving and cancelling", () => {
  it("moves with a patch that keeps the Meet link", async () => {
    const calendar = bed.google().forCounsellor({ email: COUNSELLOR });
    const booked = await calendar.createMeeting(booking());
    const moved = await calendar.moveMeeting({
      calendarId: "primary",
      eventId: booked.eventId,
      start: wib("2026-12-07T09:30:00"),
      end: wib("2026-12-07T10:30:00"),
    });

    const [patch] = bed.fake.requestsTo("events.patch");
    expect(patch?.query.conferenceDataVersion).toBe("1");
    expect(patch?.path).toBe(`/calendar/v3/calendars/primary/events/${booked.eventId}`);
    expect(patch?.body).toEqual({
      start: { dateTime: "2026-12-07T02:30:00.000Z", timeZone: "Asia/Jakarta" },
      end: { dateTime: "2026-12-07T03:30:00.000Z", timeZone: "Asia/Jakarta" },
    });
    expect(moved).toMatchObject({ eventId: booked.eventId, meetUrl: booked.meetUrl, meetingCode: booked.meetingCode });
    expect(moved.start.toISOString()).toBe("2026-12-07T02:30:00.000Z");
    expect(bed.fake.events(COUNSELLOR)[0]).toMatchObject({ sequence: 1, start: { dateTime: "2026-12-07T09:30:00+07:00" } });
  });

  it("refuses to move onto someone else's time, and to move what is gone", async () => {
    bed.fake.seedBusy(COUNSELLOR, [{ start: wib("2026-12-08T09:00:00"), end: wib("2026-12-08T10:00:00") }]);
    const calendar = bed.google().forCounsellor({ email: COUNSELLOR });
    const booked = await calendar.createMeeting(booking());
    const onBusy = await calendar
      .moveMeeting({ calendarId: "primary", eventId: booked.eventId, start: wib("2026-12-08T09:30:00"), end: wib("2026-12-08T10:30:00") })
      .catch((e: unknown) => e);
    expect(onBusy).toBeInstanceOf(SlotTakenError);
    expect(bed.fake.requestsTo("events.patch")).toHaveLength(0);

    await calendar.cancelMeeting({ calendarId: "primary", eventId: booked.eventId });
    const cancelled = await calendar
      .moveMeeting({ calendarId: "primary", eventId: booked.eventId, start: wib("2026-12-09T09:00:00"), end: wib("2026-12-09T10:00:00") })
      .catch((e: unknown) => e);
    expect(cancelled).toBeInstanceOf(MeetingNotFoundError);
    const missing = await calendar
      .moveMeeting({ calendarId: "primary", eventId: "nosuchevent1", start: wib("2026-12-09T09:00:00"), end: wib("2026-12-09T10:00:00") })
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(MeetingNotFoundError);
  });

  it("reads an event in Google's documented shape (fixture) when moving it", async () => {
    const fixture = googleFixture<Record<string, unknown> & { id: string }>("event-with-meet.json");
    bed.fake.putEvent(COUNSELLOR, fixture);
    const calendar = bed.google().forCounsellor({ email: COUNSELLOR });
    const moved = await calendar.moveMeeting({
      calendarId: COUNSELLOR,
      eventId: fixture.id,
      start: wib("2026-12-07T13:00:00"),
      end: wib("2026-12-07T14:00:00"),
    });
    expect(moved).toEqual({
      eventId: fixture.id,
      start: new Date("2026-12-07T06:00:00Z"),
      end: new Date("2026-12-07T07:00:00Z"),
      meetUrl: "https://meet.google.com/xkp-qwer-tyu",
      meetLink: "ready",
      meetingCode: "xkp-qwer-tyu",
      htmlLink: fixture.htmlLink,
    });
  });

  it("cancels with a delete, and cancelling again (410) or an unknown event (404) is success", async () => {
    const calendar = bed.google().forCounsellor({ email: COUNSELLOR });
    const booked = await calendar.createMeeting(booking());
    await calendar.cancelMeeting({ calendarId: "primary", eventId: booked.eventId });
    await calendar.cancelMeeting({ calendarId: "primary", eventId: booked.eventId });
    await calendar.cancelMeeting({ calendarId: "primary", eventId: "nosuchevent1" });

    expect(bed.fake.requestsTo("events.delete").map((r) => r.status)).toEqual([204, 410, 404]);
    expect(bed.fake.events(COUNSELLOR)[0]?.status).toBe("cancelled");
    expect(bed.sleeps).toEqual([]);
  });
});

describe("retries", () => {
  it.each([
    ["429", { status: 429 }],
    ["403 rateLimitExceeded", { status: 403, body: googleFixture("error-403-rate-limit.json") }],
    ["403 userRateLimitExceeded", { status: 403, body: googleFixture("error-403-user-rate-limit.json") }],
  ])("%s, then success: booked once, with growing back-off", async (_name, failure) => {
    bed.fake.failNext("events.insert", failure, 2);
    const meeting = await bed.google().forCounsellor({ email: COUNSELLOR }).createMeeting(booking());

    expect(meeting.meetUrl).toMatch(MEET_URL);
    expect(bed.fake.events(COUNSELLOR)).toHaveLength(1);
    expect(bed.fake.requestsTo("events.insert").map((r) => r.status)).toEqual([failure.status, failure.status, 200]);
    expect(bed.sleeps).toEqual([100, 200]);
  });

  it("honours Retry-After, capped by the largest allowed wait", async () => {
    bed.fake.failNext("freeBusy", { status: 429, headers: { "retry-after": "30" } });
    await bed.google().forCounsellor({ email: COUNSELLOR }).createMeeting(booking());
    expect(bed.sleeps).toEqual([1_000]);
  });

  it("5xx on every attempt ends in CalendarUnavailableError, with nothing booked", async () => {
    bed.fake.failNext("events.insert", { status: 500 }, 10);
    const failed = await bed
      .google()
      .forCounsellor({ email: COUNSELLOR })
      .createMeeting(booking())
      .catch((e: unknown) => e);

    expect(failed).toBeInstanceOf(CalendarUnavailableError);
    expect(failed).toMatchObject({ attempts: 4, status: 500, retryable: true });
    expect((failed as Error).message).toMatch(/after 4 attempts \(last: 500 backendError\).*retried later with the same key/);
    expect(bed.fake.requestsTo("events.insert")).toHaveLength(4);
    expect(bed.fake.events(COUNSELLOR)).toHaveLength(0);
    expect(bed.sleeps).toEqual([100, 200, 400]);
  });

  it("a refused request (403 forbidden) is not retried", async () => {
    bed.fake.failNext("events.insert", { status: 403, body: googleFixture("error-403-forbidden.json") });
    const refused = await bed
      .google()
      .forCounsellor({ email: COUNSELLOR })
      .createMeeting(booking())
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CalendarRequestError);
    expect(refused).toMatchObject({ status: 403, reason: "forbidden", retryable: false });
    expect(bed.fake.requestsTo("events.insert")).toHaveLength(1);
    expect(bed.sleeps).toEqual([]);
  });

  it("network failures are retried like 5xx", async () => {
    bed.fake.dropNext("freeBusy", { times: 2 });
    await bed.google().forCounsellor({ email: COUNSELLOR }).createMeeting(booking());
    expect(bed.fake.requestsTo("freeBusy").map((r) => r.status)).toEqual([0, 0, 200]);
    expect(bed.fake.events(COUNSELLOR)).toHaveLength(1);
  });

  it("a slow answer past the request timeout counts as a network failure", async () => {
    bed.fake.delayNext("freeBusy", 10_000); // held until the fake closes; the client gives up long before
    await bed.google({ requestTimeoutMs: 750 }).forCounsellor({ email: COUNSELLOR }).createMeeting(booking());
    expect(bed.fake.requestsTo("freeBusy")).toHaveLength(2);
    expect(bed.sleeps).toHaveLength(1);
  });

  it("logs retries without emails, tokens or titles", async () => {
    const { logger, lines } = memoryLogger();
    bed.fake.failNext("events.insert", { status: 429 });
    bed.fake.failNext("events.insert", { status: 500 }, 10);
    await bed
      .google({ logger })
      .forCounsellor({ email: COUNSELLOR })
      .createMeeting(booking())
      .catch((e: unknown) => e);
    const log = lines();
    expect(log).toContain("Google Calendar call failed; retrying");
    expect(log).toContain('"op":"events.insert"');
    expect(log).not.toMatch(/@example|ya29|Sesi konseling|Bearer/);
  });

  it("every failure is one of our CalendarError classes", async () => {
    bed.fake.failNext("events.insert", { status: 400, body: googleFixture("error-400-conference.json") });
    const refused = await bed
      .google()
      .forCounsellor({ email: COUNSELLOR })
      .createMeeting(booking())
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CalendarError);
    expect((refused as Error).message).toMatch(/Meet links can only be created as a Workspace user: use a service account with domain-wide delegation/);
  });
});
