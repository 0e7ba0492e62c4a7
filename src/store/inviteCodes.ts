// One-time invite codes: an admin creates a staff person with a role and gets a code; the staff member
// sends it to a bot to link their chat account. Only a hash of the code is stored.
import { createHash, randomBytes } from "node:crypto";
import type { Prisma, Tx } from "./database.ts";
import { grantQualification } from "./staffQualifications.ts";

/** Readable, unambiguous alphabet (no 0/O, 1/I/L). 10 characters ≈ 50 bits. */
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const CODE_LENGTH = 10;

function newCode(): string {
  const bytes = randomBytes(CODE_LENGTH);
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join("");
}

/** Normalises what a person typed (case, spaces, dashes) before hashing. */
export function hashInviteCode(code: string): string {
  return createHash("sha256").update(code.toUpperCase().replace(/[\s-]/g, "")).digest("hex");
}

export interface IssuedInvite {
  code: string;
  personId: string;
  expiresAt: Date;
}

/** Creates the staff person (or reuses one) with the role, and a one-time code for linking. */
export async function issueInvite(
  prisma: Prisma,
  p: { orgId: string; role: string; name: string; ttlHours: number; now: Date; personId?: string; qualifications?: readonly string[] },
): Promise<IssuedInvite> {
  const code = newCode();
  const expiresAt = new Date(p.now.getTime() + p.ttlHours * 3600_000);
  const personId = await prisma.$transaction(async (tx) => {
    const org = await tx.organisation.findUnique({ where: { id: p.orgId } });
    if (!org) throw new Error(`Unknown organisation "${p.orgId}"; see: npm run cli -- org list`);
    const person = p.personId
      ? await tx.person.findUniqueOrThrow({ where: { id: p.personId } })
      : await tx.person.create({ data: { kind: "staff", displayName: p.name } });
    await tx.staffRole.upsert({
      where: { personId_orgId_role: { personId: person.id, orgId: p.orgId, role: p.role } },
      create: { personId: person.id, orgId: p.orgId, role: p.role },
      update: {},
    });
    await tx.inviteCode.create({ data: { codeHash: hashInviteCode(code), orgId: p.orgId, role: p.role, personId: person.id, expiresAt } });
    await tx.auditEvent.create({
      data: { type: "invite_issued", actorId: null, dataJson: JSON.stringify({ orgId: p.orgId, role: p.role, personId: person.id }) },
    });
    // Kualifikasi Pelaksana recorded with the person (ids the caller checked against the organisation's list).
    for (const qualification of p.qualifications ?? []) {
      if (await grantQualification(tx, { personId: person.id, orgId: p.orgId, qualification, at: p.now })) {
        await tx.auditEvent.create({
          data: { type: "qualification_granted", at: p.now, dataJson: JSON.stringify({ personId: person.id, orgId: p.orgId, qualification }) },
        });
      }
    }
    return person.id;
  });
  return { code, personId, expiresAt };
}

export type RedeemResult =
  | { ok: true; personId: string; orgId: string; role: string }
  /** One reason for every failure, so a guesser learns nothing; the real reason is audited. */
  | { ok: false };

/**
 * Links a chat identity to the invited staff person. Wrong, used, expired and other-organisation
 * codes are all refused the same way.
 */
export async function redeemInvite(prisma: Prisma, p: { code: string; channel: string; address: string; now: Date; orgId?: string }): Promise<RedeemResult> {
  return prisma.$transaction((tx) => redeemInviteInTx(tx, p));
}

/** redeemInvite inside the caller's transaction (the chat handler's); by the code typed, or by an invite already looked up. */
export async function redeemInviteInTx(
  tx: Tx,
  p: ({ code: string; inviteId?: undefined } | { inviteId: string; code?: undefined }) & { channel: string; address: string; now: Date; orgId?: string },
): Promise<RedeemResult> {
  {
    const invite = p.inviteId
      ? await tx.inviteCode.findUnique({ where: { id: p.inviteId } })
      : await tx.inviteCode.findUnique({ where: { codeHash: hashInviteCode(p.code ?? "") } });
    const why = !invite
      ? "unknown"
      : invite.usedAt
        ? "used"
        : invite.expiresAt.getTime() <= p.now.getTime()
          ? "expired"
          : p.orgId && invite.orgId !== p.orgId
            ? "other_organisation"
            : null;
    if (why || !invite) {
      await tx.auditEvent.create({ data: { type: "invite_refused", dataJson: JSON.stringify({ why, channel: p.channel }) } });
      return { ok: false };
    }
    // Single use even under a race: only the first update of an unused code counts.
    const claimed = await tx.inviteCode.updateMany({
      where: { id: invite.id, usedAt: null },
      data: { usedAt: p.now, usedBy: `${p.channel}:${p.address}` },
    });
    if (claimed.count !== 1) return { ok: false };
    const existing = await tx.channelIdentity.findUnique({ where: { channel_address: { channel: p.channel, address: p.address } } });
    if (existing) {
      await tx.channelIdentity.update({ where: { id: existing.id }, data: { personId: invite.personId, blockedAt: null } });
    } else {
      await tx.channelIdentity.create({ data: { personId: invite.personId, channel: p.channel, address: p.address } });
    }
    await tx.auditEvent.create({
      data: { type: "invite_redeemed", actorId: invite.personId, dataJson: JSON.stringify({ orgId: invite.orgId, role: invite.role, channel: p.channel }) },
    });
    return { ok: true, personId: invite.personId, orgId: invite.orgId, role: invite.role };
  }
}

/** An invite that can still be used: who it links, with which role in which organisation. */
export interface UsableInvite {
  id: string;
  role: string;
  orgId: string;
  personId: string;
}

function usableAt(
  invite: { id: string; role: string; orgId: string; personId: string; usedAt: Date | null; expiresAt: Date } | null,
  now: Date,
): UsableInvite | null {
  if (!invite || invite.usedAt || invite.expiresAt.getTime() <= now.getTime()) return null;
  return { id: invite.id, role: invite.role, orgId: invite.orgId, personId: invite.personId };
}

/** A usable invite behind a code (unused, unexpired), without using it: to know whether it links staff or a client. */
export async function peekInvite(tx: Tx, p: { code: string; now: Date }): Promise<UsableInvite | null> {
  if (p.code.length > 64) return null;
  return usableAt(await tx.inviteCode.findUnique({ where: { codeHash: hashInviteCode(p.code) } }), p.now);
}

/** peekInvite for an invite already looked up (a client's link code, remembered while they are asked to consent). */
export async function peekInviteById(tx: Tx, p: { inviteId: string; now: Date }): Promise<UsableInvite | null> {
  return usableAt(await tx.inviteCode.findUnique({ where: { id: p.inviteId } }), p.now);
}

/** The role of a client link code: a walk-in client registered by staff links their chat with it. */
export const CLIENT_LINK_ROLE = "klien";

/** A one-time code a walk-in client sends to the bot to follow their case in chat (only its hash is stored). */
export async function issueClientLinkInTx(
  tx: Tx,
  p: { orgId: string; personId: string; ttlHours: number; now: Date },
): Promise<{ code: string; expiresAt: Date }> {
  const code = newCode();
  const expiresAt = new Date(p.now.getTime() + p.ttlHours * 3600_000);
  await tx.inviteCode.create({ data: { codeHash: hashInviteCode(code), orgId: p.orgId, role: CLIENT_LINK_ROLE, personId: p.personId, expiresAt } });
  await tx.auditEvent.create({ data: { type: "client_link_issued", dataJson: JSON.stringify({ orgId: p.orgId, personId: p.personId }) } });
  return { code, expiresAt };
}
