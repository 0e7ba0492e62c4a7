// The case tag in an email subject, "[Kasus #123]": written on every mail about a case and read back
// from replies ("Re: [Kasus #123] ..."), so a reply finds its case even when a mail client drops the
// threading headers.

/** The tag exactly as it appears in subjects. */
export function caseTag(caseNo: number): string {
  return `[Kasus #${caseNo}]`;
}

const TAG = /\[\s*kasus\s*#\s*(\d{1,9})\s*\]/i;

/** "[Kasus #123] <subject>" (no second tag when the subject has it already); header-safe (one line). */
export function caseSubject(caseNo: number | undefined, subject: string | undefined, fallback: string): string {
  const base =
    (subject ?? "")
      .replace(/[\r\n\t]+/g, " ")
      .replace(/\s{2,}/g, " ")
      .trim() || fallback;
  if (caseNo === undefined) return base;
  const found = caseNumberFromSubject(base);
  return found === caseNo ? base : `${caseTag(caseNo)} ${base}`;
}

/** The case number of the first "[Kasus #N]" tag (any case, spaces tolerated), or null. */
export function caseNumberFromSubject(subject: string | undefined | null): number | null {
  const match = subject ? TAG.exec(subject) : null;
  if (!match) return null;
  const n = Number(match[1]);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}
