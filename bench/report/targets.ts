// The targets the team set, beside the measured figures: one table row per measure, "met?" computed
// here (printed, never asserted: a missed target is a finding to explain, not a failing build).
import { ran, type BenchResult, type TableRow } from "./benchResult.ts";

const fmt = (v: number | null | undefined, unit: string, digits = 1) => (v === null || v === undefined ? "n/a" : `${v.toFixed(digits)} ${unit}`.trim());
const met = (ok: boolean | null) => (ok === null ? "—" : ok ? "yes" : "no");
const atMost = (v: number | null | undefined, limit: number) => (v === null || v === undefined ? null : v <= limit);
const atLeast = (v: number | null | undefined, limit: number) => (v === null || v === undefined ? null : v >= limit);

/** The table rows for a run (parts that did not run show why). */
export function tableRows(r: Omit<BenchResult, "table">): TableRow[] {
  const rows: TableRow[] = [];
  const add = (measure: string, value: string, target: string, ok: boolean | null) => rows.push({ measure, value, target, met: met(ok) });
  const skip = (measure: string, why: string) => rows.push({ measure, value: `skipped: ${why}`, target: "", met: "—" });

  const s = r.inbound.sqlite;
  if (ran(s)) {
    add("inbound SQLite: updates/s", fmt(s.updatesPerSecond, "/s"), "≥ 1000 /s", atLeast(s.updatesPerSecond, 1000));
    add("inbound SQLite: p50 latency", fmt(s.latency.p50Ms, "ms"), "", null);
    add("inbound SQLite: p99 latency", fmt(s.latency.p99Ms, "ms"), "≤ 25 ms", atMost(s.latency.p99Ms, 25));
    const kirim = s.serialSteps.at(-1);
    const typed = s.serialSteps.find((x) => x.step === "nama");
    if (kirim && typed)
      add(
        "inbound SQLite, one at a time: typed answer / Kirim",
        `${fmt(typed.meanMs, "ms")} (${typed.statements} SQL) / ${fmt(kirim.meanMs, "ms")} (${kirim.statements} SQL)`,
        "",
        null,
      );
  } else skip("inbound SQLite", s.skipped);
  const f = r.inbound.floor;
  if (ran(f)) add("floor (bare http + 1 SQLite insert): updates/s", fmt(f.updatesPerSecond, "/s"), "", null);
  else skip("floor", f.skipped);
  add("inbound SQLite ÷ floor", fmt(r.inbound.ratioToFloor, "", 3), "≥ 0.25", atLeast(r.inbound.ratioToFloor, 0.25));
  const doc = r.inbound.documentRender;
  if (ran(doc)) add("registration-form PDF per new case (in-process)", fmt(doc.medianMs, "ms"), "", null);
  const po = r.inbound.prismaOverhead;
  if (ran(po)) add("Prisma findUnique vs better-sqlite3 get", `${fmt(po.prismaFindUniqueUs, "µs", 0)} vs ${fmt(po.rawSelectUs, "µs", 0)}`, "", null);
  const pg = r.inbound.postgres;
  if (ran(pg)) {
    add("inbound PostgreSQL: updates/s", fmt(pg.updatesPerSecond, "/s"), "", null);
    add("inbound PostgreSQL: p50 / p99 latency", `${fmt(pg.latency.p50Ms, "ms")} / ${fmt(pg.latency.p99Ms, "ms")}`, "", null);
  } else skip("inbound PostgreSQL", pg.skipped);

  const h = r.handoff;
  if (ran(h)) {
    add("hand-off Kirim → counsellor: p50", fmt(h.handoff.p50Ms, "ms", 0), "", null);
    add("hand-off Kirim → counsellor: p99", fmt(h.handoff.p99Ms, "ms", 0), "≤ 1000 ms", h.missing > 0 ? false : atMost(h.handoff.p99Ms, 1000));
  } else skip("hand-off", h.skipped);

  const o = r.outbound;
  if (ran(o)) {
    add(
      "outbound: delivered rate",
      `${fmt(o.messagesPerSecond, "msg/s", 2)} (${fmt(o.percentOf30PerSecond, "%")} of 30/s)`,
      "≥ 95 % of 30/s",
      atLeast(o.percentOf30PerSecond, 95),
    );
    add(
      "outbound: busiest chat (messages in any 1 s)",
      `${o.maxPerChatInAnySecond} (min gap ${fmt(o.minGapSameChatMs, "ms", 0)})`,
      "≤ 1 /s per chat",
      o.maxPerChatInAnySecond <= 1,
    );
    add("outbound: busiest second, all chats", String(o.maxInAnySecond), "≤ 30", o.maxInAnySecond <= 30);
  } else skip("outbound", o.skipped);

  const m = r.scale.moduleMemory;
  if (ran(m)) {
    const last = m.steps.at(-1);
    const biggest = [...m.steps.slice(1)].sort((a, b) => (b.addedMb ?? 0) - (a.addedMb ?? 0))[0];
    add(
      "memory: RSS once the product's code is loaded",
      `${fmt(last?.rssMb, "MB", 0)} (largest: ${biggest?.module} +${fmt(biggest?.addedMb, "MB", 0)})`,
      "",
      null,
    );
  }
  for (const [name, sc] of [
    ["SQLite", r.scale.sqlite],
    ["PostgreSQL", r.scale.postgres],
  ] as const) {
    if (!ran(sc)) {
      skip(`scale ${name}`, sc.skipped);
      continue;
    }
    const cases = sc.generated.rows.Case ?? 0;
    add(
      `scale ${name}: counsellor queue (${cases.toLocaleString("en")} cases)`,
      fmt(sc.queries.counsellorQueue.medianMs, "ms", 2),
      "≤ 20 ms",
      atMost(sc.queries.counsellorQueue.medianMs, 20),
    );
    add(`scale ${name}: case timeline`, fmt(sc.queries.caseTimelineRows.medianMs, "ms", 2), "", null);
    add(
      `scale ${name}: recap, one org, 90 days`,
      `${fmt(sc.queries.stepRecap90d.medianMs, "ms", 0)} (${sc.queries.stepRecap90d.stepRunsCounted} step runs)`,
      "",
      null,
    );
    add(`scale ${name}: start-up until /healthz`, fmt(sc.startup.spawnToHealthzMs, "ms", 0), "", null);
    add(
      `scale ${name}: product RSS after start / peak`,
      `${fmt(sc.product.rssAfterStartMb, "MB", 0)} / ${fmt(sc.product.maxRssMb, "MB", 0)}`,
      "≤ 200 MB",
      atMost(sc.product.maxRssMb, 200),
    );
  }
  const busiest = [...r.load].filter((l) => l.othersCpuPercent !== undefined).sort((a, b) => b.othersCpuPercent! - a.othersCpuPercent!)[0];
  if (busiest)
    add(
      "machine: CPU of other processes (worst part)",
      `${busiest.othersCpuPercent} % of one core (${busiest.part})`,
      "< 10 % (quiet machine)",
      busiest.othersCpuPercent! < 10,
    );
  return rows;
}

/** The table as text, columns padded. */
export function renderTable(rows: TableRow[]): string {
  const head: TableRow = { measure: "measure", value: "value", target: "target", met: "met?" };
  const all = [head, ...rows];
  const w = (k: keyof TableRow) => Math.max(...all.map((r) => r[k].length));
  const line = (r: TableRow) => `${r.measure.padEnd(w("measure"))} | ${r.value.padEnd(w("value"))} | ${r.target.padEnd(w("target"))} | ${r.met}`;
  const rule = `${"-".repeat(w("measure"))}-+-${"-".repeat(w("value"))}-+-${"-".repeat(w("target"))}-+-${"-".repeat(4)}`;
  return [line(head), rule, ...rows.map(line)].join("\n");
}
