// The intake by form, as email runs it (src/dialogs/formIntakeTurn.ts), one mail at a time on a real SQLite
// database: a first mail that is not a form gets the form (its text kept as the complaint draft) and the form is
// kept as the chat's dialog; consent in a reply is recorded with the text's version; a complete form opens the case
// as a chat registration does; a refusal ends it with nothing kept; replies thread on the client's subject.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runFormIntake } from "../../src/dialogs/formIntakeTurn.ts";
import type { FormIntakeState } from "../../src/dialogs/intake/intakeForm.ts";
import { CONSENT_TEXT_VERSION } from "../../src/dialogs/intakeTurn.ts";
import { loadDialog, storedAs } from "../../src/dialogs/savedDialogs.ts";
import { openDialogBench, type DialogBench } from "./support/dialogBench.ts";

/** Monday 30 November 2026, 08:00 WIB. */
const NOW = new Date("2026-11-30T01:00:00Z");
const IPDN = { id: "ipdn", name: "Unit BK IPDN" };

const FILLED = ["Nama: Ana Lestari", "NPP: 31.0456", "Tingkat: 2", "Kelas/Wisma: A-3", "Kampus: jatinangor", "Keluhan: Saya sulit tidur", "sejak ujian."].join(
  "\n",
);

describe("formIntakeTurn", () => {
  let b: DialogBench;
  let sari: string;
  let mails = 0;
  const mailbox = () => `klien${++mails}@contoh.id`;

  /** One mail from `address`: runFormIntake with the chat's stored form (none at first). */
  const mail = async (address: string, text: string, subject?: string) => {
    const seen = await b.mark();
    await b.turn({ channel: "email", address, text, subject }, async (turn) => {
      const previous = await loadDialog(turn.tx, "email", address);
      await runFormIntake(turn, { stored: storedAs(previous, "form_intake"), previous, org: IPDN, kinds: ["praja"] });
    });
    return b.queued({ channel: "email", address }, seen);
  };
  const formOf = async (address: string): Promise<FormIntakeState | undefined> => {
    const stored = await b.app.db.prisma.$transaction((tx) => loadDialog(tx, "email", address));
    return storedAs(stored, "form_intake")?.state;
  };
  const clientOf = async (address: string) =>
    (await b.app.db.prisma.channelIdentity.findUnique({ where: { channel_address: { channel: "email", address } } }))?.personId;

  beforeAll(async () => {
    b = await openDialogBench({ now: NOW });
    sari = await b.staff({ address: "tg-sari", roles: ["konselor"], name: "Dra. Sari" });
  }, 60_000);
  afterAll(async () => b?.close());

  it("a first mail that is not a form gets the form, its text kept as the complaint draft, under the form's subject", async () => {
    const address = mailbox();
    const replies = await mail(address, "Selamat pagi, saya butuh bantuan.");
    expect(replies).toHaveLength(1);
    expect(replies[0]!.subject).toBe("Pendaftaran konseling");
    expect(replies[0]!.text).toContain("Untuk mendaftar, balas email ini dengan formulir di bawah yang sudah diisi.");
    expect(replies[0]!.text).toContain("Persetujuan: \n");
    expect(replies[0]!.text).toContain("Keluhan: Selamat pagi, saya butuh bantuan.");
    expect(await formOf(address)).toMatchObject({ orgId: "ipdn", kinds: ["praja"], consented: false, rounds: 1, keluhan: "Selamat pagi, saya butuh bantuan." });
    expect(await clientOf(address)).toBeUndefined();
  });

  it("a reply that consents records the client and the consent; the form asks for what is still missing, threaded on the client's subject", async () => {
    const address = mailbox();
    await mail(address, "Halo");
    const replies = await mail(address, "Persetujuan: Setuju\nNama: Ana Lestari", "Pendaftaran konseling");
    const client = await clientOf(address);
    expect(client).toBeDefined();
    const consents = await b.app.db.prisma.consent.findMany({ where: { personId: client! } });
    expect(consents.map((c) => [c.channel, c.textVersion, c.givenAt])).toEqual([["email", CONSENT_TEXT_VERSION, NOW]]);
    expect(replies.map((r) => r.subject)).toEqual(["Re: Pendaftaran konseling"]);
    expect(replies[0]!.text).toMatch(/^Yang masih perlu diisi: NPP, Tingkat, Kelas\/Wisma, Kampus\./);
    expect(await formOf(address)).toMatchObject({ consented: true, rounds: 2, answers: { nama: "Ana Lestari" } });
    // Consent said again is not recorded twice.
    await mail(address, "Setuju");
    expect(await b.app.db.prisma.consent.count({ where: { personId: client! } })).toBe(1);
  });

  it("a complete form opens the case as a chat registration does and ends the form", async () => {
    const address = mailbox();
    const seen = await b.mark();
    const replies = await mail(address, `Setuju\n${FILLED}`);
    expect(await formOf(address)).toBeUndefined();
    const clientId = await clientOf(address);
    const c = await b.app.db.prisma.case.findFirstOrThrow({ where: { clientId } });
    expect(c).toMatchObject({ flowId: "konseling-online-praja", counsellorId: sari });
    expect(JSON.parse(c.intakeJson)).toMatchObject({
      kind: "praja",
      channel: "email",
      keluhan: "Saya sulit tidur\nsejak ujian.",
      answers: { nama: "Ana Lestari", npp: "31.0456", tingkat: "II", kelas: "A-3", kampus: "Jatinangor", telepon: null, email: null },
    });
    expect(replies.map((r) => r.text)).toEqual([expect.stringMatching(new RegExp(`^Terima kasih\\. Pendaftaran Anda diterima sebagai Kasus #${c.number}\\.`))]);
    expect((await b.queued({ personId: sari }, seen)).filter((q) => q.caseId === c.id).map((q) => q.text)).toEqual([
      expect.stringMatching(new RegExp(`^Kasus #${c.number} baru untuk Anda`)),
    ]);
    expect(await b.app.db.prisma.consent.count({ where: { personId: clientId } })).toBe(1);
  });

  it("a wrong answer is named with its problem and the form kept", async () => {
    const address = mailbox();
    const replies = await mail(address, "Setuju\nNama: Ana\nNPP: abc\nTingkat: 9");
    expect(replies[0]!.text).toMatch(/\n\nAda isian yang perlu diperbaiki:\n• NPP: .+\n• Tingkat: Pilih tingkat I, II, III, atau IV\.\n\n/);
    expect(await formOf(address)).toMatchObject({ consented: true, answers: { nama: "Ana" } });
    expect((await formOf(address))?.answers.npp).toBeUndefined();
  });

  it("a refusal ends the form, keeps nobody and audits only the refusal", async () => {
    const address = mailbox();
    await mail(address, "Halo");
    const before = await b.app.db.prisma.auditEvent.count({ where: { type: "consent_refused" } });
    const replies = await mail(address, "Tidak setuju");
    expect(await formOf(address)).toBeUndefined();
    expect(await clientOf(address)).toBeUndefined();
    expect(replies.map((r) => r.text)).toEqual([expect.stringMatching(/^Baik, tidak apa-apa\. Kami tidak menyimpan data Anda\./)]);
    const refused = await b.app.db.prisma.auditEvent.findMany({ where: { type: "consent_refused" }, orderBy: { at: "asc" } });
    expect(refused).toHaveLength(before + 1);
    expect(JSON.parse(refused.at(-1)!.dataJson)).toEqual({ channel: "email", orgId: "ipdn", textVersion: CONSENT_TEXT_VERSION });
  });
});
