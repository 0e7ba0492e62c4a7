// Everything a client says: the intake conversation until the case is opened, then messages relayed to the
// counsellor; /status, /batal, /bahasa, /hapus at any point; crisis phrases checked on every message.
import { dataProtectionContact, erasureDueAt } from "../core/dataProtection.ts";
import { formatLocal } from "../core/workingTime.ts";
import type { OrganisationDef } from "../flows/flowSchema.ts";
import { dataRightsTextsFor } from "../i18n/dataRights.ts";
import { messagesFor, type Locale } from "../i18n/index.ts";
import { textMessage, type OutboundMessage } from "../notify/outboundMessage.ts";
import { endDialog, loadDialog, readDialog, saveDialog, storedAs, type StoredDialog } from "./savedDialogs.ts";
import { caseIdRepliedTo, queueToPerson } from "../store/outbox/index.ts";
import { ensureClient } from "../store/senders.ts";
import { recordAudit } from "../store/auditTrail.ts";
import type { CaseSummary } from "../store/cases/caseSummaries.ts";
import { caseArchivedSince, findOpenCaseOfClient, latestCaseOfClient, latestCasesOfClient } from "../store/cases/clientCases.ts";
import { currentStepRun } from "../store/cases/stepRuns.ts";
import { withdrawConsent } from "../store/clients/consents.ts";
import { personLocales, personOrgAndLocale, setPersonLocale } from "../store/people.ts";
import { roleHolders } from "../store/recipients.ts";
import { clientWroteSince } from "../store/relayedMessages.ts";
import { findCrisisPhrase } from "./crisisPhrases.ts";
import { raiseCrisisAlert } from "./crisisAlert.ts";
import { reply, localeOf, type CrisisRaised, type Turn } from "./dialogContext.ts";
import { newIntake, promptFor } from "./intake/intakeDialog.ts";
import { CLIENT_KINDS, type ClientKind } from "./intake/intakeFields.ts";
import { runIntake } from "./intakeTurn.ts";
import { runFormIntake } from "./formIntakeTurn.ts";
import { recordMessage, relayFromClient } from "./relay.ts";
import { CRISIS_HOLD, holdRegistration, relayWhileHeld, resumeHeld, type CrisisHoldState } from "./crisisHold.ts";
import { buttonAction } from "./buttonActions.ts";
import { sendDataCopy } from "./dataCopy.ts";

/** The client's open case: the one their message answers (a reply, an email thread) if any, else the latest. */
async function openCaseOf(turn: Turn, clientId: string | undefined): Promise<CaseSummary | null> {
  if (!clientId) return null;
  const refs = [turn.msg.replyToPlatformId, ...turn.msg.references].filter((r): r is string => Boolean(r));
  const repliedTo = refs.length ? await caseIdRepliedTo(turn.tx, { channel: turn.msg.channel, address: turn.msg.address, platformIds: refs }) : null;
  return findOpenCaseOfClient(turn.tx, { clientId, preferredCaseId: repliedTo });
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
  return (
    (requested ? orgs.get(requested) : undefined) ??
    orgs.get(turn.sender?.orgId ?? "") ??
    orgs.get(turn.deps.settings.defaultOrgId) ??
    orgs.values().next().value
  );
}

/** A new registration for this organisation, naming its data protection contact in the consent text. */
function intakeFor(turn: Turn, p: { org: OrganisationDef; kinds: ClientKind[]; locale: Locale }) {
  return newIntake({
    orgId: p.org.id,
    orgName: p.org.name,
    kinds: p.kinds,
    locale: p.locale,
    privacyContact: dataProtectionContact(turn.deps.settings.dataProtectionContacts ?? {}, p.org.id),
  });
}

async function startIntake(turn: Turn, org: OrganisationDef | undefined, previous: StoredDialog | null): Promise<void> {
  const locale = localeOf(turn);
  const t = messagesFor(locale);
  const kinds = org ? kindsOf(turn, org.id) : [];
  if (!org || kinds.length === 0) return reply(turn, textMessage(t.intake.noFlow));
  const state = intakeFor(turn, { org, kinds, locale });
  await saveDialog(turn.tx, { channel: turn.msg.channel, address: turn.msg.address, dialog: "intake", state, previous });
  const prompt = promptFor(state);
  await reply(turn, { ...prompt, text: `${t.intake.welcome({ org: org.name })}\n\n${prompt.text}` });
}

/** Where an open case stands, in the client's language: its flow, the step it waits on, whose turn it is, by when. */
async function statusLine(turn: Turn, c: CaseSummary): Promise<string> {
  const locale = localeOf(turn);
  const ctx = turn.deps.flowContext(c.flowId);
  const step = ctx.flow.steps.find((s) => s.id === c.currentStepId);
  const run = await currentStepRun(turn.tx, c.id);
  const role = ctx.organisation.roles.find((r) => r.id === step?.role);
  return messagesFor(locale).status.line({
    caseNo: c.number,
    flowTitle: (locale === "en" ? ctx.flow.title_en : undefined) ?? ctx.flow.title,
    activity: (locale === "en" ? step?.activity_en : undefined) ?? step?.activity ?? "",
    role: (locale === "en" ? role?.label_en : undefined) ?? role?.label ?? "",
    deadline: run ? formatLocal(run.deadlineAt, ctx.organisation.calendar, locale) : "",
  });
}

async function showStatus(turn: Turn): Promise<void> {
  const t = messagesFor(localeOf(turn));
  const clientId = turn.sender?.personId;
  const cases = clientId ? await latestCasesOfClient(turn.tx, { clientId, limit: 5 }) : [];
  if (cases.length === 0) return reply(turn, textMessage(t.status.none));
  const lines: string[] = [];
  for (const c of cases) lines.push(c.status === "open" ? await statusLine(turn, c) : t.status.closed({ caseNo: c.number, status: c.status }));
  await reply(turn, textMessage(lines.join("\n\n")));
}

/** /hapus: consent withdrawn; an erasure request goes to the organisation's leadership to confirm. */
async function requestErasure(turn: Turn): Promise<void> {
  const t = messagesFor(localeOf(turn));
  const personId = turn.sender?.personId;
  await endDialog(turn.tx, turn.msg.channel, turn.msg.address);
  if (!personId) return reply(turn, textMessage(t.erasure.nothing));
  await withdrawConsent(turn.tx, { personId, at: turn.now });
  const latest = await latestCaseOfClient(turn.tx, personId);
  const orgId = latest?.orgId ?? turn.sender?.orgId ?? turn.deps.settings.defaultOrgId;
  await recordAudit(turn.tx, { type: "erasure_requested", at: turn.now, actorId: personId, caseId: latest?.id, data: { channel: turn.msg.channel } });
  const org = turn.deps.flows.organisations.get(orgId);
  const leaders = await roleHolders(turn.tx, { orgId, roles: org?.crisisRoles.length ? org.crisisRoles : ["kepala_unit"], forClientId: personId });
  const people = await personLocales(turn.tx, leaders);
  for (const leader of people) {
    const lt = messagesFor(leader.locale);
    // The clock (3×24 hours, UU 27/2022) is shown to whoever must confirm; src/jobs/erasureClock.ts escalates before it runs out.
    const deadline = org ? formatLocal(erasureDueAt(turn.now), org.calendar, leader.locale === "en" ? "en" : "id") : erasureDueAt(turn.now).toISOString();
    await queueToPerson(turn.tx, {
      personId: leader.id,
      caseId: latest?.id ?? null,
      aboutPersonId: personId,
      message: textMessage(dataRightsTextsFor(leader.locale).erasureToLeader({ caseNo: latest?.number, ref: personId.slice(-6), deadline }), {
        caseNo: latest?.number,
        buttons: [{ label: lt.erasure.confirmButton, action: buttonAction.confirmErasure(personId) }],
      }),
    });
  }
  await reply(turn, textMessage(t.erasure.requested));
}

/** The client's case archived within the configured window, whose counsellor still hears from them. */
async function recentlyArchivedCase(turn: Turn, clientId: string | undefined): Promise<CaseSummary | null> {
  const days = turn.deps.settings.closedCaseRelayDays;
  if (!clientId || days <= 0) return null;
  return caseArchivedSince(turn.tx, { clientId, since: new Date(turn.now.getTime() - days * 86_400_000) });
}

/** After the archive: the message still reaches the counsellor; the first one tells the client how things stand. */
async function relayAfterArchive(turn: Turn, c: CaseSummary): Promise<void> {
  const t = messagesFor(localeOf(turn));
  const wroteBefore = await clientWroteSince(turn.tx, { caseId: c.id, since: c.closedAt ?? turn.now });
  await relayFromClient(turn, c, { archived: true });
  if (!wroteBefore) {
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
async function showOpenCase(turn: Turn, c: CaseSummary): Promise<void> {
  const t = messagesFor(localeOf(turn));
  const status = await statusLine(turn, c);
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
  const client = await personOrgAndLocale(turn.tx, p.clientId);
  const org = orgFor(turn, client?.orgId ?? undefined);
  const kinds = org ? kindsOf(turn, org.id) : [];
  if (!org || kinds.length === 0) return null;
  const locale: Locale = client?.locale === "en" ? "en" : "id";
  const state = intakeFor(turn, { org, kinds, locale });
  const previous = await loadDialog(turn.tx, p.channel, p.address);
  await saveDialog(turn.tx, { channel: p.channel, address: p.address, dialog: "intake", state, previous });
  return promptFor(state);
}

/** Whether a crisis pauses a registration: one is under way, paused already, or (no open case) about to start. */
function registering(stored: StoredDialog | null, openCase: CaseSummary | null): boolean {
  return !openCase || stored?.dialog === "intake" || stored?.dialog === "form_intake" || stored?.dialog === CRISIS_HOLD;
}

/** Raises the crisis alert for the client's message holding `phrase`, wherever their conversation stands. */
async function alertCrisis(turn: Turn, phrase: string, where: { stored: StoredDialog | null; openCase: CaseSummary | null }): Promise<CrisisRaised> {
  const { msg } = turn;
  const { stored, openCase } = where;
  const orgId = openCase?.orgId ?? storedAs(stored, "intake")?.state.orgId ?? turn.sender?.orgId ?? turn.deps.settings.defaultOrgId;
  const clientId = turn.sender?.personId ?? (await ensureClient(turn.tx, { channel: msg.channel, address: msg.address, locale: localeOf(turn), orgId }));
  const { counsellors } = await raiseCrisisAlert(turn, {
    phrase,
    clientId,
    orgId,
    text: msg.text,
    caseId: openCase?.id,
    caseNo: openCase?.number,
    counsellorId: openCase?.counsellorId,
    registrationHeld: registering(stored, openCase),
  });
  return { clientId, counsellors };
}

/**
 * The crisis check ahead of any queue: a message from a client (or someone new) that is kept to be handled later
 * — over their pace, behind earlier messages, or after a failure — raises its alert now, when it arrives. Returns
 * whom it reached (the turn that handles the message later pauses the registration for them), or null.
 */
export async function raiseCrisisAhead(turn: Turn): Promise<CrisisRaised | null> {
  if (turn.sender?.kind === "staff") return null;
  const phrase = turn.msg.text ? findCrisisPhrase(turn.msg.text, turn.deps.settings.crisisPhrases) : null;
  if (!phrase) return null;
  // Read without side effects: an unreadable dialog is for the message's own turn to explain and remove.
  const read = await readDialog(turn.tx, turn.msg.channel, turn.msg.address);
  const stored = read?.readable ? read.stored : null;
  return alertCrisis(turn, phrase, { stored, openCase: await openCaseOf(turn, turn.sender?.personId) });
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
  // is never taken as an answer and what the client writes next reaches the counsellor. A message kept for
  // later had its alert raised when it arrived (raiseCrisisAhead): it is not raised twice.
  const phrase = msg.text ? findCrisisPhrase(msg.text, turn.deps.settings.crisisPhrases) : null;
  if (phrase) {
    const { clientId, counsellors } = turn.crisisRaised ?? (await alertCrisis(turn, phrase, { stored, openCase }));
    if (registering(stored, openCase)) {
      await recordMessage(turn, { caseId: null, personId: clientId, direction: "in", text: msg.text.trim() });
      return holdRegistration(turn, { clientId, counsellorIds: counsellors, stored });
    }
    return recordMessage(turn, { caseId: openCase!.id, personId: clientId, direction: "in", text: msg.text.trim() });
  }

  switch (command) {
    case "bahasa": {
      const locale: Locale = (intake?.state.locale ?? localeOf(turn)) === "en" ? "id" : "en";
      if (turn.sender) await setPersonLocale(turn.tx, turn.sender.personId, locale);
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
    case "datasaya":
      return sendDataCopy(turn);
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
