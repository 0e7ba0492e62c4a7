import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.ts";

describe("loadConfig", () => {
  it("runs on embedded defaults with an empty environment", () => {
    const config = loadConfig({});
    expect(config.database).toEqual({ kind: "sqlite", url: "file:./data/pintu.db", file: "./data/pintu.db" });
    expect(config.http).toEqual({ host: "127.0.0.1", port: 8080 });
    expect(config.telegram.token).toBeUndefined();
    expect(config.crisis.phrases).toContain("bunuh diri");
  });

  it("switches to PostgreSQL on a postgresql:// URL", () => {
    expect(loadConfig({ DATABASE_URL: "postgresql://u:p@db:5432/pintu" }).database.kind).toBe("postgres");
  });

  it("names every offending variable in one error", () => {
    let error: unknown;
    try {
      loadConfig({ HTTP_PORT: "eighty", DATABASE_URL: "mysql://x", TELEGRAM_BOT_TOKEN: "nope", LOCAL_CHANNEL: "maybe" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.map((p) => p.variable).sort();
    expect(problems).toEqual(["DATABASE_URL", "HTTP_PORT", "LOCAL_CHANNEL", "TELEGRAM_BOT_TOKEN"]);
    expect((error as Error).message).toMatch(/HTTP_PORT: expected a port number/);
    expect((error as Error).message).toMatch(/TELEGRAM_BOT_TOKEN: expected a token from @BotFather/);
  });

  it("requires a secret with a webhook URL", () => {
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ", TELEGRAM_WEBHOOK_URL: "https://bot.example.org/tg" })).toThrow(
      /TELEGRAM_WEBHOOK_SECRET: required when TELEGRAM_WEBHOOK_URL is set/,
    );
  });

  it(".env.example lists every variable the schema reads", async () => {
    const { readFileSync } = await import("node:fs");
    const example = readFileSync(".env.example", "utf8");
    const source = readFileSync("src/config.ts", "utf8");
    const inSchema = [...source.matchAll(/^\s{2}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]);
    expect(inSchema.length).toBeGreaterThan(10);
    for (const name of inSchema) expect(example).toMatch(new RegExp(`^${name}=`, "m"));
  });
});
