// Bulk inserts into SQLite with better-sqlite3: one prepared statement per table, one transaction per
// batch, values stored exactly as Prisma's adapter stores them (ISO text dates with +00:00, booleans 0/1).
import Database from "better-sqlite3";
import type { BulkWriter, Row, TableSpec } from "./tables.ts";

const sqliteValue = (v: Row[number]) => (v instanceof Date ? v.toISOString().replace("Z", "+00:00") : typeof v === "boolean" ? (v ? 1 : 0) : v);

/** A writer on the SQLite file `file` (already migrated by the product). */
export function openSqliteBulkWriter(file: string): BulkWriter {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  // Loading, not serving: no fsync per batch; the data is consistent by construction, so no FK checks.
  db.pragma("synchronous = OFF");
  db.pragma("foreign_keys = OFF");
  const statements = new Map<string, Database.Statement>();
  let setAside: string[] = [];
  const statementFor = (table: TableSpec) => {
    let s = statements.get(table.name);
    if (!s) {
      const cols = table.columns.map(([c]) => `"${c}"`).join(", ");
      s = db.prepare(`INSERT INTO "${table.name}" (${cols}) VALUES (${table.columns.map(() => "?").join(", ")})`);
      statements.set(table.name, s);
    }
    return s;
  };
  return {
    async prepare(tables) {
      // The migrations' own CREATE INDEX statements, replayed after the load: same indexes, built once.
      const names = tables.map((t) => t.name);
      const rows = db
        .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${names.map(() => "?").join(", ")})`)
        .all(...names) as { name: string; sql: string }[];
      for (const r of rows) db.exec(`DROP INDEX "${r.name}"`);
      setAside = rows.map((r) => r.sql);
    },
    async insert(table, rows) {
      const stmt = statementFor(table);
      db.transaction(() => {
        for (const row of rows) stmt.run(row.map(sqliteValue));
      })();
    },
    async setCaseNumber(value) {
      db.prepare(`INSERT INTO "Sequence" ("name", "value") VALUES ('case_number', ?) ON CONFLICT("name") DO UPDATE SET "value" = excluded."value"`).run(value);
    },
    async finish() {
      for (const sql of setAside) db.exec(sql);
      db.pragma("wal_checkpoint(TRUNCATE)");
    },
    async close() {
      db.close();
    },
  };
}
