// A client's chat around their case, over the real telegraf client and the fake Bot API: /start during an
// open case shows the case (no new registration); a used button leaves its message and a late press of it
// changes nothing; the archive cancels a session still ahead and tells both sides; after the archive the
// client's messages still reach the counsellor (and the counsellor can answer) for CLOSED_CASE_RELAY_DAYS.
// The service clock is controlled: a working Monday morning, then moved past the relay window.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUser } from "../fakes/telegramBotApi.ts";
import { buttonsOf, startTelegramWorld, type TelegramWorld } from "../support/telegramService.ts";
import { waitFor } from "../support/waitFor.ts";

const praja: FakeUser = { id: 5101, first_name: "Ana" };
const konselor: FakeUser = { id: 5201, first_name: "Sari" };
const staf: FakeUser = { id: 5202, first_name: "Budi" };
const kepala: FakeUser = { id: 5203, first_name: "Kepala" };
const rektor: FakeUser = { id: 5204, first_name: "Rektor" };

/** Monday 30 November 2026, 08:00 WIB: a working day; every date below is derived from it. */
const START = new Date("2026-11-30T01:00:00Z");

describe("a client's chat around their case", () => {
  let w: TelegramWorld;
  let now = START;
  const outboxTo = async (user: FakeUser) => w.app.db.prisma.outbox.count({ where: { channel: "telegram", address: String(user.id) } });

  beforeAll(async () => {
    w = await startTelegramWorld({ env: { CLOSED_CASE_RELAY_DAYS: "7" }, service: { clock: () => now, sessions: { loop: false } } });
    await w.linkStaff(konselor, { roles: ["konselor"], name: "Dra. Sari" });
    await w.linkStaff(staf, { roles: ["staf"], name: "Budi" });
    await w.linkStaff(kepala, { roles: ["kepala_unit"], name: "Kepala Unit" });
    await w.linkStaff(rektor, { roles: ["rektor"], name: "Rektor IPDN" });
    await w.registerPraja(praja);
  }, 60_000);
  afterAll(async () => w?.close());

  it("/start during the open case shows its status and what the client can do; the next message reaches the counsellor", async () => {
    const shown = await w.say(praja, "/start", /Kasus #1 \(.*\): sekarang di langkah/);
    expect(shown.text).toMatch(/Yang dapat Anda lakukan/);
    expect(buttonsOf(shown).map((b) => b.text)).toEqual(["Pendaftaran baru"]);
    // The deep link of the same organisation (what the local page's "Mulai" sends) is no new registration either.
    await w.say(praja, "/start ipdn", /Kasus #1 \(.*\): sekarang di langkah/);
    const relayed = await w.say(praja, "Ana Praja", /Kasus #1 · pesan klien:\nAna Praja/, konselor);
    expect(relayed.text).not.toMatch(/NPP/);
    expect(
      w.fake
        .sentTo(praja.id)
        .filter((m) => m.message_id > shown.message_id)
        .some((m) => /Nomor Pokok Praja|setuju\?/.test(m.text ?? "")),
    ).toBe(false);
  });

  it("a used button has left its message, and a late press of it changes nothing", async () => {
    const consent = w.fake.sentTo(praja.id).find((m) => /Apakah Anda setuju\?/.test(m.text ?? ""))!;
    expect(buttonsOf(consent)).toEqual([]);
    const kind = w.fake.sentTo(praja.id).find((m) => /Anda mendaftar sebagai/.test(m.text ?? ""))!;
    expect(buttonsOf(kind)).toEqual([]);
    // The press the praja made on their phone before the edit reached it: the old "Setuju".
    const pressed = w.fake
      .callsOf("sendMessage")
      .find((c) => String(c.params.chat_id) === String(praja.id) && /Apakah Anda setuju/.test(String(c.params.text)))!;
    const oldData = (pressed.params.reply_markup as { inline_keyboard: { callback_data: string }[][] }).inline_keyboard[0]![0]!.callback_data;
    const toCounsellor = await outboxTo(konselor);
    w.fake.pushUpdate({ callback_query: { id: "late-consent", from: { id: praja.id, is_bot: false, first_name: "Ana" }, chat_instance: "1", data: oldData } });
    const answer = await w.fake.waitFor("answerCallbackQuery", (c) => c.params.callback_query_id === "late-consent");
    expect(answer.params.text).toMatch(/tidak dikenal atau sudah kedaluwarsa/);
    // The press was handled in one transaction before it was answered: nothing reached the counsellor.
    expect(await outboxTo(konselor)).toBe(toCounsellor);
  });

  it("archiving cancels the session still ahead and says so to both sides; later messages still reach the counsellor", async () => {
    await w.tap(staf, "Selesai", /Langkah 3: Konselor intake awal/, konselor);
    await w.tap(konselor, "Selesai", /Langkah 3: Rencana penanganan/);
    await w.tap(konselor, "Selesai", /Tuliskan isi rencana/);
    await w.say(konselor, "Konseling daring mingguan.", /Langkah 4/, kepala);
    await w.tap(kepala, "Setujui rencana penanganan", /Langkah 5: Menerima laporan dan membuat janji/, konselor);
    // No Google Calendar here: slots from working hours, the praja picks one, the counsellor adds the link.
    await w.service.sessions.runOnce();
    const offer = await w.waitForMessage(praja, /pilih jadwal sesi konseling online/);
    await w.press(praja, buttonsOf(offer)[0]!.text, offer);
    await waitFor("the slot choice", async () => (await w.app.db.prisma.sessionOffer.count({ where: { status: "booking" } })) === 1);
    await w.service.sessions.runOnce();
    await w.waitForMessage(konselor, /\/link 1 <url>/);
    await w.say(konselor, "/link 1 https://meet.google.com/abc-defg-hij", /Langkah 6: Melakukan pengawasan/);
    const appointment = await w.app.db.prisma.appointment.findFirstOrThrow({ where: { status: "booked" } });
    expect(appointment.meetUrl).toBe("https://meet.google.com/abc-defg-hij");
    expect(appointment.startsAt.getTime()).toBeGreaterThan(now.getTime());

    await w.tap(konselor, "Selesai", /Tuliskan isi rencana\/laporan/);
    await w.say(konselor, "Pengawasan selesai.", /Langkah 7: Membuat laporan/, kepala);
    await w.tap(kepala, "Kirim laporan ke Rektor", /Langkah 8: Memberikan disposisi/, rektor);
    await w.tap(rektor, "Selesai", /Tuliskan disposisi/);
    await w.say(rektor, "Arsipkan.", /Langkah 9: Melaksanakan perintah disposisi/, konselor);
    await w.tap(konselor, "Selesai", /Langkah 10: Mengarsipkan/, staf);
    await w.tap(staf, "Selesai", /Kasus #1 telah selesai dan diarsipkan/, praja);

    await w.service.sessions.runOnce();
    await w.waitForMessage(praja, /Sesi Kasus #1 .* dibatalkan karena kasus sudah selesai dan diarsipkan/);
    await w.waitForMessage(konselor, /Sesi Kasus #1 .* dibatalkan karena kasus sudah selesai dan diarsipkan/);
    expect((await w.app.db.prisma.appointment.findUniqueOrThrow({ where: { id: appointment.id } })).status).toBe("cancelled");

    // Two days later the praja writes: the counsellor hears it, marked as an archived case, and can answer.
    now = new Date(START.getTime() + 2 * 86_400_000);
    const hint = await w.say(praja, "Kak, besok jadi kan sesinya?", /Kasus #1 sudah selesai dan diarsipkan/);
    expect(buttonsOf(hint).map((b) => b.text)).toEqual(["Pendaftaran baru"]);
    const heard = await w.waitForMessage(konselor, /Kasus #1 \(sudah diarsipkan\) · pesan klien:\nKak, besok jadi kan sesinya\?/);
    const answered = w.count(praja);
    w.fake.userReplies(konselor, heard.message_id, "Sesinya dibatalkan karena kasus sudah selesai. Daftar lagi bila perlu, ya.");
    await w.waitForMessage(praja, /Konselor \(Kasus #1\):\nSesinya dibatalkan/, { after: answered });
    // The second message reaches the counsellor without telling the client the same thing again.
    await w.say(praja, "Baik, terima kasih.", /Kasus #1 \(sudah diarsipkan\) · pesan klien:\nBaik, terima kasih\./, konselor);
    expect(w.fake.sentTo(praja.id).filter((m) => /sudah selesai dan diarsipkan\. Pesan Anda tetap/.test(m.text ?? ""))).toHaveLength(1);

    // Past the window, a message starts a new registration instead.
    now = new Date(START.getTime() + 8 * 86_400_000);
    await w.say(praja, "Halo lagi", /Apakah Anda setuju\?/);
  });
});
