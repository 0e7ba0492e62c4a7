// Retention of people who never opened a case, and the housekeeping on the same run, over the real telegraf client
// and the fake Bot API with the run's clock moved ahead: a crisis-only contact (and the counsellor's answer to them,
// which has no case) and an abandoned registration are erased after RETENTION_NO_CASE_DAYS without a message; a chat
// that never consented loses its saved conversation; a client with a case keeps everything. Inbound-dedupe marks,
// stored files nothing refers to and buttons past use go; a waiting step's task keeps its buttons.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseFileStore } from "../../src/store/databaseFileStore.ts";
import { runRetention } from "../../src/store/retention.ts";
import type { FakeUser } from "../fakes/telegramBotApi.ts";
import { waitForOutboxSettled } from "../support/outboxSettled.ts";
import { startTelegramWorld, type TelegramWorld } from "../support/telegramService.ts";

const konselor: FakeUser = { id: 9701, first_name: "Sari" };
const staf: FakeUser = { id: 9702, first_name: "Budi" };
const crisisOnly: FakeUser = { id: 9711, first_name: "Rara" };
const abandoned: FakeUser = { id: 9712, first_name: "Tono" };
const stranger: FakeUser = { id: 9713, first_name: "Anon" };
const client: FakeUser = { id: 9714, first_name: "Dewi" };
const DAY = 24 * 3600_000;

describe("retention of people who never opened a case, and pruning", () => {
  let w: TelegramWorld;
  const person = async (user: FakeUser) =>
    (
      await w.app.db.prisma.channelIdentity.findUnique({
        where: { channel_address: { channel: "telegram", address: String(user.id) } },
        select: { personId: true },
      })
    )?.personId;

  beforeAll(async () => {
    w = await startTelegramWorld({ service: { retention: false } });
    await w.linkStaff(konselor, { roles: ["konselor"], name: "Dra. Sari" });
    await w.linkStaff(staf, { roles: ["staf"], name: "Budi" });
    // A crisis before any registration; the counsellor answers it (a message with no case).
    const alert = await w.say(crisisOnly, "aku ingin mati rasanya", /ingin mati/, konselor);
    w.fake.userReplies(konselor, alert.message_id, "Rara, saya Sari. Anda tidak sendiri.");
    await w.waitForMessage(crisisOnly, /Anda tidak sendiri/);
    // A registration left after consent and one field.
    await w.say(abandoned, "/start", /setuju/i);
    await w.tap(abandoned, "Setuju", /mendaftar sebagai/);
    await w.tap(abandoned, "Praja", /nama lengkap/);
    await w.say(abandoned, "Tono Praja", /NPP/);
    // Someone who never consented.
    await w.say(stranger, "/start", /setuju/i);
    await w.registerPraja(client, { keluhan: ["Keluhan Dewi yang tetap disimpan."] });
    await waitForOutboxSettled(w.app.db.prisma);
  }, 60_000);
  afterAll(async () => w?.close());

  it("erases the crisis-only contact and the abandoned registration after their quiet period, and keeps the client with a case", async () => {
    const p = w.app.db.prisma;
    const crisisId = (await person(crisisOnly))!;
    const abandonedId = (await person(abandoned))!;
    const clientId = (await person(client))!;
    expect(await p.message.count({ where: { aboutPersonId: crisisId, text: { not: null } } })).toBe(1);
    expect(await p.dialogState.count({ where: { address: String(stranger.id) } })).toBe(1);

    // Not yet quiet long enough: nothing happens.
    const early = await runRetention(p, { now: new Date(Date.now() + 29 * DAY), days: 1825, noCaseDays: 30 });
    expect(early).toMatchObject({ withoutCase: 0, strangers: 0, dedupeMarks: 0 });

    const marks = await p.processedInbound.count();
    expect(marks).toBeGreaterThan(0);
    const report = await runRetention(p, { now: new Date(Date.now() + 31 * DAY), days: 1825, noCaseDays: 30 });
    expect(report).toMatchObject({ cases: 0, clients: 0, withoutCase: 2, dedupeMarks: marks });
    expect(await p.processedInbound.count()).toBe(0);
    expect(report.strangers).toBeGreaterThanOrEqual(1);
    for (const id of [crisisId, abandonedId]) {
      const erased = await p.person.findUniqueOrThrow({ where: { id } });
      expect(erased.erasedAt).not.toBeNull();
      expect(erased.displayName).toBeNull();
      expect(await p.channelIdentity.count({ where: { personId: id } })).toBe(0);
      expect(await p.message.count({ where: { OR: [{ personId: id }, { aboutPersonId: id }], text: { not: null } } })).toBe(0);
    }
    for (const user of [crisisOnly, abandoned, stranger]) {
      expect(await p.dialogState.count({ where: { address: String(user.id) } })).toBe(0);
      expect(await p.channelContact.count({ where: { address: String(user.id) } })).toBe(0);
    }
    // The client with a case, and staff, keep everything.
    expect((await p.person.findUniqueOrThrow({ where: { id: clientId } })).erasedAt).toBeNull();
    expect((await p.case.findFirstOrThrow({ where: { clientId } })).intakeJson).toContain("Keluhan Dewi");
    expect(await p.channelIdentity.count({ where: { address: String(konselor.id) } })).toBe(1);
    // The crisis alert's audit keeps the fact, not the words.
    const audit = await p.auditEvent.findFirstOrThrow({ where: { type: "crisis_alert" } });
    expect(audit.dataJson).not.toMatch(/ingin mati/);
  });

  it("prunes dedupe marks, files nothing refers to and spent buttons; a waiting task keeps its buttons", async () => {
    const p = w.app.db.prisma;
    const files = databaseFileStore(p);
    const orphan = await files.save({ bytes: Buffer.from("a photo nobody kept"), name: "foto.jpg", mimeType: "image/jpeg" });
    const kept = await files.save({ bytes: Buffer.from("a photo on a message"), name: "foto2.jpg", mimeType: "image/jpeg" });
    const clientId = (await person(client))!;
    await p.message.create({
      data: { personId: clientId, direction: "in", channel: "telegram", text: null, attachJson: JSON.stringify([{ kind: "photo", fileRef: kept }]) },
    });
    const waitingTask = await p.outbox.findFirstOrThrow({ where: { stepRunId: { not: null }, address: String(staf.id) }, select: { id: true } });
    const taskButtons = await p.buttonToken.count({ where: { outboxId: waitingTask.id } });
    expect(taskButtons).toBeGreaterThan(0);
    const allButtons = await p.buttonToken.count();

    const report = await runRetention(p, { now: new Date(Date.now() + 91 * DAY), days: 1825, noCaseDays: 30 });
    expect(report.orphanFiles).toBe(1);
    expect(await p.storedFile.count({ where: { id: orphan.slice("file:".length) } })).toBe(0);
    expect(await p.storedFile.count({ where: { id: kept.slice("file:".length) } })).toBe(1);
    expect(report.buttons).toBe(allButtons - taskButtons);
    expect(await p.buttonToken.count({ where: { outboxId: waitingTask.id } })).toBe(taskButtons);
  });
});
