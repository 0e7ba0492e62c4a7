// A staff member pressing a step's button (src/dialogs/stepButtons.ts), over the real telegraf client and the fake
// Bot API: a press by the wrong role, of a step already done or no longer current, or with an outcome the step does
// not offer changes nothing, is answered and audited; a revision asks for its reason, records the step with it, and
// /batal in between cancels; an outside party's result can be skipped.
import { mkdtemp, copyFile, writeFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUser } from "../fakes/telegramBotApi.ts";
import { buttonsOf, startTelegramWorld, type TelegramWorld } from "../support/telegramService.ts";
import { waitForOutboxSettled } from "../support/outboxSettled.ts";
import { waitFor } from "../support/waitFor.ts";

const sari: FakeUser = { id: 8601, first_name: "Sari" };
const budi: FakeUser = { id: 8602, first_name: "Budi" };
const kepala: FakeUser = { id: 8603, first_name: "Kepala" };

/** Monday 30 November 2026, 08:00 WIB. */
const NOW = new Date("2026-11-30T01:00:00Z");

/** Presses a button `user` does not have (its callback data taken from someone else's message); resolves with the toast. */
async function forgedPress(w: TelegramWorld, user: FakeUser, data: string, id: string): Promise<string> {
  w.fake.pushUpdate({ callback_query: { id, from: { id: user.id, is_bot: false, first_name: user.first_name }, chat_instance: "1", data } });
  const answer = await w.fake.waitFor("answerCallbackQuery", (c) => c.params.callback_query_id === id);
  return String(answer.params.text ?? "");
}

describe("stepButtons", () => {
  let w: TelegramWorld;
  let caseNo: number;
  beforeAll(async () => {
    w = await startTelegramWorld({ service: { clock: () => NOW } });
    await w.linkStaff(sari, { roles: ["konselor"], name: "Sari" });
    await w.linkStaff(budi, { roles: ["staf"], name: "Budi" });
    await w.linkStaff(kepala, { roles: ["kepala_unit"], name: "Kepala" });
    caseNo = await w.registerPraja({ id: 8701, first_name: "Ana" });
  }, 60_000);
  afterAll(async () => w?.close());

  const task = (user: FakeUser, n: number, stepNo: string) => w.waitForMessage(user, new RegExp(`Kasus #${n} —[\\s\\S]*Langkah ${stepNo}:`));
  const runAt = (n: number, stepId: string) =>
    w.app.db.prisma.stepRun.findFirstOrThrow({ where: { case: { number: n }, stepId }, orderBy: { askedAt: "desc" } });
  const refusals = async () =>
    (await w.app.db.prisma.auditEvent.findMany({ where: { type: "button_refused" } })).map((a) => JSON.parse(a.dataJson) as Record<string, unknown>);

  it("a press by someone without the step's role is refused, audited, and records nothing", async () => {
    const button = buttonsOf(await task(budi, caseNo, "2")).find((b) => b.text === "Selesai")!;
    expect(await forgedPress(w, sari, button.data, "wrong-role")).toBe("Bukan wewenang Anda untuk langkah ini.");
    const run = await runAt(caseNo, "s2");
    expect(run.actedAt).toBeNull();
    expect(await refusals()).toContainEqual({ why: "wrong_role", needed: "staf", stepRunId: run.id });
  });

  it("an outcome the step does not offer is refused as an unknown button", async () => {
    const run = await runAt(caseNo, "s2");
    await w.app.db.prisma.buttonToken.create({
      data: { id: "forged-outcome", actionJson: JSON.stringify({ kind: "step_outcome", stepRunId: run.id, outcome: "approve" }) },
    });
    expect(await forgedPress(w, budi, "forged-outcome", "unknown-outcome")).toBe("Tombol tidak dikenal atau sudah kedaluwarsa.");
    expect((await runAt(caseNo, "s2")).actedAt).toBeNull();
    expect(await refusals()).toContainEqual({ why: "unknown_outcome", stepRunId: run.id });
  });

  it("a late press of a step someone already did says who did it", async () => {
    const button = buttonsOf(await task(budi, caseNo, "2")).find((b) => b.text === "Selesai")!;
    await w.tap(budi, "Selesai", /Langkah 3: Konselor intake awal/, sari);
    // The same button pressed again on a phone that had not yet seen the keyboard taken off.
    expect(await forgedPress(w, budi, button.data, "already-done")).toBe("Sudah diproses oleh Budi.");
    expect(await refusals()).toContainEqual({ why: "already_done", stepRunId: (await runAt(caseNo, "s2")).id });
  });

  it("a step that needs a note asks for it, and records the step with the note", async () => {
    await w.tap(sari, "Selesai", /Langkah 3: Rencana penanganan/);
    const question = await w.tap(sari, "Selesai", /Tuliskan isi rencana/);
    expect(buttonsOf(question).map((b) => b.text)).toEqual(["Batal"]);
    await w.say(sari, "Konseling daring mingguan.", /Langkah 4/, kepala);
    expect((await runAt(caseNo, "s3b")).note).toBe("Konseling daring mingguan.");
    // Telegram can edit: the question itself became the confirmation.
    await w.waitForMessage(sari, new RegExp(`^✓ Tercatat: Kasus #${caseNo}, langkah 3`));
  });

  it("/batal while a note is asked for cancels it: the step stays open and the dialog ends", async () => {
    await w.tap(kepala, "Kembalikan rencana ke konselor", new RegExp(`Tuliskan alasan revisi untuk Kasus #${caseNo}:`));
    await w.say(kepala, "/batal", /^Dibatalkan; langkah belum dicatat\.$/);
    expect((await runAt(caseNo, "s4")).actedAt).toBeNull();
    expect(await w.app.db.prisma.dialogState.count({ where: { channel: "telegram", address: String(kepala.id) } })).toBe(0);
  });

  it("a revision asks for its reason and sends the plan back with it", async () => {
    await w.tap(kepala, "Kembalikan rencana ke konselor", /Tuliskan alasan revisi/);
    const back = await w.say(kepala, "Kurang rinci.", /Langkah 3: Rencana penanganan/, sari);
    const s4 = await runAt(caseNo, "s4");
    expect([s4.outcome, s4.note]).toEqual(["revise", "Kurang rinci."]);
    expect((await w.app.db.prisma.case.findUniqueOrThrow({ where: { number: caseNo } })).currentStepId).toBe("s3b");
    expect(back.text).toContain("Kurang rinci.");
  });

  it("a case cancelled by its client's erasure retires its tasks: a press of the old button records nothing", async () => {
    const praja: FakeUser = { id: 8702, first_name: "Budi" };
    const other = await w.registerPraja(praja);
    const taskMessage = structuredClone(await task(budi, other, "2"));
    const data = buttonsOf(taskMessage).find((b) => b.text === "Selesai")!.data;
    await w.say(praja, "/hapus", /Permintaan penghapusan data Anda telah dicatat/);
    await w.tap(kepala, "Konfirmasi penghapusan", /Data klien telah dihapus/);
    // The staf's task is edited to say it no longer applies, without its button; its step is closed, not done.
    const retired = await w.waitForMessage(budi, new RegExp(`Kasus #${other} dibatalkan[\\s\\S]*tidak berlaku lagi`));
    expect(retired.message_id).toBe(taskMessage.message_id);
    expect(buttonsOf(retired)).toEqual([]);
    const closed = await runAt(other, "s2");
    expect([closed.outcome, closed.actedById]).toEqual(["cancelled", null]);
    // A press of the button as it was (a client that kept the old keyboard) is refused as unknown.
    const refused = (await refusals()).length;
    w.fake.pushUpdate({
      callback_query: {
        id: "late-press",
        from: { id: budi.id, is_bot: false, first_name: budi.first_name },
        chat_instance: "1",
        data,
        message: taskMessage,
      } as never,
    });
    await waitFor("the press refused", async () => (await refusals()).length === refused + 1);
    expect((await refusals()).at(-1)).toMatchObject({ why: "unknown_button" });
    expect((await runAt(other, "s2")).outcome).toBe("cancelled");
  });
});

describe("stepButtons: an outside party's result", () => {
  let w: TelegramWorld;
  let flowsDir: string;
  beforeAll(async () => {
    flowsDir = await mkdtemp(join(tmpdir(), "flows-external-"));
    await copyFile("flows/organisations.yaml", join(flowsDir, "organisations.yaml"));
    await writeFile(
      join(flowsDir, "uji-eksternal.yaml"),
      [
        "id: uji-eksternal",
        "title: Uji langkah pihak luar",
        "organisation: ipdn",
        "source: test",
        "clients: [praja]",
        "clock: working",
        "steps:",
        "  - { id: s1, no: '1', activity: Praja mendaftar., role: klien, time: 15m, output: Formulir, action: form, next: s2 }",
        "  - { id: s2, no: '2', activity: Pemeriksaan oleh pihak luar., role: staf, time: 1d, output: Hasil, action: external, next: s3 }",
        "  - { id: s3, no: '3', activity: Mengarsipkan., role: staf, time: 15m, output: Arsip, action: archive }",
        "",
      ].join("\n"),
    );
    w = await startTelegramWorld({ env: { FLOWS_DIR: flowsDir }, service: { clock: () => NOW } });
    await w.linkStaff(budi, { roles: ["staf"], name: "Budi" });
  }, 60_000);
  afterAll(async () => {
    await w?.close();
    await rm(flowsDir, { recursive: true, force: true });
  });

  it("the result is asked for with Lewati and Batal, and Lewati records the step without one", async () => {
    // The only flow here is for praja: the intake asks no client kind.
    const praja: FakeUser = { id: 8703, first_name: "Citra" };
    await w.say(praja, "/start", /setuju/i);
    await w.tap(praja, "Setuju", /nama lengkap/);
    await w.say(praja, "Citra Praja", /NPP/);
    await w.say(praja, "31.8703", /Tingkat/);
    await w.tap(praja, "IV", /kelas/);
    await w.say(praja, "D1", /kampus/i);
    await w.tap(praja, "Jatinangor", /Nomor HP/);
    await w.tap(praja, "Lewati", /email/i);
    await w.tap(praja, "Lewati", /keluhan/);
    await w.say(praja, "Sulit tidur.", /Tercatat/);
    await w.tap(praja, "Selesai", /Periksa data/);
    const opened = await w.tap(praja, "Kirim", /Kasus #\d+/);
    const caseNo = Number(/Kasus #(\d+)/.exec(opened.text ?? "")![1]);
    const question = await w.tap(budi, "Selesai", new RegExp(`Kirim dokumen hasil atau catatan untuk Kasus #${caseNo}`));
    expect(buttonsOf(question).map((b) => b.text)).toEqual(["Lewati", "Batal"]);
    await w.tap(budi, "Lewati", /Langkah 3: Mengarsipkan/);
    const run = await w.app.db.prisma.stepRun.findFirstOrThrow({ where: { case: { number: caseNo }, stepId: "s2" } });
    expect(run.actedAt).not.toBeNull();
    expect([run.outcome, run.note]).toEqual(["done", null]);
    await waitForOutboxSettled(w.app.db.prisma);
    expect(await w.app.db.prisma.dialogState.count({ where: { channel: "telegram", address: String(budi.id) } })).toBe(0);
  });
});
