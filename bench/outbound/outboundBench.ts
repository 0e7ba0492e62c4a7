// Outbound: messages queued in the outbox (by the product's own queueMessage, as a broadcast to many
// chats would be) and delivered by the product's dispatcher with its real Telegram limits to the fake
// Telegram, whose recorded call times give the rate and the per-chat spacing.
import { join } from "node:path";
import { openApp } from "../../src/app/openApp.ts";
import { textMessage } from "../../src/notify/outboundMessage.ts";
import { queueMessage } from "../../src/store/outboxWriter.ts";
import type { BenchSizes } from "../sizes.ts";
import { freshBenchDatabase } from "../support/benchDatabase.ts";
import { REPO_ROOT } from "../support/childProcesses.ts";
import { freePort } from "../support/freePort.ts";
import { startProduct } from "../support/productProcess.ts";
import { progress, throttled } from "../support/progress.ts";
import { startTelegramSide } from "../support/telegramSide.ts";
import { analyzeDeliveries, type DeliveryAnalysis } from "./deliveryAnalysis.ts";

export interface OutboundResult extends DeliveryAnalysis {
  queued: number;
  chats: number;
  limits: string;
  /** Dispatcher passes: outbox rows read per delivered message (each pass reads up to 500 rows). */
  sqlPerMessage: Record<string, number>;
}

/** Measures the outbox's delivered rate (SQLite). */
export async function measureOutbound(p: { sizes: BenchSizes }): Promise<OutboundResult> {
  const { sizes } = p;
  const part = "outbound sqlite";
  const db = await freshBenchDatabase("sqlite");
  const telegram = await startTelegramSide();
  try {
    const port = await freePort();
    const env = { DATABASE_URL: db.target.url, FLOWS_DIR: join(REPO_ROOT, "flows"), LOG_LEVEL: "info", ...telegram.productEnv(port) };
    const app = await openApp({ env });
    const perChat = Math.ceil(sizes.outboundMessages / sizes.outboundChats);
    progress(part, `queueing ${sizes.outboundMessages} messages to ${sizes.outboundChats} chats`);
    let queued = 0;
    try {
      // Round-robin over the chats (message k to every chat, then k+1), in transactions of 100 rows.
      const order: { chat: number; k: number }[] = [];
      for (let k = 0; k < perChat; k++) for (let c = 0; c < sizes.outboundChats && order.length < sizes.outboundMessages; c++) order.push({ chat: 3_000_000 + c, k });
      for (let i = 0; i < order.length; i += 100) {
        const batch = order.slice(i, i + 100);
        await app.db.prisma.$transaction(async (tx) => {
          for (const { chat, k } of batch) {
            await queueMessage(tx, { channel: "telegram", address: String(chat), message: textMessage(`Pengumuman ${k + 1}: jadwal layanan konseling minggu ini.`) });
          }
        });
        queued += batch.length;
      }
    } finally {
      await app.close();
    }

    progress(part, "starting the product: dispatcher with the product's Telegram limits");
    const product = await startProduct({ env, dispatcher: "real", logFile: join(db.dir, "product.log") });
    const calls = telegram.fake.calls;
    const sends = () => calls.filter((c) => c.method === "sendMessage" && !c.failed);
    const before = await product.usage();
    const report = throttled(5000, () => progress(part, `${sends().length}/${queued} delivered`));
    const started = Date.now();
    for (;;) {
      const done = sends();
      const first = done[0]?.at;
      if (done.length >= queued) break;
      if (first !== undefined && Date.now() > first + sizes.outboundWindowMs + 500) break;
      if (Date.now() - started > sizes.outboundWindowMs * 4) break;
      report();
      await new Promise((r) => setTimeout(r, 200));
    }
    const after = await product.usage();
    await product.stop(10_000);
    const delivered = sends().map((c) => ({ chatId: Number(c.params.chat_id), at: c.at }));
    const analysis = analyzeDeliveries(delivered, sizes.outboundWindowMs);
    const sqlPerMessage: Record<string, number> = {};
    for (const [k, v] of Object.entries(after.sql)) {
      const d = v - (before.sql[k] ?? 0);
      if (d > 0) sqlPerMessage[k] = Math.round((d / Math.max(1, delivered.length)) * 100) / 100;
    }
    progress(part, `${analysis.messagesPerSecond} msg/s (${analysis.percentOf30PerSecond} % of 30/s), busiest chat ${analysis.maxPerChatInAnySecond}/s`);
    return {
      ...analysis,
      queued,
      chats: sizes.outboundChats,
      limits: "TELEGRAM_LIMITS from src/notify/outboxDispatcher.ts (1 message/s per chat, 30/s overall); dispatcher defaults (16 lanes, 500 rows per pass, 1 s poll)",
      sqlPerMessage,
    };
  } finally {
    await telegram.close();
    await db.dispose();
  }
}
