// Closes a Telegram test world. (Stopping right after start used to hang in the Telegram channel; that is
// fixed in src/channels/telegram/telegramChannel.ts and covered by test/channels/telegram/restartAnd429.test.ts.)
import type { TelegramWorld } from "../../support/telegramService.ts";

export async function closeWorld(w: TelegramWorld | undefined): Promise<void> {
  await w?.close();
}
