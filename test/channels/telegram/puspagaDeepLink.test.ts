// PUSPAGA clients arrive through their organisation's deep link (t.me/<bot>?start=puspaga): no Praja/Pegawai
// question, PUSPAGA's own fields, and the case opens on the PUSPAGA SOP with PUSPAGA's staff. English works too.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUser } from "../../fakes/telegramBotApi.ts";
import { startTelegramWorld, type TelegramWorld } from "../../support/telegramService.ts";

const klien: FakeUser = { id: 8001, first_name: "Lina" };
const konselor: FakeUser = { id: 8002, first_name: "Rina" };
const staf: FakeUser = { id: 8003, first_name: "Adi" };
const ipdnStaf: FakeUser = { id: 8004, first_name: "Budi" };

describe("Telegram: PUSPAGA deep link, in English", () => {
  let w: TelegramWorld;
  beforeAll(async () => {
    w = await startTelegramWorld();
    await w.linkStaff(konselor, { org: "puspaga", roles: ["konselor"], name: "Rina" });
    await w.linkStaff(staf, { org: "puspaga", roles: ["staf"], name: "Adi" });
    await w.linkStaff(ipdnStaf, { org: "ipdn", roles: ["staf"], name: "Budi" });
  });
  afterAll(async () => w?.close());

  const say = (text: string, expected: RegExp) => w.say(klien, text, expected);
  const tap = (label: string, expected: RegExp) => w.tap(klien, label, expected);

  it("registers a PUSPAGA client and opens the case on the PUSPAGA SOP", async () => {
    const welcome = await say("/start puspaga", /PUSPAGA Serumpun Sebalai/);
    expect(welcome.text).toMatch(/Apakah Anda setuju/);
    await say("/bahasa", /Language: English[\s\S]*Do you agree/);
    await tap("I agree", /full name/);
    await say("Lina Marlina", /regency\/city/);
    await say("Pangkalpinang", /mobile number/);
    await say("081377778888", /email/i);
    await tap("Skip", /complaint/);
    await say("Anak saya sering bolos sekolah.", /Noted/);
    const summary = await tap("Done", /check your details/);
    expect(summary.text).toContain("Residence: Pangkalpinang");
    expect(summary.text).toContain("Mobile number: +6281377778888");
    const opened = await tap("Send", /case #1/);
    expect(opened.text).toMatch(/Next: .* by Administrative staff/);

    const c = await w.app.db.prisma.case.findUniqueOrThrow({ where: { number: 1 } });
    expect(c.flowId).toBe("puspaga-konseling");
    await w.waitForMessage(konselor, /Kasus #1 baru untuk Anda[\s\S]*Domisili: Pangkalpinang/);
    await w.waitForMessage(staf, /Kasus #1 — Konseling pada PUSPAGA[\s\S]*Langkah 2/);
    expect(w.fake.sentTo(ipdnStaf.id).some((m) => /Kasus #1/.test(m.text ?? ""))).toBe(false);
  });
});
