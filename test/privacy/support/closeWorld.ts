// Closes a Telegram test world once telegraf has started polling. Stopping the Telegram channel before its
// first getUpdates never returns (src/channels/telegram/telegramChannel.ts stop(): bot.stop() throws "Bot is
// not running!", the error is swallowed, then polling starts and `await polling` waits for ever); short
// tests hit that, so they wait for the first poll (at most a few seconds) before closing.
import type { TelegramWorld } from "../../support/telegramService.ts";

export async function closeWorld(w: TelegramWorld | undefined): Promise<void> {
  if (!w) return;
  for (let i = 0; i < 250 && !w.fake.isPolling; i++) await new Promise((r) => setTimeout(r, 20));
  await w.close();
}
