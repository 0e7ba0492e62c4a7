// Text reports for the command line: tables and a case's timeline (actual vs standard time).
import type { App } from "../app/openApp.ts";
import { formatDuration } from "../core/duration.ts";
import { minutesTaken } from "../core/stepTime.ts";
import { formatLocal } from "../core/workingTime.ts";
import { standardOfStep } from "../flows/stepStandard.ts";

/** A plain aligned text table. */
export function formatTable(headers: string[], rows: string[][]): string {
  if (rows.length === 0) return "(none)";
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

function minutesText(m: number): string {
  const rounded = Math.round(m);
  return rounded >= 60 ? `${Math.floor(rounded / 60)}h${String(rounded % 60).padStart(2, "0")}m` : `${rounded}m`;
}

/**
 * The timeline of a case: each step run, who acted, actual time against the standard, both in minutes of the
 * step's own clock as the dashboard and its CSV count them (a "1 hari" working-clock standard is 8h30m for
 * 07:30–16:00, written with its days).
 */
export async function caseTimeline(app: App, number: number, now: Date): Promise<string> {
  const c = await app.db.prisma.case.findUnique({
    where: { number },
    include: { stepRuns: { orderBy: { askedAt: "asc" }, include: { actedBy: true } }, counsellor: true },
  });
  if (!c) throw new Error(`No case #${number}; see: npm run cli -- case list`);
  const { flow, organisation } = app.flowContext(c.flowId);
  const cal = organisation.calendar;
  const header = [
    `Kasus #${c.number} — ${flow.title} (${organisation.id})`,
    `status: ${c.status}; counsellor: ${c.counsellor?.displayName ?? "-"}; opened ${formatLocal(c.openedAt, cal, "en")}`,
    "",
  ];
  const rows = c.stepRuns.map((r) => {
    const step = flow.steps.find((s) => s.id === r.stepId);
    const taken = minutesTaken(r, cal, now);
    const standard = standardOfStep(app.flows, c.flowId, r.stepId);
    const standardText = standard
      ? `${minutesText(standard.minutes)}${standard.workingDays ? ` (${formatDuration(standard.duration)} kerja)` : ""}`
      : minutesText(r.standardMin);
    const verdict = r.actedAt ? (r.late ? "LATE" : "on time") : now > r.deadlineAt ? "OVERDUE" : "waiting";
    return [
      r.stepNo,
      (step?.activity ?? r.stepId).slice(0, 48),
      r.role,
      r.actedBy?.displayName ?? "-",
      r.outcome ?? "-",
      `${minutesText(taken)} / ${standardText}`,
      verdict,
    ];
  });
  return header.join("\n") + formatTable(["no", "activity", "role", "acted by", "outcome", "actual / standard", "result"], rows);
}
