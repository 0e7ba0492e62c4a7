// A burst of messages waiting for one chat, sent as one: a client who writes twenty messages in a minute reaches their
// counsellor in one or two Telegram messages instead of twenty paced a second apart (which would also hold back
// anything queued behind them). Only plain text is combined; the outbox says which rows may be (their batch key).
import type { ParsedOutboundMessage } from "./outboundMessage.ts";

/** Whether a message is plain text that may go out together with its neighbours (no buttons, links, files, invite, edit or quote). */
export function isCombinable(message: ParsedOutboundMessage): boolean {
  return (
    message.buttons.length === 0 &&
    message.links.length === 0 &&
    message.attachments.length === 0 &&
    !message.invite &&
    !message.replaces &&
    !message.keyboardOnly &&
    !message.replyTo
  );
}

/**
 * The texts as one, a blank line between them. A heading line repeated from the message before ("Kasus #12 · pesan
 * klien:") is written once, so the burst reads as the heading followed by what the person wrote, message by message.
 */
export function combineTexts(texts: readonly string[]): string {
  let heading: string | undefined;
  const parts: string[] = [];
  for (const text of texts) {
    const newline = text.indexOf("\n");
    const first = newline === -1 ? undefined : text.slice(0, newline);
    parts.push(first !== undefined && first === heading ? text.slice(newline + 1) : text);
    heading = first;
  }
  return parts.join("\n\n");
}

/**
 * How many of `messages` (in order, the first always) go out as one, and that one message: plain texts combined
 * while the result stays within `maxChars`. The first message's other fields (case number, subject) carry over.
 */
export function combineMessages(messages: readonly ParsedOutboundMessage[], maxChars: number): { count: number; message: ParsedOutboundMessage } {
  const [first, ...rest] = messages;
  if (!first) throw new Error("combineMessages: no message");
  if (!isCombinable(first)) return { count: 1, message: first };
  const texts = [first.text];
  let text = first.text;
  for (const next of rest) {
    if (!isCombinable(next)) break;
    const combined = combineTexts([...texts, next.text]);
    if (combined.length > maxChars) break;
    texts.push(next.text);
    text = combined;
  }
  return { count: texts.length, message: { ...first, text } };
}
