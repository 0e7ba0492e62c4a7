// Retention: closed cases older than the configured period are anonymised, and a client none of whose cases
// still holds personal data is erased. People who never opened a case (an abandoned registration, a crisis-only
// contact) are erased after their own, shorter period without a message, and chats that wrote but never became
// anyone lose what was kept about them. Housekeeping on the same run: stored files nothing refers to any more,
// inbound-dedupe marks past any redelivery, buttons past use, expired dashboard logins. The audit trail stays
// (it holds no personal data).
import type { Prisma } from "./database.ts";
import { anonymiseCase, eraseClient } from "./erasure.ts";
import { deleteExpiredLogins } from "./webLogins.ts";

export interface RetentionReport {
  cases: number;
  clients: number;
  /** People erased who never opened a case. */
  withoutCase: number;
  /** Chats that wrote but never became a person (an intake left before consent): their state and contact rows. */
  strangers: number;
  /** Stored files no message, report, waiting message or unsent outbox row refers to. */
  orphanFiles: number;
  /** Inbound-dedupe marks past any redelivery. */
  dedupeMarks: number;
  /** Buttons no one can press any more. */
  buttons: number;
  /** Expired dashboard login links and sessions deleted. */
  expiredLogins: number;
}

/** Platforms redeliver within hours (Telegram keeps an update a day): a month covers every retry. */
const DEDUPE_MARK_DAYS = 30;
/** Buttons older than this are past use, unless they are a waiting step's task. */
const BUTTON_DAYS = 90;
/** A stored file nothing refers to for this long was never going to be (a converter saved it, the message was not kept). */
const ORPHAN_FILE_HOURS = 24;

const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * 24 * 3600_000);

/** One run; safe to repeat (already anonymised cases are skipped). `noCaseDays` also erases people who never opened a case. */
export async function runRetention(prisma: Prisma, p: { now: Date; days: number; noCaseDays?: number; batch?: number }): Promise<RetentionReport> {
  const cutoff = daysBefore(p.now, p.days);
  const report: RetentionReport = { cases: 0, clients: 0, withoutCase: 0, strangers: 0, orphanFiles: 0, dedupeMarks: 0, buttons: 0, expiredLogins: 0 };
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
  if (p.noCaseDays !== undefined) {
    const quiet = daysBefore(p.now, p.noCaseDays);
    report.withoutCase = await eraseQuietPeopleWithoutCase(prisma, { quiet, now: p.now });
    report.strangers = await forgetQuietStrangers(prisma, quiet);
  }
  report.orphanFiles = await deleteOrphanFiles(prisma, new Date(p.now.getTime() - ORPHAN_FILE_HOURS * 3600_000));
  report.dedupeMarks = (await prisma.processedInbound.deleteMany({ where: { createdAt: { lt: daysBefore(p.now, DEDUPE_MARK_DAYS) } } })).count;
  report.buttons = await deleteSpentButtons(prisma, daysBefore(p.now, BUTTON_DAYS));
  report.expiredLogins = await deleteExpiredLogins(prisma, p.now);
  if (report.cases || report.clients || report.withoutCase)
    await prisma.auditEvent.create({ data: { type: "retention_run", dataJson: JSON.stringify(report), at: p.now } });
  return report;
}

/** Clients with no case who last wrote before `quiet` (or, with no message on record, registered before it). */
async function eraseQuietPeopleWithoutCase(prisma: Prisma, p: { quiet: Date; now: Date }): Promise<number> {
  const people = await prisma.person.findMany({
    where: { kind: "client", erasedAt: null, createdAt: { lt: p.quiet }, casesAsClient: { none: {} } },
    select: { id: true, identities: { select: { channel: true, address: true } } },
  });
  let erased = 0;
  for (const person of people) {
    const recent = person.identities.length
      ? await prisma.channelContact.count({
          where: { lastInboundAt: { gte: p.quiet }, OR: person.identities.map((i) => ({ channel: i.channel, address: i.address })) },
        })
      : 0;
    const talking = person.identities.length
      ? await prisma.dialogState.count({
          where: { updatedAt: { gte: p.quiet }, OR: person.identities.map((i) => ({ channel: i.channel, address: i.address })) },
        })
      : 0;
    if (recent > 0 || talking > 0) continue;
    await prisma.$transaction(async (tx) => {
      // A case opened meanwhile (a walk-in registration) keeps them.
      if ((await tx.case.count({ where: { clientId: person.id } })) > 0) return;
      await eraseClient(tx, { personId: person.id, now: p.now });
      erased++;
    });
  }
  return erased;
}

/** Chats with no person behind them (a registration left before consent): their saved conversation and contact row. */
async function forgetQuietStrangers(prisma: Prisma, quiet: Date): Promise<number> {
  const known = async (chat: { channel: string; address: string }) =>
    (await prisma.channelIdentity.count({ where: { channel: chat.channel, address: chat.address } })) > 0;
  let forgotten = 0;
  for (const state of await prisma.dialogState.findMany({ where: { updatedAt: { lt: quiet } }, select: { id: true, channel: true, address: true } })) {
    if (await known(state)) continue;
    forgotten += (await prisma.dialogState.deleteMany({ where: { id: state.id } })).count;
  }
  for (const contact of await prisma.channelContact.findMany({ where: { lastInboundAt: { lt: quiet } }, select: { channel: true, address: true } })) {
    if (await known(contact)) continue;
    forgotten += (await prisma.channelContact.deleteMany({ where: { channel: contact.channel, address: contact.address } })).count;
  }
  return forgotten;
}

function refsIn(json: string | null): string[] {
  if (!json) return [];
  return [...json.matchAll(/"(?:fileRef|ref)":"file:([^"]+)"/g)].map((m) => m[1]!);
}

/** Stored files older than `before` that nothing refers to: no message, no step's report, no waiting message, no unsent row. */
async function deleteOrphanFiles(prisma: Prisma, before: Date): Promise<number> {
  const candidates = await prisma.storedFile.findMany({ where: { createdAt: { lt: before } }, select: { id: true } });
  if (candidates.length === 0) return 0;
  const used = new Set<string>();
  for (const m of await prisma.message.findMany({ where: { attachJson: { not: "[]" } }, select: { attachJson: true } }))
    for (const id of refsIn(m.attachJson)) used.add(id);
  for (const r of await prisma.stepRun.findMany({ where: { outputDocId: { startsWith: "file:" } }, select: { outputDocId: true } }))
    used.add(r.outputDocId!.slice("file:".length));
  for (const q of await prisma.inboundQueue.findMany({ select: { messageJson: true } })) for (const id of refsIn(q.messageJson)) used.add(id);
  for (const o of await prisma.outbox.findMany({ where: { status: { in: ["pending", "sending"] } }, select: { payloadJson: true } }))
    for (const id of refsIn(o.payloadJson)) used.add(id);
  const orphans = candidates.map((c) => c.id).filter((id) => !used.has(id));
  if (orphans.length === 0) return 0;
  return (await prisma.storedFile.deleteMany({ where: { id: { in: orphans } } })).count;
}

/** Buttons older than `before`, except those of a waiting step's task (which may still be pressed); in batches. */
async function deleteSpentButtons(prisma: Prisma, before: Date): Promise<number> {
  let deleted = 0;
  let after = "";
  for (;;) {
    const old = await prisma.buttonToken.findMany({
      where: { createdAt: { lt: before }, id: { gt: after } },
      select: { id: true, outboxId: true },
      orderBy: { id: "asc" },
      take: 500,
    });
    if (old.length === 0) return deleted;
    after = old[old.length - 1]!.id;
    const tasks = await prisma.outbox.findMany({
      where: { id: { in: old.map((b) => b.outboxId).filter((x): x is string => !!x) }, stepRunId: { not: null } },
      select: { id: true, stepRunId: true },
    });
    const waiting = new Set(
      (await prisma.stepRun.findMany({ where: { id: { in: tasks.map((t) => t.stepRunId!) }, actedAt: null }, select: { id: true } })).map((r) => r.id),
    );
    const keep = new Set(tasks.filter((t) => waiting.has(t.stepRunId!)).map((t) => t.id));
    const spent = old.filter((b) => !b.outboxId || !keep.has(b.outboxId)).map((b) => b.id);
    if (spent.length) deleted += (await prisma.buttonToken.deleteMany({ where: { id: { in: spent } } })).count;
  }
}
