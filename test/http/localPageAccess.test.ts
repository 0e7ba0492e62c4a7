// The local page opens only with this process's token (from the printed address, then its cookie), answers only
// to its own host names (a DNS-rebinding page names another), and refuses what another site asks of it, reading
// as well as posting. Requests go over real HTTP (node:http, which lets the test set Host as a browser would).
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_PAGE_COOKIE } from "../../src/http/localPageAccess.ts";
import { startLocalWorld, type LocalWorld } from "../local/localWorld.ts";

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

describe("the local page's access", () => {
  let w: LocalWorld;
  let port: number;
  beforeAll(async () => {
    w = await startLocalWorld();
    port = w.service.port;
  }, 30_000);
  afterAll(async () => w?.close());

  /** One request to the service on loopback, with whatever Host, Origin and cookie a browser (or an attacker's page) would send. */
  const send = (p: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const req = httpRequest(
        { host: "127.0.0.1", port, method: p.method ?? "GET", path: p.path, headers: { host: `127.0.0.1:${port}`, ...p.headers } },
        (res) => {
          let body = "";
          res.setEncoding("utf8").on("data", (d: string) => (body += d));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        },
      );
      req.on("error", reject);
      req.end(p.body);
    });
  const token = () => new URL(w.pageUrl).searchParams.get("token")!;
  const post = (path: string, headers: Record<string, string>, body: unknown) =>
    send({ method: "POST", path, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

  it("prints an address with a long random token, and opens with it, keeping it in a strict cookie", async () => {
    expect(token()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const page = await send({ path: `/?token=${token()}` });
    expect(page.status).toBe(200);
    expect(page.body).toContain('data-pane="ipdn-konselor"');
    expect(page.headers["set-cookie"]).toEqual([`${LOCAL_PAGE_COOKIE}=${token()}; Path=/; HttpOnly; SameSite=Strict`]);
    // Back with the cookie only (the page's script took the token out of the address).
    const again = await send({ path: "/?lang=en", headers: { cookie: w.cookie } });
    expect(again.status).toBe(200);
    expect(again.headers["set-cookie"]).toBeUndefined();
  });

  it("without the token (or with another one) shows where to find the address, and no state at all", async () => {
    for (const attempt of [{ path: "/" }, { path: "/?token=not-the-token" }, { path: "/", headers: { cookie: `${LOCAL_PAGE_COOKIE}=${"x".repeat(43)}` } }]) {
      const page = await send(attempt);
      expect(page.status).toBe(401);
      expect(page.body).toMatch(/alamat lengkap yang dicetak saat layanan dimulai/);
      expect(page.body).not.toContain("data-pane");
    }
    expect((await send({ path: "/local/state" })).status).toBe(401);
    expect((await send({ path: "/local/events" })).status).toBe(401);
    expect((await send({ path: `/local/state?token=${token()}` })).status).toBe(401); // only the page's own address takes it
    const sent = await post("/local/send", {}, { pane: "ipdn-klien-1", text: "/start" });
    expect(sent.status).toBe(401);
    expect(JSON.parse(sent.body)).toEqual({ ok: false, error: expect.stringMatching(/full address printed at start-up/) });
    expect((await post("/local/panes", {}, { org: "ipdn" })).status).toBe(401);
    expect(await w.app.db.prisma.processedInbound.count()).toBe(0); // nothing reached the dialogs
  });

  it("refuses a foreign Host (DNS rebinding) even with the token; addresses and localhost pass", async () => {
    for (const host of [`evil.example:${port}`, `pintu.attacker.test:${port}`, "evil.example"]) {
      for (const path of [`/?token=${token()}`, "/local/state", "/local/events", "/local/local.js"]) {
        const answer = await send({ path, headers: { host, cookie: w.cookie } });
        expect(answer.status, `${host} ${path}`).toBe(403);
        expect(answer.body).not.toContain("data-pane");
      }
      expect((await post("/local/send", { host, cookie: w.cookie }, { pane: "ipdn-klien-1", text: "/status" })).status).toBe(403);
    }
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, `10.1.2.3:${port}`, `app.localhost:${port}`]) {
      expect((await send({ path: "/local/state", headers: { host, cookie: w.cookie } })).status, host).toBe(200);
    }
  });

  it("refuses reads and posts another site makes, with the cookie the browser would attach", async () => {
    const foreign: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { origin: "null" },
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site" },
    ];
    for (const headers of foreign) {
      expect((await send({ path: "/local/state", headers: { ...headers, cookie: w.cookie } })).status, JSON.stringify(headers)).toBe(403);
      expect((await post("/local/send", { ...headers, cookie: w.cookie }, { pane: "ipdn-klien-1", text: "/status" })).status).toBe(403);
    }
    // The page itself: same origin.
    const own = { origin: `http://127.0.0.1:${port}`, "sec-fetch-site": "same-origin", cookie: w.cookie };
    expect((await send({ path: "/local/state", headers: own })).status).toBe(200);
    expect(JSON.parse((await post("/local/send", own, { pane: "ipdn-klien-1", text: "/status" })).body)).toMatchObject({ ok: true });
  });
});
