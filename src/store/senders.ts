// Who wrote to us: the person behind a chat handle, and the staff roles they hold.
import type { Tx } from "./database.ts";

export interface StaffRoleHeld {
  orgId: string;
  role: string;
  available: boolean;
}

export interface Sender {
  personId: string;
  identityId: string;
  kind: "client" | "staff";
  displayName: string | null;
  locale: string;
  clientKind: string | null;
  orgId: string | null;
  roles: StaffRoleHeld[];
  /** Kualifikasi Pelaksana held, per organisation (src/store/staffQualifications.ts). */
  qualifications: { orgId: string; id: string }[];
}

/** The person behind (channel, address), or null for someone we have never linked or registered. */
export async function findSender(tx: Tx, channel: string, address: string): Promise<Sender | null> {
  const identity = await tx.channelIdentity.findUnique({
    where: { channel_address: { channel, address } },
    include: { person: { include: { roles: true, qualifications: true } } },
  });
  if (!identity || identity.person.erasedAt) return null;
  const p = identity.person;
  return {
    personId: p.id,
    identityId: identity.id,
    kind: p.kind === "staff" ? "staff" : "client",
    displayName: p.displayName,
    locale: p.locale,
    clientKind: p.clientKind,
    orgId: p.orgId,
    roles: p.roles.map((r) => ({ orgId: r.orgId, role: r.role, available: r.available })),
    qualifications: p.qualifications.map((q) => ({ orgId: q.orgId, id: q.qualification })),
  };
}

/** The roles a person holds in one organisation. */
export async function rolesIn(tx: Tx, personId: string, orgId: string): Promise<string[]> {
  const rows = await tx.staffRole.findMany({ where: { personId, orgId }, select: { role: true } });
  return rows.map((r) => r.role);
}

/**
 * The client person for a chat handle, created on first need (consent, or a crisis message before consent,
 * when reaching the person matters more than the form). Creating it stores only the handle.
 */
export async function ensureClient(tx: Tx, p: { channel: string; address: string; locale: string; orgId?: string }): Promise<string> {
  const existing = await tx.channelIdentity.findUnique({ where: { channel_address: { channel: p.channel, address: p.address } } });
  if (existing) {
    if (existing.blockedAt) await tx.channelIdentity.update({ where: { id: existing.id }, data: { blockedAt: null } });
    return existing.personId;
  }
  const person = await tx.person.create({ data: { kind: "client", locale: p.locale, orgId: p.orgId ?? null } });
  await tx.channelIdentity.create({ data: { personId: person.id, channel: p.channel, address: p.address } });
  return person.id;
}

/** Every handle a person can be reached on (not blocked), oldest first. */
export async function reachableIdentities(tx: Tx, personId: string): Promise<{ id: string; channel: string; address: string }[]> {
  return tx.channelIdentity.findMany({
    where: { personId, blockedAt: null, person: { erasedAt: null } },
    orderBy: { createdAt: "asc" },
    select: { id: true, channel: true, address: true },
  });
}
