// Throwaway databases for the benchmark: a SQLite file in a temp directory, or a fresh database on the
// PostgreSQL server named by PINTU_BENCH_PG_URL (or PINTU_TEST_PG_URL). Each is removed by its dispose().
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { parseDatabaseUrl, type DatabaseTarget } from "../../src/store/databaseTarget.ts";
import { pgConnectionFields } from "../../src/store/postgresConnection.ts";

export type DbKind = "sqlite" | "postgres";

export interface BenchDatabase {
  target: DatabaseTarget;
  /** A directory for this database's neighbours (logs, profiles); removed with it. */
  dir: string;
  dispose(): Promise<void>;
}

/** The PostgreSQL server the benchmark may create databases on, if one is configured. */
export function benchPgUrl(env: Record<string, string | undefined> = process.env): string | undefined {
  return env.PINTU_BENCH_PG_URL || env.PINTU_TEST_PG_URL || undefined;
}

/** Why PostgreSQL parts are skipped, or null when the server answers. */
export async function postgresUnavailable(url: string | undefined): Promise<string | null> {
  if (!url) return "no PostgreSQL configured (set PINTU_BENCH_PG_URL or PINTU_TEST_PG_URL)";
  const client = new pg.Client({ ...pgConnectionFields(url), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("select 1");
    return null;
  } catch (error) {
    return `PostgreSQL at ${new URL(url).host} not reachable: ${(error as Error).message}`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A new, empty database of the kind (migrations are applied by whoever opens it first). */
export async function freshBenchDatabase(kind: DbKind, pgUrl?: string): Promise<BenchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), "pintu-bench-"));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  if (kind === "sqlite") {
    return { target: parseDatabaseUrl(`file:${join(dir, "bench.db")}`), dir, dispose: async () => removeDir() };
  }
  if (!pgUrl) throw new Error("PostgreSQL needs PINTU_BENCH_PG_URL or PINTU_TEST_PG_URL");
  const name = `pintu_bench_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  await adminQuery(pgUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  return {
    target: parseDatabaseUrl(url.toString()),
    dir,
    dispose: async () => {
      removeDir();
      await adminQuery(pgUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
    },
  };
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const admin = new pg.Client(pgConnectionFields(url));
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}
