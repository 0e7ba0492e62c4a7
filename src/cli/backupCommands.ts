// `backup <file>` and `restore <file> [--force]`: the database to a file and back. SQLite through its online
// backup API (the service may keep running), PostgreSQL through pg_dump / pg_restore. A finished backup is
// recorded in the database (src/store/backup/backupRecord.ts) for `doctor` to tell its age.
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import type { Config } from "../config.ts";
import { DEV_KEYS_FILE } from "../privacy/index.ts";
import { recordBackup } from "../store/backup/backupRecord.ts";
import { BackupRefusedError, type ProgressSink } from "../store/backup/backupTypes.ts";
import { backupPostgres, restorePostgres } from "../store/backup/postgresBackup.ts";
import { backupSqlite, restoreSqlite } from "../store/backup/sqliteBackup.ts";
import { openDatabase } from "../store/database.ts";

/** What the commands need from the command line around them. */
export interface BackupCommandContext {
  loadConfig(): Config;
  /** Progress lines (to stderr, so stdout is the result alone). */
  progress: ProgressSink;
  clock(): Date;
}

/** "3.4 MiB (3,565,158 bytes)". */
export function formatSize(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  const short = mib >= 1 ? `${mib.toFixed(1)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`;
  return `${short} (${bytes.toLocaleString("en")} bytes)`;
}

/** What a backup does not hold and must be kept apart from it. */
function keysReminder(config: Config): string {
  if (config.privacy)
    return "Not in the backup, on purpose: ENCRYPTION_KEYS and HASH_KEY. Keep them (and the .env) apart from it; the backup cannot be read without them.";
  const devKeys = config.database.kind === "sqlite" ? join(dirname(config.database.file), DEV_KEYS_FILE) : join("data", DEV_KEYS_FILE);
  return `This installation uses DEVELOPMENT keys: copy ${devKeys} with the backup, or it cannot be read (production sets ENCRYPTION_KEYS and HASH_KEY: npm run cli -- keys new).`;
}

function fileArgument(command: "backup" | "restore", args: string[]): { file: string; force: boolean } {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { force: { type: "boolean" } } });
  if (positionals.length !== 1) {
    throw new BackupRefusedError(
      command === "backup"
        ? "backup needs one file name, e.g. npm run cli -- backup /var/backups/pintu/pintu-$(date +%F).backup"
        : "restore needs one backup file, e.g. npm run cli -- restore /var/backups/pintu/pintu-2026-12-01.backup [--force]",
    );
  }
  if (command === "backup" && values.force) throw new BackupRefusedError("backup has no --force: it never overwrites a file; choose a new name.");
  return { file: positionals[0]!, force: values.force ?? false };
}

/** `backup <file>`: writes, checks and records a backup; returns the lines to print. */
export async function backupCommand(args: string[], context: BackupCommandContext): Promise<string> {
  const { file } = fileArgument("backup", args);
  const config = context.loadConfig();
  const target = config.database;
  context.progress(
    target.kind === "sqlite"
      ? `backing up SQLite ${target.file} (the service may keep running)`
      : "backing up PostgreSQL with pg_dump (the service may keep running)",
  );
  const result =
    target.kind === "sqlite"
      ? await backupSqlite({ source: target.file, destination: file, onProgress: context.progress })
      : await backupPostgres({ url: target.url, destination: file, onProgress: context.progress });
  const db = await openDatabase(target, { migrate: false });
  try {
    await recordBackup(db.raw, { at: context.clock(), file: result.file, bytes: result.bytes, database: target.kind });
  } finally {
    await db.close();
  }
  return [
    `Backup written: ${result.file}, ${formatSize(result.bytes)}; ${result.details}.`,
    `Recorded as the last backup (an audit event "backup_made" in the database, which doctor reads).`,
    keysReminder(config),
  ].join("\n");
}

/** `restore <file> [--force]`: puts a backup in place of the configured database; returns the lines to print. */
export async function restoreCommand(args: string[], context: BackupCommandContext): Promise<string> {
  const { file, force } = fileArgument("restore", args);
  const config = context.loadConfig();
  const target = config.database;
  if (target.kind === "sqlite") {
    context.progress(`restoring into SQLite ${target.file}: the file is replaced, so the service must be stopped (checked)`);
    const result = await restoreSqlite({ backup: file, target: target.file, force, now: context.clock(), onProgress: context.progress });
    return [
      `Restored ${file} into ${target.file}: ${formatSize(result.bytes)}; ${result.details}.`,
      result.keptAs ? `The database it replaced is kept at ${result.keptAs} (delete it once the restored one is checked).` : "",
      "Start the service again (sudo systemctl start pintu-konseling); it applies any newer migrations as it starts.",
    ]
      .filter(Boolean)
      .join("\n");
  }
  context.progress("restoring into PostgreSQL: every instance of the service must be stopped (checked)");
  const result = await restorePostgres({ url: target.url, backup: file, force, onProgress: context.progress });
  return [
    `Restored ${file} into the PostgreSQL database: ${formatSize(result.bytes)}; ${result.details}.`,
    "Start the service again (sudo systemctl start pintu-konseling); it applies any newer migrations as it starts.",
  ].join("\n");
}
