// A document made from a real case: a flow step names the Form Rujukan under `document`, the case goes through
// an approval sent back once and then given, and the document worker fills the source's stepRuns() from the
// database, so the rendered letter prints the approval trail as it happened.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flowSchema } from "../../src/flows/flowSchema.ts";
import { createDocumentWorker } from "../../src/jobs/documentWorker.ts";
import { createLogger } from "../../src/logger.ts";
import { applyCaseEvent, openCase } from "../../src/store/caseRepository.ts";
import { openDatabase, type Database } from "../../src/store/database.ts";
import { DB_KINDS, canTest, freshDatabase } from "../support/databases.ts";
import { miniOrg, seedMiniUnit } from "../support/miniFlow.ts";
import { readPdf } from "./pdfText.ts";

const referralFlow = flowSchema.parse({
  id: "rujukan-uji",
  title: "Alur Rujukan Uji",
  organisation: "unit",
  source: "test",
  steps: [
    { id: "lapor", no: "1", activity: "Pelaporan rujukan", role: "staf", time: "1d", output: "Laporan rujukan", action: "form", writes: true, next: "setuju" },
    {
      id: "setuju",
      no: "2",
      activity: "Persetujuan rujukan oleh Kepala Unit",
      role: "kepala_unit",
      time: "1d",
      output: "Persetujuan",
      action: "approval",
      next: { approve: "buat", revise: "lapor" },
    },
    {
      id: "buat",
      no: "3",
      activity: "Membuat rujukan",
      role: "staf",
      time: "1d",
      output: "Form rujukan",
      action: "form",
      writes: true,
      document: "surat_rujukan",
      document_text_from: "lapor",
      next: "arsip",
    },
    { id: "arsip", no: "4", activity: "Mengarsipkan", role: "staf", time: "15m", output: "Arsip", action: "archive" },
  ],
});
const ctx = { flow: referralFlow, organisation: miniOrg };
/** Senin, 30 November 2026 08.00 WIB, and the hours after it. */
const at = (hours: number) => new Date(Date.UTC(2026, 10, 30, 1 + hours));

describe.each(DB_KINDS)("a document's step runs from the case, on %s", (kind) => {
  if (!canTest(kind)) return void it.skip("PostgreSQL: set PINTU_TEST_PG_URL (.ci/run does)", () => {});
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase(await freshDatabase(kind));
  });
  afterAll(async () => db?.close());

  it("prints every approval run in the Form Rujukan's trail, the send-back with its reason first", async () => {
    const people = await seedMiniUnit(db.prisma);
    const staf = { personId: people.staf, roles: ["staf"] };
    const head = { personId: people.kepala, roles: ["kepala_unit"] };
    const c = await openCase(db.prisma, ctx, { clientId: people.client, counsellorId: people.konselor, at: at(0) });
    const done = async (stepId: string, outcome: string, actor: typeof staf, hours: number, note?: string) => {
      const r = await applyCaseEvent(db.prisma, ctx, c.id, { type: "step_done", stepId, outcome, actor, at: at(hours), ...(note ? { note } : {}) });
      expect(r.ok, `${stepId} ${outcome}`).toBe(true);
    };
    await done("lapor", "done", staf, 1, "Klien perlu pemeriksaan psikiater.");
    await done("setuju", "revise", head, 2, "Sebutkan instansi tujuan.");
    await done("lapor", "done", staf, 3, "Klien perlu pemeriksaan psikiater; dirujuk ke RSJ Provinsi.");
    await done("setuju", "approve", head, 4, "Setuju, rujuk segera.");
    await done("buat", "done", staf, 5, "Surat diserahkan kepada klien.");

    const worker = createDocumentWorker({ prisma: db.prisma, flowContext: () => ctx, log: createLogger("silent"), clock: () => at(6) });
    await worker.runOnce();
    const row = await db.prisma.document.findFirstOrThrow({ where: { caseId: c.id, kind: "surat_rujukan" } });
    expect(row.status).toBe("ready");
    expect(row.title).toBe(`Form Rujukan — Kasus #${c.number}`);
    const { text } = await readPdf(Buffer.from(row.content!));
    for (const expected of [
      `Kasus #${c.number} · Dibuat Senin, 30 November 2026 14.00 WIB`,
      "Tanggal : 30 November 2026",
      "Dibuat oleh : staf (Staf)",
      "B. Laporan dan Alasan Rujukan Klien perlu pemeriksaan psikiater; dirujuk ke RSJ Provinsi.",
      "C. Jejak Persetujuan " +
        "1. Langkah 2: Persetujuan rujukan oleh Kepala Unit Oleh : kepala (Kepala Unit) Hasil : Dikembalikan untuk diperbaiki " +
        "Waktu : Senin, 30 November 2026 10.00 WIB Catatan : Sebutkan instansi tujuan. " +
        "2. Langkah 2: Persetujuan rujukan oleh Kepala Unit Oleh : kepala (Kepala Unit) Hasil : Disetujui " +
        "Waktu : Senin, 30 November 2026 12.00 WIB Catatan : Setuju, rujuk segera.",
      "D. Catatan Staf Surat diserahkan kepada klien.",
    ])
      expect(text).toContain(expected);
  });
});
