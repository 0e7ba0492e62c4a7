// The intake by form (email): each reply is read as the filled form, consent is recorded when given, and
// the case opens exactly as in a chat once everything is in.
import { dataProtectionContact } from "../core/dataProtection.ts";
import { messagesFor } from "../i18n/index.ts";
import { textMessage } from "../notify/outboundMessage.ts";
import { endDialog, saveDialog, type StoredDialog } from "./savedDialogs.ts";
import { ensureClient } from "../store/senders.ts";
import { recordClientConsent, recordConsentRefused } from "../store/clients/consents.ts";
import { reply, type Turn } from "./dialogContext.ts";
import { newFormIntake, stepFormIntake, type FormIntakeState } from "./intake/intakeForm.ts";
import type { ClientKind } from "./intake/intakeFields.ts";
import type { IntakeState } from "./intake/intakeDialog.ts";
import { CONSENT_TEXT_VERSION, submitIntake } from "./intakeTurn.ts";

/** Reads this message as the form (a new form intake when there is none) and acts on it. */
export async function runFormIntake(
  turn: Turn,
  p: { stored: StoredDialog<FormIntakeState> | null; previous: StoredDialog | null; org: { id: string; name: string }; kinds: ClientKind[] },
): Promise<void> {
  const state =
    p.stored?.state ??
    newFormIntake({
      orgId: p.org.id,
      orgName: p.org.name,
      kinds: p.kinds,
      locale: turn.sender?.locale === "en" ? "en" : turn.deps.settings.defaultLocale,
      privacyContact: dataProtectionContact(turn.deps.settings.dataProtectionContacts ?? {}, p.org.id),
    });
  const step = stepFormIntake(state, turn.msg.text, { hotline: turn.deps.settings.crisisHotline, telegramLink: turn.deps.settings.telegramLink });
  const { channel, address } = turn.msg;
  if (step.state) await saveDialog(turn.tx, { channel, address, dialog: "form_intake", state: step.state, previous: p.stored ?? p.previous });
  else await endDialog(turn.tx, channel, address);
  const t = messagesFor(state.locale);
  for (const event of step.events) {
    if (event.type === "consent_given") {
      const personId = await ensureClient(turn.tx, { channel, address, locale: state.locale, orgId: state.orgId });
      await recordClientConsent(turn.tx, { personId, channel, orgId: state.orgId, textVersion: CONSENT_TEXT_VERSION, at: turn.now });
    } else if (event.type === "consent_refused") {
      await recordConsentRefused(turn.tx, { channel, orgId: state.orgId, textVersion: CONSENT_TEXT_VERSION, at: turn.now });
    } else {
      const asIntake: IntakeState = {
        dialog: "intake",
        mode: "self",
        orgId: state.orgId,
        orgName: state.orgName,
        kinds: state.kinds,
        locale: state.locale,
        stage: { at: "summary" },
        answers: event.answers,
        keluhan: [event.keluhan],
        kind: event.kind,
      };
      await submitIntake(turn, asIntake, event);
    }
  }
  for (const text of step.replies) await reply(turn, textMessage(text, turn.msg.subject ? {} : { subject: t.form.subject }));
}
