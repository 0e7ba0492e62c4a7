// The biodata each kind of client gives at intake, and how each answer is checked and normalised.
// Pure: no I/O, so every rule is testable on its own.

export const CLIENT_KINDS = ["praja", "pegawai", "klien"] as const;
export type ClientKind = (typeof CLIENT_KINDS)[number];

/** Every biodata field, in no particular order (each kind's order is FIELDS_BY_KIND). */
export const FIELD_IDS = ["nama", "npp", "tingkat", "kelas", "kampus", "nip", "unit_kerja", "domisili", "telepon", "email"] as const;
export type FieldId = (typeof FIELD_IDS)[number];

export interface FieldSpec {
  id: FieldId;
  /** Optional fields get a "Lewati" button. */
  optional?: boolean;
  /** Suggested answers shown as buttons (the person may still type). */
  choices?: readonly string[];
  /** Only the listed choices are accepted. */
  choicesOnly?: boolean;
  /** Sensitive identifiers and contacts (encrypted at rest and looked up by keyed hash by the privacy layer). */
  sensitive?: boolean;
  /** The normalised value, or null when the answer is not acceptable. */
  normalise(text: string): string | null;
}

const squash = (s: string) => s.replace(/\s+/g, " ").trim();
const lengthBetween = (min: number, max: number) => (text: string) => {
  const v = squash(text);
  return v.length >= min && v.length <= max ? v : null;
};

/** A person's name: letters (any script), spaces and the punctuation names use. */
export function normaliseName(text: string): string | null {
  const v = squash(text);
  if (v.length < 2 || v.length > 100) return null;
  if (!/^[\p{L}\p{M}][\p{L}\p{M} .,'’-]*$/u.test(v)) return null;
  return v;
}

/** NPP (Nomor Pokok Praja): the cohort, a dot, the number ("31.0456"); typed with or without the dot. */
export function normaliseNpp(text: string): string | null {
  const v = text.replace(/[\s-]/g, "");
  const m = /^(\d{2})\.?(\d{3,6})$/.exec(v);
  return m ? `${m[1]}.${m[2]}` : null;
}

const ROMAN = ["I", "II", "III", "IV"] as const;
/** Tingkat I–IV, typed as a roman or arabic numeral ("tingkat 2" too). */
export function normaliseTingkat(text: string): string | null {
  const v = squash(text)
    .toUpperCase()
    .replace(/^TINGKAT\s*/, "");
  if ((ROMAN as readonly string[]).includes(v)) return v;
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 && n <= 4 ? ROMAN[n - 1]! : null;
}

/**
 * NIP (Nomor Induk Pegawai): 18 digits = birth date (YYYYMMDD), appointment month (YYYYMM), sex (1/2),
 * sequence (3). Written back in the usual grouping "19791212 199912 1 001".
 */
export function normaliseNip(text: string): string | null {
  const v = text.replace(/[\s.-]/g, "");
  if (!/^\d{18}$/.test(v)) return null;
  const birthMonth = Number(v.slice(4, 6));
  const birthDay = Number(v.slice(6, 8));
  const startMonth = Number(v.slice(12, 14));
  if (birthMonth < 1 || birthMonth > 12 || birthDay < 1 || birthDay > 31 || startMonth < 1 || startMonth > 12) return null;
  if (v[14] !== "1" && v[14] !== "2") return null;
  return `${v.slice(0, 8)} ${v.slice(8, 14)} ${v[14]} ${v.slice(15)}`;
}

/** An Indonesian mobile number in any usual form (08…, +62…, 62…, 0062…), as +62…. */
export function normalisePhone(text: string): string | null {
  let v = text.replace(/[\s().-]/g, "");
  if (v.startsWith("+")) v = v.slice(1);
  else if (v.startsWith("00")) v = v.slice(2);
  else if (v.startsWith("0")) v = `62${v.slice(1)}`;
  if (!/^\d+$/.test(v)) return null;
  if (v.startsWith("62")) return /^628\d{7,11}$/.test(v) ? `+${v}` : null;
  // Another country's number: E.164 length.
  return v.length >= 8 && v.length <= 15 ? `+${v}` : null;
}

/** An email address, lower-cased; deliberately plain (one @, a dot in the domain, no spaces). */
export function normaliseEmail(text: string): string | null {
  const v = text.trim().toLowerCase();
  if (v.length > 254) return null;
  return /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[a-z]{2,}$/.test(v) ? v : null;
}

/** IPDN's campuses: Jatinangor (main), Jakarta, and the regional campuses. */
export const IPDN_CAMPUSES = [
  "Jatinangor",
  "Jakarta",
  "Sumatera Barat",
  "Riau",
  "Kalimantan Barat",
  "Sulawesi Utara",
  "Sulawesi Selatan",
  "NTB",
  "Papua",
] as const;

export const FIELD_SPECS: Record<FieldId, FieldSpec> = {
  nama: { id: "nama", normalise: normaliseName },
  npp: { id: "npp", sensitive: true, normalise: normaliseNpp },
  tingkat: { id: "tingkat", choices: ROMAN, choicesOnly: true, normalise: normaliseTingkat },
  kelas: { id: "kelas", normalise: lengthBetween(1, 60) },
  kampus: {
    id: "kampus",
    choices: IPDN_CAMPUSES,
    normalise: (text) => {
      const v = lengthBetween(2, 60)(text);
      if (!v) return null;
      return IPDN_CAMPUSES.find((c) => c.toLowerCase() === v.toLowerCase()) ?? v;
    },
  },
  nip: { id: "nip", sensitive: true, normalise: normaliseNip },
  unit_kerja: { id: "unit_kerja", normalise: lengthBetween(2, 100) },
  domisili: { id: "domisili", normalise: lengthBetween(2, 60) },
  telepon: { id: "telepon", optional: true, sensitive: true, normalise: normalisePhone },
  email: { id: "email", optional: true, sensitive: true, normalise: normaliseEmail },
};

/** The fields asked of each kind of client, in order. */
export const FIELDS_BY_KIND: Record<ClientKind, readonly FieldId[]> = {
  praja: ["nama", "npp", "tingkat", "kelas", "kampus", "telepon", "email"],
  pegawai: ["nama", "nip", "unit_kerja", "telepon", "email"],
  klien: ["nama", "domisili", "telepon", "email"],
};

/** Longest single message and whole complaint the intake takes. */
export const MAX_MESSAGE_CHARS = 4000;
export const MAX_KELUHAN_CHARS = 8000;
