// The settings file (src/envFile.ts): Node's dotenv parser, the environment winning over the file, the names it
// does not know, PINTU_ENV_FILE, and .env.example read by it as the IT person copies it.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";
import { describeEnvFile, EnvFileError, readEnvFile } from "../src/envFile.ts";

function folderWith(text: string, name = ".env"): string {
  const dir = mkdtempSync(join(tmpdir(), "pintu-envfile-"));
  writeFileSync(join(dir, name), text, { mode: 0o600 });
  return dir;
}

describe("readEnvFile", () => {
  it("reads quoted values whole (spaces, #, quotes of either kind), unquoted lists as one value, and skips comments", () => {
    const dir = folderWith(
      [
        "# a comment line",
        'DATABASE_URL="file:/srv/my data #1/pintu.db"   # trailing comment',
        "CRISIS_HOTLINE='SEJIWA 119 ext. 8'",
        "CRISIS_PHRASES=bunuh diri,ingin mati",
        "HTTP_PORT=8081 # port",
        "export LOG_LEVEL=warn",
        "PUBLIC_BASE_URL=",
        "",
      ].join("\n"),
    );
    const env: Record<string, string | undefined> = {};
    const read = readEnvFile(env, dir);
    expect(env).toEqual({
      DATABASE_URL: "file:/srv/my data #1/pintu.db",
      CRISIS_HOTLINE: "SEJIWA 119 ext. 8",
      CRISIS_PHRASES: "bunuh diri,ingin mati",
      HTTP_PORT: "8081",
      LOG_LEVEL: "warn",
      PUBLIC_BASE_URL: "",
    });
    expect(read).toMatchObject({ file: join(dir, ".env"), keptFromEnvironment: [], unknown: [], mode: 0o600 });
    const config = loadConfig(env);
    expect(config.database).toMatchObject({ kind: "sqlite", file: "/srv/my data #1/pintu.db" });
    expect(config.crisis.phrases).toEqual(["bunuh diri", "ingin mati"]);
    expect(config.http.port).toBe(8081);
  });

  it("keeps a value the environment already has, and names settings it does not know", () => {
    const dir = folderWith("HTTP_PORT=8081\nTELEGRAM_TOKEN=123:abc\n");
    const env: Record<string, string | undefined> = { HTTP_PORT: "9090" };
    const read = readEnvFile(env, dir);
    expect(env.HTTP_PORT).toBe("9090");
    expect(read.keptFromEnvironment).toEqual(["HTTP_PORT"]);
    expect(read.unknown).toEqual(["TELEGRAM_TOKEN"]);
    expect(describeEnvFile(read)).toBe(
      `settings: read ${join(dir, ".env")} (1 set; the environment's own value kept for HTTP_PORT); not settings of this product, ignored: TELEGRAM_TOKEN`,
    );
  });

  it("reads the file PINTU_ENV_FILE names instead (relative to the working directory), and refuses one that is missing", () => {
    const dir = folderWith("HTTP_PORT=7000\n", "pintu.env");
    const env: Record<string, string | undefined> = { PINTU_ENV_FILE: "pintu.env" };
    expect(readEnvFile(env, dir).file).toBe(join(dir, "pintu.env"));
    expect(env.HTTP_PORT).toBe("7000");
    expect(() => readEnvFile({ PINTU_ENV_FILE: "/nowhere/pintu.env" }, dir)).toThrow(EnvFileError);
    expect(() => readEnvFile({ PINTU_ENV_FILE: "/nowhere/pintu.env" }, dir)).toThrow(
      "PINTU_ENV_FILE=/nowhere/pintu.env: cannot read the settings file /nowhere/pintu.env (ENOENT)",
    );
  });

  it("without a .env and without PINTU_ENV_FILE: nothing read, and the start-up line says so", () => {
    const dir = mkdtempSync(join(tmpdir(), "pintu-envfile-"));
    const env: Record<string, string | undefined> = {};
    const read = readEnvFile(env, dir);
    expect(read.file).toBeNull();
    expect(env).toEqual({});
    expect(describeEnvFile(read, dir)).toBe(`settings: no .env in ${dir} and no PINTU_ENV_FILE: environment variables and defaults only`);
  });

  it("reads .env.example as written: every NAME= line, each value as on its line, and a valid configuration", () => {
    const text = readFileSync(".env.example", "utf8");
    const lines = [...text.matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((m) => [m[1]!, m[2]!.trim()] as const);
    const parsed = parseEnv(text);
    expect(Object.keys(parsed).sort()).toEqual(lines.map(([name]) => name).sort());
    for (const [name, value] of lines) expect(parsed[name], name).toBe(value);
    const dir = folderWith(text);
    const env: Record<string, string | undefined> = {};
    const read = readEnvFile(env, dir);
    expect(read.unknown).toEqual([]);
    expect(() => loadConfig(env)).not.toThrow();
  });
});
