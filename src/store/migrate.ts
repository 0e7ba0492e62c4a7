// Applies the committed Prisma migrations at start-up, in-process.
//
// Why not spawn `prisma migrate deploy`: the CLI takes ~1.3 s and lingers on timers, and tests open
// many fresh databases. This runner records migrations in Prisma's own `_prisma_migrations` table
// with Prisma's checksum (SHA-256 of migration.sql), so `prisma migrate status` and `migrate deploy`
// agree with it. Concurrent starters are serialised: BEGIN IMMEDIATE on SQLite, an advisory lock on
// PostgreSQL.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { projectRoot } from "../projectRoot.ts";
import type { DatabaseTarget } from "./databaseTarget.ts";
import { pgConnectionFields } from "./postgresConnection.ts";

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

/** The migration folder for a database kind. */
export function migrationsDir(kind: DatabaseTarget["kind"]): string {
  return join(projectRoot(), kind === "sqlite" ? "prisma/migrations" : "prisma/postgres/migrations");
}

/** Reads migrations in name order (Prisma's order). */
export function readMigrations(dir: string): MigrationFile[] {
  if (!existsSync(dir)) throw new Error(`Migration folder ${dir} is missing: reinstall the project.`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, "migration.sql")))
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const SQLITE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`;
const PG_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`;

/** Refuses a database whose applied migrations were edited after being applied. */
function checkApplied(applied: { migration_name: string; checksum: string }[], files: MigrationFile[]): Set<string> {
  const byName = new Map(files.map((f) => [f.name, f]));
  for (const row of applied) {
    const file = byName.get(row.migration_name);
    if (!file) {
      throw new Error(
        `The database has migration ${row.migration_name}, which this version does not know: it was written by a newer version. Upgrade the product.`,
      );
    }
    if (file.checksum !== row.checksum) {
      throw new Error(`Migration ${row.migration_name} was edited after it was applied; restore the original migration.sql.`);
    }
  }
  return new Set(applied.map((r) => r.migration_name));
}

/** Applies pending migrations; returns the names applied now. */
export async function applyMigrations(target: DatabaseTarget): Promise<string[]> {
  const files = readMigrations(migrationsDir(target.kind));
  return target.kind === "sqlite" ? migrateSqlite(target.file, files) : migratePostgres(target.url, files);
}

async function migrateSqlite(file: string, files: MigrationFile[]): Promise<string[]> {
  const Sqlite = (await import("better-sqlite3")).default;
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const db = new Sqlite(file, { timeout: 10_000 });
  try {
    db.pragma("journal_mode = WAL");
    db.exec(SQLITE_TABLE);
    const done: string[] = [];
    db.exec("BEGIN IMMEDIATE");
    try {
      const applied = db.prepare(`SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`).all() as {
        migration_name: string;
        checksum: string;
      }[];
      const have = checkApplied(applied, files);
      for (const m of files.filter((f) => !have.has(f.name))) {
        db.exec(m.sql);
        db.prepare(
          `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES (?, ?, ?, strftime('%Y-%m-%dT%H:%M:%f+00:00','now'), strftime('%Y-%m-%dT%H:%M:%f+00:00','now'), 1)`,
        ).run(randomUUID(), m.checksum, m.name);
        done.push(m.name);
      }
      db.exec("COMMIT");
    } catch (error) {
      db.exec("ROLLBACK");
      throw error;
    }
    return done;
  } finally {
    db.close();
  }
}

async function migratePostgres(url: string, files: MigrationFile[]): Promise<string[]> {
  const pg = (await import("pg")).default;
  const client = new pg.Client(pgConnectionFields(url));
  await client.connect();
  try {
    // One starter at a time: the others wait here and then find nothing to do.
    await client.query("SELECT pg_advisory_lock(727274)");
    await client.query(PG_TABLE);
    const applied = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const have = checkApplied(applied.rows, files);
    const done: string[] = [];
    for (const m of files.filter((f) => !have.has(f.name))) {
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(
          `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), now(), 1)`,
          [randomUUID(), m.checksum, m.name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
      done.push(m.name);
    }
    return done;
  } finally {
    await client.query("SELECT pg_advisory_unlock(727274)").catch(() => undefined);
    await client.end();
  }
}
