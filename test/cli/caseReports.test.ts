// Every report counts a step's time the same way (src/core/stepTime.ts): for one case, the dashboard's case
// page and recap chart, the recap CSV and `case show` give the same minutes for the time taken and for the
// standard, a "1 hari" standard being one working day (510 minutes for 07:30–16:00), not 1,440.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApp, type App } from "../../src/app/openApp.ts";
import { startService, type Service } from "../../src/app/startService.ts";
import { caseTimeline } from "../../src/cli/caseReports.ts";
import { createLogger } from "../../src/logger.ts";
import { applyCaseEvent, openCase } from "../../src/store/caseRepository.ts";
import { issueInvite, redeemInvite } from "../../src/store/inviteCodes.ts";
import { issueLoginToken } from "../../src/store/webLogins.ts";
import { freshDatabase } from "../support/databases.ts";
import { loginFromLink } from "../support/dashboardLogin.ts";

const wib = (local: string) => new Date(`${local}+07:00`);
const NOW = wib("2026-12-02T10:00:00"); // Wednesday: s6 (3 hari) still open, not yet due
const FLOW = "bk-praja";

let app: App;
let service: Service;
let base: string;
let caseNo: number;
let cookie: string;

/** One CSV record's fields (quoted fields may hold commas; the recap's texts have no line breaks). */
const csvFields = (line: string) => [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map((m) => m[1]!.replace(/^"|"$/g, "").replace(/""/g, '"'));

/** "10h00m" or "25m" as minutes. */
const cliMinutes = (text: string) => {
  const m = /^(?:(\d+)h(\d{2})m|(\d+)m)$/.exec(text)!;
  return m[3] !== undefined ? Number(m[3]) : Number(m[1]) * 60 + Number(m[2]);
};

beforeAll(async () => {
  const target = await freshDatabase("sqlite");
  app = await openApp({ env: { DATABASE_URL: target.url, HTTP_PORT: "0", LOG_LEVEL: "silent" } });
  service = await startService(app, { log: createLogger("silent"), clock: () => NOW, deadlines: false, sessions: { loop: false }, documents: { loop: false } });
  base = `http://127.0.0.1:${service.port}`;
  const { prisma } = app.db;
  const people: Record<string, string> = {};
  for (const role of ["staf", "konselor", "kasubbag", "kepala_unit"]) {
    const invite = await issueInvite(prisma, { orgId: "ipdn", role, name: role, ttlHours: 24, now: wib("2026-11-30T07:00:00") });
    await redeemInvite(prisma, { code: invite.code, channel: "telegram", address: `tg-${role}`, now: wib("2026-11-30T07:00:00") });
    people[role] = invite.personId;
  }
  const ctx = app.flowContext(FLOW);
  const client = await prisma.person.create({ data: { kind: "client", clientKind: "praja", orgId: "ipdn" } });
  const c = await openCase(prisma, ctx, { clientId: client.id, counsellorId: people.konselor, at: wib("2026-11-30T08:00:00"), intakeJson: "{}" });
  caseNo = c.number;
  const steps: [string, string, string, string][] = [
    ["s1", "staf", "done", "2026-11-30T08:10:00"], // 10 of 15 minutes
    ["s2", "staf", "done", "2026-11-30T08:20:00"],
    ["s3a", "konselor", "done", "2026-11-30T08:45:00"],
    ["s3b", "konselor", "done", "2026-11-30T09:10:00"],
    ["s4", "kasubbag", "approve", "2026-11-30T09:30:00"],
    // 1 hari from Monday 09:30: due Tuesday 09:30; done Tuesday 11:00 = 390 + 210 = 600 working minutes, late.
    ["s5", "kepala_unit", "approve", "2026-12-01T11:00:00"],
  ];
  for (const [stepId, role, outcome, at] of steps) {
    const result = await applyCaseEvent(prisma, ctx, c.id, {
      type: "step_done",
      stepId,
      outcome,
      actor: { personId: people[role]!, roles: [role] },
      at: wib(at),
    });
    expect(result.ok, stepId).toBe(true);
  }
  const token = await issueLoginToken(prisma, { personId: people.kepala_unit!, now: NOW, ttlMinutes: 15 });
  const login = await loginFromLink(`${base}/dasbor/masuk/${token}`);
  cookie = /^(pintu_dasbor=[^;]+)/.exec(login.headers.get("set-cookie") ?? "")![1]!;
}, 60_000);

afterAll(async () => {
  await service?.stop();
  await app?.close();
});

describe("the three reports of one case", () => {
  it("agree on the minutes taken and the standard of every step, a day being a working day", async () => {
    // case show: one table row per step run, in the order asked.
    const cli = await caseTimeline(app, caseNo, NOW);
    const cliRows = cli
      .split("\n")
      .map((line) => /\s(\d+h\d{2}m|\d+m) \/ (\d+h\d{2}m|\d+m)( \(\d+ hari kerja\))?\s/.exec(line))
      .filter((m) => m !== null)
      .map((m) => ({ taken: cliMinutes(m[1]!), standard: cliMinutes(m[2]!), days: m[3] ?? "" }));

    // The dashboard's case page: the same runs in the same order, with their minutes on each row.
    const page = await (await fetch(`${base}/dasbor/kasus/${caseNo}`, { headers: { cookie } })).text();
    const pageRows = [
      ...page.matchAll(/<tr class="[^"]*" data-step="([^"]+)">[\s\S]*?<td class="actual num"[^>]*data-actual="(\d*)" data-standard="(\d+)">/g),
    ].map((m) => ({
      stepId: m[1]!,
      taken: m[2] === "" ? null : Number(m[2]),
      standard: Number(m[3]),
    }));
    expect(pageRows.map((r) => r.stepId)).toEqual(["s1", "s2", "s3a", "s3b", "s4", "s5", "s6"]);
    expect(cliRows).toHaveLength(pageRows.length);

    // The recap: its CSV and its chart, per step; one case, so the median is that case's time.
    const csv = (await (await fetch(`${base}/dasbor/rekap.csv`, { headers: { cookie } })).text()).replace(/^\uFEFF/, "");
    const csvRows = new Map(
      csv
        .trim()
        .split("\r\n")
        .slice(1)
        .map(csvFields)
        .filter((f) => f[1] === FLOW)
        .map((f) => [f[4]!, { standard: Number(f[6]), median: f[11] === "" ? null : Number(f[11]) }]),
    );
    const home = await (await fetch(`${base}/dasbor`, { headers: { cookie } })).text();
    const chart = new Map(
      [...home.matchAll(/<g class="step" data-flow="bk-praja" data-step="([^"]+)" data-median="([^"]*)" data-p90="[^"]*" data-standard="(\d+)">/g)].map((m) => [
        m[1]!,
        { median: m[2] === "" ? null : Number(m[2]), standard: Number(m[3]) },
      ]),
    );

    for (const [i, row] of pageRows.entries()) {
      expect(cliRows[i]!.standard, `${row.stepId}: case show against the case page`).toBe(row.standard);
      if (row.taken !== null) {
        expect(cliRows[i]!.taken, `${row.stepId}: time taken`).toBe(row.taken);
        expect(csvRows.get(row.stepId), `${row.stepId}: CSV`).toEqual({ standard: row.standard, median: row.taken });
        expect(chart.get(row.stepId), `${row.stepId}: chart`).toEqual({ standard: row.standard, median: row.taken });
      }
    }

    // The hand-checked values: 10 of 15 minutes; 1 hari = 510 working minutes, done in 600; 3 hari = 1,530.
    expect(pageRows[0]).toEqual({ stepId: "s1", taken: 10, standard: 15 });
    expect(pageRows[5]).toEqual({ stepId: "s5", taken: 600, standard: 510 });
    expect(pageRows[6]).toEqual({ stepId: "s6", taken: null, standard: 1530 });
    expect(cli).toMatch(/\s10h00m \/ 8h30m \(1 hari kerja\)\s+LATE$/m);
    expect(cli).not.toContain("24h00m");
    expect(page).toContain('1 hari <span class="muted">= 510 menit kerja</span>');
    // s6 is open: case show counts it so far (Tuesday 11:00 to Wednesday 10:00 = 300 + 150 working minutes).
    expect(cliRows[6]).toEqual({ taken: 450, standard: 1530, days: " (3 hari kerja)" });
  });

  it("stores the engine's runs with the same standard the reports show", async () => {
    const runs = await app.db.prisma.stepRun.findMany({
      where: { case: { number: caseNo } },
      orderBy: { askedAt: "asc" },
      select: { stepId: true, standardMin: true },
    });
    expect(runs.map((r) => [r.stepId, r.standardMin])).toEqual([
      ["s1", 15],
      ["s2", 10],
      ["s3a", 30],
      ["s3b", 30],
      ["s4", 30],
      ["s5", 510],
      ["s6", 1530],
    ]);
  });
});
