// A step whose clock starts when the session ends (Konseling Online row 6, supervision: 1 working day), with a
// clock the test moves: the praja books a session for next week in chat, and nobody is late today; moving the
// session moves the deadline; one working day after the session ended the step is overdue, escalated to the
// Kepala Unit, and marked late with its time counted from the session's end.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setStaffHours } from "../../src/cli/calendarCommands.ts";
import { escalateOverdueSteps } from "../../src/jobs/deadlineTimer.ts";
import type { FakeUser } from "../fakes/telegramBotApi.ts";
import { onlineCaseToBooking } from "../support/sopWalk.ts";
import { buttonsOf, startTelegramWorld, type TelegramWorld } from "../support/telegramService.ts";

const praja: FakeUser = { id: 9601, first_name: "Nadia" };
const konselor: FakeUser = { id: 9602, first_name: "Sari" };
const staf: FakeUser = { id: 9603, first_name: "Budi" };
const kepala: FakeUser = { id: 9604, first_name: "Kepala" };
const wib = (local: string) => new Date(`${local}+07:00`);

describe("a deadline that starts when the session ends", () => {
  let w: TelegramWorld;
  let now = wib("2026-12-03T09:00:00"); // Thursday
  const run = () => w.service.sessions.runOnce();
  const s6 = () => w.app.db.prisma.stepRun.findFirstOrThrow({ where: { stepId: "s6" }, orderBy: { askedAt: "desc" } });
  const warnings = () => w.fake.sentTo(kepala.id).filter((m) => /^Peringatan: Kasus #1, langkah 6/.test(m.text ?? "")).length;
  /** Presses a slot of the newest offer once it is there, and books it. */
  const book = async (index: number, confirmed = /^Sesi konseling Kasus #1:/) => {
    const before = w.count(praja);
    await run();
    const offer = await w.waitForMessage(praja, /pilih jadwal sesi konseling/, { after: before });
    await w.press(praja, buttonsOf(offer)[index]!.text, offer);
    for (let i = 0; i < 400 && (await w.app.db.prisma.sessionOffer.count({ where: { status: "booking" } })) === 0; i++)
      await new Promise((r) => setTimeout(r, 20));
    const booked = w.count(praja);
    await run();
    await w.waitForMessage(praja, confirmed, { after: booked });
  };

  beforeAll(async () => {
    w = await startTelegramWorld({ service: { clock: () => now, deadlines: false, sessions: { loop: false } } });
    const sari = await w.linkStaff(konselor, { roles: ["konselor"], name: "Dra. Sari" });
    // The counsellor sees clients on Wednesdays only: the first free time is next week.
    await setStaffHours(w.app, { person: sari, days: "3", start: "08:00", end: "12:00" });
    await w.linkStaff(staf, { roles: ["staf"], name: "Budi" });
    await w.linkStaff(kepala, { roles: ["kepala_unit"], name: "Kepala Unit" });
    await onlineCaseToBooking(w, { praja, staf, konselor, kepala });
  }, 60_000);
  afterAll(async () => w?.close());

  it("counts row 6 from the end of a session booked for next week: due the day after it, nobody late today", async () => {
    await book(0);
    const session = await w.app.db.prisma.appointment.findFirstOrThrow({ where: { status: "booked" } });
    expect(session.startsAt).toEqual(wib("2026-12-09T08:00:00")); // next Wednesday
    expect(session.endsAt).toEqual(wib("2026-12-09T09:00:00"));
    await w.say(konselor, "/link 1 https://meet.google.com/abc-defg-hij", /Langkah 6: Melakukan pengawasan/);
    const run6 = await s6();
    expect(run6.askedAt).toEqual(now);
    expect(run6.deadlineAt).toEqual(wib("2026-12-10T09:00:00")); // one working day after the session (was: Friday 09:00)

    // Friday afternoon, more than a working day after the booking: nothing is overdue.
    now = wib("2026-12-04T15:00:00");
    expect(await escalateOverdueSteps(w.app, now)).toBe(0);
    expect(warnings()).toBe(0);
  });

  it("moves the deadline with the session", async () => {
    now = wib("2026-12-07T09:00:00"); // Monday
    const booked = await w.waitForMessage(praja, /^Sesi konseling Kasus #1:/);
    await w.press(praja, "Ubah jadwal", booked);
    for (let i = 0; i < 400 && (await w.app.db.prisma.sessionOffer.count({ where: { status: "pending", appointmentId: { not: null } } })) === 0; i++)
      await new Promise((r) => setTimeout(r, 20));
    await book(1, /^Sesi Kasus #1 dipindah ke/);
    const session = await w.app.db.prisma.appointment.findFirstOrThrow({ where: { status: "booked" } });
    expect(session.endsAt).toEqual(wib("2026-12-09T10:30:00"));
    expect((await s6()).deadlineAt).toEqual(wib("2026-12-10T10:30:00"));
    expect(await w.app.db.prisma.auditEvent.count({ where: { type: "deadline_moved" } })).toBe(1);
  });

  it("is overdue one working day after the session ended: escalated to the Kepala Unit, marked late, timed from the session's end", async () => {
    now = wib("2026-12-10T10:15:00");
    expect(await escalateOverdueSteps(w.app, now)).toBe(0);
    now = wib("2026-12-10T10:45:00");
    expect(await escalateOverdueSteps(w.app, now)).toBe(1);
    await w.waitForMessage(kepala, /^Peringatan: Kasus #1, langkah 6 .* melewati batas waktu Kamis, 10 Desember 2026 10\.30 WIB/);
    now = wib("2026-12-10T11:00:00");
    await w.tap(konselor, "Selesai", /Tuliskan isi rencana/);
    await w.say(konselor, "Pengawasan selesai; praja tidur teratur.", /Langkah 7: Membuat laporan/, kepala);
    const done = await s6();
    // 10:30 → 16:00 on Wednesday, then 07:30 → 11:00 on Thursday: 330 + 210 working minutes.
    expect(done).toMatchObject({ late: true, actualMin: 540, standardMin: 510 });
  });
});
