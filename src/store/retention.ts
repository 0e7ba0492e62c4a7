// Retention: closed cases older than the configured period are anonymised, and a client none of whose cases
// still holds personal data is erased. The audit trail stays (it holds no personal data). Expired dashboard
// login links and sessions are deleted on the same run.
import type { Prisma } from "./database.ts";
import { anonymiseCase, eraseClient } from "./erasure.ts";
import { deleteExpiredLogins } from "./webLogins.ts";

export interface RetentionReport {
  cases: number;
  clients: number;
  /** Expired dashboard login links and sessions deleted. */
  expiredLogins: number;
}

/** One run; safe to repeat (already anonymised cases are skipped). */
export async function runRetention(prisma: Prisma, p: { now: Date; days: number; batch?: number }): Promise<RetentionReport> {
  const cutoff = new Date(p.now.getTime() - p.days * 24 * 3600_000);
  const report: RetentionReport = { cases: 0, clients: 0, expiredLogins: 0 };
  for (;;) {
    const due = await prisma.case.findMany({
      where: { status: { in: ["archived", "cancelled"] }, closedAt: { lt: cutoff }, anonymisedAt: null },
      select: { id: true, clientId: true },
      take: p.batch ?? 100,
    });
    if (due.length === 0) break;
    for (const c of due) {
      await prisma.$transaction(async (tx) => {
        if (await anonymiseCase(tx, { caseId: c.id, now: p.now })) report.cases++;
        const remaining = await tx.case.count({ where: { clientId: c.clientId, anonymisedAt: null } });
        const person = await tx.person.findUnique({ where: { id: c.clientId }, select: { erasedAt: true } });
        if (remaining === 0 && person && !person.erasedAt) {
          await eraseClient(tx, { personId: c.clientId, now: p.now });
          report.clients++;
        }
      });
    }
  }
  report.expiredLogins = await deleteExpiredLogins(prisma, p.now);
  if (report.cases) await prisma.auditEvent.create({ data: { type: "retention_run", dataJson: JSON.stringify(report), at: p.now } });
  return report;
}
