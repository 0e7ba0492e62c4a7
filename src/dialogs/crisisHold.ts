// A crisis phrase from someone without an open case (mid-registration, or before it started): the
// registration pauses and everything the client writes goes to the counsellors who were alerted, until one
// of them — or the client, with a button — resumes it. A crisis phrase is never taken as an answer.
import { messagesFor } from "../i18n/index.ts";
import { textMessage, type OutboundMessage } from "../notify/outboundMessage.ts";
import { endDialog, loadDialog, saveDialog, storedAs, type StoredDialog } from "./savedDialogs.ts";
import { queueMessage } from "../store/outbox/index.ts";
import { reachableIdentities } from "../store/senders.ts";
import { personLocale } from "../store/people.ts";
import { buttonAction } from "./buttonActions.ts";
import { reply, localeOf, type Turn } from "./dialogContext.ts";
import { promptFor } from "./intake/intakeDialog.ts";
import { renderForm } from "./intake/intakeForm.ts";
import { recordMessage, relayFromClientWithoutCase } from "./relay.ts";
import { CRISIS_HOLD, type CrisisHoldState } from "./dialogStateSchema.ts";

export { CRISIS_HOLD, type CrisisHoldState };

/** The registration a hold keeps: a chat intake or an email form (a client's chat holds no other dialog). */
function heldOf(stored: StoredDialog | null): CrisisHoldState["held"] {
  const s = stored?.state;
  if (s?.dialog === "intake") return { dialog: "intake", state: s };
  if (s?.dialog === "form_intake") return { dialog: "form_intake", state: s };
  return null;
}

/** Pauses the chat's registration (or its start) after a crisis alert, and tells the client how to go on. */
export async function holdRegistration(turn: Turn, p: { clientId: string; counsellorIds: string[]; stored: StoredDialog | null }): Promise<void> {
  const { channel, address } = turn.msg;
  const already = storedAs(p.stored, CRISIS_HOLD)?.state ?? null;
  const state: CrisisHoldState = already
    ? { ...already, counsellorIds: [...new Set([...already.counsellorIds, ...p.counsellorIds])] }
    : { dialog: CRISIS_HOLD, clientId: p.clientId, counsellorIds: p.counsellorIds, held: heldOf(p.stored) };
  await saveDialog(turn.tx, { channel, address, dialog: CRISIS_HOLD, state, previous: p.stored });
  const t = messagesFor(localeOf(turn));
  await reply(turn, textMessage(t.crisis.registrationHeld, { buttons: [{ label: t.crisis.resumeButton, action: buttonAction.resumeRegistration() }] }));
}

/** A message while the registration is paused: kept, and passed to the alerted counsellors. */
export async function relayWhileHeld(turn: Turn, hold: CrisisHoldState): Promise<void> {
  await recordMessage(turn, { caseId: null, personId: hold.clientId, direction: "in", text: turn.msg.text.trim() });
  await relayFromClientWithoutCase(turn, { clientId: hold.clientId, counsellorIds: hold.counsellorIds });
}

/** The question the paused conversation was at, to ask again when it resumes (null: none had started). */
function promptOf(held: CrisisHoldState["held"]): OutboundMessage | null {
  if (held?.dialog === "intake") {
    const state = held.state;
    const prompt = promptFor(state);
    return { ...prompt, text: `${messagesFor(state.locale).intake.resume}\n\n${prompt.text}` };
  }
  if (held?.dialog === "form_intake") return textMessage(renderForm(held.state, {}));
  return null;
}

/**
 * Ends the pause on one chat: the paused conversation is stored again and its question returned, or (none had
 * started) the chat is left empty and null returned, for the caller to start a registration.
 */
export async function resumeHeld(turn: Turn, p: { channel: string; address: string; stored: StoredDialog<CrisisHoldState> }): Promise<OutboundMessage | null> {
  const { held } = p.stored.state;
  if (!held) {
    await endDialog(turn.tx, p.channel, p.address);
    return null;
  }
  await saveDialog(turn.tx, { channel: p.channel, address: p.address, dialog: held.dialog, state: held.state, previous: p.stored });
  return promptOf(held);
}

/** The counsellor's "continue the client's registration": every paused chat of the client resumes. */
export async function resumeForCounsellor(
  turn: Turn,
  clientId: string,
  startFresh: (chat: { channel: string; address: string }) => Promise<OutboundMessage | null>,
): Promise<void> {
  const t = messagesFor(localeOf(turn));
  let resumed = 0;
  for (const chat of await reachableIdentities(turn.tx, clientId)) {
    const stored = storedAs(await loadDialog(turn.tx, chat.channel, chat.address), CRISIS_HOLD);
    if (!stored || stored.state.clientId !== clientId) continue;
    if (!stored.state.counsellorIds.includes(turn.sender!.personId)) continue;
    const prompt = (await resumeHeld(turn, { channel: chat.channel, address: chat.address, stored })) ?? (await startFresh(chat));
    const tc = messagesFor(await personLocale(turn.tx, clientId));
    const text = [tc.crisis.resumedByCounsellor, prompt?.text].filter(Boolean).join("\n\n");
    await queueMessage(turn.tx, { channel: chat.channel, address: chat.address, personId: clientId, message: { ...(prompt ?? textMessage("")), text } });
    resumed++;
  }
  await reply(turn, textMessage(resumed ? t.crisis.resumedForCounsellor : t.crisis.notHeld));
}
