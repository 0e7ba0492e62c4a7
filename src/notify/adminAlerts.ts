// Operational alerts for whoever runs the service (ADMIN_CONTACTS): WhatsApp logged out, a message that
// could not be delivered or handled, a flooding sender, a calendar credential revoked. Always logged; also queued
// to each admin contact (urgent: ahead of anything else waiting for that chat), at most once per `key` (so a
// flapping problem does not flood anyone).
import type { Logger } from "../logger.ts";
import type { Prisma } from "../store/database.ts";
import { isQueued, queueMessage } from "../store/outbox/index.ts";
import { textMessage } from "./outboundMessage.ts";

export interface AdminContact {
  channel: string;
  address: string;
}

export type AlertAdmins = (alert: { key: string; text: string }) => Promise<void>;

/** An alerter for these contacts; `key` makes an alert once-only (add a date to it to repeat daily). */
export function createAdminAlerts(p: { prisma: Prisma; contacts: AdminContact[]; log: Logger; onQueued?: () => void }): AlertAdmins {
  return async ({ key, text }) => {
    p.log.error({ alert: key }, text);
    if (p.contacts.length === 0) return;
    try {
      await p.prisma.$transaction(async (tx) => {
        for (const contact of p.contacts) {
          const dedupeKey = `admin:${key}:${contact.channel}:${contact.address}`;
          if (await isQueued(tx, dedupeKey)) continue;
          await queueMessage(tx, {
            channel: contact.channel,
            address: contact.address,
            dedupeKey,
            urgent: true,
            message: textMessage(`[Pintu Konseling] ${text}`),
          });
        }
        await tx.auditEvent.create({ data: { type: "admin_alert", dataJson: JSON.stringify({ key }) } });
      });
      p.onQueued?.();
    } catch (error) {
      p.log.error({ err: (error as Error).message, alert: key }, "could not queue the admin alert");
    }
  };
}
