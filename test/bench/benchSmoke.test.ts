// `npm run bench` in miniature: every part (inbound and its floor, hand-off, outbound, scale) runs with tiny
// sizes through the same code, and the result has the shape the JSON file promises with plausible numbers.
// No timing thresholds: how fast is for the real run to say, on a quiet machine. The parts run at the same
// time here (concurrentParts) to stay near 30 s; `npm run bench` runs them one after another.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ran, type BenchResult } from "../../bench/report/benchResult.ts";
import { writeResults } from "../../bench/report/writeResults.ts";
import { runBench } from "../../bench/runBench.ts";
import { SMOKE_SIZES } from "../../bench/sizes.ts";

const sizes = SMOKE_SIZES;
const updatesPerClient = 13;

describe("npm run bench, tiny sizes", () => {
  let r: BenchResult;
  const dir = mkdtempSync(join(tmpdir(), "pintu-bench-smoke-"));
  beforeAll(async () => {
    r = await runBench({ sizes, postgres: false, silent: true, concurrentParts: true });
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("inbound: every update answered 200 and committed (a case per client, a dedupe mark per update, outbox rows left pending)", () => {
    const s = r.inbound.sqlite;
    if (!ran(s)) throw new Error(`inbound sqlite did not run: ${s.skipped}`);
    expect(s.updates).toBe(sizes.inboundClients * updatesPerClient);
    expect(s.statuses).toEqual({ 200: s.updates });
    expect(s.updatesPerSecond).toBeGreaterThan(0);
    expect(s.latency.count).toBe(s.updates);
    expect(s.latency.p99Ms!).toBeGreaterThanOrEqual(s.latency.p50Ms!);
    expect(s.committed.cases).toBe(sizes.inboundClients + sizes.inboundWarmupClients);
    expect(s.committed.processedInbound).toBeGreaterThanOrEqual((sizes.inboundClients + sizes.inboundWarmupClients) * updatesPerClient);
    expect(s.committed.outboxPending).toBeGreaterThan(0);
    expect(s.sqlPerUpdate.begin).toBeGreaterThanOrEqual(1);
    expect(s.product.maxRssMb).toBeGreaterThan(30);
  });

  it("inbound: the floor takes the same load, and the ratio and Prisma diagnostics are numbers", () => {
    const f = r.inbound.floor;
    if (!ran(f)) throw new Error(`floor did not run: ${f.skipped}`);
    expect(f.updates).toBe(sizes.inboundClients * updatesPerClient);
    expect(f.statuses).toEqual({ 200: f.updates });
    expect(r.inbound.ratioToFloor).toBeGreaterThan(0);
    const d = r.inbound.prismaOverhead;
    if (!ran(d)) throw new Error(`diagnostics did not run: ${d.skipped}`);
    for (const v of [d.prismaFindUniqueUs, d.rawSelectUs, d.prismaTransactionUs, d.rawTransactionUs]) expect(v).toBeGreaterThan(0);
    const s = r.inbound.sqlite;
    if (!ran(s)) throw new Error("inbound sqlite did not run");
    expect(s.serialSteps.map((x) => x.step)).toHaveLength(updatesPerClient);
    expect(s.serialSteps.at(-1)!.statements!).toBeGreaterThan(s.serialSteps[0]!.statements!); // Kirim opens the case
  });

  it("PostgreSQL parts and the slow diagnostics say why they did not run", () => {
    expect(r.inbound.postgres).toEqual({ skipped: expect.stringMatching(/PostgreSQL/) });
    expect(r.scale.postgres).toEqual({ skipped: expect.any(String) });
    expect(r.scale.moduleMemory).toEqual({ skipped: expect.stringMatching(/slow diagnostics/) });
    expect(r.git.commit).toMatch(/^[0-9a-f]{7,}$|^unknown$/);
  });

  it("hand-off: every case card reached the counsellor, after its Kirim press", () => {
    const h = r.handoff;
    if (!ran(h)) throw new Error(`hand-off did not run: ${h.skipped}`);
    expect(h.missing).toBe(0);
    expect(h.handoff.count).toBe(sizes.handoffCases);
    expect(h.handoff.p50Ms!).toBeGreaterThanOrEqual(0);
    expect(h.webhookAnswer.count).toBe(sizes.handoffCases);
    expect(h.messagesSent).toBeGreaterThanOrEqual(2 * sizes.handoffCases); // card + the client's confirmation at least
  });

  it("outbound: every queued message delivered, with a rate and per-chat spacing", () => {
    const o = r.outbound;
    if (!ran(o)) throw new Error(`outbound did not run: ${o.skipped}`);
    expect(o.queued).toBe(sizes.outboundMessages);
    expect(o.delivered).toBe(sizes.outboundMessages);
    expect(o.messagesPerSecond).toBeGreaterThan(0);
    expect(o.percentOf30PerSecond).toBeGreaterThan(0);
    expect(o.maxPerChatInAnySecond).toBeGreaterThanOrEqual(1);
    expect(o.minGapSameChatMs).toBeGreaterThan(0);
  });

  it("scale: the generated history has its cases, step runs and messages, and the queries answer", () => {
    const sc = r.scale.sqlite;
    if (!ran(sc)) throw new Error(`scale did not run: ${sc.skipped}`);
    expect(sc.generated.rows.Case).toBe(sizes.scaleCases);
    expect(sc.generated.rows.StepRun).toBeGreaterThan(sizes.scaleCases * 5);
    expect(sc.generated.rows.Message).toBeGreaterThan(sizes.scaleMessages * 0.8);
    expect(sc.generated.casesByStatus.archived).toBeGreaterThan(sc.generated.casesByStatus.open ?? 0);
    expect(sc.queries.counsellorQueue.rows).toBeGreaterThan(0);
    expect(sc.queries.caseTimelineRows.rows).toBeGreaterThan(0);
    expect(sc.queries.stepRecap90d.stepRunsCounted).toBeGreaterThan(0);
    for (const q of [sc.queries.counsellorQueue, sc.queries.caseTimelineRows, sc.queries.stepRecap90d]) {
      expect(q.runsMs).toHaveLength(sizes.scaleQueryRuns);
      expect(q.medianMs).toBeGreaterThan(0);
    }
    expect(sc.startup.spawnToHealthzMs).toBeGreaterThan(0);
    expect(sc.product.maxRssMb).toBeGreaterThanOrEqual(sc.product.rssAfterStartMb!);
  });

  it("the table has a row per measure with a verdict, and the JSON written reads back the same", () => {
    expect(r.table.length).toBeGreaterThan(10);
    for (const row of r.table) expect(["yes", "no", "—"]).toContain(row.met);
    expect(r.table.map((t) => t.measure)).toContain("inbound SQLite: updates/s");
    const file = writeResults(r, dir);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(JSON.parse(JSON.stringify(r)));
    expect(JSON.parse(readFileSync(join(dir, "latest.json"), "utf8")).startedAt).toBe(r.startedAt);
  });
});
