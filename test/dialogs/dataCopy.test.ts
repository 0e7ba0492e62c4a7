// Personal-data rights in chat (UU 27/2022), over the real telegraf client and the fake Bot API: the consent text
// names the unit's data protection contact (DATA_PROTECTION_CONTACT, per organisation), and /datasaya answers with a
// PDF copy of what is kept about the client — biodata, complaint, the conversation, consent, cases, the contact —
// read back from the bytes the bot uploaded. Someone the service knows nothing about is told so.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUser } from "../fakes/telegramBotApi.ts";
import { readPdf } from "../documents/pdfText.ts";
import { startTelegramWorld, type TelegramWorld } from "../support/telegramService.ts";

const CONTACT = "Pejabat PDP IPDN, pdp@ipdn.ac.id";
const praja: FakeUser = { id: 9801, first_name: "Laras" };
const stranger: FakeUser = { id: 9802, first_name: "Tamu" };
const konselor: FakeUser = { id: 9803, first_name: "Sari" };

describe("/datasaya and the data protection contact", () => {
  let w: TelegramWorld;
  beforeAll(async () => {
    w = await startTelegramWorld({ env: { DATA_PROTECTION_CONTACT: `ipdn=${CONTACT}; puspaga=PDP PUSPAGA` } });
    await w.linkStaff(konselor, { roles: ["konselor"], name: "Dra. Sari" });
  }, 60_000);
  afterAll(async () => w?.close());

  it("the consent text names the organisation's data protection contact", async () => {
    const consent = await w.say(praja, "/start", /setuju/i);
    expect(consent.text).toContain(`Pertanyaan atau keberatan tentang data pribadi Anda: ${CONTACT}.`);
    expect(consent.text).toMatch(/\/datasaya[\s\S]*\n\nApakah Anda setuju\?$/);
  });

  it("/datasaya sends the client a PDF of what is kept about them", async () => {
    await w.registerPraja(praja, { keluhan: ["Saya merasa sendirian di asrama."], npp: "31.8801" });
    const card = await w.waitForMessage(konselor, /Kasus #1 baru untuk Anda/);
    w.fake.userReplies(konselor, card.message_id, "Laras, kita bicara besok pagi.");
    await w.waitForMessage(praja, /kita bicara besok pagi/);
    const uploads = w.fake.callsOf("sendDocument").length;
    const sent = await w.say(praja, "/datasaya", /Salinan data pribadi Anda/);
    expect(sent.document?.file_name).toBe("salinan-data-pribadi.pdf");
    const call = w.fake
      .callsOf("sendDocument")
      .slice(uploads)
      .find((c) => String(c.params.chat_id) === String(praja.id))!;
    const pdf = await readPdf(call.files.document!.bytes);
    for (const expected of [
      "SALINAN DATA PRIBADI",
      "Laras Praja",
      "31.8801",
      "Saya merasa sendirian di asrama.",
      "Laras, kita bicara besok pagi.",
      "Kasus #1",
      "Telegram",
      "Versi teks persetujuan",
      CONTACT,
    ]) {
      expect(pdf.text, expected).toContain(expected);
    }
    expect(pdf.text).not.toContain("PDP PUSPAGA");
    expect(await w.app.db.prisma.auditEvent.count({ where: { type: "data_copy_requested" } })).toBe(1);
    // The copy is made when sent and never stored.
    expect(await w.app.db.prisma.storedFile.count()).toBe(0);
  });

  it("someone the service keeps nothing about is told so", async () => {
    await w.say(stranger, "/datasaya", /Kami tidak menyimpan data pribadi apa pun/);
  });
});
