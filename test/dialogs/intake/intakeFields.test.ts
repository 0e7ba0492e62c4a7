// The biodata fields and how each answer is checked and normalised (src/dialogs/intake/intakeFields.ts).
import { describe, expect, it } from "vitest";
import {
  FIELD_IDS,
  FIELD_SPECS,
  FIELDS_BY_KIND,
  normaliseEmail,
  normaliseName,
  normaliseNip,
  normaliseNpp,
  normalisePhone,
  normaliseTingkat,
} from "../../../src/dialogs/intake/intakeFields.ts";

describe("intakeFields", () => {
  it("a name: letters of any script and the punctuation names use, spaces squashed", () => {
    expect(normaliseName("  Ana   Lestari ")).toBe("Ana Lestari");
    expect(normaliseName("R.A. Kartini-O’Neil")).toBe("R.A. Kartini-O’Neil");
    expect(normaliseName("Þórunn Ñúñez")).toBe("Þórunn Ñúñez");
    for (const bad of ["A", "1Ana", "Ana <script>", "x".repeat(101), ""]) expect(normaliseName(bad), bad).toBeNull();
  });

  it("an NPP with or without its dot, written back with it", () => {
    expect(normaliseNpp("31.0456")).toBe("31.0456");
    expect(normaliseNpp("310456")).toBe("31.0456");
    expect(normaliseNpp("31 - 0456")).toBe("31.0456");
    for (const bad of ["3.0456", "31.04", "31.0456789", "abc"]) expect(normaliseNpp(bad), bad).toBeNull();
  });

  it("a tingkat as a roman or arabic numeral, with or without the word", () => {
    expect(["i", "2", "Tingkat III", "tingkat 4", " IV "].map(normaliseTingkat)).toEqual(["I", "II", "III", "IV", "IV"]);
    for (const bad of ["0", "5", "V", "2.5", "dua"]) expect(normaliseTingkat(bad), bad).toBeNull();
  });

  it("a NIP: 18 digits with a real birth date, appointment month and sex digit, in the usual grouping", () => {
    expect(normaliseNip("197912122000121001")).toBe("19791212 200012 1 001");
    expect(normaliseNip("19791212 200012 2 001")).toBe("19791212 200012 2 001");
    for (const bad of ["197913122000121001", "197912322000121001", "197912122000131001", "197912122000123001", "1979121220001210"])
      expect(normaliseNip(bad), bad).toBeNull();
  });

  it("a phone number in any usual Indonesian form as +62, another country's by its length", () => {
    expect(["0812-9988-7766", "+62 812 9988 7766", "6281299887766", "0062 812 9988 7766"].map(normalisePhone)).toEqual(Array(4).fill("+6281299887766"));
    expect(normalisePhone("+31 20 123 4567")).toBe("+31201234567");
    for (const bad of ["0212345", "+62 21 1234", "0812 abc", "12345"]) expect(normalisePhone(bad), bad).toBeNull();
  });

  it("an email address lower-cased, plainly checked", () => {
    expect(normaliseEmail(" Ana.L@Contoh.ID ")).toBe("ana.l@contoh.id");
    for (const bad of ["ana@contoh", "ana lestari@contoh.id", "ana@@contoh.id", "<ana@contoh.id>"]) expect(normaliseEmail(bad), bad).toBeNull();
  });

  it("free-text fields keep their length bounds; a campus is written as the list writes it, another kept as typed", () => {
    expect(FIELD_SPECS.kelas.normalise("  A-3  ")).toBe("A-3");
    expect(FIELD_SPECS.kelas.normalise("x".repeat(61))).toBeNull();
    expect(FIELD_SPECS.unit_kerja.normalise("B")).toBeNull();
    expect(FIELD_SPECS.kampus.normalise("sulawesi utara")).toBe("Sulawesi Utara");
    expect(FIELD_SPECS.kampus.normalise("Kampus Baru")).toBe("Kampus Baru");
    expect(FIELD_SPECS.tingkat.choicesOnly).toBe(true);
  });

  it("each kind asks its own fields, every one a known field, the contact ones optional", () => {
    expect(FIELDS_BY_KIND.praja).toEqual(["nama", "npp", "tingkat", "kelas", "kampus", "telepon", "email"]);
    expect(FIELDS_BY_KIND.pegawai).toEqual(["nama", "nip", "unit_kerja", "telepon", "email"]);
    expect(FIELDS_BY_KIND.klien).toEqual(["nama", "domisili", "telepon", "email"]);
    for (const f of Object.values(FIELDS_BY_KIND).flat()) expect(FIELD_IDS).toContain(f);
    expect(FIELD_IDS.filter((f) => FIELD_SPECS[f].optional)).toEqual(["telepon", "email"]);
    expect(FIELD_IDS.filter((f) => FIELD_SPECS[f].sensitive)).toEqual(["npp", "nip", "telepon", "email"]);
  });
});
