// Runs one turn of an intake (self-registration, a staff member registering a walk-in, or a client linking
// to a case staff registered) and carries out what it produced: consent records, the case, the hand-off to
// the counsellor, the link code for a walk-in client.
import { formatDuration, parseDuration } from "../core/duration.ts";
import { formatLocal } from "../core/workingTime.ts";
import { CLIENT_ROLE, type Flow } from "../flows/flowSchema.ts";
import { counsellorRequirements } from "../flows/qualifications.ts";
import { registrationStepsOf } from "../flows/registrationSteps.ts";
import { messagesFor, type Locale } from "../i18n/index.ts";
import { textMessage } from "../notify/outboundMessage.ts";
import { applyCaseEventInTx, openCaseInTx, withdrawUnsentTasks } from "../store/caseRepository.ts";
import { pickCounsellor } from "../store/counsellorRouting.ts";
import { endDialog, saveDialog, type StoredDialog } from "./savedDialogs.ts";
import { issueClientLinkInTx, peekInviteById, redeemInviteInTx } from "../store/inviteCodes.ts";
import { queueToPerson } from "../store/outbox/index.ts";
import { requestDocument } from "../store/documentRequests.ts";
import { ensureClient } from "../store/senders.ts";
import { recordAudit } from "../store/auditTrail.ts";
import { currentStepRun } from "../store/cases/stepRuns.ts";
import { findOpenCaseOfClient } from "../store/cases/clientCases.ts";
import { findOrCreateWalkInClient, placeClient, recordClientRegistration, type LookupHashes } from "../store/clients/clientRecords.ts";
import { recordClientConsent, recordConsentRefused } from "../store/clients/consents.ts";
import { nameAndLocaleOf, personLocale, setPersonLocale } from "../store/people.ts";
import { lookupHash, type LookupKind } from "../privacy/index.ts";
import { reply, type Turn } from "./dialogContext.ts";
import { stepIntake, summaryLines, type IntakeEvent, type IntakeInput, type IntakeState } from "./intake/intakeDialog.ts";

/** Version of the consent text in src/i18n (bump when its meaning changes; stored with each consent). */
export const CONSENT_TEXT_VERSION = "2026-12-30";

function audit(turn: Turn, type: string, data: Record<string, unknown>, p: { actorId?: string | null; caseId?: string | null } = {}) {
  return recordAudit(turn.tx, { type, at: turn.now, data, ...p });
}

/** Applies one input to the chat's intake, stores (or ends) it, sends its replies, and acts on its event. */
export async function runIntake(turn: Turn, stored: StoredDialog<IntakeState>, input: IntakeInput): Promise<void> {
  const step = stepIntake(stored.state, input, { hotline: turn.deps.settings.crisisHotline });
  if (step.state) await saveDialog(turn.tx, { channel: turn.msg.channel, address: turn.msg.address, dialog: "intake", state: step.state, previous: stored });
  else await endDialog(turn.tx, turn.msg.channel, turn.msg.address);
  for (const message of step.replies) await reply(turn, message);
  if (step.event) await onIntakeEvent(turn, stored.state, step.event);
}

function recordConsent(turn: Turn, personId: string, orgId: string): Promise<void> {
  return recordClientConsent(turn.tx, { personId, orgId, channel: turn.msg.channel, textVersion: CONSENT_TEXT_VERSION, at: turn.now });
}

async function onIntakeEvent(turn: Turn, state: IntakeState, event: IntakeEvent): Promise<void> {
  switch (event.type) {
    case "consent_given": {
      if (state.mode === "link") return linkClient(turn, state);
      const personId = await ensureClient(turn.tx, { channel: turn.msg.channel, address: turn.msg.address, locale: state.locale, orgId: state.orgId });
      await placeClient(turn.tx, personId, { orgId: state.orgId, locale: state.locale });
      return recordConsent(turn, personId, state.orgId);
    }
    case "consent_refused":
      return recordConsentRefused(turn.tx, { channel: turn.msg.channel, orgId: state.orgId, textVersion: CONSENT_TEXT_VERSION, at: turn.now });
    case "cancelled":
      return audit(turn, "intake_cancelled", { channel: turn.msg.channel, orgId: state.orgId, mode: state.mode ?? "self" }, { actorId: turn.sender?.personId });
    case "submitted":
      return state.mode === "staff" ? openWalkInCase(turn, state, event) : openSelfRegisteredCase(turn, state, event);
  }
}

type Submitted = Extract<IntakeEvent, { type: "submitted" }>;

/** Keyed hashes of the identifiers in the answers, for finding the person again without reading them. */
function lookupHashesOf(turn: Turn, answers: Submitted["answers"]): LookupHashes {
  const hash = (kind: LookupKind, value: string | null | undefined) => {
    if (!value) return null;
    try {
      return lookupHash(turn.deps.hashKey, kind, value);
    } catch {
      return null;
    }
  };
  return {
    nppHash: hash("npp", answers.npp),
    nipHash: hash("nip", answers.nip),
    phoneHash: hash("phone", answers.telepon),
    emailHash: hash("email", answers.email),
  };
}

/** Opens the case, completes a first step that the registration itself is, and hands it to the counsellor. */
async function openFromIntake(turn: Turn, p: { flow: Flow; clientId: string; event: Submitted; locale: Locale; registeredBy?: string }) {
  const { flow, event } = p;
  const ctx = turn.deps.flowContext(flow.id);
  const counsellorId = await pickCounsellor(turn.tx, { orgId: flow.organisation, clientId: p.clientId, qualifiedFor: counsellorRequirements(flow) });
  const intakeJson = JSON.stringify({
    kind: event.kind,
    answers: event.answers,
    keluhan: event.keluhan,
    channel: turn.msg.channel,
    consentVersion: CONSENT_TEXT_VERSION,
    registeredBy: p.registeredBy,
  });
  const opened = await openCaseInTx(turn.tx, ctx, { clientId: p.clientId, counsellorId, intakeJson, at: turn.now }, { quietClient: true });
  // What the registration itself is: a client's own first step when they registered themselves; for a walk-in the
  // steps the flow marks as the arrival and the registration (src/flows/registrationSteps.ts), in order.
  const first = flow.steps[0]!;
  if (!p.registeredBy) {
    if (first.role === CLIENT_ROLE) {
      await applyCaseEventInTx(
        turn.tx,
        ctx,
        opened.id,
        { type: "step_done", stepId: first.id, outcome: "done", actor: { personId: p.clientId, roles: [] }, at: turn.now },
        { quietClient: true },
      );
    }
  } else {
    await recordRegistrationSteps(turn, { flow, caseId: opened.id, clientId: p.clientId, registeredBy: p.registeredBy });
  }
  // The registration form (IPDN's Formulir Pendaftaran Konseling, PUSPAGA's Form Registrasi: the flow says which),
  // archived on the case and sent to the counsellor: it is the input of their intake and it holds the complaint,
  // which nobody else reads.
  await requestDocument(turn.tx, {
    caseId: opened.id,
    createdBy: p.registeredBy ?? p.clientId,
    at: turn.now,
    spec: { kind: flow.registration_document, toRoles: [], toPersonIds: counsellorId ? [counsellorId] : [] },
  });
  await audit(
    turn,
    "intake_submitted",
    { flowId: flow.id, kind: event.kind, counsellorAssigned: Boolean(counsellorId), byStaff: Boolean(p.registeredBy) },
    { actorId: p.registeredBy ?? p.clientId, caseId: opened.id },
  );

  if (counsellorId) {
    const cl: Locale = (await personLocale(turn.tx, counsellorId)) === "en" ? "en" : "id";
    const tc = messagesFor(cl);
    await queueToPerson(turn.tx, {
      personId: counsellorId,
      caseId: opened.id,
      message: textMessage(
        tc.relay.caseCard({
          caseNo: opened.number,
          flowTitle: (cl === "en" ? flow.title_en : undefined) ?? flow.title,
          lines: summaryLines({ kind: event.kind, answers: event.answers, locale: cl }),
          keluhan: event.keluhan,
        }),
        { caseNo: opened.number },
      ),
    });
  } else {
    await audit(turn, "no_counsellor_available", { orgId: flow.organisation }, { caseId: opened.id });
  }
  return { opened, ctx };
}

/**
 * A walk-in registration records the steps it is, in order: the client's arrival in the client's name (they came;
 * staff wrote it down), the staff's recording in the registrar's. It stops at a staff step the registrar does not
 * hold (a konselor registering on a staf step), which then waits for the staf with the data already there.
 */
async function recordRegistrationSteps(turn: Turn, p: { flow: Flow; caseId: string; clientId: string; registeredBy: string }): Promise<void> {
  const ctx = turn.deps.flowContext(p.flow.id);
  const registrarRoles = (turn.sender?.roles ?? []).filter((r) => r.orgId === p.flow.organisation).map((r) => r.role);
  for (const step of registrationStepsOf(p.flow.steps)) {
    const byClient = step.role === CLIENT_ROLE;
    if (!byClient && !registrarRoles.includes(step.role)) return;
    const actor = byClient ? { personId: p.clientId, roles: [] } : { personId: p.registeredBy, roles: registrarRoles };
    const done = await applyCaseEventInTx(
      turn.tx,
      ctx,
      p.caseId,
      { type: "step_done", stepId: step.id, outcome: "done", actor, at: turn.now },
      { quietClient: true },
    );
    if (!done.ok) return;
    // Nobody needs a button for work the registration already did.
    await withdrawUnsentTasks(turn.tx, p.caseId, step.id);
  }
}

/** What happens next on a case, for the person told about it. */
export async function nextStepText(turn: Turn, caseId: string, flowId: string, locale: Locale) {
  const ctx = turn.deps.flowContext(flowId);
  const run = await currentStepRun(turn.tx, caseId);
  const step = ctx.flow.steps.find((s) => s.id === run?.stepId);
  const role = ctx.organisation.roles.find((r) => r.id === step?.role);
  return {
    activity: (locale === "en" ? step?.activity_en : undefined) ?? step?.activity ?? "",
    role: (locale === "en" ? role?.label_en : undefined) ?? role?.label ?? step?.role ?? "",
    standard: step ? formatDuration(parseDuration(step.time)!, locale) : "",
    deadline: run ? formatLocal(run.deadlineAt, ctx.organisation.calendar, locale) : "",
  };
}

/** Opens the case a finished self-registration describes (chat or form). */
export async function submitIntake(turn: Turn, state: IntakeState, event: Submitted): Promise<void> {
  return openSelfRegisteredCase(turn, state, event);
}

async function openSelfRegisteredCase(turn: Turn, state: IntakeState, event: Submitted): Promise<void> {
  const t = messagesFor(state.locale);
  const flow = [...turn.deps.flows.flows.values()].find((f) => f.organisation === state.orgId && f.clients.includes(event.kind));
  if (!flow) return reply(turn, textMessage(t.intake.noFlow));
  const clientId = await ensureClient(turn.tx, { channel: turn.msg.channel, address: turn.msg.address, locale: state.locale, orgId: state.orgId });
  await recordClientRegistration(turn.tx, clientId, {
    clientKind: event.kind,
    orgId: state.orgId,
    displayName: event.answers.nama ?? null,
    locale: state.locale,
    hashes: lookupHashesOf(turn, event.answers),
  });
  const { opened } = await openFromIntake(turn, { flow, clientId, event, locale: state.locale });
  const next = await nextStepText(turn, opened.id, flow.id, state.locale);
  await reply(turn, textMessage(t.intake.opened({ caseNo: opened.number, ...next }), { caseNo: opened.number }));
}

/** A staff member registered a walk-in client: the case opens, and the staff member gets a code for the client's chat. */
async function openWalkInCase(turn: Turn, state: IntakeState, event: Submitted): Promise<void> {
  const t = messagesFor(state.locale);
  const flow = state.flowId ? turn.deps.flows.flows.get(state.flowId) : undefined;
  if (!flow || !turn.sender) return reply(turn, textMessage(t.intake.noFlow));
  // A praja or pegawai the unit has seen before (same NPP/NIP) keeps one record, and so their counsellor.
  const clientId = await findOrCreateWalkInClient(turn.tx, {
    orgId: flow.organisation,
    clientKind: event.kind,
    displayName: event.answers.nama ?? null,
    hashes: lookupHashesOf(turn, event.answers),
  });
  const { opened } = await openFromIntake(turn, { flow, clientId, event, locale: state.locale, registeredBy: turn.sender.personId });
  const link = await issueClientLinkInTx(turn.tx, {
    orgId: flow.organisation,
    personId: clientId,
    ttlHours: turn.deps.settings.inviteCodeTtlHours,
    now: turn.now,
  });
  const next = await nextStepText(turn, opened.id, flow.id, state.locale);
  await reply(
    turn,
    textMessage(
      t.staff.walkInOpened({
        caseNo: opened.number,
        flowTitle: (state.locale === "en" ? flow.title_en : undefined) ?? flow.title,
        code: link.code,
        hours: turn.deps.settings.inviteCodeTtlHours,
        next: next.activity,
      }),
      { caseNo: opened.number },
    ),
  );
}

/** A client consented to link this chat to the case staff registered for them. */
async function linkClient(turn: Turn, state: IntakeState): Promise<void> {
  const t = messagesFor(state.locale);
  const invite = state.linkInviteId ? await peekInviteById(turn.tx, { inviteId: state.linkInviteId, now: turn.now }) : null;
  if (invite?.role !== CLIENT_ROLE) return reply(turn, textMessage(t.staff.linkRefused));
  const result = await redeemInviteInTx(turn.tx, { inviteId: invite.id, channel: turn.msg.channel, address: turn.msg.address, now: turn.now });
  if (!result.ok) return reply(turn, textMessage(t.staff.linkRefused));
  await setPersonLocale(turn.tx, result.personId, state.locale);
  await recordConsent(turn, result.personId, result.orgId);
  const c = await findOpenCaseOfClient(turn.tx, { clientId: result.personId });
  if (!c) return reply(turn, textMessage(t.status.none));
  const next = await nextStepText(turn, c.id, c.flowId, state.locale);
  // A walk-in's counsellor took the case before the client linked: the milestone (who their counsellor is) comes here.
  const counsellor = c.counsellorId ? (await nameAndLocaleOf(turn.tx, c.counsellorId)).displayName : null;
  const lines = [t.intake.linked({ caseNo: c.number, ...next }), counsellor ? t.clientCounsellor({ name: counsellor }) : ""];
  await reply(turn, textMessage(lines.filter(Boolean).join("\n\n"), { caseNo: c.number }));
}
