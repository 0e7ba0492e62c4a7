// The sentences that tell a person what happened to parts of their mail (too large, too many files...).
import { emailTextsFor } from "../../i18n/email.ts";
import type { MailNotice } from "./emailToInbound.ts";
import type { MailLimits } from "./emailSettings.ts";
import type { DroppedAttachment } from "./readMail.ts";

const mb = (bytes: number) => Math.max(1, Math.round(bytes / (1024 * 1024)));

/** One line per notice of an emailToInbound result, in the person's language, for the dialog to send. */
export function describeMailNotices(
  result: { notices: MailNotice[]; dropped: DroppedAttachment[] },
  options: { locale?: string; limits: Pick<MailLimits, "maxAttachmentBytes" | "maxAttachments" | "maxMessageBytes"> },
): string[] {
  const t = emailTextsFor(options.locale);
  // biome-ignore lint/suspicious/useIterableCallbackReturn: the switch covers every MailNotice; tsc checks that it returns
  return result.notices.map((notice) => {
    switch (notice) {
      case "attachments_too_large": {
        const names = result.dropped.filter((d) => d.reason === "too_large").map((d, i) => d.name ?? `#${i + 1}`);
        return t.attachmentsTooLarge({ names, maxMb: mb(options.limits.maxAttachmentBytes) });
      }
      case "attachments_too_many":
        return t.attachmentsTooMany({ dropped: result.dropped.filter((d) => d.reason === "too_many").length, max: options.limits.maxAttachments });
      case "message_too_large":
        return t.messageTooLarge({ maxMb: mb(options.limits.maxMessageBytes) });
      case "text_truncated":
        return t.textTruncated;
    }
  });
}
