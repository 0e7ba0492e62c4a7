// Booking the Google Meet session of SOP Konseling Online Praja, step 5, end to end: googleapis pointed at
// the in-repo fake Google Calendar (with a locally generated service-account key and token endpoint), the
// chat on the fake Bot API, and a clock the test moves. Busy and out-of-hours times are never offered, the
// insert asks for a Meet link with a stable request id, the link reaches both sides, moving and cancelling
// patch and delete the event, reminders fire once at their times, a 429 books once, a Meet link Google makes
// 40 s after the booking still reaches both sides, a conference that fails is handed to the counsellor (and the
// admin told), a revoked credential alerts the admin and the counsellor.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUser } from "../fakes/telegramBotApi.ts";
import { startFakeGoogleCalendar, type FakeGoogleCalendar } from "../fakes/googleCalendarApi.ts";
import { onlineCaseToBooking } from "../support/sopWalk.ts";
import { buttonsOf, startTelegramWorld, type TelegramWorld } from "../support/telegramService.ts";
import { testKeyPair } from "../scheduling/googleSetup.ts";
import { waitForOutboxSettled } from "../support/outboxSettled.ts";

const DOMAIN = "ipdn.test";
const SARI = `sari@${DOMAIN}`;
const praja: FakeUser = { id: 9301, first_name: "Rani" };
const konselor: FakeUser = { id: 9302, first_name: "Sari" };
const staf: FakeUser = { id: 9303, first_name: "Budi" };
const kepala: FakeUser = { id: 9304, first_name: "Kepala" };
const admin: FakeUser = { id: 9399, first_name: "Admin" };
const wib = (local: string) => new Date(`${local}+07:00`);

describe("Google Meet booking in chat", () => {
  let google: FakeGoogleCalendar;
  let w: TelegramWorld;
  let now = wib("2026-11-30T08:00:00"); // a Monday
  const run = () => w.service.sessions.runOnce();
  /** Waits until the chat handler has recorded what a press asked for. */
  const until = async (what: string, probe: () => Promise<boolean>) => {
    const deadline = Date.now() + 8000;
    while (!(await probe())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const offers = (status: string) => w.app.db.prisma.sessionOffer.count({ where: { status } });
  const events = () => google.events(SARI).filter((e) => e.status !== "cancelled");

  beforeAll(async () => {
    // Google's conferences take their time on the test's clock, as the service's scheduler does.
    google = await startFakeGoogleCalendar({ domain: DOMAIN, clock: () => now });
    const key = google.createServiceAccountKey({ keyPair: testKeyPair() });
    w = await startTelegramWorld({
      env: {
        GOOGLE_SERVICE_ACCOUNT_KEY: JSON.stringify(key),
        GOOGLE_API_ROOT: google.url,
        GOOGLE_TOKEN_URL: google.tokenUrl,
        ADMIN_CONTACTS: `telegram:${admin.id}`,
      },
      service: { clock: () => now, sessions: { loop: false, google: { retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 50 } } } },
    });
    const sari = await w.linkStaff(konselor, { roles: ["konselor"], name: "Dra. Sari" });
    await w.app.db.prisma.counsellorCalendar.create({ data: { personId: sari, googleEmail: SARI, calendarId: SARI } });
    await w.linkStaff(staf, { roles: ["staf"], name: "Budi" });
    await w.linkStaff(kepala, { roles: ["kepala_unit"], name: "Kepala Unit" });
    // The counsellor is busy on Monday 10:00-12:00 and Tuesday 08:00-09:00 WIB.
    google.seedBusy(SARI, [
      { start: wib("2026-11-30T10:00:00"), end: wib("2026-11-30T12:00:00") },
      { start: wib("2026-12-01T08:00:00"), end: wib("2026-12-01T09:00:00") },
    ]);
    await onlineCaseToBooking(w, { praja, staf, konselor, kepala });
  }, 60_000);
  afterAll(async () => {
    await w?.close();
    await google?.close();
  });

  let offer: Awaited<ReturnType<TelegramWorld["waitForMessage"]>>;
  it("offers at least three free slots inside working hours, never a busy time, plus 'other times'", async () => {
    await run();
    offer = await w.waitForMessage(praja, /pilih jadwal sesi konseling online/);
    const labels = buttonsOf(offer).map((b) => b.text);
    expect(labels.length).toBeGreaterThanOrEqual(4);
    expect(labels.at(-1)).toBe("Waktu lain");
    const dbOffer = await w.app.db.prisma.sessionOffer.findFirstOrThrow({ where: { status: "offered" } });
    const slots = (JSON.parse(dbOffer.slotsJson) as { start: string; end: string }[]).map((s) => ({ start: new Date(s.start), end: new Date(s.end) }));
    expect(slots.length).toBeGreaterThanOrEqual(3);
    for (const s of slots) {
      const startWib = new Date(s.start.getTime() + 7 * 3600_000);
      const endWib = new Date(s.end.getTime() + 7 * 3600_000);
      expect(startWib.getUTCHours() * 60 + startWib.getUTCMinutes()).toBeGreaterThanOrEqual(7 * 60 + 30);
      expect(endWib.getUTCHours() * 60 + endWib.getUTCMinutes()).toBeLessThanOrEqual(16 * 60);
      expect([1, 2, 3, 4, 5]).toContain(startWib.getUTCDay());
      // not within busy time (with the 15-minute buffer), not sooner than two hours from now
      const busy = [
        [wib("2026-11-30T10:00:00"), wib("2026-11-30T12:00:00")],
        [wib("2026-12-01T08:00:00"), wib("2026-12-01T09:00:00")],
      ];
      for (const [b0, b1] of busy) expect(s.end.getTime() + 15 * 60_000 <= b0!.getTime() || s.start.getTime() - 15 * 60_000 >= b1!.getTime()).toBe(true);
      expect(s.start.getTime()).toBeGreaterThanOrEqual(now.getTime() + 120 * 60_000);
    }
    expect(google.requestsTo("freeBusy").length).toBeGreaterThan(0);
    expect(labels[0]).toMatch(/^(Sen|Sel) \d+ (Nov|Des), \d\d\.\d\d–\d\d\.\d\d$/);
  });

  it("books the chosen slot once with a Meet link (429 first), and both sides get the date, time and link", async () => {
    google.failNext("events.insert", {
      status: 429,
      body: { error: { code: 429, message: "Rate Limit Exceeded", errors: [{ reason: "rateLimitExceeded" }] } },
    });
    const first = buttonsOf(offer)[0]!;
    await w.press(praja, first.text, offer);
    await until("the slot choice", async () => (await offers("booking")) === 1);
    await run();
    const booked = await w.waitForMessage(praja, /Sesi konseling Kasus #1:[\s\S]*Google Meet: https:\/\/meet\.google\.com\//);
    expect(booked.text).toMatch(/WIB/);
    expect(booked.text).toMatch(/Kode rapat: [a-z]{3}-[a-z]{4}-[a-z]{3}/);
    expect(buttonsOf(booked).map((b) => b.text)).toEqual(["Ubah jadwal", "Batalkan sesi"]);
    const toCounsellor = await w.waitForMessage(konselor, /Sesi konseling Kasus #1:[\s\S]*Google Meet: https:\/\/meet\.google\.com\//);
    expect(toCounsellor.text).not.toMatch(/\/link/);

    const inserts = google.requestsTo("events.insert");
    expect(inserts.length).toBe(2); // the 429, then the booking
    for (const r of inserts) {
      expect(r.query.conferenceDataVersion).toBe("1");
      const body = r.body as { conferenceData: { createRequest: { requestId: string; conferenceSolutionKey: { type: string } } } };
      expect(body.conferenceData.createRequest.conferenceSolutionKey.type).toBe("hangoutsMeet");
    }
    const ids = inserts.map((r) => (r.body as { conferenceData: { createRequest: { requestId: string } } }).conferenceData.createRequest.requestId);
    expect(new Set(ids).size).toBe(1);
    expect(events()).toHaveLength(1);
    // The schedule step is done: the counsellor now has step 6.
    await w.waitForMessage(konselor, /Langkah 6: Melakukan pengawasan/);
    // The choice is made: the offer's keyboard leaves the message.
    await until("the offer's keyboard to go", async () => buttonsOf(w.fake.sentTo(praja.id).find((m) => m.message_id === offer.message_id)!).length === 0);
    // A press that left the phone before the edit arrived (the old keyboard) books nothing new.
    w.fake.userPressesUnchecked(praja, { id: "late-slot", data: buttonsOf(offer)[1]!.data, message: offer.message });
    const answer = await w.fake.waitFor("answerCallbackQuery", (c) => c.params.callback_query_id === "late-slot");
    expect(answer.params.text).toMatch(/tidak dikenal atau sudah kedaluwarsa/);
    await run();
    expect(events()).toHaveLength(1);
  });

  it("the counsellor moves the session: fresh slots to the client, the event patched, both told", async () => {
    const card = await w.waitForMessage(konselor, /Sesi konseling Kasus #1:/);
    const answered = w.fake.callsOf("answerCallbackQuery").length;
    await w.press(konselor, "Ubah jadwal", card);
    await until("the counsellor's request", async () => (await offers("pending")) === 1);
    await until("the toast", async () => w.fake.callsOf("answerCallbackQuery").length > answered);
    expect(w.fake.callsOf("answerCallbackQuery").at(-1)!.params.text).toMatch(/Pilihan jadwal baru dikirim ke klien/);
    await run();
    const fresh = await w.waitForMessage(praja, /Konselor meminta jadwal baru/);
    // The latest slot offered (over a day ahead, so both reminders are still to come).
    const choice = buttonsOf(fresh).at(-2)!;
    await w.press(praja, choice.text, fresh);
    await until("the new slot choice", async () => (await offers("booking")) === 1);
    await run();
    await w.waitForMessage(praja, /dipindah ke/);
    await w.waitForMessage(konselor, /dipindah ke/);
    expect(google.requestsTo("events.patch").length).toBe(1);
    expect(events()).toHaveLength(1);
    const a = await w.app.db.prisma.appointment.findFirstOrThrow({ where: { status: "booked" } });
    expect(a.sequence).toBe(1);
  });

  it("sends each reminder once, 24 hours and 1 hour before", async () => {
    const a = await w.app.db.prisma.appointment.findFirstOrThrow({ where: { status: "booked" } });
    const reminders = () => w.fake.sentTo(praja.id).filter((m) => /Pengingat/.test(m.text ?? "")).length;
    now = new Date(a.startsAt.getTime() - 25 * 3600_000);
    await run();
    expect(reminders()).toBe(0);
    now = new Date(a.startsAt.getTime() - 24 * 3600_000 + 60_000);
    await run();
    await w.waitForMessage(praja, /Pengingat: sesi konseling Kasus #1 1 hari lagi/);
    await w.waitForMessage(konselor, /Pengingat: sesi konseling Kasus #1 1 hari lagi/);
    await run();
    now = new Date(a.startsAt.getTime() - 59 * 60_000);
    await run();
    await w.waitForMessage(praja, /Pengingat: sesi konseling Kasus #1 1 jam lagi[\s\S]*meet\.google\.com/);
    // One more pass: a second 1-hour reminder would be queued by it; once everything queued has been
    // delivered, the fake holds every reminder there is.
    await run();
    await waitForOutboxSettled(w.app.db.prisma);
    expect(reminders()).toBe(2);
  });

  it("the client cancels: the event is deleted and the counsellor is told", async () => {
    const booked = await w.waitForMessage(praja, /dipindah ke/);
    await w.press(praja, "Batalkan sesi", booked);
    await until("the cancellation", async () => (await w.app.db.prisma.appointment.count({ where: { status: { startsWith: "cancelling" } } })) === 1);
    await run();
    await w.waitForMessage(konselor, /dibatalkan oleh klien/);
    await w.waitForMessage(praja, /dibatalkan oleh klien/);
    expect(google.requestsTo("events.delete").length).toBe(1);
    expect(events()).toHaveLength(0);
  });

  /** The client asks for another session on case #1: fresh slots, the first one chosen, waiting to be booked. */
  const chooseAnotherSession = async () => {
    const c = await w.app.db.prisma.case.findUniqueOrThrow({ where: { number: 1 } });
    await w.app.db.prisma.sessionOffer.create({
      data: { caseId: c.id, counsellorId: c.counsellorId!, status: "pending", requestedBy: "client", nextAttemptAt: now },
    });
    const before = w.count(praja);
    await run();
    const offered = await w.waitForMessage(praja, /pilih jadwal sesi konseling online/, { after: before });
    await w.press(praja, buttonsOf(offered)[0]!.text, offered);
    await until("the slot choice", async () => (await offers("booking")) === 1);
  };
  const LINK = /Google Meet: https:\/\/meet\.google\.com\//;
  const since = (user: FakeUser, after: number) =>
    w.fake
      .sentTo(user.id)
      .slice(after)
      .map((m) => m.text ?? "");

  it("a Meet link Google makes 40 s after the booking reaches both sides, through the scheduler and the outbox", async () => {
    await chooseAnotherSession();
    google.nextConferences({ pendingMs: 40_000 });
    const [client0, counsellor0] = [w.count(praja), w.count(konselor)];
    const bookedAt = now;
    await run(); // booked while Google is still making the link
    await w.waitForMessage(praja, /Sesi konseling Kasus #1:[\s\S]*sedang dibuat oleh Google dan akan dikirim di sini/, { after: client0 });
    await w.waitForMessage(konselor, /Sesi konseling Kasus #1:[\s\S]*sedang dibuat oleh Google/, { after: counsellor0 });
    const booked = await w.app.db.prisma.appointment.findFirstOrThrow({ where: { status: "booked" } });
    expect(booked).toMatchObject({ meetUrl: null, linkPendingSince: bookedAt });
    expect(since(konselor, counsellor0).join("\n")).not.toMatch(/\/link 1/); // nothing to add by hand: Google is on it

    now = new Date(bookedAt.getTime() + 20_000);
    await run(); // read again at 20 s: still pending, nothing sent
    await waitForOutboxSettled(w.app.db.prisma);
    expect([...since(praja, client0), ...since(konselor, counsellor0)].filter((t) => LINK.test(t))).toEqual([]);

    now = new Date(bookedAt.getTime() + 41_000);
    await run();
    const ready =
      /Tautan Google Meet untuk sesi Kasus #1 \([^)]*WIB\) sudah siap:\nGoogle Meet: https:\/\/meet\.google\.com\/([a-z]{3}-[a-z]{4}-[a-z]{3})\nKode rapat: \1/;
    const toClient = await w.waitForMessage(praja, ready, { after: client0 });
    const toCounsellor = await w.waitForMessage(konselor, ready, { after: counsellor0 });
    expect(toCounsellor.text).toBe(toClient.text);
    const stored = await w.app.db.prisma.appointment.findUniqueOrThrow({ where: { id: booked.id } });
    expect(stored).toMatchObject({ linkPendingSince: null, linkCheckAt: null, sequence: 1 });
    expect(toClient.text).toContain(stored.meetUrl!);
    expect(google.events(SARI).find((e) => e.id === stored.externalId)?.hangoutLink).toBe(stored.meetUrl);

    // Once there, the link is not read or sent again.
    const reads = google.requestsTo("events.get").length;
    now = new Date(bookedAt.getTime() + 10 * 60_000);
    await run();
    await waitForOutboxSettled(w.app.db.prisma);
    expect(google.requestsTo("events.get").length).toBe(reads);
    expect(since(praja, client0).filter((t) => ready.test(t))).toHaveLength(1);
  });

  it("a conference that ends in failure: the counsellor is asked to add a link by hand and the admin is told", async () => {
    await chooseAnotherSession();
    google.nextConferences({ pendingMs: 30_000, outcome: "failure" });
    const [client0, counsellor0] = [w.count(praja), w.count(konselor)];
    const bookedAt = now;
    await run();
    await w.waitForMessage(praja, /sedang dibuat oleh Google/, { after: client0 });
    now = new Date(bookedAt.getTime() + 31_000);
    await run(); // due at 10 s, read at 31 s: Google gave up
    await w.waitForMessage(
      konselor,
      /Google tidak berhasil membuat tautan Google Meet untuk sesi Kasus #1 \([^)]*\); admin sudah diberi tahu\. [\s\S]*\/link 1 <url>/,
      { after: counsellor0 },
    );
    await w.waitForMessage(admin, /did not make the Google Meet link for the session of case #1 \(Google's conference request ended in failure\)/);
    await waitForOutboxSettled(w.app.db.prisma);
    expect(since(praja, client0).filter((t) => LINK.test(t) || /tidak berhasil/.test(t))).toEqual([]);
    const failed = await w.app.db.prisma.appointment.findFirstOrThrow({ where: { status: "booked" }, orderBy: { createdAt: "desc" } });
    expect(failed).toMatchObject({ meetUrl: null, linkPendingSince: null, linkCheckAt: null });
  });

  it("a client email Google refuses as a guest (400): the session is booked without inviting it, the link to both sides", async () => {
    const c = await w.app.db.prisma.case.findUniqueOrThrow({ where: { number: 1 } });
    const intake = JSON.parse(c.intakeJson) as { answers: Record<string, unknown> };
    await w.app.db.prisma.case.update({
      where: { id: c.id },
      data: { intakeJson: JSON.stringify({ ...intake, answers: { ...intake.answers, email: "rani di example.com" } }) },
    });
    await chooseAnotherSession();
    const [client0, counsellor0, inserts0] = [w.count(praja), w.count(konselor), google.requestsTo("events.insert").length];
    await run();
    await w.waitForMessage(praja, /Sesi konseling Kasus #1:[\s\S]*Google Meet: https:\/\/meet\.google\.com\//, { after: client0 });
    await w.waitForMessage(konselor, /Sesi konseling Kasus #1:[\s\S]*Google Meet: https:\/\/meet\.google\.com\//, { after: counsellor0 });
    const inserts = google.requestsTo("events.insert").slice(inserts0);
    expect(inserts.map((r) => r.status)).toEqual([400, 200]);
    expect((inserts[1]!.body as { attendees?: unknown }).attendees).toBeUndefined();
    await w.app.db.prisma.case.update({ where: { id: c.id }, data: { intakeJson: c.intakeJson } });
  });

  it("a time zone Google does not know (400): refused at once, not retried; the counsellor and the admin are told what to fix", async () => {
    await chooseAnotherSession();
    // What Google answers for a zone its own list lacks (e.g. Europe/Kyiv before Google knew the new name).
    const zoneRefused = {
      error: {
        errors: [{ domain: "global", reason: "invalid", message: "Invalid time zone definition for start time." }],
        code: 400,
        message: "Invalid time zone definition for start time.",
      },
    };
    google.failNext("events.insert", { status: 400, body: zoneRefused });
    const [counsellor0, inserts0] = [w.count(konselor), google.requestsTo("events.insert").length];
    await run();
    await w.waitForMessage(
      konselor,
      /jadwal belum dapat dipesan di Google Calendar \(Google Calendar menolak permintaan pemesanan; admin sudah diberi tahu alasannya\)[\s\S]*\/link 1 <url>/,
      { after: counsellor0 },
    );
    await w.waitForMessage(
      admin,
      /Google Calendar refused booking a session for case #1: .*Invalid time zone definition for start time.*IANA name such as Asia\/Jakarta/,
    );
    expect(google.requestsTo("events.insert").length - inserts0).toBe(1);
    expect(await offers("failed")).toBeGreaterThanOrEqual(1);
    expect(await w.app.db.prisma.sessionOffer.count({ where: { status: { in: ["pending", "booking"] } } })).toBe(0);
  });

  it("a revoked credential: the counsellor and the admin are told, nothing crashes, the service goes on", async () => {
    google.revoke(JSON.parse(w.env.GOOGLE_SERVICE_ACCOUNT_KEY!).client_email);
    const c = await w.app.db.prisma.case.findUniqueOrThrow({ where: { number: 1 } });
    await w.app.db.prisma.sessionOffer.create({
      data: { caseId: c.id, counsellorId: c.counsellorId!, status: "pending", requestedBy: "client", nextAttemptAt: now },
    });
    await run();
    await w.waitForMessage(konselor, /jadwal belum dapat dipesan di Google Calendar \(akses ke Google Calendar ditolak/);
    await w.waitForMessage(praja, /pemesanan jadwal tertunda/);
    await w.waitForMessage(admin, /Google Calendar refused the credential/);
    expect((await fetch(`http://127.0.0.1:${w.service.port}/healthz`)).status).toBe(200);
  });
});
