// Starts the service again on a Telegram world's database and fake Bot API with other settings — Telegram's own send
// limits, a per-sender pace, a lower flood bound — so a test sets people and cases up quickly, then exercises those.
// The world's own service is stopped first; use the returned app, and the world's fake and waiting helpers.
import { openApp, type App } from "../../src/app/openApp.ts";
import { startService, type Service, type ServiceOptions } from "../../src/app/startService.ts";
import { createLogger } from "../../src/logger.ts";
import type { TelegramWorld } from "./telegramService.ts";

export interface RestartedService {
  app: App;
  service: Service;
  stop(): Promise<void>;
}

/** The world's service again, with `env` over the world's environment and these service options (nothing of the world's). */
export async function restartTelegramWorld(
  w: TelegramWorld,
  p: { env?: Record<string, string>; service?: Partial<ServiceOptions> } = {},
): Promise<RestartedService> {
  await w.stopService();
  const app = await openApp({ env: { ...w.env, ...p.env } });
  const service = await startService(app, { log: createLogger("silent"), deadlines: false, ...p.service });
  return {
    app,
    service,
    async stop() {
      await service.stop();
      await app.close();
    },
  };
}
