// The unit of work of the chat: one inbound message is handled in ONE transaction, and handled again from
// the start when another writer changed the same case or dialog meanwhile (the versions said so).
import { ConcurrentChangeError } from "./cases/caseSnapshots.ts";
import type { Prisma, Tx } from "./database.ts";

/**
 * Runs `work` in one transaction; on a ConcurrentChangeError it runs it again in a new one, up to `attempts`
 * times in all (1: no retry). `timeoutMs` is both how long the work may take and how long it may wait to start.
 */
export async function inTransaction<T>(prisma: Prisma, work: (tx: Tx) => Promise<T>, p: { attempts?: number; timeoutMs?: number } = {}): Promise<T> {
  const options = p.timeoutMs === undefined ? undefined : { timeout: p.timeoutMs, maxWait: p.timeoutMs };
  for (let attempt = 1; ; attempt++) {
    try {
      return await prisma.$transaction(work, options);
    } catch (error) {
      if (error instanceof ConcurrentChangeError && attempt < (p.attempts ?? 1)) continue;
      throw error;
    }
  }
}
