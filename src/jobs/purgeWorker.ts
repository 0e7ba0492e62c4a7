// Carries out what an erasure left to do outside the database: the client's mails leave the unit's mailbox
// (src/channels/email/mailboxPurge.ts, loaded only when there is work). A failure is retried with backoff; one
// that keeps failing alerts ADMIN_CONTACTS, since the mails stay until it succeeds. Without a mailbox, or with
// MAIL_ERASURE=keep, there is nothing to do and the request goes.
import type { EmailSettings } from "../channels/email/emailSettings.ts";
import type { Logger } from "../logger.ts";
import type { AlertAdmins } from "../notify/adminAlerts.ts";
import { recordAudit } from "../store/auditTrail.ts";
import type { Prisma } from "../store/database.ts";
import { scrubDeliveredErasureNotices } from "../store/outbox/erasureNotices.ts";
import { duePurges, finishPurge, postponePurge, type DuePurge, type MailboxTarget } from "../store/purgeRequests.ts";
import { pollingLoop, type Job } from "./pollingLoop.ts";

/** Purges one client's mails; returns how many messages went (the IMAP implementation, or a test's stand-in). */
export type MailboxPurger = (target: MailboxTarget) => Promise<number>;

/** Tries before the admins are told the mails are still there. */
const ALERT_AFTER = 5;
const MAX_DELAY_MS = 6 * 3600_000;

/** The IMAP purger for the configured mailbox, or null when there is none to purge (no IMAP, or MAIL_ERASURE=keep). */
export function mailboxPurgerFor(email: EmailSettings): MailboxPurger | null {
  const { imap, erasure } = email;
  if (!imap || erasure.mode === "keep") return null;
  return async (target) => {
    const { purgeMailbox } = await import("../channels/email/mailboxPurge.ts");
    return purgeMailbox({ imap, target, erasure });
  };
}

export function createPurgeWorker(p: {
  prisma: Prisma;
  purger: MailboxPurger | null;
  /** After a pass that handled an erasure: the database file forgets what was erased (src/store/forgetOnDisk.ts). */
  forgetOnDisk?: () => Promise<void>;
  log: Logger;
  alertAdmins: AlertAdmins;
  clock: () => Date;
  pollMs?: number;
}): Job {
  const { prisma, log } = p;
  async function pass(): Promise<void> {
    const now = p.clock();
    const due = await duePurges(prisma, { now, limit: 10 });
    for (const request of due) await purgeOne(request, now);
    // The erased client's last notice, once delivered, loses its address like their other messages did.
    const scrubbed = await scrubDeliveredErasureNotices(prisma);
    if (due.length > 0 || scrubbed > 0) await p.forgetOnDisk?.();
  }
  async function purgeOne(due: DuePurge, now: Date): Promise<void> {
    const nothingToFind = due.target.addresses.length === 0 && due.target.caseNumbers.length === 0;
    if (!p.purger || nothingToFind) return finishPurge(prisma, due.id);
    try {
      const messages = await p.purger(due.target);
      await finishPurge(prisma, due.id);
      await prisma.$transaction((tx) => recordAudit(tx, { type: "mailbox_purged", at: now, data: { messages, cases: due.target.caseNumbers.length } }));
    } catch (error) {
      const attempts = due.attempts + 1;
      const message = (error as Error).message ?? String(error);
      await postponePurge(prisma, { id: due.id, error: message, now, delayMs: Math.min(MAX_DELAY_MS, 60_000 * 2 ** (attempts - 1)) });
      log.warn({ purgeId: due.id, attempts, err: message }, "purging an erased client's mails failed; will retry");
      if (attempts === ALERT_AFTER) {
        await p.alertAdmins({
          key: `mailbox-purge:${due.id}`,
          text: `An erased client's mails are still in the mailbox: purging them failed ${attempts} times (${message.slice(0, 200)}). It keeps trying.`,
        });
      }
    }
  }
  return pollingLoop({ pass, pollMs: p.pollMs ?? 60_000, onError: (error) => log.error({ err: error.message }, "mailbox purge pass failed; will try again") });
}
