// Deadlines with a clock the test moves, across restarts of the service: no reminder per step any more
// (a step's role holders hear about what is due in one morning summary at the next opening), and when the
// deadline passes the step is escalated once to whom the step's role answers to (a staf step: the Kasubbag,
// not a counsellor) and marked late on the recap when it is finally done.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUser } from "../fakes/telegramBotApi.ts";
import { stepRecap } from "../../src/store/recapQueries.ts";
import { waitForOutboxSettled } from "../support/outboxSettled.ts";
import { startTelegramWorld, type TelegramWorld } from "../support/telegramService.ts";

const praja: FakeUser = { id: 9501, first_name: "Tika" };
const staf: FakeUser = { id: 9502, first_name: "Budi" };
const konselor: FakeUser = { id: 9503, first_name: "Sari" };
const praja2: FakeUser = { id: 9504, first_name: "Wati" };
const kasubbag: FakeUser = { id: 9505, first_name: "Rina" };
const wib = (local: string) => new Date(`${local}+07:00`);

describe("deadline reminders and escalation across restarts", () => {
  let w: TelegramWorld;
  let now = wib("2026-11-30T09:00:00"); // Monday, office hours
  beforeAll(async () => {
    w = await startTelegramWorld({ service: { clock: () => now, deadlines: true, sessions: { loop: false } } });
    await w.linkStaff(staf, { roles: ["staf"], name: "Budi" });
    await w.linkStaff(konselor, { roles: ["konselor"], name: "Sari" });
    await w.linkStaff(kasubbag, { roles: ["kasubbag"], name: "Rina" });
    await w.registerPraja(praja); // step 2 (staf, 15 working minutes) starts at 09:00, due 09:15
  }, 60_000);
  afterAll(async () => w?.close());

  const reminders = () => w.fake.sentTo(staf.id).filter((m) => /Pengingat: Kasus #1, langkah 2/.test(m.text ?? "")).length;
  const summaries = () => w.fake.sentTo(staf.id).filter((m) => /^Ringkasan tugas Anda/.test(m.text ?? "")).length;
  /**
   * Waits for the restarted service's first deadline pass to finish and for everything it queued to be
   * delivered: from then on, what the pass would send has reached the fake, so "nothing came" means it.
   */
  const deadlinePassDone = async () => {
    await w.service.deadlines!.passed(1);
    await waitForOutboxSettled(w.app.db.prisma);
  };
  const escalationsTo = (user: FakeUser) => w.fake.sentTo(user.id).filter((m) => /Peringatan: Kasus #1, langkah 2/.test(m.text ?? "")).length;

  it("sends no per-step reminder at 75 % of the 15 minutes (the morning summary replaced it), across restarts", async () => {
    now = wib("2026-11-30T09:10:00"); // 67 %
    await w.restart();
    await deadlinePassDone();
    expect(reminders()).toBe(0);
    now = wib("2026-11-30T09:12:00"); // 80 %: the old reminder's moment
    await w.restart();
    await deadlinePassDone();
    expect(reminders()).toBe(0);
    expect(summaries()).toBe(0); // the step was asked after today's opening: no mid-day summary either
  });

  it("escalates a late staf step once to the Kasubbag when the deadline passes, and the late step is marked on the recap", async () => {
    now = wib("2026-11-30T09:20:00");
    await w.restart();
    await w.waitForMessage(kasubbag, /Peringatan: Kasus #1, langkah 2 .* oleh Staf melewati batas waktu Senin, 30 November 2026 09\.15 WIB/);
    await w.restart();
    await deadlinePassDone();
    expect(escalationsTo(kasubbag)).toBe(1);
    expect(escalationsTo(konselor)).toBe(0); // a staf does not answer to a counsellor
    expect(await w.app.db.prisma.auditEvent.count({ where: { type: "deadline_passed" } })).toBe(1);

    await w.press(staf, "Selesai");
    await w.waitForMessage(konselor, /Langkah 3/);
    const recap = await stepRecap(w.app.db.prisma, { orgId: "ipdn", now });
    const step2 = recap.find((r) => r.flowId === "konseling-online-praja" && r.stepId === "s2")!;
    expect(step2).toMatchObject({ done: 1, late: 1, standardMin: 15, medianMin: 20 });
  });

  it("the next working morning the staf gets one summary of the step due, across restarts", async () => {
    now = wib("2026-11-30T15:55:00"); // step 2 of case #2 is asked at 15:55: due 07:40 the next working day
    await w.registerPraja(praja2);
    now = wib("2026-12-01T07:29:00");
    await w.restart();
    await deadlinePassDone();
    expect(summaries()).toBe(0);
    now = wib("2026-12-01T07:30:00"); // Tuesday, opening
    await w.restart();
    await w.waitForMessage(
      staf,
      /^Ringkasan tugas Anda, Selasa, 1 Desember 2026 07\.30 WIB[\s\S]*Jatuh tempo hari ini \(1\):\n• Kasus #2, langkah 2 \(.*\); batas waktu Selasa, 1 Desember 2026 07\.40 WIB[\s\S]*\/kasus$/,
    );
    await w.restart();
    await deadlinePassDone();
    expect(summaries()).toBe(1);
    expect(reminders()).toBe(0);
  });
});
