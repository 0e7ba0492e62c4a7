// Test databases: a fresh SQLite file always; a fresh PostgreSQL database when PINTU_TEST_PG_URL
// points at a server (.ci/run starts one). In CI a missing PostgreSQL is an error, not a skip.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { parseDatabaseUrl, type DatabaseTarget } from "../../src/store/databaseTarget.ts";
import { pgConnectionFields } from "../../src/store/postgresConnection.ts";

export const PG_URL = process.env.PINTU_TEST_PG_URL;
if (!PG_URL && process.env.CI) throw new Error("CI needs PINTU_TEST_PG_URL: .ci/run starts PostgreSQL and sets it");

export type DbKind = "sqlite" | "postgres";
/** Both kinds; PostgreSQL suites show as skipped when no server is configured (run .ci/run for them). */
export const DB_KINDS: DbKind[] = ["sqlite", "postgres"];
/** Whether this run can test a kind. */
export const canTest = (kind: DbKind): boolean => kind === "sqlite" || Boolean(PG_URL);

/** A new, empty database of the kind (not yet migrated). */
export async function freshDatabase(kind: DbKind): Promise<DatabaseTarget> {
  if (kind === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "pintu-test-"));
    return parseDatabaseUrl(`file:${join(dir, "test.db")}`);
  }
  const name = `pintu_test_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const admin = new pg.Client(pgConnectionFields(PG_URL!));
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(PG_URL!);
  url.pathname = `/${name}`;
  return parseDatabaseUrl(url.toString());
}
