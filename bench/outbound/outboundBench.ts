// Outbound: messages queued in the outbox (by the product's own queueMessage, as a broadcast to many
// chats would be) and delivered by the product's dispatcher with its real Telegram limits to the fake
// Telegram, whose recorded call times give the rate and the per-chat spacing. A second, shorter run with
// more dispatcher lanes (a what-if, not the product's setting) shows whether the lanes are the limit.
import { join } from "node:path";
import { openApp } from "../../src/app/openApp.ts";
import { textMessage } from "../../src/notify/outboundMessage.ts";
import { DEFAULT_OUTBOX_LANES } from "../../src/notify/outboxDispatcher.ts";
import { queueMessage } from "../../src/store/outbox/index.ts";
import type { BenchSizes } from "../sizes.ts";
import { freshBenchDatabase } from "../support/benchDatabase.ts";
import { REPO_ROOT } from "../support/childProcesses.ts";
import { freePort } from "../support/freePort.ts";
import { startProduct } from "../support/productProcess.ts";
import { progress, throttled } from "../support/progress.ts";
import { sqlCountsPer } from "../support/sqlCounter.ts";
import { startTelegramSide } from "../support/telegramSide.ts";
import { analyzeDeliveries, type DeliveryAnalysis } from "./deliveryAnalysis.ts";

export interface OutboundRun extends DeliveryAnalysis {
  queued: number;
  chats: number;
  /** SQL statements per delivered message (claim, mark sent, the passes that read the outbox). */
  sqlPerMessage: Record<string, number>;
  /** The product's CPU share of one core while delivering. */
  productCpuPercent: number | null;
}

export interface OutboundResult extends OutboundRun {
  limits: string;
}

async function deliver(p: { part: string; messages: number; chats: number; windowMs: number; dispatcherConcurrency?: number }): Promise<OutboundRun> {
  const db = await freshBenchDatabase("sqlite");
  const telegram = await startTelegramSide();
  try {
    const port = await freePort();
    const env = { DATABASE_URL: db.target.url, FLOWS_DIR: join(REPO_ROOT, "flows"), LOG_LEVEL: "info", ...telegram.productEnv(port) };
    const app = await openApp({ env });
    const perChat = Math.ceil(p.messages / p.chats);
    progress(p.part, `queueing ${p.messages} messages to ${p.chats} chats`);
    let queued = 0;
    try {
      // Round-robin over the chats (message k to every chat, then k+1), in transactions of 100 rows.
      const order: { chat: number; k: number }[] = [];
      for (let k = 0; k < perChat; k++) for (let c = 0; c < p.chats && order.length < p.messages; c++) order.push({ chat: 3_000_000 + c, k });
      for (let i = 0; i < order.length; i += 100) {
        const batch = order.slice(i, i + 100);
        await app.db.prisma.$transaction(async (tx) => {
          for (const { chat, k } of batch) {
            await queueMessage(tx, {
              channel: "telegram",
              address: String(chat),
              message: textMessage(`Pengumuman ${k + 1}: jadwal layanan konseling minggu ini.`),
            });
          }
        });
        queued += batch.length;
      }
    } finally {
      await app.close();
    }

    progress(
      p.part,
      `starting the product: dispatcher with the product's Telegram limits${p.dispatcherConcurrency ? `, ${p.dispatcherConcurrency} lanes` : ""}`,
    );
    const product = await startProduct({ env, dispatcher: "real", dispatcherConcurrency: p.dispatcherConcurrency, logFile: join(db.dir, "product.log") });
    const calls = telegram.fake.calls;
    const sends = () => calls.filter((c) => c.method === "sendMessage" && !c.failed);
    const before = await product.usage();
    const t0 = Date.now();
    const report = throttled(5000, () => progress(p.part, `${sends().length}/${queued} delivered`));
    for (;;) {
      const done = sends();
      const first = done[0]?.at;
      if (done.length >= queued) break;
      if (first !== undefined && Date.now() > first + p.windowMs + 500) break;
      if (Date.now() - t0 > p.windowMs * 4) break;
      report();
      await new Promise((r) => setTimeout(r, 200));
    }
    const after = await product.usage();
    const wallMs = Date.now() - t0;
    await product.stop(5000);
    const delivered = sends().map((c) => ({ chatId: Number(c.params.chat_id), at: c.at }));
    const analysis = analyzeDeliveries(delivered, p.windowMs);
    const cpu = after.cpuUserMs + after.cpuSystemMs - before.cpuUserMs - before.cpuSystemMs;
    progress(p.part, `${analysis.messagesPerSecond} msg/s (${analysis.percentOf30PerSecond} % of 30/s), busiest chat ${analysis.maxPerChatInAnySecond} in 1 s`);
    return {
      ...analysis,
      queued,
      chats: p.chats,
      sqlPerMessage: sqlCountsPer(before.sql, after.sql, delivered.length),
      productCpuPercent: Math.round((cpu / wallMs) * 1000) / 10,
    };
  } finally {
    await telegram.close();
    await db.dispose();
  }
}

/** Measures the outbox's delivered rate (SQLite) with the product's defaults. */
export async function measureOutbound(p: { sizes: BenchSizes }): Promise<OutboundResult> {
  const { sizes } = p;
  const main = await deliver({ part: "outbound sqlite", messages: sizes.outboundMessages, chats: sizes.outboundChats, windowMs: sizes.outboundWindowMs });
  return {
    ...main,
    limits: `the product defaults: TELEGRAM_PER_CHAT_INTERVAL_MS=1000, TELEGRAM_MAX_PER_SECOND=30; dispatcher defaults (${DEFAULT_OUTBOX_LANES} lanes, 500 rows per pass, 1 s poll)`,
  };
}
