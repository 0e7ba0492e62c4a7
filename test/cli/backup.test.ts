// `backup` and `restore` as an admin runs them, against a database under load: a loop keeps committing cases
// while `backup` runs as its own process (as it would beside the running service); the restored copy holds every
// case committed before the backup started, is one consistent state (case numbers 1..N with none missing), and
// decrypts under the same keys. Then what restore refuses: a database in use, one holding data without --force.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openApp, type App } from "../../src/app/openApp.ts";
import { lastBackup } from "../../src/store/backup/backupRecord.ts";
import { canTest, DB_KINDS, freshDatabase } from "../support/databases.ts";

const KEYS = { ENCRYPTION_KEYS: `k1:${randomBytes(32).toString("base64")}`, HASH_KEY: randomBytes(32).toString("base64") };
const pgToolsHere = spawnSync("pg_dump", ["--version"]).status === 0 && spawnSync("pg_restore", ["--version"]).status === 0;

/** Runs the command line as its own process without blocking this one (the load loop keeps running). */
function runCli(args: string[], env: Record<string, string>, onStderrLine: (line: string) => void = () => {}) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => {
    stderr += d;
    for (const line of d.split("\n")) if (line) onStderrLine(line);
  });
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on("close", (status) => resolve({ status, stdout, stderr })),
  );
}

/** Writes cases numbered 1, 2, 3 ... one transaction each, in order; `committed` lists those whose commit returned. */
function caseWriter(app: App, clientId: string) {
  const committed: number[] = [];
  return {
    committed,
    async write() {
      const number = committed.length + 1;
      await app.db.prisma.case.create({
        data: { number, orgId: "ipdn", flowId: "bk-praja", clientId, status: "open", intakeJson: JSON.stringify({ keluhan: `keluhan nomor ${number}` }) },
      });
      committed.push(number);
    },
  };
}

describe.each(DB_KINDS)("backup and restore on %s", (kind) => {
  if (!canTest(kind)) return void it.skip("PostgreSQL: set PINTU_TEST_PG_URL (.ci/run does)", () => {});
  if (kind === "postgres" && !pgToolsHere) return void it.skip("PostgreSQL: pg_dump and pg_restore are not installed (Debian: postgresql-client-15)", () => {});

  it("restores a backup taken under load with every case committed before it started", async () => {
    const source = await freshDatabase(kind);
    const env = { DATABASE_URL: source.url, ...KEYS };
    const app = await openApp({ env });
    // Some megabytes, so copying takes several steps with the load running between them.
    const padding = randomBytes(6 * 1024 * 1024);
    const paddingId = (await app.db.prisma.storedFile.create({ data: { bytes: padding, size: padding.length, name: "padding" } })).id;
    const client = await app.db.prisma.person.create({ data: { kind: "client" } });
    const cases = caseWriter(app, client.id);
    for (let i = 0; i < 50; i++) await cases.write();

    let stop = false;
    let copying = false;
    let committedWhileCopying = 0;
    const load = (async () => {
      while (!stop) {
        await cases.write();
        if (copying) committedWhileCopying += 1;
        // SQLite's writes resolve without a turn of the event loop: let the child's output and exit be read.
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const file = join(mkdtempSync(join(tmpdir(), "pintu-backup-")), `pintu-${kind}.backup`);
    const committedBeforeStart = [...cases.committed];
    const backup = await runCli(["backup", file], env, (line) => {
      if (/^(copied \d+ of|dumped table)/.test(line)) copying = true;
    });
    stop = true;
    await load;
    expect(backup.status, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/^Backup written: .*, \d+\.\d (KiB|MiB) \([\d,]+ bytes\)/);
    expect(backup.stdout).toContain("Not in the backup, on purpose: ENCRYPTION_KEYS and HASH_KEY");
    expect(committedWhileCopying, "the load went on while the copy ran").toBeGreaterThan(0);
    expect((statSync(file).mode & 0o777).toString(8)).toBe("600");
    const recorded = await lastBackup(app.db.prisma);
    expect(recorded).toMatchObject({ file, bytes: statSync(file).size, database: kind });
    await app.close();

    const target = await freshDatabase(kind);
    const restore = await runCli(["restore", file], { ...env, DATABASE_URL: target.url });
    expect(restore.status, restore.stderr).toBe(0);
    expect(restore.stdout).toMatch(/^Restored .* (KiB|MiB) \([\d,]+ bytes\)/);
    const restored = await openApp({ env: { ...env, DATABASE_URL: target.url } });
    try {
      const rows = await restored.db.prisma.case.findMany({ select: { number: true, intakeJson: true }, orderBy: { number: "asc" } });
      const numbers = rows.map((r) => r.number);
      expect(numbers.length).toBeGreaterThanOrEqual(committedBeforeStart.length);
      expect(numbers, "one consistent state: cases 1..N, none missing").toEqual(numbers.map((_, i) => i + 1));
      expect(numbers.length).toBeLessThanOrEqual(cases.committed.length);
      for (const row of rows) expect(JSON.parse(row.intakeJson)).toEqual({ keluhan: `keluhan nomor ${row.number}` });
      const stored = await restored.db.prisma.storedFile.findUniqueOrThrow({ where: { id: paddingId } });
      expect(stored.name).toBe("padding");
      expect(Buffer.from(stored.bytes).equals(padding)).toBe(true);
    } finally {
      await restored.close();
    }
  }, 120_000);

  it("refuses a database in use, and one holding data without --force", async () => {
    const source = await freshDatabase(kind);
    const env = { DATABASE_URL: source.url, ...KEYS };
    const app = await openApp({ env });
    const client = await app.db.prisma.person.create({ data: { kind: "client" } });
    const cases = caseWriter(app, client.id);
    for (let i = 0; i < 3; i++) await cases.write();
    const dir = mkdtempSync(join(tmpdir(), "pintu-backup-"));
    const file = join(dir, "before.backup");
    expect((await runCli(["backup", file], env)).status).toBe(0);
    const again = await runCli(["backup", file], env);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/exists already: choose a new file name/);
    await cases.write();

    // The service (here: this process) still has it open.
    const inUse = await runCli(["restore", file, "--force"], env);
    expect(inUse.status).toBe(1);
    expect(inUse.stderr).toMatch(
      kind === "sqlite" ? /is in use by another process\. Stop the service first/ : /other session\(s\) are connected to the database\. Stop every instance/,
    );
    await app.close();

    const withoutForce = await runCli(["restore", file], env);
    expect(withoutForce.status).toBe(1);
    expect(withoutForce.stderr).toMatch(/holds data \(1 people, 4 cases\)\. .*run restore again with --force/);

    const forced = await runCli(["restore", file, "--force"], env);
    expect(forced.status, forced.stderr).toBe(0);
    expect(forced.stdout).toMatch(/1 people, 3 cases/);
    if (kind === "sqlite") {
      const kept = /kept at (\S+) \(/.exec(forced.stdout)![1]!;
      expect(existsSync(kept)).toBe(true);
    }
    const back = await openApp({ env });
    try {
      expect(await back.db.prisma.case.count()).toBe(3);
    } finally {
      await back.close();
    }

    const notABackup = join(dir, "notes.txt");
    writeFileSync(notABackup, "not a database\n".repeat(100));
    const wrong = await runCli(["restore", notABackup, "--force"], { ...env, DATABASE_URL: (await freshDatabase(kind)).url });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(kind === "sqlite" ? /is not a SQLite database backup/ : /psql failed/);
  }, 120_000);
});
