// Bulk inserts into PostgreSQL: one INSERT ... SELECT FROM unnest($1::text[], ...) per batch (thousands of
// rows per round trip), with foreign-key triggers off for the load (the data is consistent by construction).
import pg from "pg";
import { pgConnectionFields } from "../../src/store/postgresConnection.ts";
import type { BulkWriter, ColumnType, Row } from "./tables.ts";

const PG_TYPES: Record<ColumnType, string> = { text: "text", int: "int4", bool: "bool", date: "timestamp(3)" };
/** Prisma keeps DateTime as UTC in `timestamp(3)` (without time zone): send the UTC wall time as text. */
const pgValue = (v: Row[number]) => (v instanceof Date ? v.toISOString().slice(0, 23) : v);

/** A writer on the PostgreSQL database `url` (already migrated by the product). */
export async function openPgBulkWriter(url: string): Promise<BulkWriter> {
  const client = new pg.Client(pgConnectionFields(url));
  await client.connect();
  await client.query("SET session_replication_role = replica");
  let setAside: string[] = [];
  return {
    async prepare(tables) {
      // Secondary indexes (not primary keys, which constraints need) are dropped and rebuilt from their own definitions.
      const r = await client.query<{ indexname: string; indexdef: string }>(
        `SELECT i.indexname, i.indexdef FROM pg_indexes i
         WHERE i.schemaname = current_schema() AND i.tablename = ANY($1)
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
        [tables.map((t) => t.name)],
      );
      for (const row of r.rows) await client.query(`DROP INDEX "${row.indexname}"`);
      setAside = r.rows.map((row) => row.indexdef);
    },
    async insert(table, rows) {
      for (let i = 0; i < rows.length; i += 5000) {
        const batch = rows.slice(i, i + 5000);
        const columns = table.columns.map(([name, type], c) => ({ name, type, values: batch.map((r) => pgValue(r[c] ?? null)) }));
        const sql =
          `INSERT INTO "${table.name}" (${columns.map((c) => `"${c.name}"`).join(", ")}) ` +
          `SELECT * FROM unnest(${columns.map((c, k) => `$${k + 1}::${PG_TYPES[c.type]}[]`).join(", ")})`;
        await client.query(
          sql,
          columns.map((c) => c.values),
        );
      }
    },
    async setCaseNumber(value) {
      await client.query(`INSERT INTO "Sequence" ("name", "value") VALUES ('case_number', $1) ON CONFLICT ("name") DO UPDATE SET "value" = excluded."value"`, [
        value,
      ]);
    },
    async finish() {
      for (const sql of setAside) await client.query(sql);
      await client.query("SET session_replication_role = origin");
      await client.query("ANALYZE");
    },
    async close() {
      await client.end();
    },
  };
}
