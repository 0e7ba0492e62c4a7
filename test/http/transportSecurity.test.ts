// Behind https (PUBLIC_BASE_URL=https://...) every answer carries HSTS and the dashboard's cookies are Secure;
// a plain-http address beyond this machine is warned about in the service's log.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApp, type App } from "../../src/app/openApp.ts";
import { mountDashboard } from "../../src/http/dashboard/dashboardRoutes.ts";
import { buildHttpServer } from "../../src/http/server.ts";
import { HSTS, plainHttpWarning } from "../../src/http/transportSecurity.ts";
import { createLogger } from "../../src/logger.ts";
import { issueInvite, redeemInvite } from "../../src/store/inviteCodes.ts";
import { issueLoginToken } from "../../src/store/webLogins.ts";
import { freshDatabase } from "../support/databases.ts";

const NOW = new Date("2026-12-02T10:00:00+07:00");
const PUBLIC = "https://konseling.example.ac.id";

async function serverFor(env: Record<string, string>, lines: { level: number; msg: string }[] = []) {
  const target = await freshDatabase("sqlite");
  const app = await openApp({ env: { DATABASE_URL: target.url, ...env } });
  const log = createLogger("warn", { write: (line: string) => void lines.push(JSON.parse(line)) });
  const server = buildHttpServer(app, { clock: () => NOW });
  mountDashboard(server, { app, clock: () => NOW, log });
  await server.ready();
  return { app, server };
}

/** Opens a login link and presses Masuk as a browser on the public address would; both answers. */
async function logIn(app: App, server: Awaited<ReturnType<typeof serverFor>>["server"], origin: string) {
  const invite = await issueInvite(app.db.prisma, { orgId: "ipdn", role: "kepala_unit", name: "Kepala", ttlHours: 24, now: NOW });
  await redeemInvite(app.db.prisma, { code: invite.code, channel: "telegram", address: `tg-${invite.personId}`, now: NOW });
  const token = await issueLoginToken(app.db.prisma, { personId: invite.personId, now: NOW, ttlMinutes: 15 });
  const host = new URL(origin).host;
  const page = await server.inject({ method: "GET", url: `/dasbor/masuk/${token}`, headers: { host } });
  const cookie = /^(pintu_dasbor_masuk=[A-Za-z0-9_-]+);/.exec(String(page.headers["set-cookie"]))![1]!;
  const csrf = /name="csrf" value="([0-9a-f]{64})"/.exec(page.body)![1]!;
  const login = await server.inject({
    method: "POST",
    url: `/dasbor/masuk/${token}`,
    headers: { host, origin, "sec-fetch-site": "same-origin", cookie, "content-type": "application/x-www-form-urlencoded" },
    payload: `csrf=${csrf}`,
  });
  return { page, login };
}

describe("behind https", () => {
  let app: App;
  let server: Awaited<ReturnType<typeof serverFor>>["server"];
  const lines: { level: number; msg: string }[] = [];
  beforeAll(async () => ({ app, server } = await serverFor({ PUBLIC_BASE_URL: PUBLIC }, lines)), 30_000);
  afterAll(async () => {
    await server?.close();
    await app?.close();
  });

  it("sends HSTS on every answer: health, the dashboard, a page that is not there", async () => {
    for (const url of ["/healthz", "/dasbor", "/dasbor/kasus/1", "/nowhere"]) {
      expect((await server.inject({ method: "GET", url })).headers["strict-transport-security"]).toBe(HSTS);
    }
  });

  it("marks the login page's cookie and the session cookie Secure", async () => {
    const { page, login } = await logIn(app, server, PUBLIC);
    expect(String(page.headers["set-cookie"])).toMatch(/^pintu_dasbor_masuk=.*; Secure$/);
    expect(login.statusCode).toBe(303);
    expect(String(login.headers["set-cookie"])).toMatch(/^pintu_dasbor=[^;]+; Path=\/dasbor; .*HttpOnly; SameSite=Strict; Secure$/);
  });

  it("warns of nothing", () => {
    expect(lines.filter((l) => /plain http|not https/.test(l.msg))).toEqual([]);
  });
});

describe("over plain http", () => {
  it("on loopback: no HSTS, no Secure cookie, no warning", async () => {
    const lines: { level: number; msg: string }[] = [];
    const { app, server } = await serverFor({}, lines);
    try {
      expect((await server.inject({ method: "GET", url: "/healthz" })).headers["strict-transport-security"]).toBeUndefined();
      const { login } = await logIn(app, server, "http://127.0.0.1:8080");
      expect(login.statusCode).toBe(303);
      expect(String(login.headers["set-cookie"])).not.toContain("Secure");
      expect(lines).toEqual([]);
    } finally {
      await server.close();
      await app.close();
    }
  });

  it("beyond this machine: a warning in the service's log naming the setting", async () => {
    const lines: { level: number; msg: string }[] = [];
    const { app, server } = await serverFor({ PUBLIC_BASE_URL: "http://konseling.example.ac.id" }, lines);
    try {
      expect(lines).toMatchObject([{ level: 40, msg: expect.stringMatching(/^PUBLIC_BASE_URL is http:\/\/konseling\.example\.ac\.id, not https/) }]);
    } finally {
      await server.close();
      await app.close();
    }
  });

  it("tells loopback from the network, for the public address and for HTTP_HOST", () => {
    const http = (host: string, publicBaseUrl?: string) => ({ http: { host, port: 8080, publicBaseUrl } });
    expect(plainHttpWarning(http("127.0.0.1"))).toBeUndefined();
    expect(plainHttpWarning(http("::1"))).toBeUndefined();
    expect(plainHttpWarning(http("0.0.0.0", "http://localhost:8080"))).toBeUndefined();
    expect(plainHttpWarning(http("0.0.0.0", "http://[::1]:8080"))).toBeUndefined();
    expect(plainHttpWarning(http("0.0.0.0", PUBLIC))).toBeUndefined();
    expect(plainHttpWarning(http("0.0.0.0"))).toMatch(/^HTTP_HOST is 0\.0\.0\.0 and PUBLIC_BASE_URL is not set/);
    expect(plainHttpWarning(http("127.0.0.1", "http://10.0.0.5:8080"))).toMatch(/not https/);
  });
});
