// One counselling unit under test: a fresh database, the fake Telegram, the product in a child process in
// webhook mode, and this process's own handle on the database (to issue invites and find buttons).
import { join } from "node:path";
import { openApp, type App } from "../../src/app/openApp.ts";
import { freshBenchDatabase, type BenchDatabase, type DbKind } from "./benchDatabase.ts";
import { createButtonFinder } from "./buttonFinder.ts";
import { REPO_ROOT } from "./childProcesses.ts";
import { freePort } from "./freePort.ts";
import type { HostSpec } from "./hostProtocol.ts";
import { startProduct, type ProductProcess } from "./productProcess.ts";
import { startTelegramSide, type TelegramSide } from "./telegramSide.ts";
import { updateIdCounter } from "./telegramUpdates.ts";
import { createWebhookClient, type WebhookClient } from "./webhookClient.ts";

export interface BenchUnit {
  kind: DbKind;
  db: BenchDatabase;
  /** This process's App on the same database (not serving anything). */
  app: App;
  telegram: TelegramSide;
  product: ProductProcess;
  webhook: WebhookClient;
  nextUpdateId(): number;
  findButton(chatId: number, choice: string): Promise<string>;
  /** Restarts the product with another dispatcher mode (same database, same port). */
  restart(dispatcher: HostSpec["dispatcher"]): Promise<void>;
  close(): Promise<void>;
}

/** Opens a unit; `dispatcher` is how the product's outbox runs (see HostSpec). */
export async function openBenchUnit(p: { kind: DbKind; pgUrl?: string; dispatcher: HostSpec["dispatcher"]; concurrency: number }): Promise<BenchUnit> {
  const db = await freshBenchDatabase(p.kind, p.pgUrl);
  const telegram = await startTelegramSide();
  const port = await freePort();
  const env: Record<string, string> = {
    DATABASE_URL: db.target.url,
    FLOWS_DIR: join(REPO_ROOT, "flows"),
    LOG_LEVEL: "info",
    ...telegram.productEnv(port),
  };
  const app = await openApp({ env });
  const spec = (dispatcher: HostSpec["dispatcher"]): HostSpec => ({ env, dispatcher, logFile: join(db.dir, "product.log") });
  // The product's own port, behind the public HTTPS address it registered.
  const webhookUrl = `http://127.0.0.1:${port}${new URL(env.TELEGRAM_WEBHOOK_URL!).pathname}`;
  const newClient = () => createWebhookClient(webhookUrl, { secret: telegram.secret, maxSockets: p.concurrency });
  let product: ProductProcess;
  try {
    product = await startProduct(spec(p.dispatcher), { cpuProfDir: process.env.BENCH_CPU_PROF_DIR });
  } catch (error) {
    await app.close().catch(() => undefined);
    await telegram.close().catch(() => undefined);
    await db.dispose();
    throw error;
  }
  const unit: BenchUnit = {
    kind: p.kind,
    db,
    app,
    telegram,
    product,
    webhook: newClient(),
    nextUpdateId: updateIdCounter(),
    findButton: createButtonFinder(app.db.prisma),
    async restart(dispatcher) {
      unit.webhook.close();
      await unit.product.stop();
      unit.product = await startProduct(spec(dispatcher), { cpuProfDir: process.env.BENCH_CPU_PROF_DIR });
      unit.webhook = newClient();
    },
    async close() {
      unit.webhook.close();
      await unit.product.stop(10_000).catch(() => undefined);
      await app.close().catch(() => undefined);
      await telegram.close().catch(() => undefined);
      await db.dispose();
    },
  };
  return unit;
}
