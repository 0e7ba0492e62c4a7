// Hand-off: from a client's Kirim press (the last intake answer, which opens the case) to the counsellor's
// case card leaving the outbox (the fake Telegram's recorded sendMessage to the counsellor's chat), with
// the dispatcher running normally (the product's own Telegram limits, its own poll and kicks).
// Setting up (clients filling the intake up to the summary) runs first with Telegram's limits lifted, so
// the outbox is empty when the measured presses come; the product is then restarted as `npm start` runs it.
import type { RecordedCall } from "../../test/fakes/telegramBotApi.ts";
import type { BenchSizes } from "../sizes.ts";
import type { DbKind } from "../support/benchDatabase.ts";
import { openBenchUnit, type BenchUnit } from "../support/benchUnit.ts";
import { benchClients, prajaIntake } from "../support/intakeScript.ts";
import { linkStaff } from "../support/linkStaff.ts";
import { runLoad } from "../support/loadRunner.ts";
import { progress, throttled } from "../support/progress.ts";
import { summarizeLatency, type LatencySummary } from "../support/stats.ts";
import { callbackUpdate, type BenchUser } from "../support/telegramUpdates.ts";

export interface HandoffResult {
  database: DbKind;
  cases: number;
  casesPerSecond: number;
  counsellors: number;
  stafs: number;
  /** Kirim press → the counsellor's case card arrives at Telegram. */
  handoff: LatencySummary;
  /** The parts of it: the webhook's answer to the press; the press → outbox row written; row written → sent. */
  webhookAnswer: LatencySummary;
  pressToQueued: LatencySummary;
  queuedToSent: LatencySummary;
  /** Cases whose card never arrived within the wait. */
  missing: number;
  /** Messages the product sent from the first press until it stopped (cards, client confirmations, staf tasks). */
  messagesSent: number;
  /** Outbox rows still unsent when the last card arrived (staf tasks wait at 1 message/s per chat). */
  outboxBacklogAtEnd: number;
  /** SIGTERM-like stop right after: how long service.stop() took, and whether it finished within 10 s. */
  stopAfterMs: number;
  stoppedWithin10s: boolean;
}

async function waitForOutboxEmpty(unit: BenchUnit, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = await unit.app.db.prisma.outbox.count({ where: { status: { in: ["pending", "sending"] } } });
    if (left === 0) return;
    if (Date.now() > deadline) throw new Error(`the outbox still holds ${left} unsent rows after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The counsellor's case card among the calls: a sendMessage to one of their chats naming the client. */
function cardCall(calls: readonly RecordedCall[], from: number, counsellorChats: Set<number>, name: string): RecordedCall | undefined {
  for (let i = from; i < calls.length; i++) {
    const c = calls[i]!;
    if (c.method !== "sendMessage" || c.failed || !counsellorChats.has(Number(c.params.chat_id))) continue;
    if (String(c.params.text ?? "").includes(name)) return c;
  }
  return undefined;
}

/** Measures the hand-off on one database kind. */
export async function measureHandoff(p: { kind: DbKind; sizes: BenchSizes; pgUrl?: string }): Promise<HandoffResult> {
  const { sizes } = p;
  const part = `hand-off ${p.kind}`;
  progress(part, "starting the product (Telegram limits lifted for setting up)");
  const unit = await openBenchUnit({ kind: p.kind, pgUrl: p.pgUrl, dispatcher: "lifted", concurrency: sizes.concurrency });
  try {
    const staff = await linkStaff(unit.app.db.prisma, unit.webhook, {
      counsellors: sizes.counsellors,
      stafs: sizes.stafs,
      firstId: 900_000,
      nextUpdateId: unit.nextUpdateId,
    });
    const clients = benchClients(sizes.handoffCases, 2_000_000);
    progress(part, `setting up: ${clients.length} clients fill in the intake up to the summary`);
    await runLoad({
      clients,
      script: (user, i) => prajaIntake(user, i).slice(0, -1),
      concurrency: sizes.concurrency,
      client: unit.webhook,
      nextUpdateId: unit.nextUpdateId,
      findButton: unit.findButton,
    });
    await waitForOutboxEmpty(unit, 180_000);
    progress(part, "restarting the product with its own dispatcher settings and Telegram limits");
    await unit.restart("real");
    const presses = await Promise.all(clients.map(async (user) => ({ user, data: await unit.findButton(user.id, "summary:send") })));

    const calls = unit.telegram.fake.calls;
    const firstCall = calls.length;
    const counsellorChats = new Set(staff.counsellors.map((c) => c.id));
    const pressedAt = new Map<number, number>();
    const answers: number[] = [];
    const gapMs = 1000 / sizes.handoffCasesPerSecond;
    progress(part, `${clients.length} Kirim presses at ${sizes.handoffCasesPerSecond}/s`);
    const t0 = Date.now() + 50;
    await Promise.all(
      presses.map(
        ({ user, data }, i) =>
          new Promise<void>((resolve, reject) => {
            setTimeout(
              () => {
                pressedAt.set(user.id, Date.now());
                unit.webhook.post(callbackUpdate(unit.nextUpdateId(), user, data)).then((a) => {
                  if (a.status !== 200) throw new Error(`Kirim press of ${user.id}: HTTP ${a.status}`);
                  answers.push(a.ms);
                  resolve();
                }, reject);
              },
              Math.max(0, t0 + i * gapMs - Date.now()),
            );
          }),
      ),
    );

    const found = new Map<BenchUser, RecordedCall>();
    const deadline = Date.now() + 60_000;
    const report = throttled(2000, () => progress(part, `${found.size}/${clients.length} case cards arrived`));
    while (found.size < clients.length && Date.now() < deadline) {
      for (const user of clients) {
        if (found.has(user)) continue;
        const call = cardCall(calls, firstCall, counsellorChats, user.firstName);
        if (call) found.set(user, call);
      }
      report();
      if (found.size < clients.length) await new Promise((r) => setTimeout(r, 100));
    }

    const rows = await unit.app.db.prisma.outbox.findMany({
      where: { channel: "telegram", address: { in: [...counsellorChats].map(String) }, createdAt: { gte: new Date(t0 - 1000) } },
      select: { payloadJson: true, createdAt: true },
    });
    const queuedAt = new Map<BenchUser, number>();
    for (const user of clients) {
      const row = rows.find((r) => r.payloadJson.includes(user.firstName));
      if (row) queuedAt.set(user, row.createdAt.getTime());
    }
    const handoff: number[] = [];
    const pressToQueued: number[] = [];
    const queuedToSent: number[] = [];
    for (const [user, call] of found) {
      const pressed = pressedAt.get(user.id)!;
      handoff.push(call.at - pressed);
      const queued = queuedAt.get(user);
      if (queued !== undefined) {
        pressToQueued.push(queued - pressed);
        queuedToSent.push(call.at - queued);
      }
    }
    const outboxBacklogAtEnd = await unit.app.db.prisma.outbox.count({ where: { status: { in: ["pending", "sending"] } } });
    const stopped = await unit.product.stop(10_000);
    const result: HandoffResult = {
      database: p.kind,
      cases: clients.length,
      casesPerSecond: sizes.handoffCasesPerSecond,
      counsellors: staff.counsellors.length,
      stafs: staff.stafs.length,
      handoff: summarizeLatency(handoff),
      webhookAnswer: summarizeLatency(answers),
      pressToQueued: summarizeLatency(pressToQueued),
      queuedToSent: summarizeLatency(queuedToSent),
      missing: clients.length - found.size,
      messagesSent: calls.slice(firstCall).filter((c) => c.method.startsWith("send") && !c.failed).length,
      outboxBacklogAtEnd,
      stopAfterMs: Math.round(stopped.stopMs),
      stoppedWithin10s: stopped.clean,
    };
    progress(part, `p50 ${result.handoff.p50Ms} ms, p99 ${result.handoff.p99Ms} ms (${result.missing} missing)`);
    return result;
  } finally {
    await unit.close();
  }
}
