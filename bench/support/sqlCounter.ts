// Counts the SQL statements the product sends, by kind (select, insert, update, begin, commit...), by
// wrapping better-sqlite3's prepare and pg's Client.query in the product host: statements per update is
// the first thing to know when an update is slow.
import Database from "better-sqlite3";
import pg from "pg";

export type SqlCounts = Record<string, number>;

const counts: SqlCounts = {};
let installed = false;

function countSql(sql: unknown): void {
  const text = typeof sql === "string" ? sql : typeof sql === "object" && sql && "text" in sql ? String((sql as { text: unknown }).text) : "";
  const kind = (/^\s*(\w+)/.exec(text)?.[1] ?? "other").toLowerCase();
  counts[kind] = (counts[kind] ?? 0) + 1;
}

/** Wraps both drivers once (before the product opens its database); later calls do nothing. */
export function installSqlCounter(): void {
  if (installed) return;
  installed = true;
  const prepare = Database.prototype.prepare;
  Database.prototype.prepare = function (this: Database.Database, sql: string) {
    countSql(sql);
    return prepare.call(this, sql);
  } as typeof prepare;
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const query = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    countSql(args[0]);
    return query.apply(this, args);
  };
}

/** The counts so far (a copy). */
export const sqlCounts = (): SqlCounts => ({ ...counts });

/** Per-kind difference between two snapshots, divided by `per` (e.g. statements per update). */
export function sqlCountsPer(before: SqlCounts, after: SqlCounts, per: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(after)) {
    const d = v - (before[k] ?? 0);
    if (d > 0) out[k] = Math.round((d / Math.max(1, per)) * 100) / 100;
  }
  return out;
}
