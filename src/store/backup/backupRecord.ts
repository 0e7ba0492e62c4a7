// Where the time of the last backup is kept: an audit event of type "backup_made" in the database itself (one
// row per backup, append-only like every audit event), so it is found the same way on SQLite and PostgreSQL
// and by every instance. `doctor` reads it with lastBackup().
import { z } from "zod";
import type { Prisma } from "../database.ts";

/** The audit event type of a backup that was written and checked. */
export const BACKUP_MADE = "backup_made";

/** A backup as recorded. */
export interface BackupRecord {
  at: Date;
  /** The backup file, absolute, on the machine that made it. */
  file: string;
  bytes: number;
  database: "sqlite" | "postgres";
}

/** The event's data, checked when read (a row that does not match still says when; the rest reads as unknown). */
const backupDataSchema = z.object({
  file: z.string().catch(""),
  bytes: z.number().int().nonnegative().catch(0),
  database: z.enum(["sqlite", "postgres"]).catch("sqlite"),
});

/** Records a finished backup (after it was written and checked, never before). */
export async function recordBackup(prisma: Prisma, backup: BackupRecord): Promise<void> {
  await prisma.auditEvent.create({
    data: { at: backup.at, type: BACKUP_MADE, dataJson: JSON.stringify({ file: backup.file, bytes: backup.bytes, database: backup.database }) },
  });
}

/** The most recent backup recorded in this database, or null when none was. */
export async function lastBackup(prisma: Prisma): Promise<BackupRecord | null> {
  const row = await prisma.auditEvent.findFirst({ where: { type: BACKUP_MADE }, orderBy: { at: "desc" } });
  if (!row) return null;
  let json: unknown = {};
  try {
    json = JSON.parse(row.dataJson);
  } catch {
    // an unreadable row still tells when
  }
  return { at: row.at, ...backupDataSchema.catch({ file: "", bytes: 0, database: "sqlite" }).parse(json) };
}
