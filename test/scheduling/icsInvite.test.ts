import { describe, expect, it } from "vitest";
import { calendarInviteSchema, type CalendarInvite } from "../../src/notify/outboundMessage.ts";
import { icsContentType, renderIcsInvite } from "../../src/scheduling/icsInvite.ts";
import { one, parseIcs, text } from "./icsReader.ts";

const invite = (over: Partial<CalendarInvite> = {}): CalendarInvite =>
  calendarInviteSchema.parse({
    uid: "7ba3bknj2qu4umsvhd6c07qlino916evk0ign5bqsao069vcsfig@pintu-konseling",
    method: "REQUEST",
    sequence: 2,
    start: "2026-12-07T09:00:00+07:00",
    end: "2026-12-07T10:00:00+07:00",
    title: "Sesi konseling #12; daring, via Meet",
    description: "Silakan bergabung lima menit sebelum sesi dimulai. Jika berhalangan, balas pesan ini agar jadwal dapat diatur ulang.",
    url: "https://meet.google.com/abc-defg-hij",
    organizerEmail: "rini@example.ac.id",
    attendeeEmails: ["klien@example.com"],
    ...over,
  });

describe("renderIcsInvite", () => {
  it("writes a REQUEST that reads back with the right times, link and people", () => {
    const ics = renderIcsInvite(invite(), { now: new Date("2026-12-03T01:02:03Z") });
    const { lines, props } = parseIcs(ics);

    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    expect(one(props, "METHOD").value).toBe("REQUEST");
    expect(lines.filter((l) => l === "BEGIN:VEVENT")).toHaveLength(1);
    expect(one(props, "UID").value).toBe("7ba3bknj2qu4umsvhd6c07qlino916evk0ign5bqsao069vcsfig@pintu-konseling");
    expect(one(props, "SEQUENCE").value).toBe("2");
    expect(one(props, "DTSTAMP").value).toBe("20261203T010203Z");
    expect(one(props, "DTSTART").value).toBe("20261207T020000Z"); // 09:00 WIB
    expect(one(props, "DTEND").value).toBe("20261207T030000Z");
    expect(text(one(props, "SUMMARY").value)).toBe("Sesi konseling #12; daring, via Meet");
    const description = text(one(props, "DESCRIPTION").value);
    expect(description).toContain("Silakan bergabung lima menit sebelum sesi dimulai.");
    expect(description).toContain("Google Meet: https://meet.google.com/abc-defg-hij");
    expect(one(props, "URL").value).toBe("https://meet.google.com/abc-defg-hij");
    expect(one(props, "LOCATION").value).toBe("https://meet.google.com/abc-defg-hij");
    expect(one(props, "STATUS").value).toBe("CONFIRMED");
    expect(one(props, "ORGANIZER").value).toBe("mailto:rini@example.ac.id");
    const attendee = one(props, "ATTENDEE");
    expect(attendee.value.toLowerCase()).toBe("mailto:klien@example.com");
    expect(attendee.params).toMatchObject({ ROLE: "REQ-PARTICIPANT", PARTSTAT: "NEEDS-ACTION", RSVP: "TRUE" });
    expect(icsContentType(invite())).toBe("text/calendar; charset=utf-8; method=REQUEST");
  });

  it("writes a CANCEL for the same UID with a higher sequence", () => {
    const { props } = parseIcs(renderIcsInvite(invite({ method: "CANCEL", sequence: 3 })));
    expect(one(props, "METHOD").value).toBe("CANCEL");
    expect(one(props, "STATUS").value).toBe("CANCELLED");
    expect(one(props, "SEQUENCE").value).toBe("3");
    expect(one(props, "UID").value).toMatch(/^7ba3bk/);
    expect(one(props, "ATTENDEE").params.RSVP).toBe("FALSE");
  });

  it("does not repeat a link already in the description, and leaves out what is unknown", () => {
    const { props } = parseIcs(
      renderIcsInvite(invite({ description: "Tautan: https://meet.google.com/abc-defg-hij", organizerEmail: undefined, attendeeEmails: [] })),
    );
    expect(text(one(props, "DESCRIPTION").value)).toBe("Tautan: https://meet.google.com/abc-defg-hij");
    expect(props.some((p) => p.name === "ORGANIZER" || p.name === "ATTENDEE")).toBe(false);
  });

  it("refuses an end before the start", () => {
    expect(() => renderIcsInvite(invite({ end: new Date("2026-12-07T01:00:00Z") }))).toThrow(/must be after start/);
  });
});
