// What the Kepala Unit and the counsellor see along SOP Konseling Online Praja, over the real telegraf client
// and the fake Bot API: a returned plan tells the counsellor who returned it and why and shows the text they
// wrote; the Kepala Unit's note written when approving the report is printed on the Nota Dinas sent in their
// name; the Kepala Unit keeps the Nota Dinas and receives the Disposisi that answers it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUser } from "../fakes/telegramBotApi.ts";
import { buttonsOf, startTelegramWorld, type TelegramWorld } from "../support/telegramService.ts";
import { waitFor } from "../support/waitFor.ts";

const praja: FakeUser = { id: 6301, first_name: "Ana" };
const konselor: FakeUser = { id: 6401, first_name: "Sari" };
const staf: FakeUser = { id: 6402, first_name: "Budi" };
const kepala: FakeUser = { id: 6403, first_name: "Kepala" };
const rektor: FakeUser = { id: 6404, first_name: "Rektor" };

async function pdfText(w: TelegramWorld, kind: string): Promise<string> {
  const doc = await w.app.db.prisma.document.findFirstOrThrow({ where: { kind, status: "ready" }, orderBy: { createdAt: "desc" } });
  const { extractText, getDocumentProxy } = await import("unpdf");
  return (await extractText(await getDocumentProxy(new Uint8Array(doc.content!)), { mergePages: true })).text.replace(/\s+/g, " ");
}

describe("what the approver and the counsellor see", () => {
  let w: TelegramWorld;
  beforeAll(async () => {
    w = await startTelegramWorld();
    await w.linkStaff(konselor, { roles: ["konselor"], name: "Dra. Sari" });
    await w.linkStaff(staf, { roles: ["staf"], name: "Budi" });
    await w.linkStaff(kepala, { roles: ["kepala_unit"], name: "Kepala Unit" });
    await w.linkStaff(rektor, { roles: ["rektor"], name: "Rektor IPDN" });
    await w.registerPraja(praja);
    await w.tap(staf, "Selesai", /Langkah 3: Konselor intake awal/, konselor);
    await w.tap(konselor, "Selesai", /Langkah 3: Rencana penanganan/);
  }, 60_000);
  afterAll(async () => w?.close());

  it("a returned plan says who returned it and why, and gives the counsellor their previous text", async () => {
    await w.tap(konselor, "Selesai", /Tuliskan isi rencana/);
    await w.say(konselor, "Konseling mingguan.", /Langkah 4: Melaporkan rencana/, kepala);
    await w.tap(kepala, "Kembalikan rencana ke konselor", /Tuliskan alasan revisi/);
    const back = await w.say(kepala, "Sebutkan hari dan jamnya.", /Langkah 3: Rencana penanganan/, konselor);
    expect(back.text).toMatch(/DIKEMBALIKAN oleh Kepala Unit/);
    expect(back.text).toContain("Catatan langkah sebelumnya: Sebutkan hari dan jamnya.");
    expect(back.text).toMatch(/Teks Anda sebelumnya \(salin, perbaiki, lalu kirim lagi\):\nKonseling mingguan\./);
    const question = await w.tap(konselor, "Selesai", /Tuliskan isi rencana/);
    expect(question.text).toMatch(/Teks Anda sebelumnya, untuk disalin dan diperbaiki:\nKonseling mingguan\./);
    const again = await w.say(konselor, "Konseling mingguan, Senin pukul 10.00.", /Langkah 4: Melaporkan rencana/, kepala);
    // A plan approval produces no Nota Dinas: no "+ catatan" there.
    expect(buttonsOf(again).map((b) => b.text)).toEqual(["Setujui rencana penanganan", "Kembalikan rencana ke konselor"]);
  });

  it("the approver's note is printed on the Nota Dinas sent in their name; they keep it and receive the Disposisi", async () => {
    await w.tap(kepala, "Setujui rencana penanganan", /Langkah 5: Menerima laporan dan membuat janji/, konselor);
    await w.tap(konselor, "Selesai", /Langkah 6: Melakukan pengawasan/);
    await w.tap(konselor, "Selesai", /Tuliskan isi rencana\/laporan/);
    const report = await w.say(konselor, "Tidur membaik; nilai stabil.", /Langkah 7: Membuat laporan/, kepala);
    expect(buttonsOf(report).map((b) => b.text)).toEqual(["Kirim laporan ke Rektor", "Kirim laporan ke Rektor + catatan", "Kembalikan ke konselor"]);
    await w.tap(kepala, "Kirim laporan ke Rektor + catatan", /catatan ini tercantum pada Nota Dinas/);
    const task8 = await w.say(kepala, "Mohon perhatian: praja berprestasi, pendampingan dilanjutkan.", /Langkah 8: Memberikan disposisi/, rektor);
    expect(task8.text).toContain("Catatan langkah sebelumnya: Mohon perhatian: praja berprestasi");

    await w.waitForMessage(rektor, /^Kasus #1: Nota Dinas/);
    // The Nota Dinas carries the Laporan Tertulis: the text, then both files; the Kepala Unit keeps them too.
    await w.waitForMessage(kepala, /^Kasus #1: Nota Dinas/);
    const filesOf = (user: FakeUser) =>
      w.fake
        .sentTo(user.id)
        .map((m) => m.document?.file_name)
        .filter(Boolean);
    await waitFor("the Kepala Unit's copy of the Nota Dinas", () => filesOf(kepala).includes("kasus-1-nota-dinas.pdf"));
    const nota = await pdfText(w, "nota_dinas");
    expect(nota).toContain("Mohon perhatian: praja berprestasi, pendampingan dilanjutkan.");
    expect(nota).toContain("Tidur membaik; nilai stabil.");

    await w.tap(rektor, "Selesai", /Tuliskan disposisi/);
    await w.say(rektor, "Lanjutkan pendampingan.", /Langkah 9/, konselor);
    const dispo = await w.waitForMessage(kepala, /^Kasus #1: Disposisi/);
    expect(dispo.document?.file_name).toBe("kasus-1-disposisi.pdf");
    // The copy is not named on the Disposisi: it still says who it is forwarded to.
    await waitFor("the disposisi PDF", async () => (await w.app.db.prisma.document.count({ where: { kind: "disposisi", status: "ready" } })) === 1);
    const disposisi = await pdfText(w, "disposisi");
    expect(disposisi).toMatch(/Diteruskan kepada : 1\. Konselor\/Psikolog 2\. Staf Isi Disposisi/);
  });
});
