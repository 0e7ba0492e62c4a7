// A crisis phrase mid-intake alerts the on-duty counsellors and the Kepala Unit at once, gives the client
// the hotline and pauses the intake; a counsellor can answer the alert. New cases go to the
// available counsellor with the fewest open cases; a returning client keeps their counsellor.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUser } from "../../fakes/telegramBotApi.ts";
import { startTelegramWorld, type TelegramWorld } from "../../support/telegramService.ts";

const sari: FakeUser = { id: 7001, first_name: "Sari" };
const tono: FakeUser = { id: 7002, first_name: "Tono" };
const kepala: FakeUser = { id: 7003, first_name: "Kepala" };
const staf: FakeUser = { id: 7004, first_name: "Staf" };

describe("Telegram: crisis phrases and counsellor routing", () => {
  let w: TelegramWorld;
  beforeAll(async () => {
    w = await startTelegramWorld();
    await w.linkStaff(sari, { roles: ["konselor"], name: "Sari" });
    await w.linkStaff(tono, { roles: ["konselor"], name: "Tono" });
    await w.linkStaff(kepala, { roles: ["kepala_unit"], name: "Kepala Unit" });
    await w.linkStaff(staf, { roles: ["staf"], name: "Staf" });
  });
  afterAll(async () => w?.close());

  const say = (user: FakeUser, text: string, expected: RegExp) => w.say(user, text, expected);
  const tap = (user: FakeUser, label: string, expected: RegExp) => w.tap(user, label, expected);
  const registerPraja = (user: FakeUser, keluhan: string[]) => w.registerPraja(user, { keluhan });

  it("alerts the on-duty counsellors and the Kepala Unit mid-intake, gives the hotline, and pauses the intake", async () => {
    const praja: FakeUser = { id: 7101, first_name: "Maya" };
    await say(praja, "/start", /setuju/i);
    await tap(praja, "Setuju", /mendaftar sebagai/);
    await tap(praja, "Praja", /nama lengkap/);
    await say(praja, "Maya Sari", /NPP/);
    await say(praja, "31.7101", /Tingkat/);
    await tap(praja, "I", /kelas/);
    await say(praja, "A1", /kampus/i);
    await tap(praja, "Jatinangor", /Nomor HP/);
    await tap(praja, "Lewati", /email/i);
    await tap(praja, "Lewati", /keluhan/);

    const n = w.count(praja);
    w.fake.userSends(praja, "Akhir-akhir ini saya INGIN MATI saja.");
    const hotline = await w.waitForMessage(praja, /SEJIWA 119 ext\. 8/, { after: n });
    expect(hotline.text).toMatch(/Anda tidak sendiri/);
    // The intake pauses: the crisis message is not taken as the complaint, and the client can resume later.
    await w.waitForMessage(praja, /Pendaftaran kami jeda dulu/, { after: n });
    expect(
      w.fake
        .sentTo(praja.id)
        .slice(n)
        .some((m) => /Tercatat/.test(m.text ?? "")),
    ).toBe(false);

    for (const counsellor of [sari, tono]) {
      const alert = await w.waitForMessage(counsellor, /PERINGATAN KRISIS — klien yang sedang mendaftar/);
      expect(alert.text).toContain("INGIN MATI");
    }
    const toHead = await w.waitForMessage(kepala, /PERINGATAN KRISIS/);
    expect(toHead.text).not.toContain("INGIN MATI");
    expect(w.fake.sentTo(staf.id).some((m) => /KRISIS/.test(m.text ?? ""))).toBe(false);

    // A counsellor answers the alert directly; the praja receives it from the bot.
    const alert = await w.waitForMessage(sari, /PERINGATAN KRISIS/);
    const before = w.count(praja);
    w.fake.userReplies(sari, alert.message_id, "Maya, saya Sari dari Unit BK. Anda aman sekarang?");
    await w.waitForMessage(praja, /Konselor:\nMaya, saya Sari/, { after: before });

    const audit = await w.app.db.prisma.auditEvent.findFirstOrThrow({ where: { type: "crisis_alert" } });
    expect(JSON.parse(audit.dataJson)).toMatchObject({ counsellors: 2, leaders: 1 });
    expect(audit.dataJson).not.toContain("ingin mati"); // the fact is kept, not the words
  });

  it("a crisis phrase on an open case alerts that case's counsellor, with the case number", async () => {
    const praja: FakeUser = { id: 7102, first_name: "Doni" };
    const caseNo = await registerPraja(praja, ["Masalah keluarga."]);
    const c = await w.app.db.prisma.case.findUniqueOrThrow({ where: { number: caseNo } });
    const counsellor = c.counsellorId === (await personOf(sari)) ? sari : tono;
    const other = counsellor === sari ? tono : sari;
    const before = w.count(other);
    w.fake.userSends(praja, "kadang terpikir bunuh diri");
    await w.waitForMessage(counsellor, new RegExp(`PERINGATAN KRISIS — Kasus #${caseNo}`));
    await w.waitForMessage(kepala, new RegExp(`PERINGATAN KRISIS — Kasus #${caseNo}`));
    await w.waitForMessage(praja, /SEJIWA/);
    expect(
      w.fake
        .sentTo(other.id)
        .slice(before)
        .some((m) => /KRISIS/.test(m.text ?? "")),
    ).toBe(false);
  });

  async function personOf(user: FakeUser): Promise<string> {
    return (await w.app.db.prisma.channelIdentity.findUniqueOrThrow({ where: { channel_address: { channel: "telegram", address: String(user.id) } } }))
      .personId;
  }

  it("routes a new case to the available counsellor with the fewest open cases; a returning client keeps theirs", async () => {
    const open = async (user: FakeUser) => w.app.db.prisma.case.count({ where: { counsellorId: await personOf(user), status: "open" } });
    const first: FakeUser = { id: 7201, first_name: "Eka" };
    const caseA = await registerPraja(first, ["Satu."]);
    const a = await w.app.db.prisma.case.findUniqueOrThrow({ where: { number: caseA } });
    const loaded = a.counsellorId === (await personOf(sari)) ? sari : tono;
    const lighter = loaded === sari ? tono : sari;
    expect(await open(lighter)).toBeLessThanOrEqual(await open(loaded));

    // Whoever has fewer open cases gets the next one.
    const fewer = (await open(sari)) <= (await open(tono)) ? sari : tono;
    const second: FakeUser = { id: 7202, first_name: "Fajar" };
    const caseB = await registerPraja(second, ["Dua."]);
    expect((await w.app.db.prisma.case.findUniqueOrThrow({ where: { number: caseB } })).counsellorId).toBe(await personOf(fewer));

    // A counsellor who is not available gets no new case, even with the fewest.
    const away = fewer === sari ? tono : sari;
    const stay = fewer;
    await say(stay, "/tidaktersedia", /tidak menerima kasus baru/);
    const third: FakeUser = { id: 7203, first_name: "Gita" };
    const caseC = await registerPraja(third, ["Tiga."]);
    expect((await w.app.db.prisma.case.findUniqueOrThrow({ where: { number: caseC } })).counsellorId).toBe(await personOf(away));
    await say(stay, "/tersedia", /tersedia untuk kasus baru/);

    // The first client comes back with a second problem: same counsellor, whatever the load.
    const n = w.count(first);
    w.fake.userSends(first, "/start");
    await w.waitForMessage(first, /sedang berjalan/, { after: n });
    await tap(first, "Pendaftaran baru", /setuju/i);
    const caseD = await registerPraja(first, ["Masalah baru."]);
    expect((await w.app.db.prisma.case.findUniqueOrThrow({ where: { number: caseD } })).counsellorId).toBe(a.counsellorId);
  });
});
