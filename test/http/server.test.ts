// /healthz: up or down for anyone, the details (database, flows, channels, calendar, keys) only with
// HEALTH_TOKEN; the keys' fingerprint tells two instances with different keys on one database apart.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApp, type App } from "../../src/app/openApp.ts";
import { buildHttpServer } from "../../src/http/server.ts";
import { freshDatabase } from "../support/databases.ts";
import { TEST_HEALTH_TOKEN } from "../support/health.ts";
import { TEST_KEYS_ENV } from "../support/testKeys.ts";

const NOW = new Date("2026-12-02T10:00:00+07:00");
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe("/healthz", () => {
  let app: App;
  let other: App;
  beforeAll(async () => {
    const target = await freshDatabase("sqlite");
    app = await openApp({ env: { DATABASE_URL: target.url, HEALTH_TOKEN: TEST_HEALTH_TOKEN, ...TEST_KEYS_ENV } });
    // A second instance on the same database whose .env has other keys.
    other = await openApp({
      env: {
        DATABASE_URL: target.url,
        HEALTH_TOKEN: TEST_HEALTH_TOKEN,
        ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 3).toString("base64")}`,
        HASH_KEY: TEST_KEYS_ENV.HASH_KEY,
      },
    });
  }, 30_000);
  afterAll(async () => {
    await app?.close();
    await other?.close();
  });

  const get = (a: App, headers: Record<string, string> = {}) => buildHttpServer(a, { clock: () => NOW }).inject({ method: "GET", url: "/healthz", headers });

  it("says up, and nothing more, without the token or with a wrong one", async () => {
    for (const headers of [{}, bearer("wrong-token-0123456789abc"), { authorization: TEST_HEALTH_TOKEN }]) {
      const res = await get(app, headers);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ status: "up" });
      expect(res.headers["cache-control"]).toBe("no-store");
    }
  });

  it("shows the details with the token, the keys by source, ids and fingerprint", async () => {
    const res = await get(app, bearer(TEST_HEALTH_TOKEN));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      status: "up",
      ok: true,
      database: { ok: true, kind: "sqlite" },
      keys: { source: "configured", activeKeyId: "k1", keyIds: ["k1"] },
    });
    expect(body.channels.map((c: { channel: string }) => c.channel)).toEqual(["telegram", "whatsapp", "email", "local"]);
    expect(body.keys.fingerprint).toMatch(/^[0-9a-f]{12}$/);
    expect(JSON.stringify(body)).not.toContain(TEST_KEYS_ENV.ENCRYPTION_KEYS.slice(3, 15));
    const second = (await get(other, bearer(TEST_HEALTH_TOKEN))).json();
    expect(second.keys.keyIds).toEqual(["k1"]);
    expect(second.keys.fingerprint).not.toBe(body.keys.fingerprint);
  });

  it("has no details without a configured token, whatever is sent", async () => {
    const target = await freshDatabase("sqlite");
    const plain = await openApp({ env: { DATABASE_URL: target.url } });
    try {
      expect((await get(plain, bearer(TEST_HEALTH_TOKEN))).json()).toEqual({ status: "up" });
      expect((await get(plain, bearer(""))).json()).toEqual({ status: "up" });
    } finally {
      await plain.close();
    }
  });

  it("says down (503) when the database does not answer, with its error only behind the token", async () => {
    const down = new Proxy(app, {
      get: (target, key) =>
        key === "db"
          ? { ...target.db, prisma: { organisation: { count: () => Promise.reject(new Error("connection refused\nat line 2")) } } }
          : Reflect.get(target, key),
    });
    const anonymous = await get(down);
    expect(anonymous.statusCode).toBe(503);
    expect(anonymous.json()).toEqual({ status: "down" });
    const detailed = await get(down, bearer(TEST_HEALTH_TOKEN));
    expect(detailed.statusCode).toBe(503);
    expect(detailed.json()).toMatchObject({ status: "down", ok: false, database: { ok: false, error: expect.any(String) } });
  });
});
