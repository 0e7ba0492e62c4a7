// Staff who leave are out, at once: `staff remove <id>` (every role, or one with --org/--role) and `staff unlink
// <id> --channel <c>` (one chat). In the same transaction as the roles or the handle going: a counsellor's open
// cases go to another counsellor by the routing rules (the client is told, without names; the new counsellor gets
// the case card and the waiting step's task), the waiting steps of a withdrawn role reach the role's other holders,
// and what was queued for the person is withdrawn, so nothing more reaches their chats. Permission checks read
// current roles (src/core/policy.ts), so a late press of an old button is refused.
import type { App } from "../app/openApp.ts";
import { rolesThatMayAct } from "../core/advanceCase.ts";
import type { CaseSnapshot, Effect } from "../core/caseTypes.ts";
import { summaryLines } from "../dialogs/intake/intakeDialog.ts";
import type { ClientKind, FieldId } from "../dialogs/intake/intakeFields.ts";
import { CLIENT_ROLE, type FlowContext } from "../flows/flowSchema.ts";
import { counsellorRequirements } from "../flows/qualifications.ts";
import { staffChangeTextsFor } from "../i18n/staffChanges.ts";
import { textMessage } from "../notify/outboundMessage.ts";
import { recordAudit } from "../store/auditTrail.ts";
import { renderFor } from "../store/cases/stepMessages.ts";
import { COUNSELLOR_ROLE, pickCounsellor } from "../store/counsellorRouting.ts";
import type { Tx } from "../store/database.ts";
import { chatsWithTask, withdrawQueuedFor } from "../store/outbox/departedRecipients.ts";
import { queueMessage, queueToPerson } from "../store/outbox/index.ts";
import { personLocale } from "../store/people.ts";
import { recipientsForStepRole } from "../store/qualifiedRecipients.ts";
import {
  casesLeftWithoutCounsellor,
  endStaffAccess,
  linkedChannels,
  noteBefore,
  releaseSessions,
  setCaseCounsellor,
  unlinkHandles,
  waitingRuns,
  withdrawRoles,
  type CaseToReassign,
  type HeldRole,
  type WaitingRun,
} from "../store/staffDeparture.ts";
import { staffPerson } from "./staffPerson.ts";

/** Where one of the departing counsellor's cases went. */
export interface Reassignment {
  caseNo: number;
  /** The new counsellor, or null when nobody was available (the unit's counsellors see the case in /kasus). */
  to: string | null;
  toName: string | null;
}

/** What a removal did, for the command's answer and for tests. */
export interface RemovalReport {
  name: string;
  roles: HeldRole[];
  /** They hold no role any more: out entirely. */
  left: boolean;
  unlinked: string[];
  reassigned: Reassignment[];
  /** Tasks of waiting steps sent to people who did not have them yet. */
  tasksSent: number;
  withdrawn: number;
}

interface Intake {
  kind?: ClientKind;
  answers?: Partial<Record<FieldId, string | null>>;
  keluhan?: string;
}

/** The waiting step's task again, for those who may act on it now and have no copy yet; returns how many were queued. */
async function sendTaskToCurrentHolders(tx: Tx, ctx: FlowContext, run: WaitingRun, at: Date): Promise<number> {
  const step = ctx.flow.step(run.stepId);
  if (!step || run.role === CLIENT_ROLE) return 0;
  const c = run.case;
  const snapshot: CaseSnapshot = { ...c, status: "open", openRun: { stepId: run.stepId, askedAt: run.askedAt, deadlineAt: run.deadlineAt } };
  const effect: Effect = {
    kind: "notify_role",
    role: run.role,
    stepId: run.stepId,
    outcomes: ctx.flow.outcomes(step),
    deadlineAt: run.deadlineAt,
    note: await noteBefore(tx, { caseId: c.id, askedAt: run.askedAt }),
  };
  const have = await chatsWithTask(tx, run.id);
  let sent = 0;
  for (const role of rolesThatMayAct(step)) {
    for (const r of await recipientsForStepRole(tx, { orgId: c.orgId, role, clientId: c.clientId, counsellorId: c.counsellorId, step })) {
      const chat = `${r.channel}\u0000${r.address}`;
      if (have.has(chat)) continue;
      have.add(chat);
      const message = renderFor(ctx, snapshot, effect, r, run.id);
      if (!message) continue;
      await queueMessage(tx, { channel: r.channel, address: r.address, personId: r.personId, caseId: c.id, stepRunId: run.id, message });
      sent++;
    }
  }
  if (sent === 0 && have.size === 0) await recordAudit(tx, { type: "no_recipient", at, caseId: c.id, data: { role: run.role, effect: "staff_departure" } });
  return sent;
}

/** Gives one case of a departing counsellor to the next by the routing rules, and tells the client and the new counsellor. */
async function reassign(tx: Tx, app: App, p: { c: CaseToReassign; from: string; at: Date }): Promise<Reassignment> {
  const { c, at } = p;
  // The routing rules of a new case: available, reachable, qualified for the flow's counsellor steps where one is.
  const flow = app.flows.flows.get(c.flowId);
  const to = await pickCounsellor(tx, { orgId: c.orgId, clientId: c.clientId, qualifiedFor: flow ? counsellorRequirements(flow) : [] });
  await setCaseCounsellor(tx, { caseId: c.id, counsellorId: to });
  const sessions = await releaseSessions(tx, { caseId: c.id, from: p.from, to, at });
  await recordAudit(tx, {
    type: "counsellor_reassigned",
    at,
    caseId: c.id,
    data: { from: p.from, to, reason: "staff_departure", sessionsCancelled: sessions },
  });
  if (!to) await recordAudit(tx, { type: "no_counsellor_available", at, caseId: c.id, data: { orgId: c.orgId } });
  const tc = staffChangeTextsFor(await personLocale(tx, c.clientId));
  await queueToPerson(tx, {
    personId: c.clientId,
    caseId: c.id,
    message: textMessage(to ? tc.clientCounsellorChanged({ caseNo: c.number }) : tc.clientCounsellorPending({ caseNo: c.number }), { caseNo: c.number }),
  });
  let toName: string | null = null;
  if (to) {
    const person = await tx.person.findUniqueOrThrow({ where: { id: to }, select: { displayName: true, locale: true } });
    toName = person.displayName;
    const locale = person.locale === "en" ? "en" : "id";
    const intake = JSON.parse(c.intakeJson || "{}") as Intake;
    const t = staffChangeTextsFor(locale);
    const card = t.handedOver({
      caseNo: c.number,
      flowTitle: (locale === "en" ? flow?.title_en : undefined) ?? flow?.title ?? c.flowId,
      lines: summaryLines({ kind: intake.kind, answers: intake.answers ?? {}, locale }),
      keluhan: intake.keluhan ?? "-",
    });
    await queueToPerson(tx, { personId: to, caseId: c.id, message: textMessage(card, { caseNo: c.number }) });
  }
  return { caseNo: c.number, to, toName };
}

/**
 * Withdraws roles from a staff member (all of them, or those in `org`, or `role` there). With no role left they are
 * out entirely: their chats are unlinked and their dashboard logins and unused codes deleted.
 */
export async function removeStaff(app: App, p: { person: string; org?: string; role?: string; now: Date }): Promise<RemovalReport> {
  const person = await staffPerson(app, p.person);
  const name = person.displayName ?? person.id;
  return app.db.prisma.$transaction(async (tx) => {
    const roles = await withdrawRoles(tx, { personId: person.id, orgId: p.org, role: p.role });
    if (roles.length === 0) {
      const held = await tx.staffRole.findMany({ where: { personId: person.id }, select: { orgId: true, role: true } });
      throw new Error(`${name} holds no such role; holds: ${held.map((r) => `${r.role} in ${r.orgId}`).join(", ") || "none"}`);
    }
    const leaving = (await tx.staffRole.count({ where: { personId: person.id } })) === 0;
    const unlinked = leaving ? await unlinkHandles(tx, { personId: person.id }) : [];
    if (leaving) await endStaffAccess(tx, person.id);

    const cases = await casesLeftWithoutCounsellor(tx, { personId: person.id, counsellorRole: COUNSELLOR_ROLE });
    const reassigned: Reassignment[] = [];
    for (const c of cases) reassigned.push(await reassign(tx, app, { c, from: person.id, at: p.now }));
    const runs = await waitingRuns(tx, { caseIds: cases.map((c) => c.id), roles });
    let withdrawn = await withdrawQueuedFor(tx, {
      personId: person.id,
      ...(leaving ? {} : { only: { caseIds: cases.map((c) => c.id), stepRunIds: runs.map((r) => r.id) } }),
    });
    // Whatever else waits for the chats they had (a row queued without their person id) goes too.
    for (const chat of unlinked) withdrawn += await withdrawQueuedFor(tx, { personId: person.id, chat });
    let tasksSent = 0;
    for (const run of runs) {
      let ctx: FlowContext;
      try {
        ctx = app.flowContext(run.case.flowId);
      } catch {
        continue; // a flow no longer loaded: its cases cannot move anyway
      }
      tasksSent += await sendTaskToCurrentHolders(tx, ctx, run, p.now);
    }
    await recordAudit(tx, {
      type: leaving ? "staff_removed" : "staff_role_withdrawn",
      at: p.now,
      data: { personId: person.id, roles, unlinked: unlinked.map((h) => h.channel), casesReassigned: reassigned.length, tasksSent, withdrawn },
    });
    return { name, roles, left: leaving, unlinked: unlinked.map((h) => h.channel), reassigned, tasksSent, withdrawn };
  });
}

/** Unlinks one chat of a staff member (a channel, or one address on it); nothing more is sent there. */
export async function unlinkStaffChat(
  app: App,
  p: { person: string; channel: string; address?: string; now: Date },
): Promise<{ name: string; unlinked: number; remaining: string[] }> {
  const person = await staffPerson(app, p.person);
  const name = person.displayName ?? person.id;
  return app.db.prisma.$transaction(async (tx) => {
    const handles = await unlinkHandles(tx, { personId: person.id, channel: p.channel, address: p.address });
    if (handles.length === 0) {
      const linked = await linkedChannels(tx, person.id);
      throw new Error(`${name} has no ${p.channel} chat${p.address ? ` at that address` : ""} linked; linked: ${linked.join(", ") || "none"}`);
    }
    for (const chat of handles) await withdrawQueuedFor(tx, { personId: person.id, chat });
    await recordAudit(tx, { type: "staff_chat_unlinked", at: p.now, data: { personId: person.id, channel: p.channel, handles: handles.length } });
    return { name, unlinked: handles.length, remaining: await linkedChannels(tx, person.id) };
  });
}

/** The command's answer for a removal. */
export function describeRemoval(r: RemovalReport): string {
  const lines = [`Removed ${r.name}: ${r.roles.map((x) => `${x.role} in ${x.orgId}`).join(", ")}.`];
  if (r.left)
    lines.push(`They hold no role any more: chats unlinked (${r.unlinked.join(", ") || "none was linked"}), dashboard logins and unused invite codes deleted.`);
  for (const c of r.reassigned) {
    lines.push(
      c.to
        ? `Case #${c.caseNo} now goes to ${c.toName ?? c.to.slice(-8)}; the client was told their counsellor changed.`
        : `Case #${c.caseNo}: no counsellor available; the client was told, and the unit's counsellors see it in /kasus.`,
    );
  }
  if (r.tasksSent) lines.push(`Waiting steps sent to the role's other holders: ${r.tasksSent} task message(s).`);
  if (r.withdrawn) lines.push(`Messages queued for them and not sent yet: ${r.withdrawn} withdrawn.`);
  return lines.join("\n");
}

/** The command's answer for an unlinked chat. */
export function describeUnlink(p: { name: string; channel: string; unlinked: number; remaining: string[] }): string {
  const head = `Unlinked ${p.unlinked} ${p.channel} chat(s) of ${p.name}; nothing more is sent there.`;
  return p.remaining.length
    ? `${head}\nStill linked: ${p.remaining.join(", ")}.`
    : `${head}\n${p.name} is now linked on no chat and can no longer be reached; their cases stay theirs until you run: npm run cli -- staff remove <id>`;
}
