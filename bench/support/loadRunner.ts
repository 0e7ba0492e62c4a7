// The load generator: a fixed number of virtual clients in flight, each running its script step by step
// (one request outstanding per client, the next step sent when the answer comes back), until every
// client is done. Records each request's latency and status, and how long button look-ups took.
import { performance } from "node:perf_hooks";
import type { ScriptStep } from "./intakeScript.ts";
import { callbackUpdate, messageUpdate, type BenchUser } from "./telegramUpdates.ts";
import type { WebhookClient } from "./webhookClient.ts";

export interface LoadRun {
  clients: BenchUser[];
  script(user: BenchUser, index: number): ScriptStep[];
  concurrency: number;
  client: WebhookClient;
  nextUpdateId(): number;
  /** The callback data for a press (a look-up for the product; a constant for the bare floor). */
  findButton(chatId: number, choice: string): Promise<string>;
  /** Called after each request with how many were sent so far. */
  onRequest?(sent: number): void;
}

export interface LoadResult {
  updates: number;
  elapsedMs: number;
  latenciesMs: number[];
  /** How many answers had each HTTP status. */
  statuses: Record<string, number>;
  lookupsMs: number[];
}

/** Runs every client's script with `concurrency` clients at a time; resolves when all are done. */
export async function runLoad(run: LoadRun): Promise<LoadResult> {
  const result: LoadResult = { updates: 0, elapsedMs: 0, latenciesMs: [], statuses: {}, lookupsMs: [] };
  let nextClient = 0;
  const worker = async () => {
    for (;;) {
      const index = nextClient++;
      const user = run.clients[index];
      if (!user) return;
      for (const step of run.script(user, index)) {
        let update;
        if ("say" in step) update = messageUpdate(run.nextUpdateId(), user, step.say);
        else {
          const t = performance.now();
          const data = await run.findButton(user.id, step.press);
          result.lookupsMs.push(performance.now() - t);
          update = callbackUpdate(run.nextUpdateId(), user, data);
        }
        const answer = await run.client.post(update);
        result.latenciesMs.push(answer.ms);
        result.statuses[answer.status] = (result.statuses[answer.status] ?? 0) + 1;
        result.updates++;
        run.onRequest?.(result.updates);
      }
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: run.concurrency }, worker));
  result.elapsedMs = performance.now() - t0;
  return result;
}
