// The hand-over button on a BK Praja counsellor's task (src/dialogs/handOverButton.ts), one press at a time on a
// real SQLite database: BK cases are opened and walked to the counsellor's report (s8) or disposisi (s11) through
// the store's own operations, and their documents made by the document worker. The case's counsellor (or the head
// of the unit) opens a linked Terapi case for the same client without a second intake, and its counsellor is sent
// the first case's ready documents; a second press is answered with the case opened the first time; a press by
// someone else, on a step the case has left, on a step that offers no hand-over or naming no step run is refused
// and audited. The task's own buttons stay in every case.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pressHandOver } from "../../src/dialogs/handOverButton.ts";
import { createDocumentWorker } from "../../src/jobs/documentWorker.ts";
import { createLogger } from "../../src/logger.ts";
import { applyCaseEvent, openCase } from "../../src/store/caseRepository.ts";
import { openDialogBench, type DialogBench } from "./support/dialogBench.ts";

/** Monday 30 November 2026, 08:00 WIB. */
const NOW = new Date("2026-11-30T01:00:00Z");
const STALE = "Langkah ini sudah tidak berlaku.";
const NOT_OFFERED = "Langkah ini tidak menyerahkan kasus ke SOP tersebut. Gunakan tombol serah terima pada tugas yang menawarkannya.";
const NOT_ALLOWED = "Hanya konselor kasus ini atau Kepala Unit yang dapat menyerahkan kasus ke SOP lain.";
const TERAPI = "Administrasi Pelaksanaan Terapi bagi Praja dan Pegawai";
const BK = "Administrasi Layanan Bimbingan dan Konseling Praja";

describe("pressHandOver", () => {
  let b: DialogBench;
  const people: Record<"sari" | "tono" | "budi" | "kepala" | "rektor", string> = { sari: "", tono: "", budi: "", kepala: "", rektor: "" };
  let clients = 0;
  const bk = () => b.app.flowContext("bk-praja");

  /** Records one step of a BK case as `who` holding `role`, through the store, and checks it was taken. */
  const act = async (caseId: string, stepId: string, outcome: string, who: string, role: string, note?: string) => {
    const result = await applyCaseEvent(b.app.db.prisma, bk(), caseId, {
      type: "step_done",
      stepId,
      outcome,
      actor: { personId: who, roles: [role] },
      note,
      at: b.now,
    });
    expect(result.ok, `${stepId} ${outcome}`).toBe(true);
  };
  /** The run a case waits on. */
  const waitingRun = (caseId: string) => b.app.db.prisma.stepRun.findFirstOrThrow({ where: { caseId, actedAt: null } });

  /** A praja's BK case walked to the counsellor's step `at` (s8: the report, s11: the disposisi), its documents made. */
  const bkCaseAt = async (at: "s8" | "s11", counsellorId: string | null = people.sari) => {
    const clientId = await b.client({ address: `praja-${++clients}`, name: "Rudi Hartono" });
    const intakeJson = JSON.stringify({ kind: "praja", answers: { nama: "Rudi Hartono", npp: "32.0789" }, keluhan: "Sering tidak masuk apel pagi." });
    const c = await openCase(b.app.db.prisma, bk(), { clientId, counsellorId, at: b.now, intakeJson });
    const { sari, budi, kepala, rektor } = people;
    await act(c.id, "s1", "done", budi, "staf");
    await act(c.id, "s2", "done", budi, "staf");
    await act(c.id, "s3a", "done", sari, "konselor");
    await act(c.id, "s3b", "done", sari, "konselor", "Konseling mingguan; wali asuh memantau kehadiran apel.");
    await act(c.id, "s4", "approve", budi, "kasubbag");
    await act(c.id, "s5", "approve", kepala, "kepala_unit");
    await act(c.id, "s6", "done", budi, "staf", "Wali asuh: praja menarik diri dan sulit tidur.");
    await act(c.id, "s7", "done", budi, "staf");
    if (at === "s11") {
      await act(c.id, "s8", "done", sari, "konselor", "Perlu pemeriksaan psikiater.");
      await act(c.id, "s9", "approve", kepala, "kepala_unit");
      await act(c.id, "s10", "done", rektor, "rektor", "Rujuk ke psikiater melalui SOP Terapi.");
    }
    await makeDocuments();
    const run = await waitingRun(c.id);
    expect(run.stepId).toBe(at);
    return { id: c.id, number: c.number, clientId, intakeJson, runId: run.id };
  };
  /** One pass of the document worker: the documents the steps asked for are made (ready). */
  const makeDocuments = async () => {
    const worker = createDocumentWorker({
      prisma: b.app.db.prisma,
      flowContext: (id) => b.app.flowContext(id),
      log: createLogger("silent"),
      clock: () => b.now,
    });
    await worker.runOnce();
    expect(await b.app.db.prisma.document.count({ where: { status: { not: "ready" } } })).toBe(0);
  };
  /** One press, a minute after the last (so the audit reads in the order pressed). */
  const press = async (address: string, action: { stepRunId: string; flowId: string }) => {
    b.now = new Date(b.now.getTime() + 60_000);
    const seen = await b.mark();
    const { turn } = await b.turn({ address }, (t) => pressHandOver(t, action));
    return { toast: turn.toast, keepKeyboard: turn.keepKeyboard, replies: (await b.queued({ address }, seen)).map((q) => q.text), seen };
  };
  const linkedFrom = (caseId: string) => b.app.db.prisma.case.findMany({ where: { linkedFromId: caseId } });
  const refusals = async (caseId: string | null) =>
    (await b.app.db.prisma.auditEvent.findMany({ where: { type: "hand_over_refused", caseId }, orderBy: { at: "asc" } })).map((a) => [
      a.actorId,
      JSON.parse(a.dataJson),
    ]);

  beforeAll(async () => {
    b = await openDialogBench({ now: NOW });
    people.sari = await b.staff({ address: "tg-sari", roles: ["konselor"], name: "Dra. Sari" });
    people.tono = await b.staff({ address: "tg-tono", roles: ["konselor"], name: "Tono" });
    people.budi = await b.staff({ address: "tg-budi", roles: ["kasubbag", "staf"], name: "Budi" });
    people.kepala = await b.staff({ address: "tg-kepala", roles: ["kepala_unit"], name: "Dr. Kepala" });
    people.rektor = await b.staff({ address: "tg-rektor", roles: ["rektor"], name: "Rektor" });
  }, 60_000);
  afterAll(async () => b?.close());

  it("the counsellor's press at the disposisi opens a linked Terapi case for the same client, without an intake, carrying the ready documents", async () => {
    const c = await bkCaseAt("s11");
    const documents = await b.app.db.prisma.document.findMany({ where: { caseId: c.id, status: "ready" }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    for (const kind of ["laporan_rencana_pengawasan", "laporan_hasil_pengawasan", "laporan_tertulis", "disposisi"])
      expect(documents.map((d) => d.kind)).toContain(kind);

    const pressed = await press("tg-sari", { stepRunId: c.runId, flowId: "terapi" });

    const [terapi, ...more] = await linkedFrom(c.id);
    expect(more).toEqual([]);
    expect(terapi).toMatchObject({ flowId: "terapi", status: "open", clientId: c.clientId, counsellorId: people.sari, currentStepId: "s1" });
    // No second intake: the registration travels with the case, no registration form is made, nobody registered anyone.
    expect(terapi!.intakeJson).toBe(c.intakeJson);
    expect(await b.app.db.prisma.document.count({ where: { caseId: terapi!.id } })).toBe(0);
    expect(await b.app.db.prisma.auditEvent.count({ where: { caseId: terapi!.id, type: "intake_submitted" } })).toBe(0);
    const audit = await b.app.db.prisma.auditEvent.findMany({ where: { type: { in: ["case_handed_over", "case_opened_from"] }, actorId: people.sari } });
    expect(audit.map((a) => [a.type, a.caseId, JSON.parse(a.dataJson)])).toEqual(
      expect.arrayContaining([
        ["case_handed_over", c.id, { stepId: "s11", toCaseId: terapi!.id, toFlowId: "terapi" }],
        ["case_opened_from", terapi!.id, { fromCaseId: c.id, fromFlowId: "bk-praja" }],
      ]),
    );

    // The presser: the toast and the reply say the same.
    const handedOver =
      `Kasus #${terapi!.number} dibuka pada SOP ${TERAPI} untuk klien Kasus #${c.number}, tanpa pendaftaran ulang. ` +
      `${documents.length} dokumen Kasus #${c.number} ikut dikirim kepada konselornya. Kasus #${c.number} tetap berjalan sampai diarsipkan.`;
    expect(pressed.toast).toBe(handedOver);
    expect(pressed.replies.at(-1)).toBe(handedOver);
    // The new case's counsellor: its first step, and the first case's ready documents, in order, with where the case comes from.
    const toCounsellor = (await b.queued({ personId: people.sari }, pressed.seen)).filter((q) => q.caseId === terapi!.id);
    expect(toCounsellor.some((q) => /Langkah 1:/.test(q.text))).toBe(true);
    const carried = toCounsellor.filter((q) => q.attachments.length > 0);
    expect(carried.map((q) => [q.text, q.attachments])).toEqual([
      [
        `Kasus #${terapi!.number} — ${TERAPI}: lanjutan Kasus #${c.number} (${BK}), diserahkan oleh Dra. Sari. Dokumen Kasus #${c.number} terlampir (${documents.length}).`,
        documents.map((d) => `doc:${d.id}`),
      ],
    ]);

    // The press records no step: the BK case still waits on its disposisi, whose buttons stay.
    expect(pressed.keepKeyboard).toBe(true);
    expect((await waitingRun(c.id)).id).toBe(c.runId);
    expect((await b.app.db.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).status).toBe("open");

    // A second press by the counsellor is answered with the case opened the first time; another counsellor is
    // refused before anything about the case is said (not even the linked case's number).
    const already = `Kasus #${c.number} sudah diserahkan ke SOP ${TERAPI}: Kasus #${terapi!.number}.`;
    const again = await press("tg-sari", { stepRunId: c.runId, flowId: "terapi" });
    expect([again.toast, again.replies, again.keepKeyboard]).toEqual([already, [already], true]);
    expect(await b.queued({ personId: people.sari }, again.seen)).toEqual([expect.objectContaining({ text: already })]);
    const other = await press("tg-tono", { stepRunId: c.runId, flowId: "terapi" });
    expect([other.toast, other.replies, other.keepKeyboard]).toEqual([NOT_ALLOWED, [NOT_ALLOWED], true]);
    expect(await b.queued({ personId: people.sari }, other.seen)).toEqual([]);
    expect(await linkedFrom(c.id)).toHaveLength(1);
    expect(await refusals(c.id)).toEqual([
      [people.sari, { why: "already_handed_over", toCaseId: terapi!.id }],
      [people.tono, { why: "only the case's counsellor or the head of the unit hands a case over", stepRunId: c.runId }],
    ]);
  });

  it("the head of the unit may press on the counsellor's report; the presser is answered in their language, the counsellor in theirs", async () => {
    await b.app.db.prisma.person.update({ where: { id: people.kepala }, data: { locale: "en" } });
    try {
      const c = await bkCaseAt("s8");
      const documents = await b.app.db.prisma.document.count({ where: { caseId: c.id, status: "ready" } });
      const pressed = await press("tg-kepala", { stepRunId: c.runId, flowId: "terapi" });
      const [terapi] = await linkedFrom(c.id);
      expect(terapi).toMatchObject({ flowId: "terapi", clientId: c.clientId, counsellorId: people.sari });
      expect(pressed.toast).toBe(
        `Case #${terapi!.number} was opened on the Therapy referral for praja and employees SOP for the client of case #${c.number}, without a second registration. ` +
          `${documents} documents of case #${c.number} went with it to its counsellor. Case #${c.number} goes on until it is archived.`,
      );
      const carried = (await b.queued({ personId: people.sari }, pressed.seen)).filter((q) => q.attachments.length > 0);
      expect(carried.map((q) => q.text)).toEqual([
        `Kasus #${terapi!.number} — ${TERAPI}: lanjutan Kasus #${c.number} (${BK}), diserahkan oleh Dr. Kepala. Dokumen Kasus #${c.number} terlampir (${documents}).`,
      ]);
      expect(carried[0]!.attachments).toHaveLength(documents);
    } finally {
      await b.app.db.prisma.person.update({ where: { id: people.kepala }, data: { locale: "id" } });
    }
  });

  it("a case without a counsellor is handed over without one, and its documents go to nobody", async () => {
    const c = await bkCaseAt("s8", null);
    const pressed = await press("tg-kepala", { stepRunId: c.runId, flowId: "terapi" });
    const [terapi] = await linkedFrom(c.id);
    expect(terapi).toMatchObject({ flowId: "terapi", clientId: c.clientId, counsellorId: null });
    expect(pressed.toast).toBe(
      `Kasus #${terapi!.number} dibuka pada SOP ${TERAPI} untuk klien Kasus #${c.number}, tanpa pendaftaran ulang. Kasus #${c.number} tetap berjalan sampai diarsipkan.`,
    );
    expect((await b.queued({}, pressed.seen)).filter((q) => q.attachments.length > 0)).toEqual([]);
  });

  it("refuses another counsellor and an unknown chat, audited with the policy's reason, opening nothing", async () => {
    const c = await bkCaseAt("s8");
    for (const address of ["tg-tono", "stranger"]) {
      const pressed = await press(address, { stepRunId: c.runId, flowId: "terapi" });
      expect([pressed.toast, pressed.replies, pressed.keepKeyboard]).toEqual([NOT_ALLOWED, [NOT_ALLOWED], true]);
    }
    expect(await linkedFrom(c.id)).toEqual([]);
    expect(await refusals(c.id)).toEqual([
      [people.tono, { why: "only the case's counsellor or the head of the unit hands a case over", stepRunId: c.runId }],
      [null, { why: "unknown person", stepRunId: c.runId }],
    ]);
  });

  it("refuses a press on a step the case has left, on a step without a hand-over, to a flow it does not offer, or naming no step run", async () => {
    const c = await bkCaseAt("s8");
    const s8 = c.runId;
    await act(c.id, "s8", "done", people.sari, "konselor", "Perlu pemeriksaan psikiater.");
    const s9 = (await waitingRun(c.id)).id;
    const presses: [{ stepRunId: string; flowId: string }, string][] = [
      [{ stepRunId: s8, flowId: "terapi" }, STALE],
      [{ stepRunId: s9, flowId: "terapi" }, NOT_OFFERED],
      [{ stepRunId: s8, flowId: "bk-pegawai" }, NOT_OFFERED],
      [{ stepRunId: "no-such-run", flowId: "terapi" }, "Tombol tidak dikenal atau sudah kedaluwarsa."],
    ];
    for (const [action, text] of presses) {
      const pressed = await press("tg-sari", action);
      expect([pressed.toast, pressed.replies, pressed.keepKeyboard]).toEqual([text, [text], true]);
    }
    expect(await linkedFrom(c.id)).toEqual([]);
    expect(await refusals(c.id)).toEqual([
      [people.sari, { why: "stale_step", stepRunId: s8 }],
      [people.sari, { why: "no_hand_over", stepId: "s9", flowId: "terapi" }],
      [people.sari, { why: "no_hand_over", stepId: "s8", flowId: "bk-pegawai" }],
    ]);
    expect(await refusals(null)).toEqual([[people.sari, { why: "unknown_step_run" }]]);
  });
});
