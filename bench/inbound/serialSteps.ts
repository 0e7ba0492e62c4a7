// The cost of each intake step on its own: a few clients one request at a time (nothing else in flight),
// with the product's SQL statements counted per request. Shows which steps are heavy and why.
import { performance } from "node:perf_hooks";
import type { BenchUnit } from "../support/benchUnit.ts";
import { benchClients, prajaIntake, PRAJA_STEP_NAMES } from "../support/intakeScript.ts";
import { round } from "../support/stats.ts";
import { callbackUpdate, messageUpdate } from "../support/telegramUpdates.ts";

export interface StepCost {
  step: string;
  /** Mean over the clients, one request in flight. */
  meanMs: number | null;
  /** SQL statements the product sent for the request (mean). */
  statements: number | null;
}

const total = (sql: Record<string, number>) => Object.values(sql).reduce((a, b) => a + b, 0);

/** Runs `clients` intakes serially on a running unit; returns the mean time and statements per step. */
export async function measureSerialSteps(unit: BenchUnit, clients: number, firstId: number): Promise<StepCost[]> {
  const ms: number[][] = PRAJA_STEP_NAMES.map(() => []);
  const statements: number[][] = PRAJA_STEP_NAMES.map(() => []);
  for (const [index, user] of benchClients(clients, firstId).entries()) {
    for (const [i, step] of prajaIntake(user, index).entries()) {
      const update =
        "say" in step
          ? messageUpdate(unit.nextUpdateId(), user, step.say)
          : callbackUpdate(unit.nextUpdateId(), user, await unit.findButton(user.id, step.press));
      const before = await unit.product.usage();
      const t = performance.now();
      const answer = await unit.webhook.post(update);
      ms[i]!.push(performance.now() - t);
      const after = await unit.product.usage();
      if (answer.status !== 200) throw new Error(`serial step ${PRAJA_STEP_NAMES[i]}: HTTP ${answer.status}`);
      statements[i]!.push(total(after.sql) - total(before.sql));
    }
  }
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  return PRAJA_STEP_NAMES.map((step, i) => ({ step, meanMs: round(mean(ms[i]!), 1), statements: round(mean(statements[i]!), 1) }));
}
