// A staff member who leaves (or loses a role, or one chat): what the database holds for them goes at once.
// Roles and chat handles are deleted, their dashboard logins and unused invite codes with them; the cases they
// counselled and the step runs waiting on them are found for the caller to hand to someone else. The person row
// stays (the steps they did still say who did them), so the recap does not change.
import type { Tx } from "./database.ts";

/** A role someone held in one organisation. */
export interface HeldRole {
  orgId: string;
  role: string;
}

/** Deletes the person's roles: all of them, those in one organisation, or one role there; returns what went. */
export async function withdrawRoles(tx: Tx, p: { personId: string; orgId?: string; role?: string }): Promise<HeldRole[]> {
  const where = { personId: p.personId, ...(p.orgId ? { orgId: p.orgId } : {}), ...(p.role ? { role: p.role } : {}) };
  const roles = await tx.staffRole.findMany({ where, select: { orgId: true, role: true }, orderBy: [{ orgId: "asc" }, { role: "asc" }] });
  await tx.staffRole.deleteMany({ where });
  // Qualifications only mean something with a role in the organisation.
  for (const orgId of new Set(roles.map((r) => r.orgId))) {
    if ((await tx.staffRole.count({ where: { personId: p.personId, orgId } })) === 0)
      await tx.staffQualification.deleteMany({ where: { personId: p.personId, orgId } });
  }
  return roles;
}

/** A chat handle that was linked to the person. */
export interface UnlinkedHandle {
  channel: string;
  address: string;
}

/**
 * Unlinks the person's chat handles (every one, those of a channel, or one address) with what the chat held:
 * its conversation state and its numbered menus. Returns the handles unlinked.
 */
export async function unlinkHandles(tx: Tx, p: { personId: string; channel?: string; address?: string }): Promise<UnlinkedHandle[]> {
  const where = { personId: p.personId, ...(p.channel ? { channel: p.channel } : {}), ...(p.address ? { address: p.address } : {}) };
  const handles = await tx.channelIdentity.findMany({ where, select: { channel: true, address: true } });
  for (const h of handles) {
    await tx.dialogState.deleteMany({ where: { channel: h.channel, address: h.address } });
    await tx.chatMenu.deleteMany({ where: { channel: h.channel, address: h.address } });
  }
  await tx.channelIdentity.deleteMany({ where });
  return handles;
}

/** The channels a person is still linked on (none: nothing reaches them any more). */
export async function linkedChannels(tx: Tx, personId: string): Promise<string[]> {
  const rows = await tx.channelIdentity.findMany({ where: { personId }, select: { channel: true }, orderBy: { createdAt: "asc" } });
  return rows.map((r) => r.channel);
}

/** Ends every way in a person had besides a chat: dashboard sessions and login links, invite codes not used yet. */
export async function endStaffAccess(tx: Tx, personId: string): Promise<void> {
  await tx.webSession.deleteMany({ where: { personId } });
  await tx.loginToken.deleteMany({ where: { personId } });
  await tx.inviteCode.deleteMany({ where: { personId, usedAt: null } });
}

/** An open case to give another counsellor. */
export interface CaseToReassign {
  id: string;
  number: number;
  orgId: string;
  flowId: string;
  clientId: string;
  intakeJson: string;
}

/** The person's open cases as counsellor in organisations where they no longer hold the counsellor's role. */
export async function casesLeftWithoutCounsellor(tx: Tx, p: { personId: string; counsellorRole: string }): Promise<CaseToReassign[]> {
  const still = (await tx.staffRole.findMany({ where: { personId: p.personId, role: p.counsellorRole }, select: { orgId: true } })).map((r) => r.orgId);
  return tx.case.findMany({
    where: { counsellorId: p.personId, status: "open", orgId: { notIn: still } },
    select: { id: true, number: true, orgId: true, flowId: true, clientId: true, intakeJson: true },
    orderBy: { number: "asc" },
  });
}

/** Gives the case another counsellor (or none, until one takes it). */
export async function setCaseCounsellor(tx: Tx, p: { caseId: string; counsellorId: string | null }): Promise<void> {
  await tx.case.update({ where: { id: p.caseId }, data: { counsellorId: p.counsellorId } });
}

/** A step run still waiting, with its case. */
export interface WaitingRun {
  id: string;
  stepId: string;
  role: string;
  askedAt: Date;
  deadlineAt: Date;
  case: { id: string; number: number; orgId: string; flowId: string; status: string; clientId: string; counsellorId: string | null; version: number };
}

/** The waiting step runs of open cases: those of these cases, or those of these roles in their organisations. */
export async function waitingRuns(tx: Tx, p: { caseIds?: string[]; roles?: HeldRole[] }): Promise<WaitingRun[]> {
  const or = [...(p.caseIds?.length ? [{ caseId: { in: p.caseIds } }] : []), ...(p.roles ?? []).map((r) => ({ role: r.role, case: { orgId: r.orgId } }))];
  if (or.length === 0) return [];
  return tx.stepRun.findMany({
    where: { actedAt: null, case: { status: "open" }, OR: or },
    select: {
      id: true,
      stepId: true,
      role: true,
      askedAt: true,
      deadlineAt: true,
      case: { select: { id: true, number: true, orgId: true, flowId: true, status: true, clientId: true, counsellorId: true, version: true } },
    },
    orderBy: { askedAt: "asc" },
  });
}

/** What the actor before a waiting step wrote (a reason for sending back, a disposisi): its task shows it again. */
export async function noteBefore(tx: Tx, p: { caseId: string; askedAt: Date }): Promise<string | undefined> {
  const run = await tx.stepRun.findFirst({
    where: { caseId: p.caseId, actedAt: { not: null, lte: p.askedAt } },
    orderBy: { actedAt: "desc" },
    select: { note: true },
  });
  return run?.note ?? undefined;
}

/**
 * The sessions of a case a departing counsellor was to hold: those still ahead are cancelled (the scheduler deletes
 * their calendar events and tells the client), and offers of times move to the new counsellor, found afresh in their
 * calendar (withdrawn when there is none). Returns how many sessions were cancelled.
 */
export async function releaseSessions(tx: Tx, p: { caseId: string; from: string; to: string | null; at: Date }): Promise<number> {
  const cancelled = await tx.appointment.updateMany({
    where: { caseId: p.caseId, counsellorId: p.from, status: "booked", startsAt: { gt: p.at } },
    data: { status: "cancelling:counsellor", updatedAt: p.at },
  });
  const open = { caseId: p.caseId, counsellorId: p.from, status: { in: ["pending", "offered", "booking"] } };
  if (p.to) {
    await tx.sessionOffer.updateMany({
      where: { ...open, appointmentId: null },
      data: { counsellorId: p.to, status: "pending", page: 0, chosen: null, slotsJson: "[]", nextAttemptAt: p.at },
    });
    // An offer to move a cancelled session has nothing left to move: a new session is offered instead.
    await tx.sessionOffer.updateMany({ where: open, data: { status: "withdrawn" } });
    if (cancelled.count > 0) {
      await tx.sessionOffer.create({
        data: { caseId: p.caseId, counsellorId: p.to, status: "pending", requestedBy: "counsellor", nextAttemptAt: p.at, createdAt: p.at },
      });
    }
  } else {
    await tx.sessionOffer.updateMany({ where: open, data: { status: "withdrawn" } });
  }
  return cancelled.count;
}
