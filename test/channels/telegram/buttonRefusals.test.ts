// Button presses are checked on the server: a press by someone without the step's role, on a step that is no
// longer current, or with forged callback data changes nothing, gets a clear answer and is audited; a used
// invite code is refused. After a press, the other holders of the role see who acted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUser } from "../../fakes/telegramBotApi.ts";
import { issueInvite } from "../../../src/store/inviteCodes.ts";
import { buttonsOf, startTelegramWorld, type TelegramWorld } from "../../support/telegramService.ts";

const praja: FakeUser = { id: 4001, first_name: "Dewi" };
const konselor: FakeUser = { id: 4002, first_name: "Sari" };
const staf1: FakeUser = { id: 4003, first_name: "Budi" };
const staf2: FakeUser = { id: 4004, first_name: "Wati" };
const kepala: FakeUser = { id: 4005, first_name: "Kepala" };

describe("Telegram: refused presses change nothing", () => {
  let w: TelegramWorld;
  const snapshot = async () => {
    const p = w.app.db.prisma;
    return {
      cases: await p.case.findMany({ orderBy: { number: "asc" } }),
      runs: await p.stepRun.findMany({ orderBy: [{ askedAt: "asc" }, { id: "asc" }] }),
      outboxTasks: await p.outbox.count({ where: { stepRunId: { not: null } } }),
    };
  };
  const answerOf = async (queryId: string) =>
    (await w.fake.waitFor("answerCallbackQuery", (c) => c.params.callback_query_id === queryId)).params.text as string | undefined;

  beforeAll(async () => {
    w = await startTelegramWorld();
    await w.linkStaff(konselor, { roles: ["konselor"], name: "Dra. Sari" });
    await w.linkStaff(staf1, { roles: ["staf"], name: "Budi Santoso" });
    await w.linkStaff(staf2, { roles: ["staf"], name: "Wati" });
    await w.linkStaff(kepala, { roles: ["kepala_unit"], name: "Kepala Unit" });
    // A praja registers, so that step 2 (staf) waits for both staff members.
    await w.registerPraja(praja, { keluhan: ["Konflik dengan teman sekamar."] });
    await w.waitForMessage(staf1, /Langkah 2/);
    await w.waitForMessage(staf2, /Langkah 2/);
  });
  afterAll(async () => w?.close());

  it("a wrong-role press is refused with 'bukan wewenang Anda' and audited", async () => {
    const task = await w.waitForMessage(staf1, /Langkah 2/);
    const data = buttonsOf(task)[0]!.data;
    const before = await snapshot();
    // The kepala unit presses the staf's button (as if the message had been forwarded to them).
    const update = w.fake.pushUpdate({
      callback_query: { id: "wrong-role-1", from: { id: kepala.id, is_bot: false, first_name: "Kepala" }, chat_instance: "1", data, message: task.message },
    });
    expect(await answerOf("wrong-role-1")).toMatch(/Bukan wewenang Anda/);
    expect(await snapshot()).toEqual(before);
    const audit = await w.app.db.prisma.auditEvent.findMany({ where: { type: "button_refused" } });
    expect(audit.map((a) => JSON.parse(a.dataJson).why)).toContain("wrong_role");
    void update;
  });

  it("forged callback data is refused without touching anything", async () => {
    const before = await snapshot();
    w.fake.pushUpdate({
      callback_query: { id: "forged-1", from: { id: staf1.id, is_bot: false, first_name: "Budi" }, chat_instance: "1", data: "step:s2:approve" },
    });
    expect(await answerOf("forged-1")).toMatch(/Tombol tidak dikenal/);
    w.fake.pushUpdate({
      callback_query: { id: "forged-2", from: { id: staf1.id, is_bot: false, first_name: "Budi" }, chat_instance: "1", data: "A".repeat(64) },
    });
    expect(await answerOf("forged-2")).toMatch(/Tombol tidak dikenal/);
    expect(await snapshot()).toEqual(before);
    const audit = await w.app.db.prisma.auditEvent.findMany({ where: { type: "button_refused" } });
    expect(audit.filter((a) => JSON.parse(a.dataJson).why === "unknown_button")).toHaveLength(2);
  });

  it("after one staf acts, the other's copy shows who acted; the other's late press is refused as stale", async () => {
    const mine = await w.waitForMessage(staf1, /Langkah 2/);
    await w.press(staf1, "Selesai", mine);
    await w.waitForMessage(konselor, /Langkah 3/);
    const theirs = await w.waitForMessage(staf2, /✓ Sudah diproses oleh Budi Santoso — Selesai/);
    expect(buttonsOf(theirs)).toEqual([]);

    // A press on the old keyboard (e.g. an app that had not refreshed): refused, nothing changes.
    const before = await snapshot();
    const oldData = buttonsOf(mine)[0]!.data;
    w.fake.pushUpdate({
      callback_query: { id: "stale-1", from: { id: staf2.id, is_bot: false, first_name: "Wati" }, chat_instance: "1", data: oldData, message: theirs.message },
    });
    expect(await answerOf("stale-1")).toMatch(/Sudah diproses oleh Budi Santoso/);
    expect(await snapshot()).toEqual(before);
  });

  it("another counsellor cannot act on or answer a case assigned to someone else", async () => {
    const other: FakeUser = { id: 4006, first_name: "Tono" };
    await w.linkStaff(other, { roles: ["konselor"], name: "Tono" });
    const task = await w.waitForMessage(konselor, /Langkah 3/);
    const before = await snapshot();
    w.fake.userPressesUnchecked(other, { id: "other-konselor", data: buttonsOf(task)[0]!.data, message: task.message });
    expect(await answerOf("other-konselor")).toMatch(/Bukan wewenang Anda/);
    const n = w.count(other);
    w.fake.userSends(other, "/balas 1 Halo, saya konselor lain.");
    await w.waitForMessage(other, /Hanya konselor yang menangani kasus ini/, { after: n });
    expect(w.fake.sentTo(praja.id).some((m) => /konselor lain/.test(m.text ?? ""))).toBe(false);
    expect(await snapshot()).toEqual(before);
  });

  it("a used invite code is refused and links nothing", async () => {
    const invite = await issueInvite(w.app.db.prisma, { orgId: "ipdn", role: "kasubbag", name: "Pak Kasubbag", ttlHours: 1, now: new Date() });
    const first: FakeUser = { id: 4010, first_name: "A" };
    const second: FakeUser = { id: 4011, first_name: "B" };
    let n = w.count(first);
    w.fake.userSends(first, `/start ${invite.code}`);
    await w.waitForMessage(first, /terhubung sebagai Kasubbag/, { after: n });
    n = w.count(second);
    w.fake.userSends(second, `/start ${invite.code}`);
    const refused = await w.waitForMessage(second, /Kode tidak dapat digunakan/, { after: n });
    expect(refused.text).not.toMatch(/Kasubbag|kedaluwarsa|sudah dipakai/);
    expect(await w.app.db.prisma.channelIdentity.count({ where: { channel: "telegram", address: String(second.id) } })).toBe(0);
    // Wrong codes get the very same answer.
    n = w.count(second);
    w.fake.userSends(second, "/start ZZZZZZZZZZ");
    const wrong = await w.waitForMessage(second, /Kode tidak dapat digunakan/, { after: n });
    expect(wrong.text).toBe(refused.text);
  });
});
