// The one entry point for every channel: a neutral InboundMessage in, replies queued in the outbox.
// Each message is handled in ONE transaction (dedupe mark, dialog state, case events, audit, outbox),
// one at a time per chat, and retried when another writer changed the same case or dialog meanwhile.
// No message is dropped: what cannot be handled now is kept and handled later (src/dialogs/inboundBacklog.ts).
import { InboundNotKept, inboundMessageSchema, type InboundMessage } from "../channels/inboundMessage.ts";
import { messagesFor } from "../i18n/index.ts";
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
import { reply, localeOf, type CrisisRaised, type DialogDeps, type Turn } from "./dialogContext.ts";
import { handleStaffMessage } from "./staffConversation.ts";
import { pressStepButton } from "./stepButtons.ts";
import { createInboundPace } from "./inboundPace.ts";
import { chatKeyOf, createBacklog, MAX_INBOUND_CHARS, type BacklogWorker, type InboundHooks } from "./inboundBacklog.ts";
import { waitingCount, type KeepReason } from "../store/inboundQueue.ts";
import type { Tx } from "../store/database.ts";
import { handleSessionChoice } from "./sessionChoices.ts";
import { handleErasureChoice } from "./erasureChoice.ts";
import type { ChoiceAction } from "./buttonActions.ts";
import { restartUnreadableDialog } from "./dialogRecovery.ts";

export interface InboundOutcome {
  /** The message was seen before and not handled again. */
  duplicate: boolean;
  /** A short answer to show on the pressed button (may be empty: just stop the spinner). */
  toast?: string;
  /** Kept to be handled later, and why: safe in the database, so the channel answers as for a handled one. */
  kept?: KeepReason;
  /** Neither handled nor kept: far beyond any person's pace (the flood bound); the sender was told. */
  cut?: boolean;
}

/** How many times a message is handled when other writers keep changing the same case or dialog meanwhile. */
const MAX_ATTEMPTS = 4;
/** How long one message's transaction may take, and wait to start (another message of a busy case holds the lock). */
const TURN_TIMEOUT_MS = 15_000;
export { MAX_INBOUND_CHARS } from "./inboundBacklog.ts";

/**
 * /start <code>: links this chat to an invited staff member, or (a client link code from a walk-in
 * registration) asks the client's consent first. Every failure gets the same answer.
 */
async function linkByCode(turn: Turn, code: string): Promise<void> {
  const invite = await peekInvite(turn.tx, { code, now: turn.now });
  if (invite?.role === CLIENT_LINK_ROLE) {
    const org = turn.deps.flows.organisations.get(invite.orgId);
    const state = newIntake({
      orgId: invite.orgId,
      orgName: org?.name ?? invite.orgId,
      kinds: [],
      locale: localeOf(turn),
      mode: "link",
      linkInviteId: invite.id,
    });
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
      await recordAudit(turn.tx, {
        type: "button_refused",
        at: turn.now,
        actorId: turn.sender?.personId,
        data: { why: "unknown_button", channel: msg.channel },
      });
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

/**
 * Handles one message in ONE transaction: its dedupe mark (unless it was written when the message was kept),
 * the dialogs' work, audit and outbox. `before` runs first in that transaction (taking a kept message off its
 * queue); false from it means another handler took the message, and nothing is done.
 */
export async function handleTurn(
  deps: DialogDeps,
  msg: InboundMessage,
  p: { claimed?: boolean; crisisRaised?: CrisisRaised; before?: (tx: Tx) => Promise<boolean> } = {},
): Promise<InboundOutcome> {
  return inTransaction(
    deps.prisma,
    async (tx): Promise<InboundOutcome> => {
      if (p.before && !(await p.before(tx))) return { duplicate: true };
      if (!p.claimed && !(await claimInbound(tx, inboundKeyOf(msg)))) return { duplicate: true };
      await recordContact(tx, { channel: msg.channel, address: msg.address, at: deps.clock() });
      const turn: Turn = { deps, tx, msg, sender: await findSender(tx, msg.channel, msg.address), now: deps.clock(), crisisRaised: p.crisisRaised };
      await route(turn);
      return { duplicate: false, toast: turn.toast };
    },
    { attempts: MAX_ATTEMPTS, timeoutMs: TURN_TIMEOUT_MS },
  );
}

/** The dedupe key of an inbound message (one per platform message, whatever happens to it). */
export const inboundKeyOf = (msg: InboundMessage): string => `${msg.channel}:${msg.platformId}`;

/** What every channel calls with each inbound message, and the worker that handles the messages kept for later. */
export interface InboundHandling {
  handle(msg: InboundMessage): Promise<InboundOutcome>;
  /** Handles kept messages as they come due: started with the service (it finds what a restart left kept). */
  backlog: BacklogWorker;
}

/**
 * Creates the handling every channel calls with each inbound message. Messages of one chat are taken one at a
 * time, in order. One within the sender's pace, with nothing of the chat kept before it, is handled at once;
 * any other — over the pace, behind a kept one, over-long, or whose handling just failed — is kept and handled
 * later, in order (src/dialogs/inboundBacklog.ts), its crisis check done on arrival.
 */
export function createInboundHandler(deps: DialogDeps, hooks: InboundHooks = {}): InboundHandling {
  const chats = perChatOrder();
  const pace = hooks.pace ?? createInboundPace();
  const backlog = createBacklog(deps, { ...hooks, pace, serialize: chats.run, handleTurn: (msg, p) => handleTurn(deps, msg, p) });

  const arrive = async (msg: InboundMessage): Promise<InboundOutcome> => {
    const chat = { channel: msg.channel, address: msg.address };
    const waiting = await waitingCount(deps.prisma, chat);
    const long = msg.text.length > MAX_INBOUND_CHARS;
    if (waiting === 0 && !long && pace.take(chatKeyOf(chat), backlog.now())) {
      try {
        return await handleTurn(deps, msg);
      } catch (error) {
        return backlog.keep(msg, { reason: "failed", waiting, error });
      }
    }
    return backlog.keep(msg, { reason: long ? "part" : waiting > 0 ? "behind" : "paced", waiting });
  };

  return {
    async handle(raw) {
      const parsed = inboundMessageSchema.safeParse(raw);
      if (!parsed.success) {
        // A converter's bug: no retry can help. Kept as a dead letter for a person to look at, then refused.
        await backlog.keepMalformed(raw, parsed.error);
        throw parsed.error;
      }
      const msg = parsed.data;
      let outcome: InboundOutcome;
      try {
        outcome = await chats.run(chatKeyOf(msg), () => arrive(msg));
      } catch (error) {
        throw new InboundNotKept(error);
      }
      if (!outcome.duplicate && !outcome.cut) hooks.afterCommit?.();
      return outcome;
    },
    backlog: backlog.worker,
  };
}

/** Runs work one at a time per key, in the order asked (one chat's messages, whoever hands them over). */
function perChatOrder(): { run<T>(key: string, work: () => Promise<T>): Promise<T> } {
  const chains = new Map<string, Promise<unknown>>();
  return {
    async run(key, work) {
      const previous = chains.get(key) ?? Promise.resolve();
      const run = previous.catch(() => undefined).then(work);
      chains.set(key, run);
      try {
        return await run;
      } finally {
        if (chains.get(key) === run) chains.delete(key);
      }
    },
  };
}
