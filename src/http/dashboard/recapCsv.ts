// The recap as RFC 4180 CSV for spreadsheets: CRLF line ends, fields quoted when they hold a comma, quote or
// line break, and a UTF-8 byte order mark so Excel reads "Kegiatan" texts with their accents correctly.
import type { RecapRow } from "./recapRows.ts";

/** The header row (English column names: the file is read by tools as much as by people). */
export const RECAP_CSV_HEADER = [
  "organisation",
  "flow_id",
  "flow_title",
  "step_no",
  "step_id",
  "activity",
  "standard_minutes",
  "done",
  "late",
  "refused",
  "overdue",
  "median_minutes",
  "p90_minutes",
] as const;

/** One field, quoted only when it must be; a leading =, +, - or @ is prefixed so a spreadsheet never runs it as a formula. */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The whole file: BOM, header, one line per recap row. `standard_minutes` is the standard on the step's own clock
 * (a "1 hari" working-clock step: one working day, 510 minutes for 07:30–16:00), the same minutes as
 * median_minutes and p90_minutes, the dashboard and `case show` (src/core/stepTime.ts).
 */
export function renderRecapCsv(rows: RecapRow[]): string {
  const lines = [
    RECAP_CSV_HEADER.join(","),
    ...rows.map((r) =>
      [r.orgId, r.flowId, r.flowTitle, r.stepNo, r.stepId, r.activity, r.standardMin, r.done, r.late, r.refused, r.overdue, r.medianMin, r.p90Min]
        .map(csvField)
        .join(","),
    ),
  ];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
