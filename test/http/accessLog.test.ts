// The access log: one line per request with method, path (the route's pattern when one matched; never the query
// string), status and duration; never a body, a query value or a token in the path.
import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { logRequests } from "../../src/http/accessLog.ts";
import { createLogger } from "../../src/logger.ts";

describe("logRequests", () => {
  it("writes one line per request, without query strings, path tokens or bodies", async () => {
    const lines: string[] = [];
    const server = Fastify();
    logRequests(server, createLogger("info", { write: (line: string) => void lines.push(line) }).child({ module: "http" }));
    server.get("/healthz", async () => ({ ok: true }));
    server.register(async (scope) => scope.get("/masuk/:token", async () => "ok"), { prefix: "/dasbor" });
    server.post("/local/send", async () => ({ ok: true }));
    server.get("/boom", async () => {
      throw new Error("failed");
    });

    await server.inject({ method: "GET", url: "/healthz?secret=abc123" });
    await server.inject({ method: "GET", url: "/dasbor/masuk/TOKEN-VALUE-XYZ?next=1" });
    await server.inject({ method: "POST", url: "/local/send", payload: { text: "Sulit tidur sejak ujian" } });
    await server.inject({ method: "GET", url: "/no/such/page?q=private" });
    await server.inject({ method: "GET", url: "/boom" });

    const records = lines.map((l) => JSON.parse(l) as { level: number; module: string; method: string; path: string; status: number; ms: number; msg: string });
    expect(records.map((r) => [r.method, r.path, r.status])).toEqual([
      ["GET", "/healthz", 200],
      ["GET", "/dasbor/masuk/:token", 200],
      ["POST", "/local/send", 200],
      ["GET", "/no/such/page", 404],
      ["GET", "/boom", 500],
    ]);
    for (const r of records) {
      expect(r.module).toBe("http");
      expect(r.ms).toBeGreaterThanOrEqual(0);
      expect(r.msg).toBe(`${r.method} ${r.path} ${r.status} in ${r.ms} ms`);
    }
    expect(records.map((r) => r.level)).toEqual([30, 30, 30, 30, 50]);
    const all = lines.join("\n");
    for (const secret of ["abc123", "TOKEN-VALUE-XYZ", "Sulit tidur", "private", "next=1"]) expect(all).not.toContain(secret);
  });
});
