// What a linked staff member can do in chat besides pressing task buttons: answer a client (reply to a
// case's message, or /balas), list what waits for them, set their availability, finish a note they were asked for.
import { formatLocal } from "../core/workingTime.ts";
import { messagesFor } from "../i18n/index.ts";
import { textMessage } from "../notify/outboundMessage.ts";
import { COUNSELLOR_ROLE, setCounsellorAvailability } from "../store/counsellorRouting.ts";
import { recordAudit } from "../store/auditTrail.ts";
import { caseById, caseByNumber } from "../store/cases/caseSummaries.ts";
import { stepsWaitingForRoles, stepsWaitingOnCasesOf } from "../store/cases/waitingSteps.ts";
import { personOrgAndLocale, setPersonLocale } from "../store/people.ts";
import { loadDialog, storedAs } from "./savedDialogs.ts";
import { subjectOfQuoted } from "../store/outbox/index.ts";
import { reply, localeOf, type Turn } from "./dialogContext.ts";
import { relayToClient, type CaseRef } from "./relay.ts";
import { continueStaffNote } from "./stepButtons.ts";
import { pressHandOver } from "./handOverButton.ts";
import { caseLinkLines } from "./caseLinkLines.ts";
import { stepsForSender } from "./stepsForSender.ts";
import { newIntake, promptFor } from "./intake/intakeDialog.ts";
import type { ClientKind } from "./intake/intakeFields.ts";
import { runIntake } from "./intakeTurn.ts";
import { addSessionLink } from "./sessionChoices.ts";
import { resumeForCounsellor } from "./crisisHold.ts";
import { buttonAction } from "./buttonActions.ts";
import { beginIntakeFor } from "./clientConversation.ts";
import { issueLoginToken } from "../store/webLogins.ts";
import type { StoredDialog } from "./savedDialogs.ts";
import { saveDialog } from "./savedDialogs.ts";

/** The case (or the client, for a crisis alert before any case) that a staff member's reply quotes. */
async function quotedTarget(turn: Turn, platformId: string): Promise<{ case: CaseRef | null; clientId: string; orgId: string | null } | null> {
  const row = await subjectOfQuoted(turn.tx, { channel: turn.msg.channel, address: turn.msg.address, platformId });
  if (!row) return null;
  if (row.caseId) {
    const c = await caseById(turn.tx, row.caseId);
    return c ? { case: c, clientId: c.clientId, orgId: c.orgId } : null;
  }
  if (row.aboutPersonId) {
    const person = await personOrgAndLocale(turn.tx, row.aboutPersonId);
    return { case: null, clientId: row.aboutPersonId, orgId: person?.orgId ?? null };
  }
  return null;
}

async function listWaiting(turn: Turn): Promise<void> {
  const sender = turn.sender!;
  const t = messagesFor(localeOf(turn));
  const runs = await stepsWaitingForRoles(turn.tx, { roles: sender.roles, limit: 30 });
  const mine = await stepsForSender(turn, runs);
  const locale = localeOf(turn);
  // A case handed over to another SOP, or continuing one, shows the other under its line.
  const elsewhere = await stepsWaitingOnCasesOf(turn.tx, { counsellorId: sender.personId, except: mine.map((r) => r.id), limit: 50 });
  const links = await caseLinkLines(
    turn,
    [...mine, ...elsewhere].map((r) => r.case.id),
  );
  const withLinks = (caseId: string, line: string) => [line, ...(links.get(caseId) ?? [])].join("\n");
  const waiting = mine.map((r) => {
    const ctx = turn.deps.flowContext(r.case.flowId);
    const step = ctx.flow.step(r.stepId);
    return withLinks(
      r.case.id,
      t.staff.waitingLine({
        caseNo: r.case.number,
        stepNo: r.stepNo,
        activity: step ? ctx.flow.activity(step, locale) : r.stepId,
        deadline: formatLocal(r.deadlineAt, ctx.organisation.calendar, locale),
      }),
    );
  });
  // A counsellor's cases whose current step someone else holds: where each one is, so /kasus shows everything.
  const own = elsewhere.map((r) => {
    const ctx = turn.deps.flowContext(r.case.flowId);
    const role = ctx.organisation.roles.find((x) => x.id === r.role);
    return withLinks(
      r.case.id,
      t.staff.ownCaseLine({
        caseNo: r.case.number,
        stepNo: r.stepNo,
        role: (locale === "en" ? role?.label_en : undefined) ?? role?.label ?? r.role,
        deadline: formatLocal(r.deadlineAt, ctx.organisation.calendar, locale),
        overdue: r.deadlineAt.getTime() < turn.now.getTime(),
      }),
    );
  });
  const sections = [
    waiting.length ? [t.staff.waitingHeader({ count: waiting.length }), ...waiting].join("\n") : t.staff.nothingWaiting,
    own.length ? [t.staff.ownCasesHeader({ count: own.length }), ...own].join("\n") : "",
  ];
  await reply(turn, textMessage(sections.filter(Boolean).join("\n\n")));
}

function roleLabels(turn: Turn): string {
  return turn
    .sender!.roles.map((r) => {
      const org = turn.deps.flows.organisations.get(r.orgId);
      const role = org?.roles.find((x) => x.id === r.role);
      const label = (localeOf(turn) === "en" ? role?.label_en : undefined) ?? role?.label ?? r.role;
      return `${label} (${org?.id ?? r.orgId})`;
    })
    .join(", ");
}

/** The flows a staff member may open cases on from chat: staff_opens_for set, in an organisation where they hold a role. */
function openableFlows(turn: Turn) {
  const orgs = new Set(turn.sender!.roles.map((r) => r.orgId));
  return [...turn.deps.flows.flows.values()].filter((f) => f.staff_opens_for.length > 0 && orgs.has(f.organisation));
}

/** /kasusbaru: which SOP the new case is on. */
async function offerFlows(turn: Turn): Promise<void> {
  const t = messagesFor(localeOf(turn));
  const flows = openableFlows(turn);
  if (flows.length === 0) return reply(turn, textMessage(t.staff.noStaffFlow));
  const en = localeOf(turn) === "en";
  await reply(
    turn,
    textMessage(t.staff.chooseFlow, { buttons: flows.map((f) => ({ label: (en ? f.title_en : undefined) ?? f.title, action: buttonAction.openFlow(f.id) })) }),
  );
}

/** A flow was chosen: the registration of the walk-in client starts. */
async function startWalkIn(turn: Turn, flowId: string, previous: StoredDialog | null): Promise<void> {
  const flow = openableFlows(turn).find((f) => f.id === flowId);
  const t = messagesFor(localeOf(turn));
  if (!flow) return reply(turn, textMessage(t.staff.noStaffFlow));
  const org = turn.deps.flows.organisations.get(flow.organisation)!;
  const state = newIntake({
    orgId: org.id,
    orgName: org.name,
    kinds: flow.staff_opens_for as ClientKind[],
    locale: localeOf(turn),
    mode: "staff",
    flowId: flow.id,
  });
  await saveDialog(turn.tx, { channel: turn.msg.channel, address: turn.msg.address, dialog: "intake", state, previous });
  const prompt = promptFor(state);
  const title = (localeOf(turn) === "en" ? flow.title_en : undefined) ?? flow.title;
  await reply(turn, { ...prompt, text: `${t.staff.newCaseHeader({ flowTitle: title })}\n\n${prompt.text}` });
}

/** Handles a message from a linked staff member (buttons are handled before this). */
export async function handleStaffMessage(turn: Turn): Promise<void> {
  const sender = turn.sender!;
  const t = messagesFor(localeOf(turn));
  const command = turn.msg.command;
  // A task's hand-over button acts on its case whatever the chat is in the middle of, like the step's own buttons.
  if (turn.choice?.kind === "hand_over") return pressHandOver(turn, turn.choice);

  const stored = await loadDialog(turn.tx, turn.msg.channel, turn.msg.address);
  const note = storedAs(stored, "staff_note");
  if (note && (!command || command.name === "batal")) return continueStaffNote(turn, note);
  if (turn.choice?.kind === "open_flow") return startWalkIn(turn, turn.choice.flowId, stored);
  if (turn.choice?.kind === "resume_client_registration") {
    const { clientId } = turn.choice;
    return resumeForCounsellor(turn, clientId, (chat) => beginIntakeFor(turn, { ...chat, clientId }));
  }
  const intake = storedAs(stored, "intake");
  if (intake && (!command || command.name === "batal" || command.name === "bahasa")) {
    if (command?.name === "batal") return runIntake(turn, intake, { type: "cancel" });
    if (command?.name === "bahasa") {
      // A walk-in registration in progress goes on in the staff member's new language.
      const locale = intake.state.locale === "en" ? "id" : "en";
      await setPersonLocale(turn.tx, sender.personId, locale);
      return runIntake(turn, intake, { type: "language", locale });
    }
    if (turn.choice) return runIntake(turn, intake, { type: "choice", action: turn.choice });
    return runIntake(turn, intake, { type: "text", text: turn.msg.text });
  }

  switch (command?.name) {
    case undefined:
      break;
    case "start":
    case "bantuan":
    case "help":
      return reply(
        turn,
        textMessage(
          t.staff.help({
            roles: roleLabels(turn),
            counsellor: sender.roles.some((r) => r.role === COUNSELLOR_ROLE),
            registers: openableFlows(turn).length > 0,
          }),
        ),
      );
    case "kasus":
      return listWaiting(turn);
    case "kasusbaru":
      return offerFlows(turn);
    case "link":
      return addSessionLink(turn, command.args);
    case "dasbor":
    case "dashboard": {
      const minutes = turn.deps.settings.dashboardLoginMinutes ?? 15;
      const token = await issueLoginToken(turn.tx, { personId: sender.personId, now: turn.now, ttlMinutes: minutes });
      await recordAudit(turn.tx, { type: "dashboard_link_issued", at: turn.now, actorId: sender.personId, data: { channel: turn.msg.channel } });
      const url = `${turn.deps.settings.dashboardUrl ?? "http://127.0.0.1:8080"}/dasbor/masuk/${token}`;
      return reply(turn, textMessage(t.staff.dashboardLink({ url, minutes })));
    }
    case "tersedia":
    case "tidaktersedia": {
      const on = command.name === "tersedia";
      await setCounsellorAvailability(turn.tx, { personId: sender.personId, available: on });
      await recordAudit(turn.tx, { type: "availability_changed", at: turn.now, actorId: sender.personId, data: { available: on } });
      return reply(turn, textMessage(t.staff.available({ on })));
    }
    case "bahasa": {
      const locale = localeOf(turn) === "en" ? "id" : "en";
      await setPersonLocale(turn.tx, sender.personId, locale);
      return reply(turn, textMessage(messagesFor(locale).intake.languageSwitched));
    }
    case "balas": {
      const m = /^#?(\d{1,9})\s+([\s\S]+)$/.exec(command.args.trim());
      if (!m) return reply(turn, textMessage(t.relay.balasUsage));
      const c = await caseByNumber(turn.tx, Number(m[1]));
      const visible = c && sender.roles.some((r) => r.orgId === c.orgId);
      if (!c || !visible) return reply(turn, textMessage(t.relay.unknownCase({ caseNo: m[1]! })));
      return relayToClient(turn, { case: c, clientId: c.clientId, orgId: c.orgId }, m[2]!.trim());
    }
    default:
      return reply(turn, textMessage(t.staff.unknownCommand));
  }

  if (turn.msg.replyToPlatformId) {
    const target = await quotedTarget(turn, turn.msg.replyToPlatformId);
    if (target) return relayToClient(turn, target, turn.msg.text.trim());
  }
  if (turn.choice) return; // a stale choice button (e.g. a cancelled note prompt): nothing to do
  await reply(turn, textMessage(t.relay.balasUsage));
}
