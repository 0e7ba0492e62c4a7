// A linked staff member's own messages (src/dialogs/staffConversation.ts), over the real telegraf client and the
// fake Bot API: an unknown command, /balas without its parts or naming a case they cannot see, plain text that
// answers nothing, /tersedia and /tidaktersedia, and /bahasa switching the language there and back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUser } from "../fakes/telegramBotApi.ts";
import { startTelegramWorld, type TelegramWorld } from "../support/telegramService.ts";

const sari: FakeUser = { id: 8201, first_name: "Sari" };
const eselon: FakeUser = { id: 8202, first_name: "Eselon" };
const praja: FakeUser = { id: 8203, first_name: "Ana" };

/** Monday 30 November 2026, 08:00 WIB. */
const NOW = new Date("2026-11-30T01:00:00Z");

describe("staffConversation", () => {
  let w: TelegramWorld;
  let sariId: string;
  let caseNo: number;
  beforeAll(async () => {
    w = await startTelegramWorld({ service: { clock: () => NOW } });
    sariId = await w.linkStaff(sari, { roles: ["konselor"], name: "Dra. Sari" });
    await w.linkStaff(eselon, { org: "puspaga", roles: ["eselon_iv"], name: "Eselon IV" });
    caseNo = await w.registerPraja(praja);
  }, 60_000);
  afterAll(async () => w?.close());

  it("an unknown command points to /bantuan", async () => {
    const answer = await w.say(sari, "/entahapa", /Perintah tidak dikenal/);
    expect(answer.text).toBe("Perintah tidak dikenal. Ketik /bantuan.");
  });

  it("/balas without a case number and a message explains how to answer", async () => {
    for (const text of ["/balas", "/balas 12", "/balas halo semua"]) {
      const answer = await w.say(sari, text, /Cara membalas/);
      expect(answer.text).toBe("Cara membalas: /balas <nomor kasus> <pesan>, atau balas (reply) pesan kasus.");
    }
  });

  it("/balas naming a case that does not exist says it was not found, and nothing reaches a client", async () => {
    const toPraja = w.count(praja);
    await w.say(sari, "/balas #999 Halo", /Kasus #999 tidak ditemukan\./);
    expect(w.count(praja)).toBe(toPraja);
  });

  it("/balas naming another organisation's case is answered as not found", async () => {
    const toPraja = w.count(praja);
    await w.say(eselon, `/balas ${caseNo} Halo dari PUSPAGA`, new RegExp(`Kasus #${caseNo} tidak ditemukan\\.`));
    expect(await w.app.db.prisma.message.count({ where: { direction: "out", text: { contains: "PUSPAGA" } } })).toBe(0);
    expect(w.count(praja)).toBe(toPraja);
  });

  it("plain text that quotes nothing explains how to answer a client", async () => {
    await w.say(sari, "Selamat pagi", /Cara membalas/);
  });

  it("/tidaktersedia and /tersedia switch the counsellor's availability and are audited", async () => {
    const role = () => w.app.db.prisma.staffRole.findFirstOrThrow({ where: { personId: sariId, role: "konselor" } });
    await w.say(sari, "/tidaktersedia", /Anda tidak menerima kasus baru untuk sementara\./);
    expect((await role()).available).toBe(false);
    await w.say(sari, "/tersedia", /Anda tersedia untuk kasus baru\./);
    expect((await role()).available).toBe(true);
    const audited = await w.app.db.prisma.auditEvent.findMany({ where: { type: "availability_changed", actorId: sariId } });
    expect(audited.map((a) => a.dataJson).sort()).toEqual(['{"available":false}', '{"available":true}']);
  });

  it("/bahasa switches to English and back, and later answers follow it", async () => {
    const locale = async () => (await w.app.db.prisma.person.findUniqueOrThrow({ where: { id: sariId } })).locale;
    await w.say(sari, "/bahasa", /^Language: English\.$/);
    expect(await locale()).toBe("en");
    await w.say(sari, "/entahapa", /^Unknown command\. Send \/bantuan\.$/);
    await w.say(sari, "/bahasa", /^Bahasa: Indonesia\.$/);
    expect(await locale()).toBe("id");
  });
});
