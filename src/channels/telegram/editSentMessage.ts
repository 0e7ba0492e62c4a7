// Editing a message the bot sent, by the id the outbox kept: the message that carries the buttons, which is the last
// part of a long text or a file with its caption. Telegram edits a text with editMessageText and a caption with
// editMessageCaption ("there is no text in the message to edit" otherwise), and returns the edited Message from either
// and from editMessageReplyMarkup (https://core.telegram.org/bots/api#updating-messages). So the keyboard goes first:
// it is what must never stay live, and its answer says what the message holds (a text, or a caption) and which part
// of the new text is this message's own, so a long task's last part is never overwritten with its first.
import { TelegramError, type Telegram } from "telegraf";
import type { Message } from "telegraf/types";
import type { ParsedOutboundMessage } from "../../notify/outboundMessage.ts";
import { splitText } from "../../notify/splitText.ts";
import { deliveryErrorOf, escapeHtml, inlineKeyboard, TELEGRAM_CAPTION_LIMIT, TELEGRAM_TEXT_LIMIT, textWithLinks } from "./telegramFormat.ts";

/** What an edit found: the message is gone or too old to edit, or already shows what was asked. */
const GONE = /message to edit not found|message can't be edited|MESSAGE_ID_INVALID/i;
const NOT_MODIFIED = /message is not modified/i;
const NO_TEXT = /there is no text in the message to edit/i;

const refused = (error: unknown, pattern: RegExp) => error instanceof TelegramError && error.code === 400 && pattern.test(error.description);

/** What the message shows now, from an edited Message: its text, or its caption (a file, perhaps without one). */
function shapeOf(m: Message): { kind: "text" | "caption"; own: string | undefined } {
  if ("text" in m && typeof m.text === "string") return { kind: "text", own: m.text };
  return { kind: "caption", own: "caption" in m && typeof m.caption === "string" ? m.caption : undefined };
}

/**
 * The part of `wanted` this message shows: from where its current text starts (the new text of a long task is its
 * old text plus a line, and the earlier parts stay as they are), or all of it when the text is a new one.
 */
function ownPart(wanted: string, own: string | undefined): string {
  if (!own) return wanted;
  const at = wanted.lastIndexOf(own);
  return at >= 0 ? wanted.slice(at) : wanted;
}

/** Edits message `messageId` in `chatId` to `message`: its keyboard, and unless `keyboardOnly` its text or caption. */
export async function editSentMessage(telegram: Telegram, p: { chatId: string; messageId: number; message: ParsedOutboundMessage }): Promise<void> {
  const { chatId, messageId, message } = p;
  const markup = inlineKeyboard(message.buttons) ?? { inline_keyboard: [] };
  let shape: ReturnType<typeof shapeOf> | undefined;
  try {
    const edited = await telegram.editMessageReplyMarkup(chatId, messageId, undefined, markup);
    if (typeof edited === "object") shape = shapeOf(edited as Message);
  } catch (error) {
    if (refused(error, GONE)) return; // too old or deleted: nothing more to do for an edit
    if (!refused(error, NOT_MODIFIED)) throw deliveryErrorOf(error, "editMessageReplyMarkup");
  }
  if (message.keyboardOnly) return;

  const wanted = textWithLinks(message);
  if (!shape) {
    // The keyboard was already right (an edit tried before, or a second one), so Telegram said nothing of the
    // message. A short text can still be put in place, as a text or else as a caption; a long one cannot be placed
    // without knowing which part this message is, and is left as it is rather than written over the wrong part.
    if (wanted.length === 0 || wanted.length > TELEGRAM_TEXT_LIMIT) return;
    try {
      await editText(telegram, { chatId, messageId, kind: "text", text: wanted, markup });
    } catch (error) {
      if (refused(error, NOT_MODIFIED) || refused(error, GONE)) return;
      if (!refused(error, NO_TEXT)) throw deliveryErrorOf(error, "editMessageText");
      if (wanted.length > TELEGRAM_CAPTION_LIMIT) return;
      await editText(telegram, { chatId, messageId, kind: "caption", text: wanted, markup }).catch((e: unknown) => {
        if (!refused(e, NOT_MODIFIED) && !refused(e, GONE)) throw deliveryErrorOf(e, "editMessageCaption");
      });
    }
    return;
  }

  const part = ownPart(wanted, shape.own);
  if (part.length === 0) return; // a text message cannot be emptied; its keyboard is right
  const limit = shape.kind === "text" ? TELEGRAM_TEXT_LIMIT : TELEGRAM_CAPTION_LIMIT;
  const [first = "", ...more] = splitText(part, limit);
  if (first !== shape.own) {
    try {
      await editText(telegram, { chatId, messageId, kind: shape.kind, text: first, markup });
    } catch (error) {
      if (!refused(error, NOT_MODIFIED) && !refused(error, GONE)) {
        throw deliveryErrorOf(error, shape.kind === "text" ? "editMessageText" : "editMessageCaption");
      }
    }
  }
  // What no longer fits (a caption near its 1,024 characters plus the line saying who handled it) follows as a reply.
  if (more.length === 0) return;
  for (const chunk of splitText(part.slice(first.length).trim(), TELEGRAM_TEXT_LIMIT)) {
    try {
      await telegram.sendMessage(chatId, escapeHtml(chunk), {
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
        reply_parameters: { message_id: messageId, allow_sending_without_reply: true },
      });
    } catch (error) {
      throw deliveryErrorOf(error, "sendMessage");
    }
  }
}

async function editText(
  telegram: Telegram,
  p: { chatId: string; messageId: number; kind: "text" | "caption"; text: string; markup: ReturnType<typeof inlineKeyboard> },
): Promise<void> {
  const extra = { parse_mode: "HTML" as const, reply_markup: p.markup };
  if (p.kind === "text") await telegram.editMessageText(p.chatId, p.messageId, undefined, escapeHtml(p.text), extra);
  else await telegram.editMessageCaption(p.chatId, p.messageId, undefined, escapeHtml(p.text), extra);
}
