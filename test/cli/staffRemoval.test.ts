// Staff who leave are out, mid-case, over the real telegraf client and the fake Bot API: the counsellor of an open
// case is removed; the case goes to the other counsellor (who gets the case card and the waiting step's task), the
// client is told their counsellor changed without the old name, nothing more reaches the removed person's chat,
// and their late press of the old task button is refused. A role withdrawn from someone who keeps another role
// sends the role's waiting steps to its other holders; an unlinked chat gets nothing more. The command line
// answers and refuses as an admin would see it.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeStaff, unlinkStaffChat } from "../../src/cli/staffRemoval.ts";
import type { FakeUser } from "../fakes/telegramBotApi.ts";
import { waitForOutboxSettled } from "../support/outboxSettled.ts";
import { runCliProcess } from "../support/runCli.ts";
import { buttonsOf, startTelegramWorld, type TelegramWorld } from "../support/telegramService.ts";
import { waitFor } from "../support/waitFor.ts";

const praja: FakeUser = { id: 7701, first_name: "Wulan" };
const sari: FakeUser = { id: 7702, first_name: "Sari" };
const budi: FakeUser = { id: 7703, first_name: "Budi" };
const staf: FakeUser = { id: 7704, first_name: "Staf" };
const staf2: FakeUser = { id: 7705, first_name: "Rina" };
const kepala: FakeUser = { id: 7706, first_name: "Kepala" };

describe("staff removal mid-case", () => {
  let w: TelegramWorld;
  let sariId = "";
  let stafId = "";
  beforeAll(async () => {
    w = await startTelegramWorld();
    sariId = await w.linkStaff(sari, { roles: ["konselor"], name: "Dra. Sari Wijaya" });
    stafId = await w.linkStaff(staf, { roles: ["staf", "kasubbag"], name: "Staf Satu" });
    await w.linkStaff(kepala, { roles: ["kepala_unit"], name: "Kepala Unit" });
    await w.registerPraja(praja, { keluhan: ["Saya sulit tidur sejak ujian."] });
    // Budi joins after the case went to Sari.
    await w.linkStaff(budi, { roles: ["konselor"], name: "Budi Santoso" });
    await w.press(staf, "Selesai");
    await w.waitForMessage(sari, /Langkah 3: Konselor intake awal/);
    const card = await w.waitForMessage(sari, /Kasus #1 baru untuk Anda/);
    w.fake.userReplies(sari, card.message_id, "Halo Wulan, saya Bu Sari.");
    await w.waitForMessage(praja, /saya Bu Sari/);
    await waitForOutboxSettled(w.app.db.prisma);
  }, 60_000);
  afterAll(async () => w?.close());

  it("hands the case to the other counsellor, tells the client without the old name, and nothing more reaches the removed chat", async () => {
    const sariBefore = w.count(sari);
    const prajaBefore = w.count(praja);
    const budiBefore = w.count(budi);
    const oldTask = w.fake.sentTo(sari.id).find((m) => /Langkah 3: Konselor intake awal/.test(m.text ?? ""))!;
    expect(buttonsOf(oldTask).length).toBeGreaterThan(0);

    const report = await removeStaff(w.app, { person: sariId.slice(-8), now: new Date() });
    expect(report.reassigned).toEqual([{ caseNo: 1, to: expect.any(String), toName: "Budi Santoso" }]);
    expect(report.unlinked).toEqual(["telegram"]);

    const told = await w.waitForMessage(praja, /Konselor yang menangani Kasus #1 telah berganti/, { after: prajaBefore });
    expect(told.text).not.toMatch(/Sari|Budi/);
    await w.waitForMessage(budi, /Kasus #1 dialihkan kepada Anda[\s\S]*Saya sulit tidur sejak ujian/, { after: budiBefore });
    const task = await w.waitForMessage(budi, /Langkah 3: Konselor intake awal/, { after: budiBefore });
    expect(buttonsOf(task).map((b) => b.text)).toContain("Selesai");
    const c = await w.app.db.prisma.case.findUniqueOrThrow({ where: { number: 1 } });
    expect(c.counsellorId).not.toBe(sariId);
    expect(await w.app.db.prisma.channelIdentity.count({ where: { personId: sariId } })).toBe(0);
    expect(await w.app.db.prisma.staffRole.count({ where: { personId: sariId } })).toBe(0);

    // The client's next message reaches the new counsellor only.
    w.fake.userSends(praja, "Apakah saya bisa cerita sekarang?");
    await w.waitForMessage(budi, /Kasus #1 · pesan klien:\nApakah saya bisa cerita sekarang\?/, { after: budiBefore });
    await waitForOutboxSettled(w.app.db.prisma);
    expect(w.count(sari)).toBe(sariBefore);

    // A late press of the old task button by the removed counsellor records nothing.
    const refusedBefore = await w.app.db.prisma.auditEvent.count({ where: { type: "button_refused" } });
    w.fake.userPresses(sari, oldTask.message_id, buttonsOf(oldTask).find((b) => b.text === "Selesai")!.data);
    await waitFor("the late press refused", async () => (await w.app.db.prisma.auditEvent.count({ where: { type: "button_refused" } })) === refusedBefore + 1);
    await waitForOutboxSettled(w.app.db.prisma);
    expect(w.count(sari)).toBe(sariBefore);
    expect(await w.app.db.prisma.stepRun.count({ where: { caseId: c.id, stepId: "s3a", actedAt: { not: null } } })).toBe(0);
    // The new counsellor records it.
    await w.tap(budi, "Selesai", /Langkah 3: Rencana penanganan/);
  });

  it("a withdrawn role's waiting steps reach its other holders; the person keeps their other role", async () => {
    await w.registerPraja({ id: 7711, first_name: "Dodi" });
    const waiting = await w.waitForMessage(staf, /Kasus #2 — [\s\S]*Langkah 2/);
    expect(buttonsOf(waiting).length).toBeGreaterThan(0);
    const rina = await w.linkStaff(staf2, { roles: ["kasubbag"], name: "Rina" });
    // Rina becomes staf only now: she never got the task.
    await w.app.db.prisma.staffRole.create({ data: { personId: rina, orgId: "ipdn", role: "staf" } });
    const rinaBefore = w.count(staf2);
    const report = await removeStaff(w.app, { person: stafId.slice(-8), org: "ipdn", role: "staf", now: new Date() });
    expect(report.unlinked).toEqual([]);
    expect(report.tasksSent).toBe(1);
    await w.waitForMessage(staf2, /Kasus #2 — [\s\S]*Langkah 2/, { after: rinaBefore });
    expect(await w.app.db.prisma.staffRole.findMany({ where: { personId: stafId }, select: { role: true } })).toEqual([{ role: "kasubbag" }]);
    // The old copy's buttons no longer act for the person who lost the role.
    const refusedBefore = await w.app.db.prisma.auditEvent.count({ where: { type: "button_refused" } });
    w.fake.userPresses(staf, waiting.message_id, buttonsOf(waiting)[0]!.data);
    await waitFor("the press refused", async () => (await w.app.db.prisma.auditEvent.count({ where: { type: "button_refused" } })) === refusedBefore + 1);
    await w.press(staf2, "Selesai");
    await w.waitForMessage(budi, /Kasus #2 — [\s\S]*Langkah 3/);
  });

  it("an unlinked chat gets nothing more", async () => {
    const out = await unlinkStaffChat(w.app, { person: stafId.slice(-8), channel: "telegram", now: new Date() });
    expect(out).toMatchObject({ unlinked: 1, remaining: [] });
    const before = w.count(staf);
    await w.registerPraja({ id: 7712, first_name: "Eka" });
    await waitForOutboxSettled(w.app.db.prisma);
    expect(w.count(staf)).toBe(before);
  });
});

describe("staff remove and staff unlink at the command line", () => {
  const dir = mkdtempSync(join(tmpdir(), "pintu-cli-remove-"));
  const env = { DATABASE_URL: `file:${join(dir, "cli.db")}` };
  const cli = (...args: string[]) => runCliProcess(args, env);

  it("withdraws one role, then removes the person; refuses what they do not hold", { timeout: 180_000 }, () => {
    expect(cli("staff", "invite", "--org", "ipdn", "--role", "konselor", "--name", "Nina").status).toBe(0);
    const id = /^(\S{8})\s+ipdn\s+konselor\s+Nina/m.exec(cli("staff", "list").stdout)![1]!;
    expect(cli("staff", "invite", "--org", "ipdn", "--role", "staf", "--person", id).status).toBe(0);
    const one = cli("staff", "remove", id, "--role", "staf");
    expect(one.status, one.stderr).toBe(0);
    expect(one.stdout).toContain("Removed Nina: staf in ipdn.");
    expect(cli("staff", "list").stdout).toMatch(/ipdn\s+konselor\s+Nina/);
    const again = cli("staff", "remove", id, "--role", "staf");
    expect(again.status).toBe(1);
    expect(again.stderr.trim()).toBe("Error: Nina holds no such role; holds: konselor in ipdn");
    const all = cli("staff", "remove", id);
    expect(all.status, all.stderr).toBe(0);
    expect(all.stdout).toContain("They hold no role any more");
    expect(cli("staff", "list").stdout).not.toMatch(/Nina/);
    const unlink = cli("staff", "unlink", id, "--channel", "telegram");
    expect(unlink.status).toBe(1);
    expect(unlink.stderr.trim()).toBe("Error: Nina has no telegram chat linked; linked: none");
    expect(cli("staff", "remove").stderr).toMatch(/staff remove needs the staff id/);
  });
});
