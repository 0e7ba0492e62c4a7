// One line of the doctor's report: what was checked, and whether it is fine, worth a look, or must be fixed.

export type FindingStatus = "ok" | "warn" | "fix";

export interface Finding {
  status: FindingStatus;
  /** What was checked, a word or two ("keys", "database"). */
  about: string;
  /** What was found and, when it is not fine, what to do. */
  text: string;
}

export const ok = (about: string, text: string): Finding => ({ status: "ok", about, text });
export const warn = (about: string, text: string): Finding => ({ status: "warn", about, text });
export const fix = (about: string, text: string): Finding => ({ status: "fix", about, text });
