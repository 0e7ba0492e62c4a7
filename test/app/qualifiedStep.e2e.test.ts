// Kualifikasi Pelaksana end to end over Telegram: PUSPAGA's counselling (step 5) requires a Psikolog or a Konselor
// with a degree. The client's counsellor holds neither, so the step goes only to the counsellor who is a
// Psikolog, who records it; the unqualified counsellor's press is refused with a message naming what it needs.
// The dashboard shows who holds which qualification.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grantQualification } from "../../src/store/staffQualifications.ts";
import { issueLoginToken } from "../../src/store/webLogins.ts";
import type { ChatMessage, FakeUser } from "../fakes/telegramBotApi.ts";
import { loginFromLink } from "../support/dashboardLogin.ts";
import { buttonsOf, startTelegramWorld, type TelegramWorld } from "../support/telegramService.ts";

/** A Telegram user of the fake Bot API. */
const user = (id: number, first_name: string): FakeUser => ({ id, first_name });
const klien = user(5201, "Lina");
const rina = user(5202, "Rina");
const adi = user(5203, "Adi");
const nurul = user(5204, "Nurul");
const eselon = user(5205, "Eselon");

const NOT_QUALIFIED =
  "Kasus #1, langkah 5 hanya dapat dicatat oleh pemegang kualifikasi Psikolog (minimal pendidikan profesi psikolog) atau " +
  "Konselor (minimal sarjana psikologi, bimbingan konseling atau pekerja sosial). Kualifikasi Anda belum tercatat demikian, " +
  "jadi langkah ini tidak dicatat. Bila Anda memilikinya, minta admin mencatatnya.";

describe("Telegram: a step that requires a qualification", () => {
  let w: TelegramWorld;
  const ids: Record<string, string> = {};
  let task: ChatMessage;
  const answerOf = async (queryId: string) =>
    (await w.fake.waitFor("answerCallbackQuery", (c) => c.params.callback_query_id === queryId)).params.text as string | undefined;

  beforeAll(async () => {
    w = await startTelegramWorld();
    ids.rina = await w.linkStaff(rina, { org: "puspaga", roles: ["konselor"], name: "Rina" });
    ids.adi = await w.linkStaff(adi, { org: "puspaga", roles: ["staf"], name: "Adi" });
    ids.eselon = await w.linkStaff(eselon, { org: "puspaga", roles: ["eselon_iv"], name: "Eselon IV" });
  });
  afterAll(async () => w?.close());

  it("a klien registers; Rina, the only counsellor then, is their counsellor", async () => {
    await w.say(klien, "/start puspaga", /Apakah Anda setuju/);
    await w.tap(klien, "Setuju", /nama lengkap/i);
    await w.say(klien, "Lina Marlina", /kabupaten\/kota/i);
    await w.say(klien, "Pangkalpinang", /nomor HP/i);
    await w.say(klien, "081377778888", /email/i);
    await w.tap(klien, "Lewati", /keluhan/);
    await w.say(klien, "Anak saya sering bolos sekolah.", /Tercatat/);
    await w.tap(klien, "Selesai", /Periksa data/);
    await w.tap(klien, "Kirim", /Kasus #1/);
    expect((await w.app.db.prisma.case.findUniqueOrThrow({ where: { number: 1 } })).counsellorId).toBe(ids.rina);
  });

  it("the counselling step goes only to the counsellor who is a Psikolog", async () => {
    // Nurul joins as a Psikolog after the case was assigned (staff invite --qualification psikolog).
    ids.nurul = await w.linkStaff(nurul, { org: "puspaga", roles: ["konselor"], name: "Nurul, M.Psi." });
    await grantQualification(w.app.db.prisma, { personId: ids.nurul, orgId: "puspaga", qualification: "psikolog", at: new Date() });
    const rinaBefore = w.count(rina);
    await w.waitForMessage(adi, /Langkah 2: Mendampingi klien/);
    await w.tap(adi, "Selesai", /Langkah 3: Bagian administrasi mencatatkan/);
    await w.tap(adi, "Selesai", /Langkah 4: Petugas administrasi meneruskan klien/);
    task = await w.tap(adi, "Selesai", /Langkah 5: Petugas konselor\/psikolog melakukan konseling/, nurul);
    expect(buttonsOf(task).map((b) => b.text)).toEqual(["Selesai"]);
    expect(
      w.fake
        .sentTo(rina.id)
        .slice(rinaBefore)
        .some((m) => /Langkah 5:/.test(m.text ?? "")),
    ).toBe(false);

    // Each one's /kasus agrees: the step waits for Nurul, Rina sees it held by a Konselor/Psikolog.
    expect((await w.say(nurul, "/kasus", /Menunggu Anda|Tidak ada langkah/)).text).toMatch(
      /Kasus #1, langkah 5: Petugas konselor\/psikolog melakukan konseling\./,
    );
    expect((await w.say(rina, "/kasus", /Menunggu Anda|Tidak ada langkah/)).text).toMatch(
      /^Tidak ada langkah yang menunggu Anda\.[\s\S]*Kasus #1: langkah 5 oleh Konselor\/Psikolog/,
    );
  });

  it("Rina's press on the step is refused by the policy, naming the qualifications, and changes nothing", async () => {
    const data = buttonsOf(task)[0]!.data;
    w.fake.pushUpdate({
      callback_query: { id: "unqualified", from: { id: rina.id, is_bot: false, first_name: "Rina" }, chat_instance: "1", data, message: task.message },
    });
    // The toast holds what Telegram shows of it (200 characters); the chat has the whole sentence.
    const toast = (await answerOf("unqualified")) ?? "";
    expect(toast).toMatch(/^Kasus #1, langkah 5 hanya dapat dicatat oleh pemegang kualifikasi Psikolog/);
    expect(NOT_QUALIFIED.startsWith(toast)).toBe(true);
    expect((await w.waitForMessage(rina, /langkah 5 hanya dapat dicatat oleh pemegang kualifikasi/)).text).toBe(NOT_QUALIFIED);
    const run = await w.app.db.prisma.stepRun.findFirstOrThrow({ where: { stepId: "s5" } });
    expect(run.actedAt).toBeNull();
    const refused = await w.app.db.prisma.auditEvent.findMany({ where: { type: "button_refused" } });
    expect(refused.map((a) => JSON.parse(a.dataJson))).toContainEqual({
      why: "missing_qualification",
      needed: ["psikolog", "konselor_sarjana"],
      stepRunId: run.id,
    });
  });

  it("Nurul records it: the case goes on, Rina stays its counsellor", async () => {
    await w.tap(nurul, "Selesai", /Tuliskan isi rencana\/laporan/);
    await w.say(nurul, "Sesi pertama: anak merasa dirundung; orang tua diajak bicara dengan sekolah.", /Langkah 6: Klien dikembalikan ke administrasi/, adi);
    const run = await w.app.db.prisma.stepRun.findFirstOrThrow({ where: { stepId: "s5" } });
    expect(run.actedById).toBe(ids.nurul);
    expect((await w.app.db.prisma.case.findUniqueOrThrow({ where: { number: 1 } })).counsellorId).toBe(ids.rina);
  });

  it("the dashboard shows each staff member's qualifications to the leadership, and a counsellor their own", async () => {
    const base = `http://127.0.0.1:${w.service.port}`;
    const home = async (personId: string) => {
      const token = await issueLoginToken(w.app.db.prisma, { personId, now: new Date(), ttlMinutes: 15 });
      const login = await loginFromLink(`${base}/dasbor/masuk/${token}`);
      const cookie = /^(pintu_dasbor=[^;]+)/.exec(login.headers.get("set-cookie") ?? "")![1]!;
      return (await fetch(`${base}/dasbor`, { headers: { cookie } })).text();
    };
    const leadership = await home(ids.eselon!);
    const table = /<h3>Staf, peran, dan kualifikasi<\/h3>\s*<div class="scroll"><table class="staff">([\s\S]*?)<\/table>/.exec(leadership)![1]!;
    const rows = [
      ...table.matchAll(
        /<tr data-person="[^"]+"><td class="text">([^<]*)<\/td><td class="text">([^<]*)<\/td><td class="text qualifications">(.*?)<\/td><\/tr>/g,
      ),
    ].map((m) => m.slice(1));
    expect(rows).toEqual([
      ["Adi", "Staf administrasi", '<span class="muted">belum tercatat</span>'],
      ["Eselon IV", "Eselon IV", '<span class="muted">belum tercatat</span>'],
      ["Nurul, M.Psi.", "Konselor/Psikolog", "Psikolog (minimal pendidikan profesi psikolog)"],
      ["Rina", "Konselor/Psikolog", '<span class="muted">belum tercatat</span>'],
    ]);
    expect(await home(ids.nurul!)).toContain('<p class="own-qualifications">Kualifikasi Anda: Psikolog (minimal pendidikan profesi psikolog)</p>');
    expect(await home(ids.rina!)).toContain('<p class="own-qualifications">Kualifikasi Anda: belum tercatat</p>');
  });
});
