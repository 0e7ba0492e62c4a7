// Finds the callback data a client would press: the id of the button with a given action on the bot's
// latest message to that chat, read from the outbox (the dispatcher does not send during the inbound
// measurement, so the fake Telegram never sees these messages).
import { legacyChoiceValue, parseButtonAction } from "../../src/dialogs/buttonActions.ts";
import type { Prisma } from "../../src/store/database.ts";

interface PayloadButton {
  id?: string;
  action?: unknown;
}

/** The choice a button stands for, in the old string form the bench scripts name ("consent:yes"). */
function choiceOf(button: PayloadButton): string | null {
  const action = parseButtonAction(button.action);
  return action && action.kind !== "step_outcome" ? legacyChoiceValue(action) : null;
}

/** Returns a finder: chat id + choice value → button id; throws when the latest messages have no such button. */
export function createButtonFinder(prisma: Prisma): (chatId: number, choice: string) => Promise<string> {
  return async (chatId, choice) => {
    const rows = await prisma.outbox.findMany({
      where: { channel: "telegram", address: String(chatId) },
      orderBy: [{ createdAt: "desc" }],
      take: 3,
      select: { payloadJson: true },
    });
    for (const row of rows) {
      const buttons = (JSON.parse(row.payloadJson) as { buttons?: PayloadButton[] }).buttons ?? [];
      const hit = buttons.find((b) => b.id && choiceOf(b) === choice);
      if (hit) return hit.id!;
    }
    throw new Error(`chat ${chatId}: no button "${choice}" on the bot's latest messages`);
  };
}
