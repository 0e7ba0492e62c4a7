// After an erasure, what the database file itself may still hold: SQLite keeps earlier versions of changed pages
// in its write-ahead log until a checkpoint (and the log file keeps them until it is overwritten), so the log is
// checkpointed and truncated. Deleted values in the main file are zeroed as they go (secure_delete, set where the
// connection opens: src/store/database.ts). PostgreSQL keeps dead rows until VACUUM: see the README's privacy notes.
import type { Database } from "./database.ts";

/** Empties SQLite's write-ahead log into the database and truncates it; nothing to do on PostgreSQL. */
export async function forgetOnDisk(db: Pick<Database, "raw" | "target">): Promise<void> {
  if (db.target.kind !== "sqlite") return;
  await db.raw.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
}
