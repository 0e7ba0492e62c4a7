// Answering a pressed button. "After the user presses a callback button, Telegram clients will display a progress bar
// until you call answerCallbackQuery" (https://core.telegram.org/bots/api#callbackquery), and a query answered late is
// refused ("query is too old"). The handling's toast says what the press did, so the answer waits for it, but only up
// to a bound: past it the press is answered without a toast, whatever the transaction is doing, and an answer comes
// even when the handling fails. A query is answered once.
import { cutText, TELEGRAM_CALLBACK_ANSWER_LIMIT } from "./telegramFormat.ts";

export interface CallbackAnswer {
  /** Answers with `text` (cut to Telegram's 200 characters) if not answered yet; true when this call answered. */
  answer(text?: string): Promise<boolean>;
}

/** Starts the clock on a press: `send` is called once, by `answer` or when `withinMs` has passed. */
export function answerCallbackWithin(send: (text?: string) => Promise<unknown>, p: { withinMs: number }): CallbackAnswer {
  let answered = false;
  const once = async (text?: string): Promise<boolean> => {
    if (answered) return false;
    answered = true;
    clearTimeout(timer);
    // A refused answer (too old, already answered elsewhere) changes nothing for the handling.
    await send(text ? cutText(text, TELEGRAM_CALLBACK_ANSWER_LIMIT) : undefined).catch(() => undefined);
    return true;
  };
  const timer = setTimeout(() => void once(), p.withinMs);
  timer.unref?.();
  return { answer: once };
}
