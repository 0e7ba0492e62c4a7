// The intake as a form (src/dialogs/intake/intakeForm.ts), pure: reading a reply's "Label: value" lines in either
// language, consent only on a line of its own, the complaint taking everything after its label; one step of the
// form (what is missing or wrong, the draft from a first mail, the submission once complete); the form as text.
import { describe, expect, it } from "vitest";
import { newFormIntake, parseFormReply, renderForm, stepFormIntake } from "../../../src/dialogs/intake/intakeForm.ts";

const SETTINGS = { hotline: "119 ext 8" };
const form = (kinds: ("praja" | "pegawai")[] = ["praja"]) =>
  newFormIntake({ orgId: "ipdn", orgName: "Unit BK IPDN", kinds, locale: "id", privacyContact: "Ibu Rina" });

describe("parseFormReply", () => {
  it("reads labels in either language or by field id, brackets ignored, the complaint to the end", () => {
    const parsed = parseFormReply(
      [
        "Halo, ini formulir saya",
        "Name: Ana Lestari",
        "NPP: 31.0456",
        "Nomor HP (opsional): 0812 9988 7766",
        "email: -",
        "Keluhan: sulit tidur",
        "",
        "Nama: bukan field",
      ].join("\n"),
    );
    expect(parsed).toEqual({
      fields: { nama: "Ana Lestari", npp: "31.0456", telepon: "0812 9988 7766" },
      keluhan: "sulit tidur\n\nNama: bukan field",
      rest: "Halo, ini formulir saya",
    });
  });

  it("takes consent only from a line of its own or the consent line, never from a stray 'ya' in a story", () => {
    expect(parseFormReply("Setuju").consent).toBe(true);
    expect(parseFormReply("Persetujuan: ya").consent).toBe(true);
    expect(parseFormReply("Persetujuan: tidak").consent).toBe(false);
    expect(parseFormReply("I do not agree").consent).toBe(false);
    expect(parseFormReply("ya saya setuju dengan itu").consent).toBeUndefined();
    expect(parseFormReply("ya").consent).toBeUndefined();
  });
});

describe("stepFormIntake", () => {
  it("a first mail that is no form becomes the complaint draft; the form asks for the rest", () => {
    const step = stepFormIntake(form(), "Saya butuh bantuan", SETTINGS);
    expect(step.events).toEqual([]);
    expect(step.state).toMatchObject({ keluhan: "Saya butuh bantuan", rounds: 1, consented: false, kind: "praja" });
    expect(step.replies).toHaveLength(1);
  });

  it("a later mail's loose text is not taken as the complaint", () => {
    const first = stepFormIntake(form(), "Persetujuan: setuju", SETTINGS).state!;
    expect(stepFormIntake(first, "terima kasih", SETTINGS).state?.keluhan).toBe("");
  });

  it("names wrong answers and keeps the right ones; a kind that is not offered is named too", () => {
    const step = stepFormIntake(form(["praja", "pegawai"]), "Setuju\nJenis klien: mahasiswa\nNama: Ana\nNIP: 123", SETTINGS);
    expect(step.state?.answers).toEqual({ nama: "Ana" });
    expect(step.replies[0]).toContain("• Jenis klien: tulis salah satu dari Praja / Pegawai.");
    expect(step.replies[0]).toMatch(/• NIP: /);
  });

  it("submits once complete, the optional fields left out written as not given", () => {
    const step = stepFormIntake(
      form(),
      "Setuju\nNama: Ana Lestari\nNPP: 310456\nTingkat: 2\nKelas/Wisma: A-3\nKampus: Jatinangor\nEmail: lewati\nKeluhan: sulit tidur",
      SETTINGS,
    );
    expect(step.state).toBeNull();
    expect(step.replies).toEqual([]);
    expect(step.events).toEqual([
      { type: "consent_given" },
      {
        type: "submitted",
        kind: "praja",
        answers: { nama: "Ana Lestari", npp: "31.0456", tingkat: "II", kelas: "A-3", kampus: "Jatinangor", email: null, telepon: null },
        keluhan: "sulit tidur",
      },
    ]);
  });

  it("a refusal ends the form at once, with the hotline", () => {
    const step = stepFormIntake(form(), "Tidak setuju\nNama: Ana", SETTINGS);
    expect(step).toMatchObject({ state: null, events: [{ type: "consent_refused" }] });
    expect(step.replies[0]).toContain("119 ext 8");
  });
});

describe("renderForm", () => {
  it("shows the consent text with its contact until consent is given, and the fields filled so far", () => {
    const text = renderForm({ ...form(), answers: { nama: "Ana" } }, { first: true });
    expect(text).toContain("Ibu Rina");
    expect(text).toContain("Persetujuan: \n");
    expect(text).toContain("\nNama: Ana\nNPP: \n");
    expect(text).toContain("Nomor HP (opsional): ");
    const consented = renderForm({ ...form(), consented: true }, {});
    expect(consented).not.toContain("Persetujuan:");
    expect(consented).not.toContain("Ibu Rina");
  });

  it("offers Telegram when there is a link, and a person to ask after a few rounds", () => {
    const text = renderForm({ ...form(), rounds: 4 }, { telegramLink: "https://t.me/pintu_bot" });
    expect(text).toContain("Daftar lewat Telegram: https://t.me/pintu_bot");
    expect(text).toContain("Bila formulir ini menyulitkan, hubungi langsung unit layanan; kami akan membantu.");
    expect(renderForm({ ...form(), rounds: 3 }, {})).not.toContain("menyulitkan");
  });
});
