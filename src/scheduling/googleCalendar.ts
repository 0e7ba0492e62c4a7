// The Google Calendar adapter behind our CalendarService: free/busy, events with Meet links, moves and
// cancellations, acting as one counsellor. Google's types stay in this file; callers get ours.
//
// Reliability rules:
// - every call gets a fresh-enough token first; a token refusal is a CalendarCredentialError, never retried;
// - 429, 403 rateLimitExceeded/userRateLimitExceeded, 408, 5xx and network failures are retried with
//   exponential backoff and jitter, then become CalendarUnavailableError;
// - a 401 from the API forces one token refresh before it counts as a credential failure;
// - bookings are idempotent: the event id is derived from the booking key, so a retried insert answers
//   409 and the existing event is returned instead of a second one;
// - cancelling something already gone (404/410) is success;
// - Google makes the Meet link asynchronously (conferenceData.createRequest.status pending → success | failure):
//   createMeeting re-reads a few times, then returns the meeting with `meetLink: "pending"`, and the scheduler
//   keeps reading it (readMeeting) on a back-off until the link is there or Google gave up;
// - a free/busy question longer than Google answers (timeRangeTooLong) is refused here, never sent.
import { calendar, type calendar_v3 } from "@googleapis/calendar";
import type { OAuth2Client } from "google-auth-library";
import type { Logger } from "../logger.ts";
import {
  CalendarCredentialError,
  CalendarRequestError,
  CalendarUnavailableError,
  intervalsOverlap,
  mergeBusyIntervals,
  MeetingNotFoundError,
  SlotTakenError,
  type BusyInterval,
  type CalendarError,
  type CalendarService,
  type CreateMeetingInput,
  type Meeting,
  type MeetLinkState,
  type MoveMeetingInput,
} from "./calendar.ts";
import { FREE_BUSY_MAX_DAYS } from "./freeBusyLimit.ts";
import { createGoogleAuthClient, type CounsellorIdentity } from "./googleAuth.ts";
import { GOOGLE_API_ROOT, GOOGLE_TOKEN_URL, type GoogleCredentials } from "./googleCredentials.ts";
import { classifyApiFailure, classifyTokenFailure, httpStatusOf, type CredentialKind, type GoogleFailure, type TransientFailure } from "./googleErrors.ts";
import { googleEventIdFor, meetRequestIdFor } from "./googleEventId.ts";

export type { CounsellorIdentity } from "./googleAuth.ts";

/** How hard to retry a failing call. */
export interface RetrySettings {
  /** Total tries per call, the first included. */
  attempts: number;
  /** The first back-off; doubles per retry. */
  baseDelayMs: number;
  /** No single wait is longer than this (Retry-After included). */
  maxDelayMs: number;
}

/** Settings for createGoogleCalendar. */
export interface GoogleCalendarOptions {
  credentials: GoogleCredentials;
  /** Calendar API root (googleapis' rootUrl), GOOGLE_API_ROOT by default. Only its origin is used. */
  apiRoot?: string;
  /** OAuth token endpoint, GOOGLE_TOKEN_URL by default. */
  tokenUrl?: string;
  retry?: Partial<RetrySettings>;
  /** Per-request timeout; a timed-out call counts as a network failure. Default 20 s. */
  requestTimeoutMs?: number;
  /**
   * How often createMeeting re-reads an event whose Meet link Google is still creating before it returns the
   * meeting as pending (the scheduler reads it again later). Default 3.
   */
  meetLinkChecks?: number;
  /** Whether Google itself emails guests about changes. Default "none": we send our own invitation. */
  sendUpdates?: "all" | "externalOnly" | "none";
  logger?: Logger;
  /** Injected for tests; defaults to setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  /** Injected for tests; defaults to Math.random. */
  random?: () => number;
}

/** Hands out a CalendarService acting as a given counsellor. */
export interface GoogleCalendarFactory {
  /** The counsellor's calendar service (cached per counsellor, so tokens are reused). */
  forCounsellor(counsellor: CounsellorIdentity): CalendarService;
}

/** About 7 s of waiting over five tries: long enough for a rate limit to pass, short enough for a chat reply. */
export const DEFAULT_RETRY: RetrySettings = { attempts: 5, baseDelayMs: 500, maxDelayMs: 30_000 };

interface Settings {
  credentialKind: CredentialKind;
  retry: RetrySettings;
  meetLinkChecks: number;
  sendUpdates: "all" | "externalOnly" | "none";
  log: Logger | undefined;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

type GoogleEvent = calendar_v3.Schema$Event;

/** Builds the factory once from configuration; the services it returns share its settings. */
export function createGoogleCalendar(options: GoogleCalendarOptions): GoogleCalendarFactory {
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  if (!Number.isInteger(retry.attempts) || retry.attempts < 1) throw new Error("retry.attempts must be a whole number of at least 1");
  if (!(retry.baseDelayMs >= 0) || !(retry.maxDelayMs >= 0)) throw new Error("retry delays must be zero or more milliseconds");
  const requestTimeoutMs = options.requestTimeoutMs ?? 20_000;
  const settings: Settings = {
    credentialKind: options.credentials.kind,
    retry,
    meetLinkChecks: options.meetLinkChecks ?? 3,
    sendUpdates: options.sendUpdates ?? "none",
    log: options.logger?.child({ module: "googleCalendar" }),
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    random: options.random ?? Math.random,
  };
  const rootUrl = new URL(options.apiRoot ?? GOOGLE_API_ROOT).origin + "/";
  const tokenUrl = options.tokenUrl ?? GOOGLE_TOKEN_URL;
  const cache = new Map<string, { refreshToken: string | null; service: CalendarService }>();

  return {
    forCounsellor(counsellor) {
      const email = counsellor.email?.trim().toLowerCase();
      if (!email?.includes("@")) throw new Error("forCounsellor needs the counsellor's Google account email");
      const refreshToken = counsellor.refreshToken ?? null;
      const cached = cache.get(email);
      if (cached && cached.refreshToken === refreshToken) return cached.service;
      const auth = createGoogleAuthClient({
        credentials: options.credentials,
        counsellor: { email, refreshToken },
        tokenUrl,
        requestTimeoutMs,
      });
      const api = calendar({ version: "v3", auth, rootUrl, retry: false, timeout: requestTimeoutMs });
      const service = new GoogleCalendarService(api, auth, settings);
      cache.set(email, { refreshToken, service });
      return service;
    },
  };
}

function checkRange(start: Date, end: Date, what: string): void {
  if (!(start instanceof Date) || Number.isNaN(start.getTime()) || !(end instanceof Date) || Number.isNaN(end.getTime())) {
    throw new Error(`${what}: start and end must be valid dates`);
  }
  if (end.getTime() <= start.getTime()) throw new Error(`${what}: end (${end.toISOString()}) must be after start (${start.toISOString()})`);
}

function instantOf(time: calendar_v3.Schema$EventDateTime | undefined): Date | null {
  const text = time?.dateTime ?? time?.date;
  if (!text) return null;
  const at = new Date(text);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** Our Meeting from a Google event: the Meet link from hangoutLink or the video entry point. */
function meetingOf(event: GoogleEvent): Meeting {
  const start = instantOf(event.start);
  const end = instantOf(event.end);
  if (!event.id || !start || !end) {
    throw new CalendarRequestError("Google returned an event without id, start or end; this is unexpected, report it with the time of the booking.", {
      status: null,
      reason: "malformedEvent",
    });
  }
  const video = event.conferenceData?.entryPoints?.find((p) => p.entryPointType === "video");
  const meetUrl = event.hangoutLink ?? video?.uri ?? null;
  const meetingCode = event.conferenceData?.conferenceId ?? (meetUrl ? (/meet\.google\.com\/([a-z]{3}-[a-z]{4}-[a-z]{3})/.exec(meetUrl)?.[1] ?? null) : null);
  const meeting: Meeting = { eventId: event.id, start, end, meetUrl, meetLink: meetLinkState(event, meetUrl), meetingCode: meetUrl ? meetingCode : null };
  if (event.htmlLink) meeting.htmlLink = event.htmlLink;
  return meeting;
}

function conferenceStatus(event: GoogleEvent): string | null {
  return event.conferenceData?.createRequest?.status?.statusCode ?? null;
}

/** "pending" while Google is still making the conference; without a link and not pending, none is coming. */
function meetLinkState(event: GoogleEvent, meetUrl: string | null): MeetLinkState {
  if (meetUrl) return "ready";
  return conferenceStatus(event) === "pending" ? "pending" : "failed";
}

/** `intervals` with `cut` removed (used to ignore a meeting's own time when moving it). */
function withoutInterval(intervals: BusyInterval[], cut: BusyInterval): BusyInterval[] {
  const out: BusyInterval[] = [];
  for (const i of intervals) {
    if (!intervalsOverlap(i, cut)) {
      out.push(i);
      continue;
    }
    if (i.start < cut.start) out.push({ start: i.start, end: cut.start });
    if (i.end > cut.end) out.push({ start: cut.end, end: i.end });
  }
  return out;
}

class GoogleCalendarService implements CalendarService {
  constructor(
    private readonly api: calendar_v3.Calendar,
    private readonly auth: OAuth2Client,
    private readonly settings: Settings,
  ) {}

  async freeBusy(p: { calendarId: string; from: Date; to: Date }): Promise<BusyInterval[]> {
    checkRange(p.from, p.to, "freeBusy");
    const days = (p.to.getTime() - p.from.getTime()) / 86_400_000;
    if (days > FREE_BUSY_MAX_DAYS) {
      throw new CalendarRequestError(
        `Free/busy was asked for ${days.toFixed(1)} days, more than the ${FREE_BUSY_MAX_DAYS} Google Calendar answers at once ` +
          "(it would refuse with timeRangeTooLong): search fewer days ahead (MEETING_SEARCH_DAYS) or a shorter buffer (MEETING_BUFFER_MINUTES).",
        { status: null, reason: "timeRangeTooLong" },
      );
    }
    const data = await this.call("freebusy.query", () =>
      this.api.freebusy.query({
        requestBody: { timeMin: p.from.toISOString(), timeMax: p.to.toISOString(), items: [{ id: p.calendarId }] },
      }),
    );
    const entry = data.calendars?.[p.calendarId];
    if (!entry) {
      throw new CalendarRequestError("Google's free/busy answer did not include the requested calendar: check the calendar id.", {
        status: 200,
        reason: "missingCalendar",
      });
    }
    const problem = entry.errors?.[0]?.reason;
    if (problem) {
      throw new CalendarRequestError(
        `Google cannot show free/busy for this calendar (${problem}): the counsellor's account must own the calendar or see its ` +
          "details; use their primary calendar or check the calendar id.",
        { status: 200, reason: problem },
      );
    }
    const busy: BusyInterval[] = [];
    for (const b of entry.busy ?? []) {
      const start = b.start ? new Date(b.start) : null;
      const end = b.end ? new Date(b.end) : null;
      if (!start || !end || Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) continue;
      // biome-ignore lint/complexity/useMathMinMax: Dates, not numbers (Math.max would return a number)
      busy.push({ start: start < p.from ? p.from : start, end: end > p.to ? p.to : end });
    }
    return mergeBusyIntervals(busy);
  }

  async createMeeting(input: CreateMeetingInput): Promise<Meeting> {
    checkRange(input.start, input.end, "createMeeting");
    const eventId = googleEventIdFor(input.key);
    const { calendarId } = input;
    if (input.refuseIfBusy !== false) {
      const busy = await this.freeBusy({ calendarId, from: input.start, to: input.end });
      if (busy.some((b) => intervalsOverlap(b, input))) {
        // Busy because an earlier attempt of this very booking succeeded? Then that is the answer.
        const existing = await this.findEvent(calendarId, eventId);
        if (existing && existing.status !== "cancelled") return this.withMeetLink(calendarId, existing);
        throw new SlotTakenError(
          `The counsellor's calendar is already busy between ${input.start.toISOString()} and ${input.end.toISOString()}: ` +
            "offer other free slots and book again.",
          { start: input.start, end: input.end },
        );
      }
    }
    const requestBody: GoogleEvent = {
      id: eventId,
      summary: input.title,
      description: input.description,
      start: { dateTime: input.start.toISOString(), timeZone: input.timeZone },
      end: { dateTime: input.end.toISOString(), timeZone: input.timeZone },
      attendees: input.attendeeEmails?.length ? input.attendeeEmails.map((email) => ({ email })) : undefined,
      // Counselling is sensitive: colleagues who can see this calendar see "busy", not the title.
      visibility: "private",
      guestsCanInviteOthers: false,
      guestsCanSeeOtherGuests: false,
      conferenceData: {
        createRequest: { requestId: meetRequestIdFor(input.key), conferenceSolutionKey: { type: "hangoutsMeet" } },
      },
    };
    let event: GoogleEvent;
    try {
      event = await this.call("events.insert", () =>
        this.api.events.insert({ calendarId, conferenceDataVersion: 1, sendUpdates: this.settings.sendUpdates, requestBody }),
      );
    } catch (error) {
      if (!(error instanceof CalendarRequestError && error.status === 409)) throw error;
      // 409 "duplicate": this key was booked before (a retry after a lost answer). Return that booking.
      const existing = await this.findEvent(calendarId, eventId);
      if (!existing) throw error;
      if (existing.status === "cancelled") {
        throw new CalendarRequestError("This booking key belongs to a meeting that was cancelled: a new booking needs a new key (e.g. from a new step run).", {
          status: 409,
          reason: "duplicate",
        });
      }
      this.settings.log?.info({ op: "createMeeting" }, "booking already existed; returning the existing meeting");
      event = existing;
    }
    return this.withMeetLink(calendarId, event);
  }

  async readMeeting(p: { calendarId: string; eventId: string }): Promise<Meeting> {
    const event = await this.findEvent(p.calendarId, p.eventId);
    if (!event || event.status === "cancelled") {
      throw new MeetingNotFoundError("The meeting is no longer in the counsellor's calendar (deleted or cancelled).", { eventId: p.eventId });
    }
    return meetingOf(event);
  }

  async moveMeeting(input: MoveMeetingInput): Promise<Meeting> {
    checkRange(input.start, input.end, "moveMeeting");
    const { calendarId, eventId } = input;
    const current = await this.findEvent(calendarId, eventId);
    if (!current || current.status === "cancelled") {
      throw new MeetingNotFoundError("The meeting to move is not in the counsellor's calendar (deleted or cancelled): book a new meeting instead.", {
        eventId,
      });
    }
    if (input.refuseIfBusy !== false) {
      const busy = await this.freeBusy({ calendarId, from: input.start, to: input.end });
      const own = { start: instantOf(current.start) ?? input.start, end: instantOf(current.end) ?? input.start };
      if (withoutInterval(busy, own).some((b) => intervalsOverlap(b, input))) {
        throw new SlotTakenError(
          `The counsellor's calendar is already busy between ${input.start.toISOString()} and ${input.end.toISOString()}: ` +
            "offer other free slots and move again.",
          { start: input.start, end: input.end },
        );
      }
    }
    let event: GoogleEvent;
    try {
      event = await this.call("events.patch", () =>
        this.api.events.patch({
          calendarId,
          eventId,
          conferenceDataVersion: 1,
          sendUpdates: this.settings.sendUpdates,
          requestBody: {
            start: { dateTime: input.start.toISOString(), timeZone: current.start?.timeZone ?? undefined },
            end: { dateTime: input.end.toISOString(), timeZone: current.end?.timeZone ?? undefined },
          },
        }),
      );
    } catch (error) {
      if (error instanceof CalendarRequestError && (error.status === 404 || error.status === 410)) {
        throw new MeetingNotFoundError("The meeting disappeared from the counsellor's calendar while moving it: book a new meeting.", { eventId });
      }
      throw error;
    }
    return meetingOf(event);
  }

  async cancelMeeting(p: { calendarId: string; eventId: string; scrub?: boolean }): Promise<void> {
    if (p.scrub) await this.scrubMeeting(p);
    try {
      await this.call("events.delete", () =>
        this.api.events.delete({ calendarId: p.calendarId, eventId: p.eventId, sendUpdates: p.scrub ? "none" : this.settings.sendUpdates }),
      );
    } catch (error) {
      if (error instanceof CalendarRequestError && (error.status === 404 || error.status === 410)) {
        this.settings.log?.info({ op: "cancelMeeting", status: error.status }, "meeting was already gone; nothing to cancel");
        return;
      }
      throw error;
    }
  }

  /** Takes the guests and the description off an event, telling nobody (before deleting it for an erased client). */
  private async scrubMeeting(p: { calendarId: string; eventId: string }): Promise<void> {
    try {
      await this.call("events.patch", () =>
        this.api.events.patch({ calendarId: p.calendarId, eventId: p.eventId, sendUpdates: "none", requestBody: { attendees: [], description: "" } }),
      );
    } catch (error) {
      if (error instanceof CalendarRequestError && (error.status === 404 || error.status === 410)) return;
      throw error;
    }
  }

  /** The event, or null when Google says it does not exist (404/410). */
  private async findEvent(calendarId: string, eventId: string): Promise<GoogleEvent | null> {
    try {
      return await this.call("events.get", () => this.api.events.get({ calendarId, eventId }));
    } catch (error) {
      if (error instanceof CalendarRequestError && (error.status === 404 || error.status === 410)) return null;
      throw error;
    }
  }

  /** Google may still be creating the Meet conference ("pending"); re-read the event a few times. */
  private async withMeetLink(calendarId: string, event: GoogleEvent): Promise<Meeting> {
    let current = event;
    for (let check = 0; check < this.settings.meetLinkChecks && conferenceStatus(current) === "pending"; check++) {
      await this.settings.sleep(this.backoff(check + 1, null));
      const eventId = current.id ?? "";
      current = await this.call("events.get", () => this.api.events.get({ calendarId, eventId }));
    }
    const meeting = meetingOf(current);
    if (meeting.meetLink === "pending") {
      this.settings.log?.info({ op: "createMeeting" }, "Google is still making the Meet link; it is read again later");
    } else if (meeting.meetLink === "failed") {
      this.settings.log?.warn({ op: "createMeeting", conference: conferenceStatus(current) ?? "none" }, "Google did not make a Meet link for this meeting");
    }
    return meeting;
  }

  private backoff(attempt: number, retryAfterMs: number | null): number {
    const { baseDelayMs, maxDelayMs } = this.settings.retry;
    const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
    const jittered = ceiling / 2 + this.settings.random() * (ceiling / 2);
    return Math.round(Math.min(maxDelayMs, Math.max(jittered, retryAfterMs ?? 0)));
  }

  /** One API call with a valid token, retried on transient failures. */
  private async call<T>(op: string, request: () => Promise<{ data: T }>): Promise<T> {
    const { attempts } = this.settings.retry;
    let last: TransientFailure | null = null;
    let refreshedAfter401 = false;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      let failure: GoogleFailure;
      try {
        await this.auth.getAccessToken();
      } catch (error) {
        failure = classifyTokenFailure(error, this.settings.credentialKind);
        if (failure.kind === "final") throw this.final(op, failure.error);
        last = failure;
        await this.pause(op, attempt, failure);
        continue;
      }
      try {
        return (await request()).data;
      } catch (error) {
        if (httpStatusOf(error) === 401 && !refreshedAfter401) {
          // The cached token may have been revoked early: get a new one once before blaming the credential.
          refreshedAfter401 = true;
          this.auth.credentials = { ...this.auth.credentials, expiry_date: 1 };
          attempt--;
          continue;
        }
        failure = classifyApiFailure(error, this.settings.credentialKind);
      }
      if (failure.kind === "final") throw this.final(op, failure.error);
      last = failure;
      await this.pause(op, attempt, failure);
    }
    throw new CalendarUnavailableError(
      `Google Calendar did not answer ${op} after ${attempts} attempts (last: ${last?.detail ?? "unknown"}): ` +
        "Google or the network is down or rate-limiting us; the booking can be retried later with the same key.",
      { attempts, status: last?.status ?? null },
    );
  }

  private async pause(op: string, attempt: number, failure: TransientFailure): Promise<void> {
    if (attempt >= this.settings.retry.attempts) return;
    const delayMs = this.backoff(attempt, failure.retryAfterMs);
    this.settings.log?.warn({ op, attempt, status: failure.status, reason: failure.reason, delayMs }, "Google Calendar call failed; retrying");
    await this.settings.sleep(delayMs);
  }

  /** Credential failures are logged here (they need an admin); other refusals are for the caller to judge. */
  private final(op: string, error: CalendarError): CalendarError {
    if (error instanceof CalendarCredentialError) {
      this.settings.log?.error({ op, reason: error.code }, "Google refused the counsellor's credential; an admin must fix it");
    }
    return error;
  }
}
