// Keterkaitan end to end over Telegram: a BK Praja case walked to its disposisi, where the counsellor presses
// "Serahkan ke SOP Terapi" on the task. A Terapi case opens for the same praja without a second registration,
// its counsellor gets its first step and the BK case's documents; both cases show the other in /kasus, on the
// dashboard's case pages and in `case show`; the leadership recap counts the hand-over. A press by someone who
// may not, and a second press, change nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueLoginToken } from "../../src/store/webLogins.ts";
import type { ChatMessage, FakeUser } from "../fakes/telegramBotApi.ts";
import { loginFromLink } from "../support/dashboardLogin.ts";
import { runCliProcess } from "../support/runCli.ts";
import { buttonsOf, startTelegramWorld, type TelegramWorld } from "../support/telegramService.ts";

/** A Telegram user of the fake Bot API. */
const user = (id: number, first_name: string): FakeUser => ({ id, first_name });
const praja = user(5101, "Rudi");
const konselor = user(5102, "Sari");
const kasubbag = user(5103, "Budi");
const kepala = user(5104, "Kepala");
const rektor = user(5105, "Rektor");
const otherKonselor = user(5106, "Tono");

const HAND_OVER = "Serahkan ke SOP Terapi";

describe("Telegram: a BK case handed over to SOP Terapi", () => {
  let w: TelegramWorld;
  const ids: Record<string, string> = {};
  let s11: ChatMessage;

  const say = (user: FakeUser, text: string, expected: RegExp, who?: FakeUser) => w.say(user, text, expected, who);
  const tap = (user: FakeUser, label: string | RegExp, expected: RegExp, who?: FakeUser) => w.tap(user, label, expected, who);
  const answerOf = async (queryId: string) =>
    (await w.fake.waitFor("answerCallbackQuery", (c) => c.params.callback_query_id === queryId)).params.text as string | undefined;
  const caseOf = (number: number) => w.app.db.prisma.case.findUniqueOrThrow({ where: { number } });

  beforeAll(async () => {
    w = await startTelegramWorld();
    ids.konselor = await w.linkStaff(konselor, { roles: ["konselor"], name: "Dra. Sari" });
    ids.kasubbag = await w.linkStaff(kasubbag, { roles: ["kasubbag", "staf"], name: "Budi" });
    ids.kepala = await w.linkStaff(kepala, { roles: ["kepala_unit"], name: "Dr. Kepala" });
    ids.rektor = await w.linkStaff(rektor, { roles: ["rektor"], name: "Rektor" });
  });
  afterAll(async () => w?.close());

  it("walks a walk-in praja's BK case to the disposisi; the counsellor's report and disposisi tasks offer the hand-over", async () => {
    // The Kasubbag (also staf) registers the praja who came in: typed answers and pressed buttons, in order.
    const registration: ["type" | "press", string, RegExp][] = [
      ["type", "/kasusbaru", /Buka kasus baru pada SOP/],
      ["press", "Administrasi Layanan Bimbingan dan Konseling Praja", /Nama lengkap klien/],
      ["type", "Rudi Hartono", /NPP praja/],
      ["type", "32.0789", /Tingkat praja/],
      ["press", "I", /Kelas atau wisma/],
      ["type", "Wisma Sumatera", /Kampus praja/],
      ["press", "Jatinangor", /keluhan atau alasan klien/],
      ["type", "Sering tidak masuk apel pagi, tampak murung.", /Tercatat/],
      ["press", "Selesai", /Periksa data/],
    ];
    for (const [how, text, expected] of registration) await (how === "type" ? say : tap)(kasubbag, text, expected);
    const opened = await tap(kasubbag, "Kirim", /Kasus #1 dibuka/);
    const code = /kode ini kepadanya: ([A-Z0-9]+)/.exec(opened.text ?? "")![1]!;
    await say(praja, `/start ${code}`, /Apakah Anda setuju/);
    await tap(praja, "Setuju", /terhubung dengan Kasus #1/);

    const s3 = await w.waitForMessage(konselor, /Langkah 3: Konselor intake awal/);
    expect(buttonsOf(s3).map((b) => b.text)).toEqual(["Selesai"]);
    await tap(konselor, "Selesai", /Langkah 3: Rencana penanganan/);
    await tap(konselor, "Selesai", /Tuliskan isi rencana\/laporan/);
    await say(konselor, "Konseling mingguan; wali asuh memantau kehadiran apel.", /Langkah 4:/, kasubbag);
    await tap(kasubbag, /Setuj|Teruskan/i, /Langkah 5:/, kepala);
    await tap(kepala, /Setuj/i, /Langkah 6: Melakukan pengawasan/, kasubbag);
    // Row 6: the staf writes down the related unit's supervision report.
    await tap(kasubbag, "Selesai", /Tuliskan isi rencana\/laporan/);
    await say(kasubbag, "Wali asuh: praja menarik diri, sulit tidur, dua kali pingsan saat apel.", /Langkah 7: Meneruskan hasil pengawasan/);
    const s8 = await tap(kasubbag, "Selesai", /Langkah 8: Konselor menelaah kembali/, konselor);
    // The counsellor's report: the hand-over is offered beside the step's own button.
    expect(buttonsOf(s8).map((b) => b.text)).toEqual(["Selesai", HAND_OVER]);
    await tap(konselor, "Selesai", /Tuliskan isi rencana\/laporan/);
    const s9 = await say(konselor, "Praja menunjukkan gejala depresi; perlu pemeriksaan psikiater.", /Langkah 9: Membuat laporan secara tertulis/, kepala);
    // The head's approval and the Rektor's disposisi offer none: the counsellor reports a case to SOP Terapi (its row 1).
    expect(buttonsOf(s9).map((b) => b.text)).not.toContain(HAND_OVER);
    const s10 = await tap(kepala, /Setuj|Kirim/i, /Langkah 10: Memberikan disposisi/, rektor);
    expect(buttonsOf(s10).map((b) => b.text)).not.toContain(HAND_OVER);
    await tap(rektor, "Selesai", /Tuliskan disposisi/);
    s11 = await say(rektor, "Rujuk ke psikiater melalui SOP Terapi.", /Langkah 11: Melaksanakan perintah disposisi/, konselor);
    expect(buttonsOf(s11).map((b) => b.text)).toEqual(["Selesai", HAND_OVER]);
    // The disposisi reaches the counsellor as a document before the hand-over; every document is rendered by then.
    await w.waitForMessage(konselor, /^Kasus #1: Disposisi/);
    expect(await w.app.db.prisma.document.count({ where: { status: { not: "ready" } } })).toBe(0);
  });

  it("refuses the hand-over to another counsellor, changing nothing", async () => {
    await w.linkStaff(otherKonselor, { roles: ["konselor"], name: "Tono" });
    const data = buttonsOf(s11).find((b) => b.text === HAND_OVER)!.data;
    w.fake.pushUpdate({
      callback_query: {
        id: "handover-other",
        from: { id: otherKonselor.id, is_bot: false, first_name: "Tono" },
        chat_instance: "1",
        data,
        message: s11.message,
      },
    });
    expect(await answerOf("handover-other")).toBe("Hanya konselor kasus ini atau Kepala Unit yang dapat menyerahkan kasus ke SOP lain.");
    expect(await w.app.db.prisma.case.count()).toBe(1);
    const refused = await w.app.db.prisma.auditEvent.findMany({ where: { type: "hand_over_refused" } });
    expect(refused.map((a) => JSON.parse(a.dataJson).why)).toEqual(["only the case's counsellor or the head of the unit hands a case over"]);
  });

  it("the counsellor's press opens a Terapi case for the same praja, without a second registration, carrying the BK documents", async () => {
    const bk = await caseOf(1);
    const bkDocuments = await w.app.db.prisma.document.findMany({ where: { caseId: bk.id, status: "ready" }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    // The registration form, the plan, the supervision reports, the counsellor's written report and the disposisi.
    expect(bkDocuments[0]!.kind).toBe("formulir_pendaftaran");
    for (const kind of ["laporan_rencana_pengawasan", "laporan_hasil_pengawasan", "laporan_tertulis", "disposisi"])
      expect(bkDocuments.map((d) => d.kind)).toContain(kind);
    const n = w.count(konselor);
    const done = await tap(konselor, HAND_OVER, /Kasus #2 dibuka pada SOP Administrasi Pelaksanaan Terapi/);
    expect(done.text).toBe(
      "Kasus #2 dibuka pada SOP Administrasi Pelaksanaan Terapi bagi Praja dan Pegawai untuk klien Kasus #1, tanpa pendaftaran ulang. " +
        `${bkDocuments.length} dokumen Kasus #1 ikut dikirim kepada konselornya. Kasus #1 tetap berjalan sampai diarsipkan.`,
    );

    const terapi = await caseOf(2);
    expect(terapi).toMatchObject({
      flowId: "terapi",
      status: "open",
      clientId: bk.clientId,
      counsellorId: ids.konselor,
      linkedFromId: bk.id,
      currentStepId: "s1",
    });
    // No second intake: the registration travels with the case, no registration form is made, nobody registered anyone.
    expect(terapi.intakeJson).toBe(bk.intakeJson);
    expect(await w.app.db.prisma.document.count({ where: { caseId: terapi.id } })).toBe(0);
    expect(await w.app.db.prisma.auditEvent.count({ where: { caseId: terapi.id, type: "intake_submitted" } })).toBe(0);
    const audit = await w.app.db.prisma.auditEvent.findMany({ where: { type: { in: ["case_handed_over", "case_opened_from"] } }, orderBy: { type: "asc" } });
    expect(audit.map((a) => [a.type, a.caseId, a.actorId, JSON.parse(a.dataJson)])).toEqual([
      ["case_handed_over", bk.id, ids.konselor, { stepId: "s11", toCaseId: terapi.id, toFlowId: "terapi" }],
      ["case_opened_from", terapi.id, ids.konselor, { fromCaseId: bk.id, fromFlowId: "bk-praja" }],
    ]);

    // The counsellor: the Terapi case's first step, and the BK documents with where the case comes from.
    await w.waitForMessage(konselor, /Kasus #2 — Administrasi Pelaksanaan Terapi[\s\S]*Langkah 1: Melaporkan bahwa Praja dan Pegawai/, { after: n });
    const carried = new RegExp(
      `Kasus #2 — Administrasi Pelaksanaan Terapi bagi Praja dan Pegawai: lanjutan Kasus #1 .* diserahkan oleh Dra\\. Sari\\. Dokumen Kasus #1 terlampir \\(${bkDocuments.length}\\)\\.`,
    );
    await w.waitForMessage(konselor, carried, { after: n });
    // Each document once, in order, named after the BK case (a kind made twice numbered).
    const sent = w.fake
      .sentTo(konselor.id)
      .slice(n)
      .flatMap((m) => (m.document ? [m.document.file_name] : []));
    const seen = new Map<string, number>();
    const expected = bkDocuments.map((d) => {
      const base = `kasus-1-${d.kind.replace(/_/g, "-")}`;
      const i = (seen.get(base) ?? 0) + 1;
      seen.set(base, i);
      return `${i === 1 ? base : `${base}-${i}`}.pdf`;
    });
    expect(sent).toEqual(expected);
    expect(sent).toContain("kasus-1-laporan-tertulis.pdf");

    // The BK case goes on: its step 11 is still the counsellor's, with its buttons.
    expect((await caseOf(1)).currentStepId).toBe("s11");
  });

  it("a second press, by the counsellor or the head of the unit, answers with the case opened the first time", async () => {
    const again = await tap(konselor, HAND_OVER, /sudah diserahkan/);
    expect(again.text).toBe("Kasus #1 sudah diserahkan ke SOP Administrasi Pelaksanaan Terapi bagi Praja dan Pegawai: Kasus #2.");
    const data = buttonsOf(s11).find((b) => b.text === HAND_OVER)!.data;
    w.fake.pushUpdate({
      callback_query: { id: "handover-kepala", from: { id: kepala.id, is_bot: false, first_name: "Kepala" }, chat_instance: "1", data, message: s11.message },
    });
    expect(await answerOf("handover-kepala")).toBe("Kasus #1 sudah diserahkan ke SOP Administrasi Pelaksanaan Terapi bagi Praja dan Pegawai: Kasus #2.");
    expect(await w.app.db.prisma.case.count()).toBe(2);
  });

  it("/kasus shows each case with the other", async () => {
    const list = await say(konselor, "/kasus", /Menunggu Anda/);
    expect(list.text).toContain("Kasus #1, langkah 11: Melaksanakan perintah disposisi pimpinan.");
    expect(list.text).toContain("   ↪ diserahkan ke Kasus #2 (Administrasi Pelaksanaan Terapi bagi Praja dan Pegawai)");
    expect(list.text).toContain("   ↳ lanjutan Kasus #1 (Administrasi Layanan Bimbingan dan Konseling Praja)");
    const lines = (list.text ?? "").split("\n");
    expect(lines[lines.findIndex((l) => l.startsWith("Kasus #1,")) + 1]).toMatch(/↪ diserahkan ke Kasus #2/);
    expect(lines[lines.findIndex((l) => l.startsWith("Kasus #2,")) + 1]).toMatch(/↳ lanjutan Kasus #1/);
  });

  it("the dashboard's case pages show each other, the Terapi page the BK documents; the recap counts the hand-over", async () => {
    const base = `http://127.0.0.1:${w.service.port}`;
    const cookieOf = async (personId: string) => {
      const token = await issueLoginToken(w.app.db.prisma, { personId, now: new Date(), ttlMinutes: 15 });
      const login = await loginFromLink(`${base}/dasbor/masuk/${token}`);
      return /^(pintu_dasbor=[^;]+)/.exec(login.headers.get("set-cookie") ?? "")![1]!;
    };
    const page = async (cookie: string, path: string) => (await fetch(`${base}${path}`, { headers: { cookie } })).text();
    const counsellor = await cookieOf(ids.konselor!);

    const bkPage = await page(counsellor, "/dasbor/kasus/1");
    expect(bkPage).toMatch(
      /<h2>Keterkaitan<\/h2>\s*<dl class="facts links">\s*<dt>Diserahkan ke<\/dt><dd data-linked="2"><a href="\/dasbor\/kasus\/2">#2<\/a> — Administrasi Pelaksanaan Terapi bagi Praja dan Pegawai \(Berjalan, /,
    );
    const terapiPage = await page(counsellor, "/dasbor/kasus/2");
    expect(terapiPage).toMatch(
      /<dt>Lanjutan dari<\/dt><dd data-linked="1"><a href="\/dasbor\/kasus\/1">#1<\/a> — Administrasi Layanan Bimbingan dan Konseling Praja \(Berjalan, /,
    );
    const carried = /<table class="documents carried" data-from="1">([\s\S]*?)<\/table>/.exec(terapiPage)![1]!;
    const bkDocuments = await w.app.db.prisma.document.findMany({ where: { caseId: (await caseOf(1)).id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    expect([...carried.matchAll(/<tr data-document="([^"]+)">[\s\S]*?<a href="\/dasbor\/dokumen\/([^"]+)" download>/g)].map((m) => [m[1], m[2]])).toEqual(
      bkDocuments.map((d) => [d.id, d.id]),
    );
    const report = bkDocuments.find((d) => d.kind === "laporan_tertulis")!;
    const download = await fetch(`${base}/dasbor/dokumen/${report.id}`, { headers: { cookie: counsellor } });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toBe('attachment; filename="kasus-1-laporan-tertulis.pdf"');

    // The head of the unit sees the hand-over counted in the recap, and the same links (the registration form withheld).
    const head = await cookieOf(ids.kepala!);
    const home = await page(head, "/dasbor");
    const recap = /<h3>Serah terima ke SOP lain \(Keterkaitan\)<\/h3>\s*<div class="scroll"><table class="hand-overs">([\s\S]*?)<\/table>/.exec(home)![1]!;
    expect(
      [...recap.matchAll(/<tr data-from="([^"]+)" data-to="([^"]+)">[\s\S]*?<td class="num">(\d+)<\/td><td class="num">(\d+)<\/td><\/tr>/g)].map((m) =>
        m.slice(1),
      ),
    ).toEqual([["bk-praja", "terapi", "1", "1"]]);
    const terapiForHead = await page(head, "/dasbor/kasus/2");
    expect(terapiForHead).toContain('<dd data-linked="1"><a href="/dasbor/kasus/1">#1</a>');
    const headCarried = /<table class="documents carried" data-from="1">([\s\S]*?)<\/table>/.exec(terapiForHead)![1]!;
    expect(headCarried).toContain(`<tr data-document="${bkDocuments[0]!.id}"><td>${bkDocuments[0]!.title}</td>`);
    expect(headCarried).toMatch(
      new RegExp(
        `<tr data-document="${bkDocuments[0]!.id}">[^\\n]*Bukan dokumen untuk peran Anda|<tr data-document="${bkDocuments[0]!.id}">[^\\n]*class="muted"`,
      ),
    );
  });

  it("case show names the link on both cases", () => {
    const bk = runCliProcess(["case", "show", "1"], w.env);
    expect(bk.status, bk.stderr).toBe(0);
    expect(bk.stdout).toMatch(/\n\nLinked cases:\n {2}handed over to case #2 \(terapi, open, opened \S+\)\n?$/);
    const terapi = runCliProcess(["case", "show", "2"], w.env);
    expect(terapi.status, terapi.stderr).toBe(0);
    expect(terapi.stdout).toMatch(/^Kasus #2 — Administrasi Pelaksanaan Terapi/);
    expect(terapi.stdout).toMatch(/\n\nLinked cases:\n {2}continues case #1 \(bk-praja, open, opened \S+\)\n?$/);
  });
});
