// Text reports for the command line: tables and a case's timeline (actual vs standard time).
import type { App } from "../app/openApp.ts";
import { workingMinutesBetween, formatLocal } from "../core/workingTime.ts";

/** A plain aligned text table. */
export function formatTable(headers: string[], rows: string[][]): string {
  if (rows.length === 0) return "(none)";
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

function minutesText(m: number): string {
  const rounded = Math.round(m);
  return rounded >= 60 ? `${Math.floor(rounded / 60)}h${String(rounded % 60).padStart(2, "0")}m` : `${rounded}m`;
}

/** The timeline of a case: each step run, who acted, actual time against the standard. */
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
    const end = r.actedAt ?? now;
    const taken = r.clock === "working" ? workingMinutesBetween(r.askedAt, end, cal) : (end.getTime() - r.askedAt.getTime()) / 60_000;
    const verdict = r.actedAt ? (r.late ? "LATE" : "on time") : end > r.deadlineAt ? "OVERDUE" : "waiting";
    return [
      r.stepNo,
      (step?.activity ?? r.stepId).slice(0, 48),
      r.role,
      r.actedBy?.displayName ?? "-",
      r.outcome ?? "-",
      `${minutesText(taken)} / ${minutesText(r.standardMin)}`,
      verdict,
    ];
  });
  return header.join("\n") + formatTable(["no", "activity", "role", "acted by", "outcome", "actual / standard", "result"], rows);
}
