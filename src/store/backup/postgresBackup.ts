// Backup and restore of a PostgreSQL database with PostgreSQL's own tools: pg_dump (custom format, one
// consistent snapshot, safe while the service runs), pg_restore for such a dump and psql for a plain SQL one.
// The password reaches them in a private passfile named in the connection string, never on a command line.
import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import pg from "pg";
import { pgConnectionFields } from "../postgresConnection.ts";
import { BackupRefusedError, type BackupResult, type ProgressSink, type RestoreResult } from "./backupTypes.ts";

const CLIENT_HINT =
  "Install PostgreSQL's client tools of the server's major version or newer (Debian 12: sudo apt-get install postgresql-client-15), or run them on the database server";

/** A libpq connection string for the URL, the password in a passfile; `cleanup` removes the passfile. */
function connectionFor(url: string): { conninfo: string; cleanup(): void } {
  const f = pgConnectionFields(url);
  const quote = (v: string) => `'${v.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  const parts = [`host=${quote(f.host)}`, `port=${f.port}`, `dbname=${quote(f.database)}`];
  if (f.user) parts.push(`user=${quote(f.user)}`);
  const sslmode = new URL(url).searchParams.get("sslmode");
  if (sslmode) parts.push(`sslmode=${quote(sslmode)}`);
  let dir: string | undefined;
  if (f.password) {
    dir = mkdtempSync(join(tmpdir(), "pintu-pgpass-"));
    const field = (v: string) => v.replace(/\\/g, "\\\\").replace(/:/g, "\\:");
    const passfile = join(dir, "pgpass");
    writeFileSync(passfile, `${[f.host, String(f.port), f.database, f.user, f.password].map(field).join(":")}\n`, { mode: 0o600 });
    parts.push(`passfile=${quote(passfile)}`);
  }
  return { conninfo: parts.join(" "), cleanup: () => dir && rmSync(dir, { recursive: true, force: true }) };
}

/** Runs one of PostgreSQL's tools; stderr lines go to `onLine`; rejects with its last error lines. */
function runTool(command: string, args: string[], onLine: (line: string) => void = () => {}): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let partial = "";
    const errors: string[] = [];
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      const lines = (partial + d).split("\n");
      partial = lines.pop()!;
      for (const line of lines) {
        if (/error|fatal|could not|aborting/i.test(line)) errors.push(line);
        onLine(line);
      }
    });
    child.on("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "ENOENT" ? new BackupRefusedError(`${command} is not installed here. ${CLIENT_HINT}.`) : error),
    );
    child.on("close", (code) => {
      if (partial) errors.push(partial);
      if (code === 0) resolvePromise(stdout);
      else reject(new Error(`${command} failed (exit ${code}): ${errors.slice(-3).join(" | ") || "no message"}`));
    });
  });
}

/** Reports every table the tool names in its verbose output, counted. */
function tableProgress(pattern: RegExp, verb: string, onProgress?: ProgressSink): (line: string) => void {
  let tables = 0;
  return (line) => {
    const m = pattern.exec(line);
    if (m) onProgress?.(`${verb} table ${m[1]!.replace(/"/g, "")} (${++tables})`);
  };
}

/** Dumps the database to `destination` (which must not exist) with pg_dump's custom format, then lists it to check it. */
export async function backupPostgres(p: { url: string; destination: string; onProgress?: ProgressSink }): Promise<BackupResult> {
  const destination = resolve(p.destination);
  if (existsSync(destination)) throw new BackupRefusedError(`${destination} exists already: choose a new file name (a backup never overwrites another).`);
  const partial = `${destination}.partial`;
  rmSync(partial, { force: true });
  closeSync(openSync(partial, "wx", 0o600));
  const { conninfo, cleanup } = connectionFor(p.url);
  try {
    await runTool(
      "pg_dump",
      ["--format=custom", "--verbose", "--no-password", `--file=${partial}`, `--dbname=${conninfo}`],
      tableProgress(/dumping contents of table (\S+)/, "dumped", p.onProgress),
    );
    const listing = await runTool("pg_restore", ["--list", partial]);
    const tables = listing.split("\n").filter((l) => / TABLE DATA /.test(l)).length;
    if (tables === 0) throw new Error("The dump holds no tables; the database was not changed. Check DATABASE_URL.");
    renameSync(partial, destination);
    return { file: destination, bytes: statSync(destination).size, details: `pg_dump custom format, ${tables} tables` };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    cleanup();
  }
}

/** Whether the file is a pg_dump custom-format archive (it starts with "PGDMP"); otherwise it is taken for plain SQL. */
function isCustomFormat(file: string): boolean {
  const fd = openSync(file, "r");
  try {
    const head = Buffer.alloc(5);
    readSync(fd, head, 0, 5, 0);
    return head.toString("latin1") === "PGDMP";
  } finally {
    closeSync(fd);
  }
}

/** People and cases in the database, how many other sessions are connected to it, and its size. */
async function inspectDatabase(url: string): Promise<{ people: number; cases: number; otherSessions: number; bytes: number }> {
  const client = new pg.Client(pgConnectionFields(url));
  await client.connect();
  try {
    const count = async (table: string) => {
      const exists = await client.query<{ t: string | null }>("SELECT to_regclass($1)::text AS t", [`public."${table}"`]);
      if (!exists.rows[0]?.t) return 0;
      return Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`)).rows[0]!.n);
    };
    const sessions = await client.query<{ n: string; bytes: string }>(
      "SELECT count(*) AS n, pg_database_size(current_database()) AS bytes FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
    );
    const row = sessions.rows[0]!;
    return { people: await count("Person"), cases: await count("Case"), otherSessions: Number(row.n), bytes: Number(row.bytes) };
  } finally {
    await client.end();
  }
}

/**
 * Restores a pg_dump archive (pg_restore, in one transaction, replacing the tables it holds) or a plain SQL dump
 * (psql, into an empty database only). Refuses while other sessions use the database, and a database that holds
 * people or cases unless `force`.
 */
export async function restorePostgres(p: { url: string; backup: string; force: boolean; onProgress?: ProgressSink }): Promise<RestoreResult> {
  const backup = resolve(p.backup);
  if (!existsSync(backup)) throw new BackupRefusedError(`There is no backup file at ${backup}.`);
  const present = await inspectDatabase(p.url);
  if (present.otherSessions > 0) {
    throw new BackupRefusedError(
      `${present.otherSessions} other session(s) are connected to the database. Stop every instance of the service first (sudo systemctl stop pintu-konseling) and any command line using it, then run restore again.`,
    );
  }
  const holdsData = present.people > 0 || present.cases > 0;
  const custom = isCustomFormat(backup);
  if (holdsData && !p.force) {
    throw new BackupRefusedError(
      `The database holds data (${present.people} people, ${present.cases} cases). To replace it with the backup, run restore again with --force.`,
    );
  }
  if (holdsData && !custom) {
    throw new BackupRefusedError(
      "A plain SQL dump restores into an empty database only: drop and create the database (dropdb, createdb -O <owner>), then run restore again.",
    );
  }
  const { conninfo, cleanup } = connectionFor(p.url);
  try {
    if (custom) {
      await runTool(
        "pg_restore",
        [
          "--verbose",
          "--no-password",
          "--clean",
          "--if-exists",
          "--no-owner",
          "--no-privileges",
          "--single-transaction",
          "--exit-on-error",
          `--dbname=${conninfo}`,
          backup,
        ],
        tableProgress(/processing data for table (\S+)/, "restored", p.onProgress),
      );
    } else {
      p.onProgress?.("running the SQL dump with psql");
      await runTool("psql", ["--no-password", "--quiet", "--single-transaction", "-v", "ON_ERROR_STOP=1", `--dbname=${conninfo}`, "--file", backup]);
    }
  } finally {
    cleanup();
  }
  const after = await inspectDatabase(p.url);
  return { bytes: after.bytes, details: `${after.people} people, ${after.cases} cases` };
}
