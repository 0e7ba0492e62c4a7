// Our calendar port: what booking a Meet session needs from a calendar, in our own types.
// Adapters (googleCalendar.ts) translate to a provider; nothing here names a provider's types.

/** A time range during which a calendar is busy; [start, end). */
export interface BusyInterval {
  start: Date;
  end: Date;
}

/**
 * Where the provider is with a meeting's video link: made ("ready"), still being made ("pending": read the
 * meeting again later), or not made and not coming ("failed": someone has to add a link by hand).
 */
export type MeetLinkState = "ready" | "pending" | "failed";

/** A booked online session as the rest of the product sees it. */
export interface Meeting {
  /** The provider's event id (for Google: derived from the booking key, see googleEventId.ts). */
  eventId: string;
  start: Date;
  end: Date;
  /**
   * The video link (https://meet.google.com/abc-defg-hij), or null while the provider has not made one
   * (`meetLink` says whether it is still coming: readMeeting picks it up once it exists).
   */
  meetUrl: string | null;
  meetLink: MeetLinkState;
  /** The meeting code (abc-defg-hij), or null with meetUrl. */
  meetingCode: string | null;
  /** The event in the counsellor's calendar web UI. */
  htmlLink?: string;
}

/** What to book; `key` makes the booking idempotent. */
export interface CreateMeetingInput {
  calendarId: string;
  /**
   * A stable key for this booking (e.g. `${caseId}:${stepRunId}`). Booking twice with the same key
   * returns the first meeting instead of creating a second one, so a retry after a crash or a lost
   * answer is safe. A different booking needs a different key.
   */
  key: string;
  start: Date;
  end: Date;
  /** Event title, as attendees see it (keep personal data out: e.g. "Sesi konseling #12"). */
  title: string;
  description?: string;
  /** Guests to invite (the client's email when they gave one). */
  attendeeEmails?: string[];
  /** IANA zone the event is shown in, e.g. "Asia/Jakarta". */
  timeZone?: string;
  /** Refuse with SlotTakenError when the calendar is already busy in [start, end). Default true. */
  refuseIfBusy?: boolean;
}

/** Where to move a meeting to. */
export interface MoveMeetingInput {
  calendarId: string;
  eventId: string;
  start: Date;
  end: Date;
  /** Refuse with SlotTakenError when something else is in the new time. Default true. */
  refuseIfBusy?: boolean;
}

/** The calendar operations booking needs, acting as one counsellor. */
export interface CalendarService {
  /** Busy intervals of one calendar between `from` and `to`, sorted and merged. */
  freeBusy(p: { calendarId: string; from: Date; to: Date }): Promise<BusyInterval[]>;
  /** Books a meeting with a video link; idempotent on `key`. */
  createMeeting(p: CreateMeetingInput): Promise<Meeting>;
  /**
   * Reads a booked meeting again, to pick up a video link the provider was still making; MeetingNotFoundError
   * when it was deleted or cancelled.
   */
  readMeeting(p: { calendarId: string; eventId: string }): Promise<Meeting>;
  /** Moves an existing meeting, keeping its link. */
  moveMeeting(p: MoveMeetingInput): Promise<Meeting>;
  /**
   * Cancels a meeting; cancelling one that is already gone succeeds. `scrub` (an erased client) first takes the
   * guests and the description off the event without telling anyone, since a deleted event keeps them otherwise.
   */
  cancelMeeting(p: { calendarId: string; eventId: string; scrub?: boolean }): Promise<void>;
}

/** Base class of every calendar failure, so one `instanceof` catches them all. */
export abstract class CalendarError extends Error {
  /** Whether trying the same thing again later can succeed. */
  abstract readonly retryable: boolean;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * The credential was refused (revoked consent, deleted or wrong key, missing domain-wide delegation).
 * Never retried: it needs an admin, so it must reach an admin alert.
 */
export class CalendarCredentialError extends CalendarError {
  readonly retryable = false;
  /** The provider's short code, e.g. "invalid_grant", "unauthorized_client", "authError". */
  readonly code: string;
  constructor(message: string, options: { code: string; cause?: unknown }) {
    super(message, options);
    this.code = options.code;
  }
}

/** The provider stayed unreachable, overloaded or rate-limited through every retry. Try again later. */
export class CalendarUnavailableError extends CalendarError {
  readonly retryable = true;
  readonly attempts: number;
  /** HTTP status of the last failure, or null when the network failed. */
  readonly status: number | null;
  constructor(message: string, options: { attempts: number; status: number | null; cause?: unknown }) {
    super(message, options);
    this.attempts = options.attempts;
    this.status = options.status;
  }
}

/** The requested time is no longer free in the counsellor's calendar: offer other slots. */
export class SlotTakenError extends CalendarError {
  readonly retryable = false;
  readonly start: Date;
  readonly end: Date;
  constructor(message: string, options: { start: Date; end: Date }) {
    super(message);
    this.start = options.start;
    this.end = options.end;
  }
}

/** The meeting to move does not exist (any more) in that calendar. */
export class MeetingNotFoundError extends CalendarError {
  readonly retryable = false;
  readonly eventId: string;
  constructor(message: string, options: { eventId: string; cause?: unknown }) {
    super(message, options);
    this.eventId = options.eventId;
  }
}

/**
 * The provider refused the request for a reason retrying will not fix (bad input, no access to the
 * calendar, a usage limit): the message says which and what to change.
 */
export class CalendarRequestError extends CalendarError {
  readonly retryable = false;
  readonly status: number | null;
  /** The provider's reason, e.g. "notFound", "forbidden", "invalid". */
  readonly reason: string | null;
  constructor(message: string, options: { status: number | null; reason: string | null; cause?: unknown }) {
    super(message, options);
    this.status = options.status;
    this.reason = options.reason;
  }
}

/**
 * The provider refused a guest's email address (not an address it accepts): the booking can be made again
 * without inviting that guest.
 */
export class InvalidAttendeeError extends CalendarRequestError {}

/** True when two half-open intervals share any instant (touching end to start does not count). */
export function intervalsOverlap(a: BusyInterval, b: BusyInterval): boolean {
  return a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime();
}

/** Sorted, with overlapping or touching intervals merged and empty ones dropped. */
export function mergeBusyIntervals(intervals: readonly BusyInterval[]): BusyInterval[] {
  const sorted = intervals
    .filter((i) => i.end.getTime() > i.start.getTime())
    .map((i) => ({ start: new Date(i.start), end: new Date(i.end) }))
    .sort((a, b) => a.start.getTime() - b.start.getTime());
  const merged: BusyInterval[] = [];
  for (const next of sorted) {
    const last = merged[merged.length - 1];
    if (last && next.start.getTime() <= last.end.getTime()) {
      if (next.end.getTime() > last.end.getTime()) last.end = next.end;
    } else {
      merged.push(next);
    }
  }
  return merged;
}
