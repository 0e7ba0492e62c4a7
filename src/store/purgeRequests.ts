// What an erasure leaves to do after its commit (the client's mails in the unit's mailbox, the database's
// write-ahead log), kept as a row written in the erasure's own transaction, so a crash between the commit and the
// work loses nothing. The row holds the addresses and case numbers to look for (encrypted at rest) and goes once
// the work is done.
import { z } from "zod";
import type { Prisma, Tx } from "./database.ts";

/** What to look for in the mailbox: mail from or to these addresses, and mail of these cases' threads. */
export const mailboxTargetSchema = z.object({
  addresses: z.array(z.string()),
  caseNumbers: z.array(z.number().int().positive()),
});
export type MailboxTarget = z.infer<typeof mailboxTargetSchema>;

/** A purge waiting to be done. */
export interface DuePurge {
  id: string;
  target: MailboxTarget;
  attempts: number;
}

/**
 * Asks for what an erasure leaves to do after its commit: the client's mails purged from the mailbox (when there is
 * anything to look for) and the database's write-ahead log cleared of the erased values (always).
 */
export async function requestMailboxPurge(tx: Tx, target: MailboxTarget & { at: Date }): Promise<void> {
  const addresses = [...new Set(target.addresses.map((a) => a.trim().toLowerCase()).filter(Boolean))];
  const caseNumbers = [...new Set(target.caseNumbers)];
  await tx.purgeRequest.create({
    data: { kind: "mailbox", targetJson: JSON.stringify({ addresses, caseNumbers }), nextAttemptAt: target.at, createdAt: target.at },
  });
}

/** The mailbox purges due now, oldest first (a row that cannot be read is given up: it names nothing findable). */
export async function duePurges(prisma: Prisma, p: { now: Date; limit: number }): Promise<DuePurge[]> {
  const rows = await prisma.purgeRequest.findMany({ where: { kind: "mailbox", nextAttemptAt: { lte: p.now } }, orderBy: { createdAt: "asc" }, take: p.limit });
  const due: DuePurge[] = [];
  for (const row of rows) {
    const parsed = mailboxTargetSchema.safeParse(safeJson(row.targetJson));
    if (parsed.success) due.push({ id: row.id, target: parsed.data, attempts: row.attempts });
    else await prisma.purgeRequest.delete({ where: { id: row.id } });
  }
  return due;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The purge is done: the row (and the addresses it held) goes. */
export async function finishPurge(prisma: Prisma, id: string): Promise<void> {
  await prisma.purgeRequest.deleteMany({ where: { id } });
}

/** The purge failed this time: try again after `delayMs`. */
export async function postponePurge(prisma: Prisma, p: { id: string; error: string; now: Date; delayMs: number }): Promise<void> {
  await prisma.purgeRequest.update({
    where: { id: p.id },
    data: { attempts: { increment: 1 }, lastError: p.error.slice(0, 300), nextAttemptAt: new Date(p.now.getTime() + p.delayMs) },
  });
}

/** How many purges are still waiting (for an admin alert when they keep failing). */
export async function waitingPurges(prisma: Prisma): Promise<number> {
  return prisma.purgeRequest.count();
}
