// The one entry point for every channel: a neutral InboundMessage in, replies queued in the outbox.
// Each message is handled in ONE transaction (dedupe mark, dialog state, case events, audit, outbox),
// one at a time per chat, and retried when another writer changed the same case or dialog meanwhile.
import { inboundMessageSchema, type InboundMessage } from "../channels/inboundMessage.ts";
import { messagesFor, type Messages } from "../i18n/index.ts";
import { textMessage } from "../notify/outboundMessage.ts";
import { resolveButton } from "../store/buttonTokens.ts";
import { recordAudit } from "../store/auditTrail.ts";
import { claimInbound } from "../store/inboundOnce.ts";
import { takeKeyboardOff } from "../store/outbox/index.ts";
import { recordContact } from "../store/channelContacts.ts";
import { CLIENT_LINK_ROLE, peekInvite, redeemInviteInTx } from "../store/inviteCodes.ts";
import { endDialog, loadDialog, saveDialog } from "./savedDialogs.ts";
import { nameAndLocaleOf } from "../store/people.ts";
import { inTransaction } from "../store/transactions.ts";
import { newIntake, promptFor } from "./intake/intakeDialog.ts";
import { findSender } from "../store/senders.ts";
import { handleClientMessage } from "./clientConversation.ts";
import { reply, localeOf, type DialogDeps, type Turn } from "./dialogContext.ts";
import { handleStaffMessage } from "./staffConversation.ts";
import { pressStepButton } from "./stepButtons.ts";
import { createFloodGuard, type FloodGuard } from "./floodGuard.ts";
import { handleSessionChoice } from "./sessionChoices.ts";
import { handleErasureChoice } from "./erasureChoice.ts";
import type { ChoiceAction } from "./buttonActions.ts";
import { restartUnreadableDialog } from "./dialogRecovery.ts";

export interface InboundOutcome {
  /** The message was seen before and not handled again. */
  duplicate: boolean;
  /** A short answer to show on the pressed button (may be empty: just stop the spinner). */
  toast?: string;
}

/** How many times a message is handled when other writers keep changing the same case or dialog meanwhile. */
const MAX_ATTEMPTS = 4;
/** How long one message's transaction may take, and wait to start (another message of a busy case holds the lock). */
const TURN_TIMEOUT_MS = 15_000;
/** Longer than any answer the dialogs ask for (the complaint is at most 8,000 characters in all). */
export const MAX_INBOUND_CHARS = 10_000;

/**
 * /start <code>: links this chat to an invited staff member, or (a client link code from a walk-in
 * registration) asks the client's consent first. Every failure gets the same answer.
 */
async function linkByCode(turn: Turn, code: string): Promise<void> {
  const invite = await peekInvite(turn.tx, { code, now: turn.now });
  if (invite?.role === CLIENT_LINK_ROLE) {
    const org = turn.deps.flows.organisations.get(invite.orgId);
    const state = newIntake({ orgId: invite.orgId, orgName: org?.name ?? invite.orgId, kinds: [], locale: localeOf(turn), mode: "link", linkInviteId: invite.id });
    const previous = await loadDialog(turn.tx, turn.msg.channel, turn.msg.address);
    await saveDialog(turn.tx, { channel: turn.msg.channel, address: turn.msg.address, dialog: "intake", state, previous });
    const prompt = promptFor(state);
    return reply(turn, { ...prompt, text: `${messagesFor(localeOf(turn)).intake.welcome({ org: org?.name ?? invite.orgId })}\n\n${prompt.text}` });
  }
  const result = await redeemInviteInTx(turn.tx, { code, channel: turn.msg.channel, address: turn.msg.address, now: turn.now });
  if (!result.ok) return reply(turn, textMessage(messagesFor(localeOf(turn)).staff.linkRefused));
  const person = await nameAndLocaleOf(turn.tx, result.personId);
  const org = turn.deps.flows.organisations.get(result.orgId);
  const t = messagesFor(person.locale);
  const role = org?.roles.find((r) => r.id === result.role);
  await endDialog(turn.tx, turn.msg.channel, turn.msg.address);
  await reply(
    turn,
    textMessage(
      t.staff.linked({
        name: person.displayName ?? "",
        role: (person.locale === "en" ? role?.label_en : undefined) ?? role?.label ?? result.role,
        org: org?.name ?? result.orgId,
      }),
    ),
  );
}

async function route(turn: Turn): Promise<void> {
  const { msg } = turn;
  if (await restartUnreadableDialog(turn)) return;
  if (msg.command?.name === "start" && msg.command.args.trim()) {
    const arg = msg.command.args.trim();
    // A deep link names an organisation ("/start puspaga"); anything else is an invite code.
    if (!turn.deps.flows.organisations.has(arg.toLowerCase())) return linkByCode(turn, arg);
  }
  if (msg.buttonId) {
    const pressed = await resolveButton(turn.tx, msg.buttonId);
    if (!pressed) {
      const text = messagesFor(localeOf(turn)).staff.unknownButton;
      turn.toast = text;
      await recordAudit(turn.tx, { type: "button_refused", at: turn.now, actorId: turn.sender?.personId, data: { why: "unknown_button", channel: msg.channel } });
      return;
    }
    const { action } = pressed;
    // A task's buttons stay until its step is done (the store edits every copy then); a choice is made once.
    if (action.kind === "step_outcome") return pressStepButton(turn, action);
    turn.choice = action;
    turn.toast = "";
    await handleChoice(turn, action);
    if (pressed.outboxId && !turn.keepKeyboard) await takeKeyboardOff(turn.tx, pressed.outboxId, msg);
    return;
  }
  return handleMessage(turn);
}

/** A pressed choice: booking and erasure are answered here; every other kind belongs to the chat's conversation. */
async function handleChoice(turn: Turn, choice: ChoiceAction): Promise<void> {
  switch (choice.kind) {
    case "slot":
    case "more_slots":
    case "reschedule_session":
    case "cancel_session":
      return handleSessionChoice(turn, choice);
    case "confirm_erasure":
      return handleErasureChoice(turn, choice);
    default:
      return handleMessage(turn);
  }
}

function handleMessage(turn: Turn): Promise<void> {
  return turn.sender?.kind === "staff" ? handleStaffMessage(turn) : handleClientMessage(turn);
}

/** Creates the handler every channel calls with each inbound message. */
export function createInboundHandler(
  deps: DialogDeps,
  hooks: { afterCommit?: () => void; floodGuard?: FloodGuard } = {},
): (msg: InboundMessage) => Promise<InboundOutcome> {
  const chains = new Map<string, Promise<unknown>>();
  const flood = hooks.floodGuard ?? createFloodGuard();

  /** Marks a message seen without handling it, optionally answering with a short notice in the sender's language. */
  const refuseQuietly = (msg: InboundMessage, notice: ((t: Messages) => string) | null, audit: string) =>
    inTransaction(deps.prisma, async (tx): Promise<InboundOutcome> => {
      if (!(await claimInbound(tx, `${msg.channel}:${msg.platformId}`))) return { duplicate: true };
      const turn: Turn = { deps, tx, msg, sender: await findSender(tx, msg.channel, msg.address), now: deps.clock() };
      await recordAudit(tx, { type: audit, at: turn.now, actorId: turn.sender?.personId, data: { channel: msg.channel } });
      const text = notice?.(messagesFor(localeOf(turn))) ?? "";
      if (text) await reply(turn, textMessage(text));
      return { duplicate: false, toast: text };
    });

  const handleOnce = async (msg: InboundMessage): Promise<InboundOutcome> => {
    const verdict = flood.check(`${msg.channel}:${msg.address}`, deps.clock().getTime());
    if (verdict !== "handle") return refuseQuietly(msg, verdict === "notify" ? (t) => t.errors.slowDown : null, "inbound_flood");
    if (msg.text.length > MAX_INBOUND_CHARS) return refuseQuietly(msg, (t) => t.intake.tooLong({ max: MAX_INBOUND_CHARS }), "inbound_too_long");
    return inTransaction(
      deps.prisma,
      async (tx): Promise<InboundOutcome> => {
        if (!(await claimInbound(tx, `${msg.channel}:${msg.platformId}`))) return { duplicate: true };
        await recordContact(tx, { channel: msg.channel, address: msg.address, at: deps.clock() });
        const turn: Turn = { deps, tx, msg, sender: await findSender(tx, msg.channel, msg.address), now: deps.clock() };
        await route(turn);
        return { duplicate: false, toast: turn.toast };
      },
      { attempts: MAX_ATTEMPTS, timeoutMs: TURN_TIMEOUT_MS },
    );
  };

  return async (raw: InboundMessage) => {
    const msg = inboundMessageSchema.parse(raw);
    const key = `${msg.channel}:${msg.address}`;
    const previous = chains.get(key) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => handleOnce(msg));
    chains.set(key, run);
    try {
      const outcome = await run;
      if (!outcome.duplicate) hooks.afterCommit?.();
      return outcome;
    } finally {
      if (chains.get(key) === run) chains.delete(key);
    }
  };
}
