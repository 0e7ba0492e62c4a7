// Who wrote to us on which channel. WhatsApp may only write to people who wrote first (or linked staff):
// an unofficial number that writes to strangers gets banned.
import type { Prisma, Tx } from "./database.ts";

/** Records that `address` wrote to us now. */
export async function recordContact(tx: Tx, p: { channel: string; address: string; at: Date }): Promise<void> {
  await tx.channelContact.upsert({
    where: { channel_address: { channel: p.channel, address: p.address } },
    create: { channel: p.channel, address: p.address, firstInboundAt: p.at, lastInboundAt: p.at },
    update: { lastInboundAt: p.at },
  });
}

/** Whether we may write to `address` first-hand: it wrote to us, or it is a linked staff member's handle. */
export async function mayWriteTo(prisma: Prisma, channel: string, address: string): Promise<boolean> {
  const contact = await prisma.channelContact.findUnique({ where: { channel_address: { channel, address } }, select: { channel: true } });
  if (contact) return true;
  const identity = await prisma.channelIdentity.findUnique({
    where: { channel_address: { channel, address } },
    select: { blockedAt: true, person: { select: { kind: true, erasedAt: true } } },
  });
  return Boolean(identity && !identity.blockedAt && identity.person.kind === "staff" && !identity.person.erasedAt);
}
