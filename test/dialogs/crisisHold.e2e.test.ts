// A crisis phrase during registration, over the real telegraf client and the fake Bot API: the answer to
// "Siapa nama lengkap Anda?" is "saya ingin mati". The registration pauses (the phrase is never stored as the
// name), the client's next messages all reach the counsellor who was alerted, and the registration resumes
// from the same question when the client presses "Lanjutkan pendaftaran" — or when the counsellor does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUser } from "../fakes/telegramBotApi.ts";
import { buttonsOf, startTelegramWorld, type TelegramWorld } from "../support/telegramService.ts";
import { waitFor } from "../support/waitFor.ts";

const konselor: FakeUser = { id: 6201, first_name: "Sari" };
const kepala: FakeUser = { id: 6203, first_name: "Kepala" };

describe("a crisis during registration pauses it", () => {
  let w: TelegramWorld;
  beforeAll(async () => {
    w = await startTelegramWorld();
    await w.linkStaff(konselor, { roles: ["konselor"], name: "Dra. Sari" });
    await w.linkStaff(kepala, { roles: ["kepala_unit"], name: "Kepala Unit" });
  });
  afterAll(async () => w?.close());

  const untilName = async (praja: FakeUser) => {
    await w.say(praja, "/start", /setuju/i);
    await w.tap(praja, "Setuju", /mendaftar sebagai/);
    await w.tap(praja, "Praja", /Siapa nama lengkap Anda\?/);
  };

  it("the crisis answer and three more messages reach the counsellor; the client resumes at the same question", async () => {
    const praja: FakeUser = { id: 6101, first_name: "Rina" };
    await untilName(praja);
    const n = w.count(praja);
    const held = await w.say(praja, "saya ingin mati", /Pendaftaran kami jeda dulu/);
    expect(
      w.fake
        .sentTo(praja.id)
        .slice(n)
        .some((m) => /SEJIWA 119 ext\. 8/.test(m.text ?? "")),
    ).toBe(true);
    expect(
      w.fake
        .sentTo(praja.id)
        .slice(n)
        .some((m) => /NPP/.test(m.text ?? "")),
    ).toBe(false);
    expect(buttonsOf(held).map((b) => b.text)).toEqual(["Lanjutkan pendaftaran"]);
    const alert = await w.waitForMessage(konselor, /PERINGATAN KRISIS — klien yang sedang mendaftar[\s\S]*saya ingin mati/);
    expect(alert.text).toMatch(/Pendaftaran klien ini dijeda/);
    expect(buttonsOf(alert).map((b) => b.text)).toEqual(["Lanjutkan pendaftaran klien"]);

    for (const text of ["saya takut, saya sendirian di kamar", "tolong", "saya di wisma B lantai 2"]) {
      const relayed = await w.say(praja, text, new RegExp(`Pesan klien \\(belum ada nomor kasus\\):\\n${text}`), konselor);
      expect(relayed.text).toContain(text);
    }
    // None of it was taken as an answer: no "NPP tidak dikenali", no next question, no name stored.
    expect(
      w.fake
        .sentTo(praja.id)
        .slice(n)
        .some((m) => /NPP|Nama harus/.test(m.text ?? "")),
    ).toBe(false);
    const dialog = await w.app.db.prisma.dialogState.findUniqueOrThrow({ where: { channel_address: { channel: "telegram", address: String(praja.id) } } });
    expect(dialog.dialog).toBe("crisis_hold");
    expect(dialog.stateJson).not.toContain("ingin mati");
    // The crisis message itself was not relayed a second time: the alert carried it.
    expect(w.fake.sentTo(konselor.id).filter((m) => /saya ingin mati/.test(m.text ?? ""))).toHaveLength(1);
    // Every message is kept.
    expect(await w.app.db.prisma.message.count({ where: { direction: "in", caseId: null } })).toBe(4);

    // The counsellor answers through the alert; then the client goes on with the registration.
    const before = w.count(praja);
    w.fake.userReplies(konselor, alert.message_id, "Rina, saya Sari. Saya hubungi Anda sekarang.");
    await w.waitForMessage(praja, /Konselor:\nRina, saya Sari/, { after: before });
    await w.tap(praja, "Lanjutkan pendaftaran", /Siapa nama lengkap Anda\?/);
    await w.say(praja, "Rina Praja", /NPP/);
    await waitFor("the pause message's button to go", () => buttonsOf(w.fake.sentTo(praja.id).find((m) => m.message_id === held.message_id)!).length === 0);
  });

  it("the counsellor resumes the registration from the alert; the client is asked the paused question", async () => {
    const praja: FakeUser = { id: 6102, first_name: "Dewi" };
    await untilName(praja);
    await w.say(praja, "aku mau bunuh diri", /Pendaftaran kami jeda dulu/);
    const alert = await w.waitForMessage(konselor, /PERINGATAN KRISIS[\s\S]*aku mau bunuh diri/);
    await w.say(praja, "maaf", /Pesan klien \(belum ada nomor kasus\):\nmaaf/, konselor);
    const resumed = await w.tap(
      konselor,
      "Lanjutkan pendaftaran klien",
      /Konselor meminta pendaftaran Anda dilanjutkan[\s\S]*Siapa nama lengkap Anda\?/,
      praja,
    );
    expect(resumed.text).not.toMatch(/bunuh diri/);
    await w.waitForMessage(konselor, /Pendaftaran klien dilanjutkan/);
    await waitFor("the alert's button to go", () => buttonsOf(w.fake.sentTo(konselor.id).find((m) => m.message_id === alert.message_id)!).length === 0);
    await w.say(praja, "Dewi Praja", /NPP/);
  });

  it("someone who has not registered yet is held too: the next message reaches the counsellor, not the consent text", async () => {
    const stranger: FakeUser = { id: 6103, first_name: "Tanpa Nama" };
    await w.say(stranger, "saya ingin mati", /Pendaftaran kami jeda dulu/);
    await w.say(stranger, "tolong saya", /Pesan klien \(belum ada nomor kasus\):\ntolong saya/, konselor);
    expect(w.fake.sentTo(stranger.id).some((m) => /Apakah Anda setuju\?/.test(m.text ?? ""))).toBe(false);
    await w.tap(stranger, "Lanjutkan pendaftaran", /Apakah Anda setuju\?/);
  });
});
