// Everything a client says: the intake conversation until the case is opened, then messages relayed to the
// counsellor; /status, /batal, /bahasa, /hapus at any point; crisis phrases checked on every message.
import { formatLocal } from "../core/workingTime.ts";
import type { OrganisationDef } from "../flows/flowSchema.ts";
import { messagesFor, type Locale } from "../i18n/index.ts";
import { textMessage, type OutboundMessage } from "../notify/outboundMessage.ts";
import { endDialog, loadDialog, saveDialog, storedAs, type StoredDialog } from "../store/dialogStates.ts";
import { caseIdRepliedTo, queueToPerson } from "../store/outbox/index.ts";
import { ensureClient } from "../store/senders.ts";
import { findCrisisPhrase } from "./crisisPhrases.ts";
import { raiseCrisisAlert } from "./crisisAlert.ts";
import { reply, localeOf, type Turn } from "./dialogContext.ts";
import { newIntake, promptFor } from "./intake/intakeDialog.ts";
import { CLIENT_KINDS, type ClientKind } from "./intake/intakeFields.ts";
import { runIntake } from "./intakeTurn.ts";
import { runFormIntake } from "./formIntakeTurn.ts";
import { recordMessage, relayFromClient } from "./relay.ts";
import { CRISIS_HOLD, holdRegistration, relayWhileHeld, resumeHeld, type CrisisHoldState } from "./crisisHold.ts";
import { buttonAction } from "./buttonActions.ts";

const caseFields = { id: true, number: true, orgId: true, status: true, clientId: true, counsellorId: true, flowId: true, currentStepId: true } as const;

/** The client's open case: the one their message answers (a reply, an email thread) if any, else the latest. */
async function openCaseOf(turn: Turn, clientId: string | undefined) {
  if (!clientId) return null;
  const refs = [turn.msg.replyToPlatformId, ...turn.msg.references].filter((r): r is string => Boolean(r));
  if (refs.length) {
    const caseId = await caseIdRepliedTo(turn.tx, { channel: turn.msg.channel, address: turn.msg.address, platformIds: refs });
    const c = caseId ? await turn.tx.case.findFirst({ where: { id: caseId, clientId, status: "open" }, select: caseFields }) : null;
    if (c) return c;
  }
  return turn.tx.case.findFirst({ where: { clientId, status: "open" }, orderBy: { openedAt: "desc" }, select: caseFields });
}

/** The kinds of client an organisation takes from the chat (from its flows' `clients`). */
function kindsOf(turn: Turn, orgId: string): ClientKind[] {
  const kinds = new Set<ClientKind>();
  for (const flow of turn.deps.flows.flows.values()) {
    if (flow.organisation === orgId) for (const k of flow.clients) kinds.add(k as ClientKind);
  }
  return CLIENT_KINDS.filter((k) => kinds.has(k));
}

function orgFor(turn: Turn, requested?: string): OrganisationDef | undefined {
  const orgs = turn.deps.flows.organisations;
  return (requested ? orgs.get(requested) : undefined) ?? orgs.get(turn.sender?.orgId ?? "") ?? orgs.get(turn.deps.settings.defaultOrgId) ?? orgs.values().next().value;
}

async function startIntake(turn: Turn, org: OrganisationDef | undefined, previous: StoredDialog | null): Promise<void> {
  const locale = localeOf(turn);
  const t = messagesFor(locale);
  const kinds = org ? kindsOf(turn, org.id) : [];
  if (!org || kinds.length === 0) return reply(turn, textMessage(t.intake.noFlow));
  const state = newIntake({ orgId: org.id, orgName: org.name, kinds, locale });
  await saveDialog(turn.tx, { channel: turn.msg.channel, address: turn.msg.address, dialog: "intake", state, previous });
  const prompt = promptFor(state);
  await reply(turn, { ...prompt, text: `${t.intake.welcome({ org: org.name })}\n\n${prompt.text}` });
}

async function showStatus(turn: Turn): Promise<void> {
  const locale = localeOf(turn);
  const t = messagesFor(locale);
  const clientId = turn.sender?.personId;
  const cases = clientId ? await turn.tx.case.findMany({ where: { clientId }, orderBy: { openedAt: "desc" }, take: 5, select: caseFields }) : [];
  if (cases.length === 0) return reply(turn, textMessage(t.status.none));
  const lines: string[] = [];
  for (const c of cases) {
    if (c.status !== "open") {
      lines.push(t.status.closed({ caseNo: c.number, status: c.status }));
      continue;
    }
    const ctx = turn.deps.flowContext(c.flowId);
    const step = ctx.flow.steps.find((s) => s.id === c.currentStepId);
    const run = await turn.tx.stepRun.findFirst({ where: { caseId: c.id, actedAt: null }, orderBy: { askedAt: "desc" } });
    const role = ctx.organisation.roles.find((r) => r.id === step?.role);
    lines.push(
      t.status.line({
        caseNo: c.number,
        flowTitle: (locale === "en" ? ctx.flow.title_en : undefined) ?? ctx.flow.title,
        activity: (locale === "en" ? step?.activity_en : undefined) ?? step?.activity ?? "",
        role: (locale === "en" ? role?.label_en : undefined) ?? role?.label ?? "",
        deadline: run ? formatLocal(run.deadlineAt, ctx.organisation.calendar, locale) : "",
      }),
    );
  }
  await reply(turn, textMessage(lines.join("\n\n")));
}

/** /hapus: consent withdrawn; an erasure request goes to the organisation's leadership to confirm. */
async function requestErasure(turn: Turn): Promise<void> {
  const t = messagesFor(localeOf(turn));
  const personId = turn.sender?.personId;
  await endDialog(turn.tx, turn.msg.channel, turn.msg.address);
  if (!personId) return reply(turn, textMessage(t.erasure.nothing));
  await turn.tx.consent.updateMany({ where: { personId, withdrawnAt: null }, data: { withdrawnAt: turn.now } });
  const latest = await turn.tx.case.findFirst({ where: { clientId: personId }, orderBy: { openedAt: "desc" }, select: { id: true, number: true, orgId: true } });
  const orgId = latest?.orgId ?? turn.sender?.orgId ?? turn.deps.settings.defaultOrgId;
  await turn.tx.auditEvent.create({
    data: { type: "erasure_requested", actorId: personId, caseId: latest?.id ?? null, dataJson: JSON.stringify({ channel: turn.msg.channel }), at: turn.now },
  });
  const org = turn.deps.flows.organisations.get(orgId);
  const leaders = await turn.tx.staffRole.findMany({ where: { orgId, role: { in: org?.crisisRoles.length ? org.crisisRoles : ["kepala_unit"] } }, select: { personId: true } });
  const people = await turn.tx.person.findMany({ where: { id: { in: [...new Set(leaders.map((l) => l.personId))] } }, select: { id: true, locale: true } });
  for (const leader of people) {
    const lt = messagesFor(leader.locale);
    await queueToPerson(turn.tx, {
      personId: leader.id,
      caseId: latest?.id ?? null,
      aboutPersonId: personId,
      message: textMessage(lt.erasure.toLeader({ caseNo: latest?.number, ref: personId.slice(-6) }), {
        caseNo: latest?.number,
        buttons: [{ label: lt.erasure.confirmButton, action: buttonAction.confirmErasure(personId) }],
      }),
    });
  }
  await reply(turn, textMessage(t.erasure.requested));
}

/** The client's case archived within the configured window, whose counsellor still hears from them. */
async function recentlyArchivedCase(turn: Turn, clientId: string | undefined) {
  const days = turn.deps.settings.closedCaseRelayDays;
  if (!clientId || days <= 0) return null;
  const since = new Date(turn.now.getTime() - days * 86_400_000);
  return turn.tx.case.findFirst({ where: { clientId, status: "archived", closedAt: { gte: since } }, orderBy: { closedAt: "desc" }, select: { ...caseFields, closedAt: true } });
}

/** After the archive: the message still reaches the counsellor; the first one tells the client how things stand. */
async function relayAfterArchive(turn: Turn, c: NonNullable<Awaited<ReturnType<typeof recentlyArchivedCase>>>): Promise<void> {
  const t = messagesFor(localeOf(turn));
  const earlier = await turn.tx.message.count({ where: { caseId: c.id, direction: "in", createdAt: { gt: c.closedAt ?? turn.now } } });
  await relayFromClient(turn, c, { archived: true });
  if (earlier === 0) {
    await reply(
      turn,
      textMessage(t.status.archivedHint({ caseNo: c.number, days: turn.deps.settings.closedCaseRelayDays }), {
        caseNo: c.number,
        buttons: [{ label: t.buttons.newIntake, action: buttonAction.newIntake() }],
      }),
    );
  }
}

/** /start (or the page's Mulai) during an open case: where the case stands and what the client can do. */
async function showOpenCase(turn: Turn, c: { id: string; number: number; flowId: string; currentStepId: string | null }): Promise<void> {
  const locale = localeOf(turn);
  const t = messagesFor(locale);
  const ctx = turn.deps.flowContext(c.flowId);
  const step = ctx.flow.steps.find((s) => s.id === c.currentStepId);
  const run = await turn.tx.stepRun.findFirst({ where: { caseId: c.id, actedAt: null }, orderBy: { askedAt: "desc" } });
  const role = ctx.organisation.roles.find((r) => r.id === step?.role);
  const status = t.status.line({
    caseNo: c.number,
    flowTitle: (locale === "en" ? ctx.flow.title_en : undefined) ?? ctx.flow.title,
    activity: (locale === "en" ? step?.activity_en : undefined) ?? step?.activity ?? "",
    role: (locale === "en" ? role?.label_en : undefined) ?? role?.label ?? "",
    deadline: run ? formatLocal(run.deadlineAt, ctx.organisation.calendar, locale) : "",
  });
  await reply(
    turn,
    textMessage([status, t.status.openCaseHint({ caseNo: c.number }), t.status.whatYouCanDo].join("\n\n"), {
      caseNo: c.number,
      buttons: [{ label: t.buttons.newIntake, action: buttonAction.newIntake() }],
    }),
  );
}

/** A button whose question is gone (an old consent, a finished summary): nothing is relayed or started. */
async function refuseStaleChoice(turn: Turn): Promise<void> {
  turn.toast = messagesFor(localeOf(turn)).errors.staleChoice;
}

/** The client's "continue registration" on a paused registration. */
async function resumeByClient(turn: Turn, hold: StoredDialog<CrisisHoldState>): Promise<void> {
  const prompt = await resumeHeld(turn, { channel: turn.msg.channel, address: turn.msg.address, stored: hold });
  if (prompt) return reply(turn, prompt);
  return startIntake(turn, orgFor(turn), null);
}

/** A registration started for a client by their counsellor's "continue" (none had started before the crisis). */
export async function beginIntakeFor(turn: Turn, p: { channel: string; address: string; clientId: string }): Promise<OutboundMessage | null> {
  const client = await turn.tx.person.findUnique({ where: { id: p.clientId }, select: { orgId: true, locale: true } });
  const org = orgFor(turn, client?.orgId ?? undefined);
  const kinds = org ? kindsOf(turn, org.id) : [];
  if (!org || kinds.length === 0) return null;
  const locale: Locale = client?.locale === "en" ? "en" : "id";
  const state = newIntake({ orgId: org.id, orgName: org.name, kinds, locale });
  const previous = await loadDialog(turn.tx, p.channel, p.address);
  await saveDialog(turn.tx, { channel: p.channel, address: p.address, dialog: "intake", state, previous });
  return promptFor(state);
}

/** Handles a message from a client or from someone we do not know yet. */
export async function handleClientMessage(turn: Turn): Promise<void> {
  const { msg } = turn;
  const command = msg.command?.name;
  const stored = await loadDialog(turn.tx, msg.channel, msg.address);
  const intake = storedAs(stored, "intake");
  const hold = storedAs(stored, CRISIS_HOLD);
  const openCase = await openCaseOf(turn, turn.sender?.personId);

  // Crisis phrases first, whatever the conversation is doing. The alert carries the message to the counsellor
  // (it is not relayed a second time). A registration in progress — or about to start — pauses, so the phrase
  // is never taken as an answer and what the client writes next reaches the counsellor.
  const phrase = msg.text ? findCrisisPhrase(msg.text, turn.deps.settings.crisisPhrases) : null;
  if (phrase) {
    const orgId = openCase?.orgId ?? intake?.state.orgId ?? turn.sender?.orgId ?? turn.deps.settings.defaultOrgId;
    const clientId =
      turn.sender?.personId ?? (await ensureClient(turn.tx, { channel: msg.channel, address: msg.address, locale: localeOf(turn), orgId }));
    const registering = !openCase || stored?.dialog === "intake" || stored?.dialog === "form_intake" || hold !== null;
    const { counsellors } = await raiseCrisisAlert(turn, {
      phrase,
      clientId,
      orgId,
      text: msg.text,
      caseId: openCase?.id,
      caseNo: openCase?.number,
      counsellorId: openCase?.counsellorId,
      registrationHeld: registering,
    });
    if (registering) {
      await recordMessage(turn, { caseId: null, personId: clientId, direction: "in", text: msg.text.trim() });
      return holdRegistration(turn, { clientId, counsellorIds: counsellors, stored });
    }
    return recordMessage(turn, { caseId: openCase!.id, personId: clientId, direction: "in", text: msg.text.trim() });
  }

  switch (command) {
    case "bahasa": {
      const locale: Locale = (intake?.state.locale ?? localeOf(turn)) === "en" ? "id" : "en";
      if (turn.sender) await turn.tx.person.update({ where: { id: turn.sender.personId }, data: { locale } });
      if (intake) return runIntake(turn, intake, { type: "language", locale });
      // Someone new: remember the choice with their chat handle, so the registration starts in that language.
      if (!turn.sender) await ensureClient(turn.tx, { channel: msg.channel, address: msg.address, locale, orgId: turn.deps.settings.defaultOrgId });
      return reply(turn, textMessage(messagesFor(locale).intake.languageSwitched));
    }
    case "batal":
      if (intake) return runIntake(turn, intake, { type: "cancel" });
      if (hold) {
        await endDialog(turn.tx, msg.channel, msg.address);
        return reply(turn, textMessage(messagesFor(localeOf(turn)).intake.cancelled));
      }
      return reply(turn, textMessage(messagesFor(localeOf(turn)).intake.nothingToCancel));
    case "status":
      return showStatus(turn);
    case "hapus":
      return requestErasure(turn);
    case "start": {
      const requested = msg.command?.args.trim().toLowerCase() || undefined;
      if (hold) {
        const t = messagesFor(localeOf(turn));
        return reply(turn, textMessage(t.crisis.registrationHeld, { buttons: [{ label: t.crisis.resumeButton, action: buttonAction.resumeRegistration() }] }));
      }
      if (intake && (!requested || requested === intake.state.orgId)) return runIntake(turn, intake, { type: "start" });
      // A deep link or the page's "Mulai" names the organisation: during its open case, that is no new registration.
      if (openCase && (!requested || requested === openCase.orgId)) return showOpenCase(turn, openCase);
      return startIntake(turn, orgFor(turn, requested), stored);
    }
    default:
      break;
  }

  if (hold) {
    if (turn.choice?.kind === "resume_registration") return resumeByClient(turn, hold);
    if (turn.choice) return refuseStaleChoice(turn);
    return relayWhileHeld(turn, hold.state);
  }
  if (turn.choice?.kind === "new_intake") return startIntake(turn, orgFor(turn, openCase?.orgId), stored);
  if (turn.deps.capabilitiesOf(msg.channel).formIntake && !openCase && stored?.dialog !== "intake") {
    // Where the channel takes a form-style intake (email), it is one form to fill in by reply, not a question per message.
    const form = storedAs(stored, "form_intake");
    const org = orgFor(turn, form?.state.orgId);
    if (!org) return reply(turn, textMessage(messagesFor(localeOf(turn)).intake.noFlow));
    return runFormIntake(turn, { stored: form, previous: stored, org, kinds: kindsOf(turn, org.id) });
  }
  if (intake) {
    if (turn.choice) return runIntake(turn, intake, { type: "choice", action: turn.choice });
    if (!msg.text.trim()) return reply(turn, promptFor(intake.state)); // an attachment or sticker mid-intake: ask again
    return runIntake(turn, intake, { type: "text", text: msg.text });
  }
  if (turn.choice) return refuseStaleChoice(turn);
  if (openCase) return relayFromClient(turn, openCase);
  const archived = await recentlyArchivedCase(turn, turn.sender?.personId);
  if (archived) return relayAfterArchive(turn, archived);
  return startIntake(turn, orgFor(turn), stored);
}
