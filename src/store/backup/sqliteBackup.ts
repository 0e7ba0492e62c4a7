// Backup and restore of the embedded SQLite database. The backup uses SQLite's online backup API (through
// better-sqlite3's db.backup), so it is safe while the service runs and writes: the copy is one consistent
// state of the database. The restore puts a copy in place of the database file while nothing has it open.
import Database from "better-sqlite3";
import { closeSync, existsSync, fsyncSync, openSync, renameSync, statSync } from "node:fs";
import { copyFile, rm } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { BackupRefusedError, type BackupResult, type ProgressSink, type RestoreResult } from "./backupTypes.ts";

/** Pages copied per step (1 MiB at SQLite's 4 KiB pages); the service's writes go on between steps. */
const PAGES_PER_STEP = 256;
/** better-sqlite3's largest step: the rest of the database in one step. */
const ALL_REMAINING_PAGES = 0x7fffffff;

/** What a SQLite file holds, read from a copy: how many migrations were applied, people and cases. */
interface SqliteContents {
  migrations: number;
  people: number;
  cases: number;
}

function sqliteContents(db: Database.Database): SqliteContents {
  const has = (table: string) => Boolean(db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table));
  const count = (table: string) => (has(table) ? (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n : 0);
  return { migrations: count("_prisma_migrations"), people: count("Person"), cases: count("Case") };
}

/** Creates an empty file only its owner may read (a backup holds the service's data). */
function createPrivateFile(file: string): void {
  closeSync(openSync(file, "wx", 0o600));
}

function syncFile(file: string): void {
  const fd = openSync(file, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Copies the database at `source` to `destination` (which must not exist) while other processes keep using it.
 * The copy is written beside the destination as `<destination>.partial` and renamed when complete and checked.
 */
export async function backupSqlite(p: { source: string; destination: string; onProgress?: ProgressSink }): Promise<BackupResult> {
  const destination = resolve(p.destination);
  if (resolve(p.source) === destination) throw new BackupRefusedError("The backup file cannot be the database itself.");
  if (!existsSync(p.source)) throw new BackupRefusedError(`There is no database at ${p.source} (check DATABASE_URL).`);
  if (existsSync(destination)) throw new BackupRefusedError(`${destination} exists already: choose a new file name (a backup never overwrites another).`);
  if (!existsSync(dirname(destination))) throw new BackupRefusedError(`The folder ${dirname(destination)} does not exist.`);
  const partial = `${destination}.partial`;
  await rm(partial, { force: true });
  createPrivateFile(partial);
  const db = new Database(p.source, { fileMustExist: true, timeout: 10_000 });
  try {
    let lastRemaining = Number.POSITIVE_INFINITY;
    let restarted = false;
    let lastShown = -1;
    await db.backup(partial, {
      progress({ totalPages, remainingPages }) {
        // SQLite restarts a step-wise copy when another connection (the service) wrote between two steps. After a
        // restart the rest is copied in one step, under one read snapshot, so a busy service cannot keep the copy
        // from finishing (in WAL mode that step does not block the service's writes).
        if (remainingPages >= lastRemaining) restarted = true;
        lastRemaining = remainingPages;
        const percent = Math.floor(((totalPages - remainingPages) / totalPages) * 100);
        if (lastShown < 0 || percent >= lastShown + 10) {
          lastShown = percent;
          p.onProgress?.(`copied ${totalPages - remainingPages} of ${totalPages} pages (${percent}%)`);
        }
        return restarted ? ALL_REMAINING_PAGES : PAGES_PER_STEP;
      },
    });
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  } finally {
    db.close();
  }
  const copy = new Database(partial, { fileMustExist: true });
  let contents: SqliteContents;
  try {
    // One self-contained file: no -wal beside it (the service switches back to WAL when it opens a restored copy).
    copy.pragma("journal_mode = DELETE");
    const check = copy.pragma("quick_check", { simple: true });
    if (check !== "ok") throw new Error(`The copy failed SQLite's check (${String(check)}); the database was not changed. Try again.`);
    contents = sqliteContents(copy);
  } catch (error) {
    copy.close();
    await rm(partial, { force: true });
    throw error;
  }
  copy.close();
  syncFile(partial);
  renameSync(partial, destination);
  p.onProgress?.("copied and checked");
  return { file: destination, bytes: statSync(destination).size, details: `${contents.migrations} migrations, ${contents.cases} cases` };
}

/** Whether another process has the file open: an exclusive lock is refused while any connection holds it. */
function inspectTarget(target: string): SqliteContents {
  const db = new Database(target, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma("locking_mode = EXCLUSIVE");
    try {
      db.exec("BEGIN EXCLUSIVE");
    } catch (error) {
      if ((error as { code?: string }).code === "SQLITE_BUSY") {
        throw new BackupRefusedError(
          `${target} is in use by another process. Stop the service first (sudo systemctl stop pintu-konseling) and any command line using it, then run restore again.`,
        );
      }
      throw error;
    }
    const contents = sqliteContents(db);
    db.exec("ROLLBACK");
    return contents;
  } finally {
    db.close();
  }
}

/**
 * Puts the backup at `backup` in place of the database file `target`. The service must be stopped: SQLite files
 * are replaced, not merged. Refuses a target that holds people or cases unless `force`; an existing target is
 * never deleted, it is renamed to `<target>.before-restore-<time>`.
 */
export async function restoreSqlite(p: { backup: string; target: string; force: boolean; now: Date; onProgress?: ProgressSink }): Promise<RestoreResult> {
  const backup = resolve(p.backup);
  const target = resolve(p.target);
  if (!existsSync(backup)) throw new BackupRefusedError(`There is no backup file at ${backup}.`);
  if (backup === target) throw new BackupRefusedError("The backup file is the database itself.");
  const incoming = join(dirname(target), `.${basename(target)}.restoring-${process.pid}`);
  await rm(incoming, { force: true });
  p.onProgress?.(`copying ${backup} beside the database`);
  await copyFile(backup, incoming);
  let contents: SqliteContents;
  try {
    const copy = new Database(incoming, { fileMustExist: true });
    try {
      const check = copy.pragma("quick_check", { simple: true });
      if (check !== "ok") throw new BackupRefusedError(`${backup} is damaged (SQLite's check says: ${String(check)}).`);
      contents = sqliteContents(copy);
      if (contents.migrations === 0) throw new BackupRefusedError(`${backup} is a SQLite file, but not a Pintu Konseling database (it has no migrations).`);
      copy.pragma("journal_mode = DELETE");
    } finally {
      copy.close();
    }
  } catch (error) {
    await rm(incoming, { force: true });
    if ((error as { code?: string }).code === "SQLITE_NOTADB") throw new BackupRefusedError(`${backup} is not a SQLite database backup.`);
    throw error;
  }
  let keptAs: string | undefined;
  try {
    if (existsSync(target)) {
      const present = inspectTarget(target);
      if ((present.people > 0 || present.cases > 0) && !p.force) {
        throw new BackupRefusedError(
          `${target} holds data (${present.people} people, ${present.cases} cases). To replace it with the backup, run restore again with --force (the current file is kept beside it).`,
        );
      }
      keptAs = `${target}.before-restore-${p.now.toISOString().replace(/[:.]/g, "-")}`;
      renameSync(target, keptAs);
      for (const suffix of ["-wal", "-shm"]) if (existsSync(target + suffix)) renameSync(target + suffix, keptAs + suffix);
    }
    syncFile(incoming);
    renameSync(incoming, target);
  } finally {
    await rm(incoming, { force: true });
  }
  return { bytes: statSync(target).size, details: `${contents.migrations} migrations, ${contents.people} people, ${contents.cases} cases`, keptAs };
}
