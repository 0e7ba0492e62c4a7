// The warning that the holiday lists do not cover the next 120 days, where people see it: the start-up log,
// /healthz and the dashboard. The service clock is injected and moved; no assertion depends on today's date.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApp, type App } from "../../src/app/openApp.ts";
import { startService, type Service } from "../../src/app/startService.ts";
import { createLogger } from "../../src/logger.ts";
import { issueInvite, redeemInvite } from "../../src/store/inviteCodes.ts";
import { issueLoginToken } from "../../src/store/webLogins.ts";
import { freshDatabase } from "../support/databases.ts";
import { loginFromLink } from "../support/dashboardLogin.ts";
import { healthDetails, TEST_HEALTH_TOKEN } from "../support/health.ts";

// flows/holidays/ has complete lists for 2026 and 2027 only.
const COVERED = new Date("2026-12-02T10:00:00+07:00"); // the next 120 days end in April 2027
const REACHES_2028 = new Date("2027-09-15T10:00:00+07:00"); // the next 120 days end in January 2028

let now = REACHES_2028;
let app: App;
let service: Service;
let base: string;
const lines: { level: number; msg: string; orgId?: string; year?: number }[] = [];

type Health = {
  ok: boolean;
  calendar: { ok: boolean; horizonDays: number; warnings: { orgId: string; year: number; reason: string; from: string; message: string }[] };
};
const health = async () => (await healthDetails<Health>(`${base}/healthz`)).body;

async function dashboardHome(): Promise<string> {
  const invite = await issueInvite(app.db.prisma, { orgId: "ipdn", role: "kepala_unit", name: "Kepala", ttlHours: 24, now });
  await redeemInvite(app.db.prisma, { code: invite.code, channel: "telegram", address: `tg-${invite.personId}`, now });
  const token = await issueLoginToken(app.db.prisma, { personId: invite.personId, now, ttlMinutes: 15 });
  const login = await loginFromLink(`${base}/dasbor/masuk/${token}`);
  expect(login.status).toBe(303);
  const cookie = /^(pintu_dasbor=[^;]+)/.exec(login.headers.get("set-cookie") ?? "")![1]!;
  return (await fetch(`${base}/dasbor`, { headers: { cookie } })).text();
}

beforeAll(async () => {
  const target = await freshDatabase("sqlite");
  app = await openApp({ env: { DATABASE_URL: target.url, HTTP_PORT: "0", LOG_LEVEL: "silent", HEALTH_TOKEN: TEST_HEALTH_TOKEN } });
  const log = createLogger("warn", { write: (chunk: string) => void lines.push(JSON.parse(chunk)) });
  service = await startService(app, { log, clock: () => now, deadlines: false, sessions: { loop: false }, documents: { loop: false } });
  base = `http://127.0.0.1:${service.port}`;
}, 60_000);

afterAll(async () => {
  await service?.stop();
  await app?.close();
});

describe("a holiday list missing for the next 120 days", () => {
  it("is logged at start-up, once per organisation", () => {
    const calendar = lines.filter((l) => l.msg.startsWith("working calendar:"));
    expect(calendar.map((l) => [l.level, l.orgId, l.year])).toEqual([
      [40, "ipdn", 2028],
      [40, "puspaga", 2028],
    ]);
    expect(calendar[0]!.msg).toBe(
      "working calendar: ipdn: no holiday list for 2028 (flows/holidays/2028.yaml); from 2028-01-01 its national holidays and cuti bersama would count as working days",
    );
  });

  it("shows on /healthz as a warning, not a failure", async () => {
    const res = await health();
    expect(res.ok).toBe(true);
    expect(res.calendar.ok).toBe(false);
    expect(res.calendar.horizonDays).toBe(120);
    expect(res.calendar.warnings.map((w) => [w.orgId, w.year, w.reason, w.from])).toEqual([
      ["ipdn", 2028, "missing", "2028-01-01"],
      ["puspaga", 2028, "missing", "2028-01-01"],
    ]);
  });

  it("heads the dashboard of the organisation's staff", async () => {
    const home = await dashboardHome();
    const notices = [...home.matchAll(/<p class="notice calendar-gap" data-org="([^"]+)" data-year="(\d+)">([^<]*)<\/p>/g)];
    expect(notices.map((m) => [m[1], m[2]])).toEqual([["ipdn", "2028"]]); // PUSPAGA's is not this viewer's
    expect(notices[0]![3]).toContain("belum ada daftar hari libur 2028 (flows/holidays/2028.yaml). Mulai 2028-01-01");
  });

  it("goes away when the next 120 days are covered", async () => {
    now = COVERED;
    const res = await health();
    expect(res.calendar).toEqual({ ok: true, horizonDays: 120, warnings: [] });
    expect(await dashboardHome()).not.toContain("calendar-gap");
  });
});
