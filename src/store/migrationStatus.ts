// Which of this version's migrations a database has, without changing it (doctor): the service applies pending
// ones at start, but a database that holds migrations this version does not know was upgraded by a newer one.
import { existsSync } from "node:fs";
import type { DatabaseTarget } from "./databaseTarget.ts";
import { migrationsDir, readMigrations } from "./migrate.ts";
import { pgConnectionFields } from "./postgresConnection.ts";

export interface MigrationStatus {
  /** The migrations of this version not yet in the database. */
  pending: string[];
  /** Migrations in the database this version does not have (a newer version migrated it). */
  unknown: string[];
}

const APPLIED = `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;

/** The migration status of an existing database; throws when it cannot be reached or read. */
export async function migrationStatus(target: DatabaseTarget): Promise<MigrationStatus> {
  const files = readMigrations(migrationsDir(target.kind)).map((m) => m.name);
  const applied = target.kind === "sqlite" ? await appliedSqlite(target.file) : await appliedPostgres(target.url);
  return { pending: files.filter((f) => !applied.includes(f)), unknown: applied.filter((a) => !files.includes(a)) };
}

async function appliedSqlite(file: string): Promise<string[]> {
  if (!existsSync(file)) return [];
  const Sqlite = (await import("better-sqlite3")).default;
  const db = new Sqlite(file, { readonly: true, fileMustExist: true, timeout: 10_000 });
  try {
    const table = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`).get();
    return table ? (db.prepare(APPLIED).all() as { migration_name: string }[]).map((r) => r.migration_name) : [];
  } finally {
    db.close();
  }
}

async function appliedPostgres(url: string): Promise<string[]> {
  const pg = (await import("pg")).default;
  const client = new pg.Client({ ...pgConnectionFields(url), connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const table = await client.query(`SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present`);
    if (!(table.rows[0] as { present: boolean }).present) return [];
    return (await client.query<{ migration_name: string }>(APPLIED)).rows.map((r) => r.migration_name);
  } finally {
    await client.end().catch(() => undefined);
  }
}
