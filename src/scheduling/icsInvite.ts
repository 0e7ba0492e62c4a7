// Renders our CalendarInvite as an iTIP (RFC 5546) ICS file, so email recipients get an invitation their
// calendar app can add, update (same UID, higher SEQUENCE) or remove (METHOD:CANCEL).
// Times are written in UTC (…Z): every calendar app shows them in the reader's zone, and no VTIMEZONE
// block is needed.
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import type { CalendarInvite } from "../notify/outboundMessage.ts";

/** Options for renderIcsInvite. */
export interface IcsInviteOptions {
  /** DTSTAMP: when this version of the invitation was made. Default now. */
  now?: Date;
  /** The organizer's display name (CN). Default "Pintu Konseling". */
  organizerName?: string;
  /** Line placed before the link in the description. Default "Google Meet:". */
  linkLabel?: string;
}

/** The MIME type to attach the ICS with; the method must match the file's METHOD for mail clients. */
export function icsContentType(invite: Pick<CalendarInvite, "method">): string {
  return `text/calendar; charset=utf-8; method=${invite.method}`;
}

/**
 * An ICS string for one invitation. The description gets the Meet link (when `url` is set and not already
 * in it); ORGANIZER is written only when organizerEmail is known, which iTIP needs for RSVP buttons.
 */
export function renderIcsInvite(invite: CalendarInvite, options: IcsInviteOptions = {}): string {
  if (!(invite.start instanceof Date) || !(invite.end instanceof Date) || Number.isNaN(invite.start.getTime()) || Number.isNaN(invite.end.getTime())) {
    throw new Error("renderIcsInvite: start and end must be valid dates");
  }
  if (invite.end.getTime() <= invite.start.getTime()) {
    throw new Error(`renderIcsInvite: end (${invite.end.toISOString()}) must be after start (${invite.start.toISOString()})`);
  }
  const cancel = invite.method === "CANCEL";
  const calendar = ical({
    prodId: { company: "Pintu Konseling", product: "Pintu Konseling", language: "ID" },
    method: cancel ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  const link = invite.url?.trim() || undefined;
  const text = invite.description?.trim() ?? "";
  const description = link && !text.includes(link) ? [text, `${options.linkLabel ?? "Google Meet:"} ${link}`].filter(Boolean).join("\n\n") : text;
  calendar.createEvent({
    id: invite.uid,
    sequence: invite.sequence ?? 0,
    // DTSTAMP is when this iCalendar object was produced (RFC 5545 3.8.7.2): the wall clock at sending.
    stamp: options.now ?? new Date(),
    start: invite.start,
    end: invite.end,
    summary: invite.title,
    description: description || null,
    url: link ?? null,
    location: link ?? null,
    status: cancel ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: invite.organizerEmail ? { name: options.organizerName ?? "Pintu Konseling", email: invite.organizerEmail } : null,
    attendees: (invite.attendeeEmails ?? []).map((email) => ({
      email,
      role: ICalAttendeeRole.REQ,
      status: ICalAttendeeStatus.NEEDSACTION,
      rsvp: !cancel,
    })),
  });
  // RFC 5545 ends every content line with CRLF, the last one too; ical-generator leaves it off.
  const ics = calendar.toString();
  return ics.endsWith("\r\n") ? ics : `${ics}\r\n`;
}
