// Admin commands for booking sessions in counsellors' calendars: whose Google calendar a counsellor's
// sessions go in (service account: their Workspace email), connecting one counsellor with OAuth, and a
// counsellor's own working hours.
import { createInterface } from "node:readline/promises";
import type { App } from "../app/openApp.ts";
import { finishGoogleConnect, startGoogleConnect } from "../scheduling/googleConnect.ts";
import { staffPerson } from "./staffPerson.ts";

/** staff calendar --person <id> --email <workspace email> [--calendar <calendar id>] */
export async function setStaffCalendar(app: App, p: { person: string; email: string; calendar?: string }): Promise<string> {
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(p.email)) throw new Error(`"${p.email}" is not an email address`);
  const person = await staffPerson(app, p.person);
  const data = { googleEmail: p.email.toLowerCase(), calendarId: p.calendar ?? "primary" };
  await app.db.prisma.counsellorCalendar.upsert({ where: { personId: person.id }, create: { personId: person.id, ...data }, update: data });
  const mode = app.config.google.credentials?.kind;
  return [
    `Sessions of ${person.displayName ?? person.id} are booked in ${data.calendarId === "primary" ? `the primary calendar of ${data.googleEmail}` : data.calendarId}.`,
    mode === "service_account"
      ? "The service account acts as them through domain-wide delegation (scope https://www.googleapis.com/auth/calendar)."
      : mode === "oauth"
        ? `Now connect them: npm run cli -- google connect ${p.person}`
        : "Google Calendar is not configured (GOOGLE_SERVICE_ACCOUNT_KEY or GOOGLE_OAUTH_CLIENT_ID): until it is, links are added by hand with /link.",
  ].join("\n");
}

/** staff hours --person <id> --days 1,2,3,4,5 --start 08:00 --end 15:00 */
export async function setStaffHours(app: App, p: { person: string; days: string; start: string; end: string }): Promise<string> {
  const days = p.days.split(",").map((d) => Number(d.trim()));
  if (days.length === 0 || days.some((d) => !Number.isInteger(d) || d < 1 || d > 7))
    throw new Error("--days takes ISO weekdays 1-7 (1 = Monday), e.g. 1,2,3,4,5");
  const time = /^([01]\d|2[0-3]):[0-5]\d$/;
  if (!time.test(p.start) || !time.test(p.end) || p.start >= p.end)
    throw new Error("--start and --end take HH:MM with start before end, e.g. --start 08:00 --end 15:00");
  const person = await staffPerson(app, p.person);
  const workingHoursJson = JSON.stringify({ workingDays: days, start: p.start, end: p.end });
  await app.db.prisma.counsellorCalendar.upsert({
    where: { personId: person.id },
    create: { personId: person.id, workingHoursJson },
    update: { workingHoursJson },
  });
  return `Working hours of ${person.displayName ?? person.id}: days ${days.join(",")}, ${p.start}-${p.end} (organisation holidays still apply).`;
}

/** google connect <staff id>: OAuth consent in a browser, the pasted address exchanged for a refresh token. */
export async function connectGoogle(app: App, idSuffix: string, io = { input: process.stdin, output: process.stdout }): Promise<string> {
  const credentials = app.config.google.credentials;
  if (credentials?.kind !== "oauth") {
    throw new Error(
      credentials?.kind === "service_account"
        ? "A service account is configured: counsellors need no connecting; set their Workspace email with: staff calendar --person <id> --email <address>"
        : "Google is not configured for OAuth: set GOOGLE_OAUTH_CLIENT_ID and GOOGLE_OAUTH_CLIENT_SECRET first",
    );
  }
  const person = await staffPerson(app, idSuffix);
  const existing = await app.db.prisma.counsellorCalendar.findUnique({ where: { personId: person.id } });
  const options = { client: credentials.client, authUrl: app.config.google.authUrl, tokenUrl: app.config.google.tokenUrl };
  const consent = await startGoogleConnect({ ...options, loginHint: existing?.googleEmail ?? undefined });
  const rl = createInterface({ input: io.input, output: io.output });
  try {
    io.output.write(
      `Open this address as ${person.displayName ?? "the counsellor"}, allow access to the calendar, then paste the address the browser ends on:\n\n${consent.url}\n\n`,
    );
    const pasted = await rl.question("Address (or code): ");
    const connection = await finishGoogleConnect({ ...options, consent, pasted, expectedEmail: existing?.googleEmail ?? undefined });
    await app.db.prisma.counsellorCalendar.upsert({
      where: { personId: person.id },
      create: { personId: person.id, googleEmail: connection.email, refreshToken: connection.refreshToken },
      update: { googleEmail: connection.email, refreshToken: connection.refreshToken },
    });
    await app.db.prisma.auditEvent.create({ data: { type: "google_connected", actorId: person.id, dataJson: "{}" } });
    return `Connected: sessions of ${person.displayName ?? person.id} are booked in ${connection.email}'s calendar.`;
  } finally {
    rl.close();
  }
}
