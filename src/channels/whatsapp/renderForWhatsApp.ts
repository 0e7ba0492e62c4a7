// A neutral OutboundMessage as the WhatsApp messages that carry it: text (split when long, formatting
// neutralised), links written out, buttons as a numbered list with a hint line, files one per message.
// Choices always come last, so the question is the last thing the person sees.
import { whatsappTextsFor } from "../../i18n/whatsapp.ts";
import type { OutboundAttachment, ParsedOutboundMessage } from "../../notify/outboundMessage.ts";
import type { MenuOption } from "./choiceMenu.ts";
import { splitLongText, WHATSAPP_TEXT_LIMIT } from "./splitLongText.ts";
import { neutraliseWhatsAppFormatting } from "./whatsappFormatting.ts";

/** One WhatsApp message to send. A text part with `menu` carries the numbered choices. */
export type WhatsAppPart =
  | { kind: "text"; text: string; menu?: MenuOption[]; quotedId?: string }
  | { kind: "file"; attachment: OutboundAttachment; quotedId?: string };

/** How to render: the hint's language and the longest text part. */
export interface RenderForWhatsAppOptions {
  /** Language of the hint line; Bahasa Indonesia by default. */
  locale?: string;
  /** Longest text part (default 4000). */
  maxTextLength?: number;
}

/** A message that cannot be rendered (the outbox should not retry it); says what to fix. */
export class WhatsAppRenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WhatsAppRenderError";
  }
}

/** Renders a message as WhatsApp parts, in sending order. */
export function renderForWhatsApp(message: ParsedOutboundMessage, options: RenderForWhatsAppOptions = {}): WhatsAppPart[] {
  const texts = whatsappTextsFor(options.locale);
  const maxLength = options.maxTextLength ?? WHATSAPP_TEXT_LIMIT;

  const body = [
    neutraliseWhatsAppFormatting(message.text),
    message.links.map((l) => texts.linkLine({ label: neutraliseWhatsAppFormatting(l.label), url: l.url })).join("\n"),
  ]
    .filter((block) => block.trim() !== "")
    .join("\n\n");
  const textParts: WhatsAppPart[] = splitLongText(body, maxLength).map((text) => ({ kind: "text", text }));
  const fileParts: WhatsAppPart[] = message.attachments.map((attachment) => ({ kind: "file", attachment }));

  const parts: WhatsAppPart[] = [...textParts, ...fileParts];
  const menu = menuOf(message);
  if (menu) {
    const menuText = renderNumberedChoices(menu, texts.choiceHint);
    const last = parts.at(-1);
    if (last?.kind === "text" && last.text.length + 2 + menuText.length <= maxLength) {
      last.text = `${last.text}\n\n${menuText}`;
      last.menu = menu;
    } else {
      const menuParts = splitLongText(menuText, maxLength);
      menuParts.forEach((text, index) => {
        parts.push(index === menuParts.length - 1 ? { kind: "text", text, menu } : { kind: "text", text });
      });
    }
  }
  if (parts.length === 0) {
    throw new WhatsAppRenderError("The message has no text, no links, no buttons and no attachments: nothing to send.");
  }
  if (message.replyTo) parts[0]!.quotedId = message.replyTo;
  return parts;
}

/** "1. Setuju\n2. Tidak setuju\n\n<hint>" */
export function renderNumberedChoices(options: readonly MenuOption[], hint: string): string {
  const lines = options.map((o, index) => `${index + 1}. ${neutraliseWhatsAppFormatting(o.label)}`);
  return `${lines.join("\n")}\n\n${hint}`;
}

function menuOf(message: ParsedOutboundMessage): MenuOption[] | undefined {
  if (message.buttons.length === 0) return undefined;
  return message.buttons.map((button, index) => {
    if (!button.id) {
      throw new WhatsAppRenderError(
        `Button ${index + 1} ("${button.action.kind}") has no id: the outbox must give every button its opaque id ` +
          `before sending, or a numbered answer could not be resolved.`,
      );
    }
    return { id: button.id, label: button.label };
  });
}
