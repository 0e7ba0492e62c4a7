// The staff dashboard over real HTTP on the whole service in-process (no chat tokens, so local mode runs
// beside it) on a fresh SQLite database. Staff come from invite codes, cases and step runs from the real
// case repository at chosen times (so StepRun.actualMin and late are the engine's), login from a real
// one-time link. The service clock is injected and moved for session expiry.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApp, type App } from "../../src/app/openApp.ts";
import { startService, type Service } from "../../src/app/startService.ts";
import { createLogger } from "../../src/logger.ts";
import { applyCaseEvent, openCase, type FlowContext } from "../../src/store/caseRepository.ts";
import { requestDocument } from "../../src/store/documentRequests.ts";
import { issueInvite, redeemInvite } from "../../src/store/inviteCodes.ts";
import { issueLoginToken, peekLoginToken } from "../../src/store/webLogins.ts";
import { archiveScopes } from "../../src/http/dashboard/archiveScope.ts";
import { DASHBOARD_CSS } from "../../src/http/dashboard/dashboardStyle.ts";
import { csvField } from "../../src/http/dashboard/recapCsv.ts";
import { readCookie, sessionCookie } from "../../src/http/dashboard/sessionCookie.ts";
import { freshDatabase } from "../support/databases.ts";

const FLOW = "konseling-online-praja";
const START = new Date("2026-12-02T10:00:00+07:00"); // Wednesday, working time
const at = (local: string) => new Date(`${local}+07:00`);
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n", "latin1");
const KELUHAN = "KELUHAN-RAHASIA sulit tidur sejak ujian";
const CLIENT_NAME = "Ana Rahasiawati";

let now = START;
let app: App;
let service: Service;
let base: string;
let ctx: FlowContext;
const people: Record<string, string> = {};
const cases: Record<string, { id: string; number: number }> = {};
const docs: Record<string, string> = {};

/** Nearest-rank percentile, written here on purpose instead of reusing the product's. */
function nearestRank(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** The recap computed straight from the StepRun rows (optionally one counsellor's cases). */
async function expectedRecap(p: { counsellorId?: string } = {}) {
  const runs = await app.db.prisma.stepRun.findMany({
    where: { case: { orgId: "ipdn", ...(p.counsellorId ? { counsellorId: p.counsellorId } : {}) } },
    include: { case: true },
  });
  const groups = new Map<string, { flowId: string; stepId: string; standardMin: number; done: number; late: number; overdue: number; minutes: number[] }>();
  for (const r of runs) {
    const key = `${r.case.flowId}/${r.stepId}`;
    const g = groups.get(key) ?? { flowId: r.case.flowId, stepId: r.stepId, standardMin: r.standardMin, done: 0, late: 0, overdue: 0, minutes: [] };
    groups.set(key, g);
    if (r.actedAt) {
      g.done++;
      if (r.late) g.late++;
      if (r.actualMin !== null) g.minutes.push(r.actualMin);
    } else if (r.deadlineAt.getTime() < now.getTime() && r.case.status === "open") g.overdue++;
  }
  return [...groups.values()].map((g) => ({ ...g, median: nearestRank(g.minutes, 50), p90: nearestRank(g.minutes, 90) }));
}

/** RFC 4180 parsing, enough for the test: quoted fields with "" escapes, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += ch;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

async function staff(name: string, role: string): Promise<string> {
  const invite = await issueInvite(app.db.prisma, { orgId: "ipdn", role, name, ttlHours: 24, now: START });
  const linked = await redeemInvite(app.db.prisma, { code: invite.code, channel: "telegram", address: `tg-${role}-${invite.personId}`, now: START });
  expect(linked.ok).toBe(true);
  return invite.personId;
}

/** Opens a case and does its first steps at the given local times ([stepId, role-holder, done at]). */
async function caseWith(p: { counsellor: string; openedAt: string; steps: [string, string, string][]; intake?: object; clientName?: string }) {
  const client = await app.db.prisma.person.create({ data: { kind: "client", clientKind: "praja", orgId: "ipdn", displayName: p.clientName ?? CLIENT_NAME } });
  const c = await openCase(app.db.prisma, ctx, {
    clientId: client.id,
    counsellorId: p.counsellor,
    at: at(p.openedAt),
    intakeJson: JSON.stringify(p.intake ?? {}),
  });
  for (const [stepId, who, when] of p.steps) {
    const actor =
      who === "client"
        ? { personId: client.id, roles: [] }
        : { personId: people[who]!, roles: [who === "konselorA" || who === "konselorB" ? "konselor" : who] };
    const outcome = stepId === "s4" || stepId === "s7" ? "approve" : "done";
    const result = await applyCaseEvent(app.db.prisma, ctx, c.id, { type: "step_done", stepId, outcome, actor, at: at(when) });
    expect(result.ok, `${stepId} by ${who}`).toBe(true);
  }
  return { id: c.id, number: c.number, clientId: client.id };
}

/** What a browser holds after opening a login link: the login cookie the page set and the form's hidden token. */
interface LoginForm {
  token: string;
  cookie: string;
  csrf: string;
}

/** Headers a current browser sends with a form post from the dashboard's own page (Referrer-Policy: same-origin). */
const fromOwnPage = () => ({ origin: base, "sec-fetch-site": "same-origin" });

/** Opens a login link as a browser does and reads the form on it. */
async function openLoginPage(token: string, cookie?: string): Promise<LoginForm> {
  const res = await fetch(`${base}/dasbor/masuk/${token}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  expect(res.status).toBe(200);
  const page = await res.text();
  expect(page).toContain(`<form method="post" action="/dasbor/masuk/${token}">`);
  const set = /^(pintu_dasbor_masuk=[A-Za-z0-9_-]+);/.exec(res.headers.get("set-cookie") ?? "");
  const csrf = /<input type="hidden" name="csrf" value="([0-9a-f]{64})">/.exec(page);
  expect(set, "login cookie").not.toBeNull();
  expect(csrf, "form token").not.toBeNull();
  return { token, cookie: set![1]!, csrf: csrf![1]! };
}

/** Presses the login page's button: the form's token and the page's cookie, with the headers given (a browser's by default). */
const pressLogin = (form: LoginForm, p: { headers?: Record<string, string>; csrf?: string | null; cookie?: string | null } = {}) =>
  fetch(`${base}/dasbor/masuk/${form.token}`, {
    method: "POST",
    headers: {
      ...(p.headers ?? fromOwnPage()),
      ...(p.cookie === null ? {} : { cookie: p.cookie ?? form.cookie }),
      "content-type": "application/x-www-form-urlencoded",
    },
    body: p.csrf === null ? "" : `csrf=${p.csrf ?? form.csrf}`,
    redirect: "manual",
  });

/** The token of the logout form on a logged-in page. */
async function logoutToken(cookie: string): Promise<string> {
  const page = await (await get("/dasbor", cookie)).text();
  return /<form method="post" action="\/dasbor\/keluar" class="logout"><input type="hidden" name="csrf" value="([0-9a-f]{64})">/.exec(page)![1]!;
}

/** Presses Keluar: the session cookie and a form token (the page's by default), with the headers given (a browser's by default). */
const pressLogout = async (cookie: string, p: { headers?: Record<string, string>; csrf?: string | null } = {}) =>
  fetch(`${base}/dasbor/keluar`, {
    method: "POST",
    headers: { ...(p.headers ?? fromOwnPage()), cookie, "content-type": "application/x-www-form-urlencoded" },
    body: p.csrf === null ? "" : `csrf=${p.csrf ?? (await logoutToken(cookie))}`,
    redirect: "manual",
  });

async function login(personId: string): Promise<string> {
  const token = await issueLoginToken(app.db.prisma, { personId, now, ttlMinutes: 15 });
  const res = await pressLogin(await openLoginPage(token));
  expect(res.status).toBe(303);
  expect(res.headers.get("location")).toBe("/dasbor");
  return /^(pintu_dasbor=[^;]+)/.exec(res.headers.get("set-cookie") ?? "")![1]!;
}

const get = (path: string, cookie?: string) => fetch(`${base}${path}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });

beforeAll(async () => {
  const target = await freshDatabase("sqlite");
  app = await openApp({ env: { DATABASE_URL: target.url, HTTP_PORT: "0", LOG_LEVEL: "silent", DEADLINE_CHECK_SECONDS: "3600" } });
  // The document worker is left idle so a pending document stays pending.
  service = await startService(app, { log: createLogger("silent"), clock: () => now, deadlines: false, sessions: { loop: false }, documents: { loop: false } });
  base = `http://127.0.0.1:${service.port}`;
  ctx = app.flowContext(FLOW);

  people.konselorA = await staff("Konselor A", "konselor");
  people.konselorB = await staff("Konselor <b>B</b>", "konselor");
  people.kepala_unit = await staff("Kepala Unit", "kepala_unit");
  people.staf = await staff("Staf", "staf");

  // Counsellor A: case A1 (s4 open, past its deadline), case A2 (s3b open, past its deadline).
  cases.A1 = await caseWith({
    counsellor: people.konselorA!,
    openedAt: "2026-11-30T08:00:00",
    intake: { kind: "praja", answers: { nama: CLIENT_NAME, npp: "31.0456" }, keluhan: KELUHAN },
    steps: [
      ["s1", "client", "2026-11-30T08:07:00"], // 7 of 10
      ["s2", "staf", "2026-11-30T08:27:00"], // 20 of 15: late
      ["s3a", "konselorA", "2026-11-30T08:50:00"], // 23 of 25
      ["s3b", "konselorA", "2026-12-01T07:45:00"], // 430 + 15 working minutes, overnight: late
    ],
  });
  cases.A2 = await caseWith({
    counsellor: people.konselorA!,
    openedAt: "2026-12-01T09:00:00",
    steps: [
      ["s1", "client", "2026-12-01T09:04:00"], // 4
      ["s2", "staf", "2026-12-01T09:14:00"], // 10
      ["s3a", "konselorA", "2026-12-01T10:00:00"], // 46 of 25: late
    ],
  });
  // Counsellor B: case B1 (s4 open, escalated), case B2 (s1 open, not yet due).
  cases.B1 = await caseWith({
    counsellor: people.konselorB!,
    openedAt: "2026-11-30T13:00:00",
    intake: { kind: "praja", answers: { nama: CLIENT_NAME }, keluhan: "KELUHAN-B1" },
    steps: [
      ["s1", "client", "2026-11-30T13:12:00"], // 12 of 10: late
      ["s2", "staf", "2026-11-30T13:20:00"], // 8
      ["s3a", "konselorB", "2026-11-30T13:30:00"], // 10
      ["s3b", "konselorB", "2026-11-30T13:35:00"], // 5
    ],
  });
  expect((await applyCaseEvent(app.db.prisma, ctx, cases.B1.id, { type: "deadline_passed", stepId: "s4", at: at("2026-11-30T14:00:00") })).ok).toBe(true);
  cases.B2 = await caseWith({ counsellor: people.konselorB!, openedAt: "2026-12-02T09:55:00", steps: [] });

  // Rendered documents as the worker leaves them (small PDF bytes), and one still waiting for the worker.
  const ready = (caseId: string, kind: string) =>
    app.db.prisma.document.create({ data: { caseId, kind, title: `${kind} test`, mimeType: "application/pdf", content: PDF, status: "ready" } });
  docs.A1report = (await ready(cases.A1.id, "laporan_tertulis")).id;
  docs.B1report = (await ready(cases.B1.id, "laporan_tertulis")).id;
  docs.A1pending = await app.db.prisma.$transaction((tx) =>
    requestDocument(tx, { caseId: cases.A1!.id, spec: { kind: "nota_dinas", toRoles: ["kepala_unit"], toPersonIds: [] }, at: now }),
  );
}, 60_000);

afterAll(async () => {
  await service?.stop();
  await app?.close();
});

describe("dashboard access", () => {
  it("refuses every route without a session (401, with how to get a link)", async () => {
    const paths = ["/dasbor", "/dasbor/", `/dasbor/kasus/${cases.A1!.number}`, `/dasbor/dokumen/${docs.A1report}`, "/dasbor/rekap.csv", "/dasbor/tidak-ada"];
    for (const path of paths) {
      for (const cookie of [undefined, "pintu_dasbor=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"]) {
        const res = await get(path, cookie);
        expect(res.status, path).toBe(401);
        expect(await res.text()).toContain("Kirim /dasbor");
      }
    }
    const logout = await fetch(`${base}/dasbor/keluar`, { method: "POST" });
    expect(logout.status).toBe(401);
  });

  it("opening the link (as a chat app's preview does) only shows a button; it does not spend the link", async () => {
    const token = await issueLoginToken(app.db.prisma, { personId: people.konselorA!, now, ttlMinutes: 15 });
    let form: LoginForm | undefined;
    for (let i = 0; i < 3; i++) {
      const preview = await fetch(`${base}/dasbor/masuk/${token}`, { redirect: "manual" });
      expect(preview.status).toBe(200);
      expect(preview.headers.get("set-cookie")).not.toMatch(/pintu_dasbor=/); // the login cookie only, no session
      expect(await preview.text()).toContain("Masuk ke dasbor");
      form = await openLoginPage(token);
    }
    expect((await pressLogin(form!, { headers: { origin: "https://elsewhere.example" } })).status).toBe(403);
    expect((await pressLogin(form!)).status).toBe(303);
    expect((await fetch(`${base}/dasbor/masuk/${token}`, { redirect: "manual" })).status).toBe(401);
  });

  it("logs in once per link, with a strict cookie; used and expired links are refused", async () => {
    const token = await issueLoginToken(app.db.prisma, { personId: people.konselorA!, now, ttlMinutes: 15 });
    const form = await openLoginPage(token);
    const first = await pressLogin(form);
    expect(first.status).toBe(303);
    const cookie = first.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^pintu_dasbor=[A-Za-z0-9_-]{40,}; /);
    for (const flag of ["HttpOnly", "SameSite=Strict", "Path=/dasbor", `Max-Age=${app.config.dashboard.sessionHours * 3600}`]) expect(cookie).toContain(flag);
    expect(cookie).not.toContain("Secure"); // http://127.0.0.1: no PUBLIC_BASE_URL with https
    expect(await app.db.prisma.auditEvent.count({ where: { type: "dashboard_login", actorId: people.konselorA } })).toBeGreaterThan(0);

    const again = await pressLogin(form); // the same page's button pressed twice
    expect(again.status).toBe(401);
    expect(again.headers.get("set-cookie")).toBeNull();
    expect(await again.text()).toContain("Kirim /dasbor");

    const stale = await issueLoginToken(app.db.prisma, { personId: people.konselorA!, now: new Date(now.getTime() - 16 * 60_000), ttlMinutes: 15 });
    expect((await fetch(`${base}/dasbor/masuk/${stale}`, { redirect: "manual" })).status).toBe(401);
    expect((await pressLogin({ ...form, token: stale })).status).toBe(401);
    expect((await pressLogin({ ...form, token: "not-a-token" })).status).toBe(401);
  });

  it("takes a post from its own page whatever the browser says of its origin, and only with that page's token", async () => {
    const link = async () => openLoginPage(await issueLoginToken(app.db.prisma, { personId: people.konselorA!, now, ttlMinutes: 15 }));
    const unspent = async (form: LoginForm) => expect(await peekLoginToken(app.db.prisma, { token: form.token, now })).toBe(people.konselorA);

    // Refused, and the link stays usable: another site says so in Sec-Fetch-Site or Origin, even with the right token.
    const form = await link();
    for (const headers of <Record<string, string>[]>[
      { "sec-fetch-site": "cross-site", origin: "null" },
      { "sec-fetch-site": "same-site", origin: "null" },
      { "sec-fetch-site": "cross-site" },
      { origin: "https://elsewhere.example" },
      { "sec-fetch-site": "same-origin", origin: "https://elsewhere.example" },
    ]) {
      const res = await pressLogin(form, { headers });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.headers.get("set-cookie"), JSON.stringify(headers)).toBeNull();
      expect(await res.text()).toContain("tidak datang dari halaman dasbor");
    }
    // Refused without any origin header: no token, a wrong token, the token of another browser's page (another login cookie).
    const other = await openLoginPage(form.token, "");
    expect(other.cookie).not.toBe(form.cookie);
    for (const [what, p] of [
      ["no token", { csrf: null }],
      ["a wrong token", { csrf: "0".repeat(64) }],
      ["another link's token", { csrf: (await link()).csrf }],
      ["no login cookie", { cookie: null }],
      ["another browser's cookie", { cookie: other.cookie }],
    ] as const) {
      for (const headers of <Record<string, string>[]>[{}, { origin: "null" }, { "sec-fetch-site": "same-origin", origin: base }]) {
        const res = await pressLogin(form, { headers, ...p });
        expect(res.status, `${what} ${JSON.stringify(headers)}`).toBe(403);
        expect(await res.text()).toContain("Muat ulang halaman");
      }
    }
    await unspent(form);

    // Accepted with the page's token: Origin null (a no-referrer page), no header at all (plain http on a LAN address), Sec-Fetch-Site none.
    for (const headers of <Record<string, string>[]>[{ origin: "null" }, {}, { "sec-fetch-site": "none" }, { "sec-fetch-site": "same-origin" }]) {
      const fresh = await link();
      const res = await pressLogin(fresh, { headers });
      expect(res.status, JSON.stringify(headers)).toBe(303);
      const cookie = /^(pintu_dasbor=[^;]+)/.exec(res.headers.get("set-cookie") ?? "")![1]!;
      expect((await get("/dasbor", cookie)).status).toBe(200);
    }
    await unspent(form);
    // The first page's form still works after all that.
    expect((await pressLogin(form, { headers: { origin: "null" } })).status).toBe(303);
  });

  it("ends a session when it expires on the service clock, and on logout (only from its own page's form)", async () => {
    const cookie = await login(people.konselorA!);
    expect((await get("/dasbor", cookie)).status).toBe(200);
    now = new Date(START.getTime() + app.config.dashboard.sessionHours * 3600_000 + 1000);
    try {
      expect((await get("/dasbor", cookie)).status).toBe(401);
    } finally {
      now = START;
    }
    expect((await get("/dasbor", cookie)).status).toBe(200); // still inside its hours
    // Another site cannot log anyone out, nor can a post without this session's form token.
    const otherSession = await login(people.konselorA!);
    for (const p of <{ headers: Record<string, string>; csrf?: string | null }[]>[
      { headers: { origin: "https://elsewhere.example" } },
      { headers: { "sec-fetch-site": "cross-site", origin: "null" } },
      { headers: {}, csrf: null },
      { headers: { origin: "null" }, csrf: "f".repeat(64) },
      { headers: fromOwnPage(), csrf: await logoutToken(otherSession) },
    ]) {
      const res = await pressLogout(cookie, p);
      expect(res.status, JSON.stringify(p)).toBe(403);
      expect(res.headers.get("set-cookie")).toBeNull();
    }
    expect((await get("/dasbor", cookie)).status).toBe(200);
    const out = await pressLogout(cookie, { headers: { origin: "null" } });
    expect(out.status).toBe(200);
    expect(out.headers.get("set-cookie")).toContain("Max-Age=0");
    expect((await get("/dasbor", cookie)).status).toBe(401);
    expect((await get("/dasbor", otherSession)).status).toBe(200);
  });

  it("sends strict security headers on pages, refusals, the CSV and downloads", async () => {
    const cookie = await login(people.kepala_unit!);
    for (const [path, c] of [
      ["/dasbor", cookie],
      ["/dasbor", undefined],
      ["/dasbor/rekap.csv", cookie],
      [`/dasbor/kasus/${cases.A1!.number}`, cookie],
      ["/dasbor/aset/dasbor.css", undefined],
    ] as const) {
      const res = await get(path, c);
      expect(res.headers.get("cache-control"), path).toBe("no-store");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
    }
    const page = await (await get("/dasbor", cookie)).text();
    expect(page).not.toMatch(/<script|\son[a-z]+=|style="/i);
    // A Referer only to this origin: the login link's token never leaves the site, and our own posts carry their Origin.
    expect((await get("/dasbor", cookie)).headers.get("referrer-policy")).toBe("same-origin");
    expect(page).toContain('<meta name="referrer" content="same-origin">');
  });
});

describe("what each person sees", () => {
  it("a counsellor sees their own cases, queue, complaint and documents, and nothing of another counsellor's", async () => {
    const cookie = await login(people.konselorA!);
    const home = await (await get("/dasbor", cookie)).text();
    expect(home).toContain(`/dasbor/kasus/${cases.A1!.number}`);
    expect(home).toContain(`/dasbor/kasus/${cases.A2!.number}`);
    expect(home).not.toContain(`/dasbor/kasus/${cases.B1!.number}"`);
    expect(home).toContain("Antrean tugas Anda");
    expect(home).not.toContain("Kasus menurut status"); // no organisation overview for a counsellor

    const own = await get(`/dasbor/kasus/${cases.A1!.number}`, cookie);
    expect(own.status).toBe(200);
    const ownPage = await own.text();
    expect(ownPage).toContain(KELUHAN);
    expect(ownPage).toContain("terlambat");
    expect(ownPage).toContain(`/dasbor/dokumen/${docs.A1report}`);

    const other = await get(`/dasbor/kasus/${cases.B1!.number}`, cookie);
    expect(other.status).toBe(404);
    expect(await other.text()).not.toContain("KELUHAN-B1");
    expect((await get("/dasbor/kasus/999999", cookie)).status).toBe(404); // the same answer as a case that does not exist
    expect((await get(`/dasbor/dokumen/${docs.B1report}`, cookie)).status).toBe(404);

    const pdf = await get(`/dasbor/dokumen/${docs.A1report}`, cookie);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-disposition")).toBe(`attachment; filename="kasus-${cases.A1!.number}-laporan-tertulis.pdf"`);
    expect(pdf.headers.get("cache-control")).toBe("no-store");
    expect(Buffer.from(await pdf.arrayBuffer()).equals(PDF)).toBe(true);
    const pending = await get(`/dasbor/dokumen/${docs.A1pending}`, cookie);
    expect(pending.status).toBe(409);

    const downloads = await app.db.prisma.auditEvent.findMany({ where: { type: "dashboard_document_download", actorId: people.konselorA } });
    expect(downloads.map((d) => d.caseId)).toEqual([cases.A1!.id]);
    const refused = await app.db.prisma.auditEvent.findMany({ where: { type: "dashboard_access_refused", actorId: people.konselorA } });
    expect(refused.map((r) => r.caseId).sort()).toEqual([cases.B1!.id, cases.B1!.id].sort());
  });

  it("leadership sees the unit's cases, overdue steps and escalations, never the complaint; each case view is audited", async () => {
    const cookie = await login(people.kepala_unit!);
    const home = await (await get("/dasbor", cookie)).text();
    expect(home).toContain("Kasus menurut status");
    expect(await (await get("/dasbor?lang=en", cookie)).text()).toContain("Cases by status");
    const overdue = /<table class="overdue">([\s\S]*?)<\/table>/.exec(home)![1]!;
    for (const c of [cases.A1!, cases.A2!, cases.B1!]) expect(overdue).toContain(`/dasbor/kasus/${c.number}"`);
    expect(overdue).not.toContain(`/dasbor/kasus/${cases.B2!.number}"`);
    const byStatus = /<table class="by-status">([\s\S]*?)<\/table>/.exec(home)![1]!;
    expect(byStatus).toMatch(/Berjalan<\/td><td class="num">4</);

    const before = await app.db.prisma.auditEvent.count({ where: { type: "dashboard_case_view" } });
    for (const c of [cases.A1!, cases.B1!]) {
      const res = await get(`/dasbor/kasus/${c.number}`, cookie);
      expect(res.status).toBe(200);
      const page = await res.text();
      expect(page).not.toContain("KELUHAN");
      expect(page).not.toContain(CLIENT_NAME);
      expect(page).not.toContain("31.0456");
    }
    const b1 = await (await get(`/dasbor/kasus/${cases.B1!.number}`, cookie)).text();
    expect(b1).toContain("dinaikkan ke Kepala Biro III");
    expect(b1).toContain("Konselor &lt;b&gt;B&lt;/b&gt;"); // escaped, never markup
    expect(b1).not.toContain("<b>B</b>");
    expect(b1).toContain(`/dasbor/dokumen/${docs.B1report}`); // a report the SOP sends to leadership

    const views = await app.db.prisma.auditEvent.findMany({ where: { type: "dashboard_case_view", actorId: people.kepala_unit } });
    expect(await app.db.prisma.auditEvent.count({ where: { type: "dashboard_case_view" } })).toBe(before + 3);
    expect(views.map((v) => v.caseId)).toEqual(expect.arrayContaining([cases.A1!.id, cases.B1!.id]));
    for (const v of views) expect(v.dataJson).toBe("{}");
  });
});

describe("the case timeline on a phone", () => {
  it("leads each step's row with step, who, deadline and result, and the narrow layout turns rows into cards in that order", async () => {
    const cookie = await login(people.konselorA!);
    const page = await (await get(`/dasbor/kasus/${cases.A1!.number}`, cookie)).text();
    const table = /<table class="timeline">([\s\S]*?)<\/table>/.exec(page)![1]!;
    const heads = [.../<thead>([\s\S]*?)<\/thead>/.exec(table)![1]!.matchAll(/<th[^>]*>([^<]*)<\/th>/g)].map((m) => m[1]);
    expect(heads.slice(0, 4)).toEqual(["Langkah", "Pelaksana", "Batas waktu", "Hasil"]);
    const rows = [...table.matchAll(/<tr class="[^"]*" data-step="([^"]+)">([\s\S]*?)<\/tr>/g)];
    expect(rows.map((r) => r[1])).toEqual(["s1", "s2", "s3a", "s3b", "s4"]);
    for (const [, stepId, cells] of rows) {
      const classes = [...cells!.matchAll(/<td class="([a-z]+)/g)].map((m) => m[1]);
      expect(classes, stepId).toEqual(["step", "who", "deadline", "result", "asked", "acted", "actual", "escalation"]);
    }
    // s2, done late by the staf: who and result are in the leading cells, not only further right.
    const s2 = rows.find((r) => r[1] === "s2")![2]!;
    expect(/<td class="who"[^>]*>([\s\S]*?)<\/td>/.exec(s2)![1]).toContain("oleh Staf");
    expect(/<td class="result"[^>]*>([\s\S]*?)<\/td>/.exec(s2)![1]).toContain("terlambat");
    // The narrow layout: one card per row in document order, each cell labelled.
    const narrow = /@media \(max-width: 40rem\) \{([\s\S]*?)\n\}/.exec(DASHBOARD_CSS)![1]!;
    expect(narrow).toContain("table.timeline, table.timeline tbody, table.timeline tr, table.timeline td { display: block;");
    expect(narrow).toContain("content: attr(data-label)");
    expect(narrow).not.toMatch(/[\s;{]order:/); // the order is the document's, not rearranged by CSS
  });
});

describe("the recap", () => {
  it("stores the engine's real times (working minutes across the night)", async () => {
    const s3b = await app.db.prisma.stepRun.findFirstOrThrow({ where: { caseId: cases.A1!.id, stepId: "s3b" } });
    expect(s3b.actualMin).toBe(430 + 15);
    expect(s3b.late).toBe(true);
  });

  it("draws the chart from the database's numbers", async () => {
    const cookie = await login(people.kepala_unit!);
    const home = await (await get("/dasbor", cookie)).text();
    const expected = (await expectedRecap()).filter((g) => g.flowId === FLOW);
    const marks = [
      ...home.matchAll(/<g class="step" data-flow="([^"]+)" data-step="([^"]+)" data-median="([^"]*)" data-p90="([^"]*)" data-standard="([^"]*)">/g),
    ];
    expect(marks.length).toBe(expected.length);
    for (const g of expected) {
      const m = marks.find((x) => x[1] === g.flowId && x[2] === g.stepId)!;
      expect(m, g.stepId).toBeDefined();
      expect(m[3]).toBe(g.median === null ? "" : String(g.median));
      expect(m[4]).toBe(g.p90 === null ? "" : String(g.p90));
      expect(Number(m[5])).toBe(g.standardMin); // minute steps: the standard is the stored one
    }
    // The hand-checked values: s1 took 7, 4 and 12 minutes; s3b 445 and 5.
    const s1 = expected.find((g) => g.stepId === "s1")!;
    expect([s1.median, s1.p90]).toEqual([7, 12]);
    const s3b = expected.find((g) => g.stepId === "s3b")!;
    expect([s3b.median, s3b.p90, s3b.overdue]).toEqual([5, 445, 1]);
    // The bar's length is the median against the standard on the axis: 70% of a 400% axis of 400 units.
    const bar = /data-step="s1"[^>]*>[\s\S]*?<rect class="median" x="[\d.]+" y="[\d.]+" width="([\d.]+)"/.exec(home)!;
    expect(Number(bar[1])).toBeCloseTo((400 * 70) / 400, 1);
    expect(home).toContain("median 7 menit · P90 12 menit · baku 10 menit");
    expect(home).toContain("median 5 menit · P90 7 jam 25 menit · baku 10 menit");
    expect(home).toMatch(/<svg [^>]*role="img"/);
  });

  it("exports CSV that matches the StepRun rows, for leadership and for one counsellor", async () => {
    for (const [who, counsellorId] of [
      ["kepala_unit", undefined],
      ["konselorA", people.konselorA],
    ] as const) {
      const cookie = await login(people[who]!);
      const res = await get("/dasbor/rekap.csv", cookie);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(res.headers.get("content-disposition")).toBe('attachment; filename="rekap-2026-12-02.csv"');
      const bytes = Buffer.from(await res.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const [header, ...rows] = parseCsv(bytes.subarray(3).toString("utf8"));
      expect(header).toEqual([
        "organisation",
        "flow_id",
        "flow_title",
        "step_no",
        "step_id",
        "activity",
        "standard_minutes",
        "done",
        "late",
        "refused",
        "overdue",
        "median_minutes",
        "p90_minutes",
      ]);
      const expected = await expectedRecap({ counsellorId });
      expect(rows.length, who).toBe(expected.length);
      for (const g of expected) {
        const row = rows.find((r) => r[1] === g.flowId && r[4] === g.stepId)!;
        expect(row, `${who} ${g.stepId}`).toBeDefined();
        const step = ctx.flow.steps.find((s) => s.id === g.stepId)!;
        expect(row).toEqual([
          "ipdn",
          g.flowId,
          ctx.flow.title,
          step.no,
          g.stepId,
          step.activity,
          String(g.standardMin),
          String(g.done),
          String(g.late),
          "0",
          String(g.overdue),
          g.median === null ? "" : String(g.median),
          g.p90 === null ? "" : String(g.p90),
        ]);
      }
      if (counsellorId) {
        const s1 = rows.find((r) => r[4] === "s1")!;
        expect([s1[7], s1[11], s1[12]]).toEqual(["2", "4", "7"]); // A's two cases only
      }
    }
  });
});

describe("small pieces", () => {
  it("reads the session cookie among others and marks it Secure behind https", () => {
    expect(readCookie("a=1; pintu_dasbor=abc_DEF-1; b=2", "pintu_dasbor")).toBe("abc_DEF-1");
    expect(readCookie("xpintu_dasbor=1", "pintu_dasbor")).toBeUndefined();
    expect(readCookie(undefined, "pintu_dasbor")).toBeUndefined();
    expect(sessionCookie({ value: "v", maxAgeSeconds: 60, secure: true })).toBe("pintu_dasbor=v; Path=/dasbor; Max-Age=60; HttpOnly; SameSite=Strict; Secure");
  });

  it("quotes CSV fields per RFC 4180 and never lets a spreadsheet run a text as a formula", () => {
    expect(csvField('Kata "baku", lalu\r\nbaris')).toBe('"Kata ""baku"", lalu\r\nbaris"');
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField(-3)).toBe("-3");
    expect(csvField(null)).toBe("");
  });
});

describe("the archive", () => {
  const FULL_SOP: [string, string][] = [
    ["s1", "client"],
    ["s2", "staf"],
    ["s3a", "K"],
    ["s3b", "K"],
    ["s4", "kepala_unit"],
    ["s5", "K"],
    ["s6", "K"],
    ["s7", "kepala_unit"],
    ["s8", "rektor"],
    ["s9", "K"],
    ["s10", "staf"],
  ];
  /** A case walked through every step of the SOP to the archive step by the real case repository. */
  const archivedCase = async (counsellor: "konselorA" | "konselorB", clientName: string, day: string) => {
    const steps = FULL_SOP.map(([stepId, who], i): [string, string, string] => [
      stepId,
      who === "K" ? counsellor : who,
      `${day}T${String(8 + Math.floor(i / 4)).padStart(2, "0")}:${String((i % 4) * 10 + 5).padStart(2, "0")}:00`,
    ]);
    const c = await caseWith({ counsellor: people[counsellor]!, openedAt: `${day}T08:00:00`, clientName, steps });
    expect((await app.db.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).status).toBe("archived");
    return c;
  };
  const archiveTable = (page: string) => [...page.matchAll(/<tr data-case="(\d+)">/g)].map((m) => Number(m[1])).sort((a, b) => a - b);
  /** Posts the archive's search form from its page, as a browser does. */
  const search = async (cookie: string, q: string, p: { headers?: Record<string, string>; csrf?: string | null } = {}) => {
    const page = await (await get("/dasbor/arsip", cookie)).text();
    const csrf = /<form method="post" action="\/dasbor\/arsip" class="search">\s*<input type="hidden" name="csrf" value="([0-9a-f]{64})">/.exec(page)![1]!;
    return fetch(`${base}/dasbor/arsip`, {
      method: "POST",
      headers: { ...(p.headers ?? fromOwnPage()), cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ q, ...(p.csrf === null ? {} : { csrf: p.csrf ?? csrf }) }).toString(),
    });
  };

  beforeAll(async () => {
    people.rektor = await staff("Rektor", "rektor");
    cases.A3 = await archivedCase("konselorA", "Budi Arsipwan", "2026-11-23");
    cases.A4 = await archivedCase("konselorA", "Dewi Kartika", "2026-11-24");
    cases.B3 = await archivedCase("konselorB", "Citra Arsipwati", "2026-11-25");
  });

  it("lists archived cases by the policy: leadership the unit's without names, a counsellor only their own with names", async () => {
    const mine = { konselorA: [cases.A3!, cases.A4!], konselorB: [cases.B3!] };
    for (const [who, own] of Object.entries(mine)) {
      const page = await (await get("/dasbor/arsip", await login(people[who]!))).text();
      expect(archiveTable(page), who).toEqual(own.map((c) => c.number).sort((a, b) => a - b));
      expect(page).toContain("Kasus Anda yang sudah diarsipkan.");
      expect(page).toContain("<th>Klien</th>");
    }
    const a = await (await get("/dasbor/arsip", await login(people.konselorA!))).text();
    expect(a).toContain("Budi Arsipwan");
    expect(a).not.toContain("Citra Arsipwati");
    expect(a).not.toContain(`/dasbor/kasus/${cases.B3!.number}"`);
    expect(a).not.toContain(`/dasbor/kasus/${cases.A1!.number}"`); // open cases are not in the archive

    const lead = await login(people.kepala_unit!);
    const unit = await (await get("/dasbor/arsip", lead)).text();
    expect(archiveTable(unit)).toEqual([cases.A3!, cases.A4!, cases.B3!].map((c) => c.number).sort((x, y) => x - y));
    expect(unit).toContain("Semua kasus unit ini yang sudah diarsipkan");
    for (const name of ["Arsipwan", "Arsipwati", "Kartika", CLIENT_NAME]) expect(unit).not.toContain(name);
    expect(unit).not.toContain("<th>Klien</th>");
    expect(await (await get("/dasbor/arsip?lang=en", lead)).text()).toContain("Every archived case of this unit");
    // The staf's list is their own cases, as on the home page: none.
    expect(archiveTable(await (await get("/dasbor/arsip", await login(people.staf!))).text())).toEqual([]);
    // Every dashboard page links to the archive.
    expect(await (await get("/dasbor", lead)).text()).toContain('<a href="/dasbor/arsip">Arsip kasus</a>');
    // An archived case's page opens for its counsellor, and not for another one.
    const cookieA = await login(people.konselorA!);
    expect((await get(`/dasbor/kasus/${cases.A3!.number}`, cookieA)).status).toBe(200);
    expect((await get(`/dasbor/kasus/${cases.B3!.number}`, cookieA)).status).toBe(404);
  });

  it("searches by number within what the viewer may see, by name only where they may see names", async () => {
    const cookieA = await login(people.konselorA!);
    const found = async (cookie: string, q: string) => {
      const res = await search(cookie, q);
      expect(res.status, q).toBe(200);
      return res.text();
    };
    expect(archiveTable(await found(cookieA, String(cases.A3!.number)))).toEqual([cases.A3!.number]);
    expect(archiveTable(await found(cookieA, `#${cases.A4!.number}`))).toEqual([cases.A4!.number]);
    for (const q of ["budi", "ARSIPWAN", "  Búdi   arsipwan ", "arsip"]) expect(archiveTable(await found(cookieA, q)), q).toEqual([cases.A3!.number]);
    // Another counsellor's case: neither by number nor by name, and the answer does not echo a name it found.
    for (const q of [String(cases.B3!.number), "citra", "Arsipwati"]) {
      const page = await found(cookieA, q);
      expect(archiveTable(page), q).toEqual([]);
      expect(page).toContain("Tidak ada kasus arsip yang cocok");
      expect(page).not.toContain(`/dasbor/kasus/${cases.B3!.number}"`);
    }
    expect(archiveTable(await found(cookieA, String(cases.A1!.number)))).toEqual([]); // open, not archived

    // Leadership: numbers across the unit, names never (not shown, not searched).
    const lead = await login(people.kepala_unit!);
    expect(archiveTable(await found(lead, String(cases.B3!.number)))).toEqual([cases.B3!.number]);
    for (const q of ["budi", "Citra Arsipwati"]) {
      const page = await found(lead, q);
      expect(archiveTable(page), q).toEqual([]);
      expect(page).toContain("Nama klien hanya dapat dicari oleh konselor kasus itu sendiri.");
    }

    // The search form posts like every other: refused from another site or without this session's token.
    expect((await search(cookieA, "budi", { headers: { "sec-fetch-site": "cross-site", origin: "null" } })).status).toBe(403);
    expect((await search(cookieA, "budi", { headers: {}, csrf: null })).status).toBe(403);
    expect((await search(cookieA, "budi", { headers: { origin: "null" }, csrf: "0".repeat(64) })).status).toBe(403);
    expect((await search(cookieA, "budi", { headers: { origin: "null" } })).status).toBe(200);
  });

  it("scopes the archive with the policy's own answers", () => {
    const subject = (personId: string, roles: [string, string][]) => ({
      personId,
      orgIds: [...new Set(roles.map(([o]) => o))],
      subject: { personId, roles: roles.map(([orgId, role]) => ({ orgId, role })) },
    });
    expect(archiveScopes(subject("k", [["ipdn", "konselor"]]))).toEqual([{ orgId: "ipdn", counsellorId: "k" }]);
    expect(archiveScopes(subject("s", [["ipdn", "staf"]]))).toEqual([{ orgId: "ipdn", counsellorId: "s" }]);
    for (const role of ["kasubbag", "kepala_unit", "kepala_biro", "rektor"])
      expect(archiveScopes(subject("l", [["ipdn", role]])), role).toEqual([{ orgId: "ipdn" }]);
    // Leadership of one organisation and counsellor in another: the unit there, their own cases here.
    expect(
      archiveScopes(
        subject("m", [
          ["ipdn", "konselor"],
          ["puspaga", "eselon_iv"],
        ]),
      ),
    ).toEqual([{ orgId: "ipdn", counsellorId: "m" }, { orgId: "puspaga" }]);
    expect(archiveScopes(subject("n", []))).toEqual([]);
  });
});
