// The body of an outgoing email: the message text, its links, and its buttons as reply instructions, as
// plain text plus an escaped HTML alternative (nothing a person typed can become markup or a link).
import type { EmailTexts } from "../../i18n/email.ts";
import type { ParsedOutboundMessage } from "../../notify/outboundMessage.ts";
import { keywordForOutcome } from "./replyKeywords.ts";

/** Plain text and its HTML alternative. */
export interface EmailBody {
  text: string;
  html: string;
}

interface Section {
  heading?: string;
  lines: string[];
  /** Lines that are things to type (shown in monospace in HTML). */
  literal?: boolean;
}

function sectionsOf(message: ParsedOutboundMessage, t: EmailTexts): Section[] {
  const sections: Section[] = [{ lines: message.text.replace(/\r\n?/g, "\n").split("\n") }];
  if (message.links.length) sections.push({ heading: t.links, lines: message.links.map((l) => `- ${l.label}: ${l.url}`) });
  const outcomes = message.buttons.filter((b) => b.action.kind === "step_outcome");
  if (outcomes.length) {
    sections.push({
      heading: t.replyWithKeyword,
      literal: true,
      lines: outcomes.map((b) => {
        const entry = keywordForOutcome(b.action.kind === "step_outcome" ? b.action.outcome : "");
        const typed =
          entry.argument === "required"
            ? `${entry.keyword}: ${t.reasonPlaceholder}`
            : entry.argument === "optional"
              ? `${entry.keyword}: ${t.notePlaceholder}`
              : entry.keyword;
        return `${typed} — ${b.label}`;
      }),
    });
  }
  // Every button but a step's outcome is a choice in a conversation, answered by its number.
  const choices = message.buttons.filter((b) => b.action.kind !== "step_outcome");
  if (choices.length) sections.push({ heading: t.replyWithChoice, literal: true, lines: choices.map((b, i) => `${i + 1}. ${b.label}`) });
  return sections;
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/** Renders a neutral message as an email body. */
export function renderEmailBody(message: ParsedOutboundMessage, t: EmailTexts): EmailBody {
  const sections = sectionsOf(message, t);
  const text =
    sections
      .map((s) => [s.heading, ...s.lines].filter((l) => l !== undefined).join("\n"))
      .join("\n\n")
      .trimEnd() + "\n";
  const htmlSections = sections.map((s, i) => {
    if (i === 1 && message.links.length) {
      const items = message.links.map((l) => `<li>${escapeHtml(l.label)}: <a href="${escapeHtml(l.url)}">${escapeHtml(l.url)}</a></li>`).join("");
      return `<p>${escapeHtml(s.heading!)}</p><ul>${items}</ul>`;
    }
    const body = s.lines.map((l) => (s.literal ? `<code>${escapeHtml(l)}</code>` : escapeHtml(l))).join("<br>\n");
    return s.heading ? `<p>${escapeHtml(s.heading)}<br>\n${body}</p>` : `<p>${body}</p>`;
  });
  const html = `<!doctype html><html><body style="font-family:sans-serif;line-height:1.4">\n${htmlSections.join("\n")}\n</body></html>\n`;
  return { text, html };
}
