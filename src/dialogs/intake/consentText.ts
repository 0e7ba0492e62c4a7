// The consent text as a client reads it: the locale's text (src/i18n) with the line naming the unit's data
// protection contact (DATA_PROTECTION_CONTACT) before its closing question, as UU 27/2022 asks.
import { dataRightsTextsFor } from "../../i18n/dataRights.ts";
import { messagesFor, type Locale } from "../../i18n/index.ts";

/** The consent text for a locale, naming `contact` (the unit's head, when none is configured). */
export function consentText(locale: Locale, contact: string | undefined): string {
  const t = dataRightsTextsFor(locale);
  const line = t.contactLine({ contact: contact ?? t.defaultContact });
  const consent = messagesFor(locale).intake.consent;
  const question = /\n\n([^\n]*\?)$/.exec(consent);
  return question ? `${consent.slice(0, question.index)}\n${line}\n\n${question[1]}` : `${consent}\n${line}`;
}
