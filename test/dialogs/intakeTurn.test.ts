// One turn of an intake and what it sets off (src/dialogs/intakeTurn.ts), on a real SQLite database: consent given
// (the client and the consent recorded with the text's version) or refused (nothing kept but the audit), a cancel,
// a self-registration opening its case (first step done, the counsellor's card, the registration form asked for,
// the client told what is next), an organisation with no flow for the kind, a walk-in registered by a staf (the
// registration steps recorded, a one-time code for the client's chat) and that client linking their chat with it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newIntake, type IntakeInput, type IntakeState } from "../../src/dialogs/intake/intakeDialog.ts";
import { CONSENT_TEXT_VERSION, runIntake } from "../../src/dialogs/intakeTurn.ts";
import { loadDialog, saveDialog, storedAs } from "../../src/dialogs/savedDialogs.ts";
import { openDialogBench, type DialogBench } from "./support/dialogBench.ts";

/** Monday 30 November 2026, 08:00 WIB: within office hours. */
const NOW = new Date("2026-11-30T01:00:00Z");

const ANSWERS = { nama: "Ana Lestari", npp: "31.0456", tingkat: "II", kelas: "A", kampus: "Jatinangor", telepon: null, email: null };

describe("intakeTurn", () => {
  let b: DialogBench;
  let sari: string;
  let budi: string;
  let chats = 0;
  /** The praja who registered herself (a later walk-in with her NPP finds her). */
  let ana = "";
  const chat = () => `intake-${++chats}`;

  /** Saves `state` as the chat's intake, then hands `input` to runIntake on the chat's next message. */
  const turnOn = async (address: string, state: IntakeState, input: IntakeInput) => {
    await b.app.db.prisma.$transaction((tx) => saveDialog(tx, { channel: "telegram", address, dialog: "intake", state, previous: null }));
    const seen = await b.mark();
    await b.turn({ address, text: input.type === "text" ? input.text : "" }, async (turn) => {
      const stored = storedAs(await loadDialog(turn.tx, "telegram", address), "intake");
      await runIntake(turn, stored!, input);
    });
    return { replies: (await b.queued({ address }, seen)).map((q) => q.text), seen };
  };
  const dialogOf = (address: string) => b.app.db.prisma.dialogState.findUnique({ where: { channel_address: { channel: "telegram", address } } });
  const identityOf = (address: string) => b.app.db.prisma.channelIdentity.findUnique({ where: { channel_address: { channel: "telegram", address } } });
  const auditsOf = async (type: string) =>
    (await b.app.db.prisma.auditEvent.findMany({ where: { type }, orderBy: { at: "asc" } })).map((a) => JSON.parse(a.dataJson));
  const selfIntake = (p: Partial<IntakeState> = {}): IntakeState => ({
    ...newIntake({ orgId: "ipdn", orgName: "Unit BK IPDN", kinds: ["praja"], locale: "id" }),
    ...p,
  });
  const atSummary = (p: Partial<IntakeState> = {}): IntakeState =>
    selfIntake({ stage: { at: "summary" }, kind: "praja", answers: ANSWERS, keluhan: ["Saya sulit tidur", "sejak ujian"], ...p });

  beforeAll(async () => {
    b = await openDialogBench({ now: NOW });
    sari = await b.staff({ address: "tg-sari", roles: ["konselor"], name: "Dra. Sari" });
    budi = await b.staff({ address: "tg-budi", roles: ["staf"], name: "Budi" });
  }, 60_000);
  afterAll(async () => b?.close());

  it("consent given: the client is created for the chat in the organisation, the consent kept with the text's version, and the first question asked", async () => {
    const address = chat();
    const { replies } = await turnOn(address, selfIntake(), { type: "choice", action: { kind: "consent", agree: true } });
    const identity = await identityOf(address);
    expect(identity).not.toBeNull();
    const person = await b.app.db.prisma.person.findUniqueOrThrow({ where: { id: identity!.personId } });
    expect(person).toMatchObject({ kind: "client", orgId: "ipdn", locale: "id" });
    const consents = await b.app.db.prisma.consent.findMany({ where: { personId: person.id } });
    expect(consents.map((c) => [c.channel, c.textVersion, c.givenAt])).toEqual([["telegram", CONSENT_TEXT_VERSION, NOW]]);
    expect(JSON.parse((await dialogOf(address))!.stateJson)).toMatchObject({ kind: "praja", stage: { at: "field", field: "nama" } });
    expect(replies).toHaveLength(1);
  });

  it("consent refused: the conversation ends, nobody is created for the chat, only the refusal is audited", async () => {
    const address = chat();
    const before = (await auditsOf("consent_refused")).length;
    const { replies } = await turnOn(address, selfIntake(), { type: "text", text: "tidak setuju" });
    expect(await dialogOf(address)).toBeNull();
    expect(await identityOf(address)).toBeNull();
    expect((await auditsOf("consent_refused")).slice(before)).toEqual([{ channel: "telegram", textVersion: CONSENT_TEXT_VERSION, orgId: "ipdn" }]);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatch(/^Baik, tidak apa-apa\. Kami tidak menyimpan data Anda\./);
  });

  it("a cancel ends the intake and is audited with its mode", async () => {
    const address = chat();
    const { replies } = await turnOn(address, selfIntake({ stage: { at: "keluhan" }, kind: "praja", answers: ANSWERS }), { type: "cancel" });
    expect(await dialogOf(address)).toBeNull();
    expect(replies).toEqual(["Pendaftaran dibatalkan. Isian Anda tidak disimpan. Kirim /start untuk mulai lagi."]);
    expect(await auditsOf("intake_cancelled")).toContainEqual({ channel: "telegram", orgId: "ipdn", mode: "self" });
  });

  it("a sent self-registration opens the case: the client's step done, the counsellor's card, the registration form, and what is next", async () => {
    const address = chat();
    const { replies, seen } = await turnOn(address, atSummary(), { type: "text", text: "kirim" });
    expect(await dialogOf(address)).toBeNull();
    const client = await b.app.db.prisma.person.findUniqueOrThrow({ where: { id: (await identityOf(address))!.personId } });
    expect(client).toMatchObject({ displayName: "Ana Lestari", clientKind: "praja", orgId: "ipdn" });
    ana = client.id;
    expect(client.nppHash).toBeTruthy();
    expect(client.nppHash).not.toContain("0456");
    const c = await b.app.db.prisma.case.findFirstOrThrow({ where: { clientId: client.id }, include: { stepRuns: { orderBy: { askedAt: "asc" } } } });
    expect(c).toMatchObject({ flowId: "konseling-online-praja", counsellorId: sari, status: "open" });
    expect(JSON.parse(c.intakeJson)).toMatchObject({
      kind: "praja",
      keluhan: "Saya sulit tidur\nsejak ujian",
      channel: "telegram",
      consentVersion: CONSENT_TEXT_VERSION,
    });
    expect(c.stepRuns.map((r) => [r.stepId, r.actedAt !== null])).toEqual([
      ["s1", true],
      ["s2", false],
    ]);
    expect((await b.app.db.prisma.document.findMany({ where: { caseId: c.id } })).map((d) => d.kind)).toEqual(["formulir_pendaftaran"]);
    expect(await auditsOf("intake_submitted")).toContainEqual({ flowId: "konseling-online-praja", kind: "praja", counsellorAssigned: true, byStaff: false });
    const card = (await b.queued({ personId: sari }, seen)).filter((q) => q.caseId === c.id).map((q) => q.text);
    expect(card).toHaveLength(1);
    expect(card[0]).toMatch(
      new RegExp(`^Kasus #${c.number} baru untuk Anda — .*\\n\\n[\\s\\S]*Ana Lestari[\\s\\S]*Keluhan:\\nSaya sulit tidur\\nsejak ujian\\n\\n`),
    );
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatch(
      new RegExp(
        `^Terima kasih\\. Pendaftaran Anda diterima sebagai Kasus #${c.number}\\.\\n\\nBerikutnya: .+ — oleh Staf.*paling lambat Senin, 30 November 2026 08\\.15 WIB\\)`,
      ),
    );
  });

  it("an organisation with no flow for the kind says so and opens nothing", async () => {
    const address = chat();
    const cases = await b.app.db.prisma.case.count();
    const { replies } = await turnOn(address, atSummary({ orgId: "puspaga", orgName: "PUSPAGA", kinds: ["praja"] }), { type: "text", text: "kirim" });
    expect(replies).toEqual(["Maaf, layanan ini belum dapat menerima pendaftaran. Silakan hubungi unit layanan secara langsung."]);
    expect(await b.app.db.prisma.case.count()).toBe(cases);
  });

  it("a walk-in registered by a staf records the registration steps and gives a one-time code; the client's chat links with it", async () => {
    // Another praja than the one who registered herself (a known NPP would find her record).
    const staffIntake = atSummary({ mode: "staff", flowId: "bk-praja", answers: { ...ANSWERS, nama: "Rudi Hartono", npp: "31.0789" } });
    const { replies } = await turnOn("tg-budi", staffIntake, { type: "text", text: "kirim" });
    const c = await b.app.db.prisma.case.findFirstOrThrow({ where: { flowId: "bk-praja" }, include: { stepRuns: { orderBy: { askedAt: "asc" } } } });
    expect(JSON.parse(c.intakeJson)).toMatchObject({ registeredBy: budi });
    expect(c.stepRuns.filter((r) => r.actedAt).map((r) => [r.stepId, r.actedById])).toEqual([
      ["s1", budi],
      ["s2", budi],
    ]);
    expect(replies).toHaveLength(1);
    const code = new RegExp(`^Kasus #${c.number} dibuka \\(.+\\)\\.\\nBerikutnya: .+\\n\\n.*berikan kode ini kepadanya: (\\S+)\\n`).exec(replies[0]!)?.[1];
    expect(code).toBeTruthy();
    // Nobody is linked to the walk-in client yet; the code is for them.
    expect(await b.app.db.prisma.channelIdentity.count({ where: { personId: c.clientId } })).toBe(0);
    const invite = await b.app.db.prisma.inviteCode.findFirstOrThrow({ where: { personId: c.clientId, role: "klien" } });

    const clientChat = chat();
    const link = await turnOn(clientChat, selfIntake({ mode: "link", linkInviteId: invite.id }), { type: "choice", action: { kind: "consent", agree: true } });
    expect((await identityOf(clientChat))?.personId).toBe(c.clientId);
    expect((await b.app.db.prisma.consent.findMany({ where: { personId: c.clientId } })).map((x) => x.textVersion)).toEqual([CONSENT_TEXT_VERSION]);
    expect(link.replies).toHaveLength(1);
    expect(link.replies[0]).toMatch(new RegExp(`^Terima kasih\\. Percakapan ini sekarang terhubung dengan Kasus #${c.number}\\.`));
    // The code is spent: a second chat is refused.
    const again = await turnOn(chat(), selfIntake({ mode: "link", linkInviteId: invite.id }), { type: "choice", action: { kind: "consent", agree: true } });
    expect(again.replies).toEqual(["Kode tidak dapat digunakan. Mintalah kode baru kepada admin."]);
  });

  it("a walk-in with the NPP of a praja the unit already knows keeps her one record", async () => {
    const known = await b.app.db.prisma.person.findUniqueOrThrow({ where: { id: ana } });
    await b.app.db.prisma.case.updateMany({ where: { clientId: known.id }, data: { status: "archived", closedAt: NOW } });
    const before = await b.app.db.prisma.person.count({ where: { kind: "client" } });
    await turnOn("tg-budi", atSummary({ mode: "staff", flowId: "bk-praja" }), { type: "text", text: "kirim" });
    expect(await b.app.db.prisma.person.count({ where: { kind: "client" } })).toBe(before);
    expect((await b.app.db.prisma.case.findMany({ where: { clientId: known.id, status: "open" } })).map((c) => c.flowId)).toEqual(["bk-praja"]);
  });
});
