// `doctor` (src/cli/doctor/): on a configuration with every kind of problem, one line each saying what to fix and
// exit 1, as an admin runs it; on a production-ready one (in process, at a fixed date, so the holiday check does
// not depend on today), every line ok.
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openApp } from "../../src/app/openApp.ts";
import { runDoctor } from "../../src/cli/doctor/doctor.ts";
import { readEnvFile } from "../../src/envFile.ts";
import { recordBackup } from "../../src/store/backup/backupRecord.ts";
import { applyCaseEvent, openCase } from "../../src/store/caseRepository.ts";
import { flowsWith } from "../support/flowsCopy.ts";
import { runCliProcess } from "../support/runCli.ts";

const key = () => randomBytes(32).toString("base64");
const TOKEN = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** A settings file in a new folder, with the given mode. */
function settingsFile(lines: string[], mode: number): string {
  const dir = mkdtempSync(join(tmpdir(), "pintu-doctor-"));
  const file = join(dir, "pintu.env");
  writeFileSync(file, `${lines.join("\n")}\n`);
  chmodSync(file, mode);
  return file;
}

describe("doctor", () => {
  it("on a bad configuration: a line for each problem, saying what to fix, and exit 1", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pintu-doctor-"));
    const dbUrl = `file:${join(dir, "pintu.db")}`;
    // A trial installation: development keys made beside the data, and a case waiting at step s3a.
    const trial = await openApp({ env: { DATABASE_URL: dbUrl, LOG_LEVEL: "silent" } });
    const ctx = trial.flowContext("konseling-online-praja");
    const client = await trial.db.prisma.person.create({ data: { kind: "client", clientKind: "praja", orgId: "ipdn" } });
    const c = await openCase(trial.db.prisma, ctx, { clientId: client.id, at: new Date(Date.UTC(2026, 10, 30, 2)), intakeJson: "{}" });
    await applyCaseEvent(trial.db.prisma, ctx, c.id, {
      type: "step_done",
      stepId: "s1",
      outcome: "done",
      actor: { personId: client.id, roles: [] },
      at: new Date(Date.UTC(2026, 10, 30, 3)),
    });
    await applyCaseEvent(trial.db.prisma, ctx, c.id, {
      type: "step_done",
      stepId: "s2",
      outcome: "done",
      actor: { personId: client.id, roles: ["staf"] },
      at: new Date(Date.UTC(2026, 10, 30, 4)),
    });
    await trial.close();
    const dev = JSON.parse(readFileSync(join(dir, "dev-keys.json"), "utf8")) as { keys: { dev1: string }; hashKey: string };
    const renamed = flowsWith("konseling-online-praja.yaml", (text) => text.replace(/\bs3a\b/g, "s3a-baru"));

    const file = settingsFile(
      [
        `DATABASE_URL="${dbUrl}"`,
        `FLOWS_DIR=${renamed}`,
        `ENCRYPTION_KEYS=dev1:${dev.keys.dev1}`,
        "ENCRYPTION_ACTIVE_KEY=dev1",
        `HASH_KEY=${dev.hashKey}`,
        `TELEGRAM_BOT_TOKEN=${TOKEN}`,
        "TELEGRAM_WEBHOOK_URL=http://konseling.example.ac.id/telegram/x",
        "TELEGRAM_WEBHOOK_SECRET=0123456789abcdef0123",
        "TELEGRAM_TOKEN=misspelt",
        "PUBLIC_BASE_URL=http://konseling.example.ac.id",
        "LOCAL_CHANNEL=1",
      ],
      0o644,
    );
    const run = runCliProcess(["doctor"], { PINTU_ENV_FILE: file });
    expect(run.status, run.stderr).toBe(1);
    const lines = run.stdout.trim().split("\n");
    const line = (about: string) => lines.filter((l) => new RegExp(`^\\S+\\s+${about}\\s{2}`).test(l));
    expect(line("settings")).toEqual([
      `FIX   settings    ${file} can be read by every user (mode 0644); it holds the keys: chmod 640 ${file} (owner root, group of the service's user)`,
      `warn  settings    ${file} sets names this product does not read (misspelt?): TELEGRAM_TOKEN`,
    ]);
    expect(line("keys")[0]).toMatch(
      new RegExp(`^FIX   keys        the active key dev1 is a development key \\(from ${dir}/dev-keys\\.json, beside the data\\)`),
    );
    expect(line("hash key")[0]).toMatch(/^FIX {3}hash key {4}HASH_KEY is the development hash key from /);
    expect(line("webhook")).toEqual([
      "FIX   webhook     TELEGRAM_WEBHOOK_URL is http://konseling.example.ac.id/telegram/x: Telegram only calls https:// addresses",
    ]);
    expect(line("public URL")[0]).toMatch(
      /^FIX {3}public URL {2}PUBLIC_BASE_URL is http:\/\/konseling\.example\.ac\.id: links sent in chats must be https:\/\//,
    );
    expect(line("local page")).toEqual([
      "FIX   local page  LOCAL_CHANNEL=1: the browser chat simulator (demo staff, no login) runs beside the real channels; unset it",
    ]);
    expect(line("database")).toEqual([`ok    database    SQLite ${dir}/pintu.db is reachable and migrated`]);
    expect(line("flows")[0]).toContain(
      `FIX   flows       ${renamed.split("/").at(-1)}/konseling-online-praja.yaml step s3a: open case #${c.number} waits on this step, which the file no longer has`,
    );
    expect(line("backup")).toEqual(["FIX   backup      no backup recorded in this database: npm run cli -- backup <file>, daily (deploy/README.md)"]);
    expect(lines.at(-1)).toMatch(/^\d+ to fix, \d+ to look at: not ready for production\. Fix the FIX lines and run doctor again\.$/);

    // PostgreSQL that does not answer: named, with the cause.
    const down = runCliProcess(["doctor"], { PINTU_ENV_FILE: "/dev/null", DATABASE_URL: "postgresql://pintu@127.0.0.1:1/pintu" });
    expect(down.stdout).toMatch(/^FIX {3}database {4}PostgreSQL pintu at 127\.0\.0\.1:1 cannot be reached or read: connect ECONNREFUSED 127\.0\.0\.1:1$/m);
  }, 90_000);

  it("on a production-ready configuration: every line ok", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pintu-doctor-"));
    const file = settingsFile(
      [
        `DATABASE_URL=file:${join(dir, "pintu.db")}`,
        `ENCRYPTION_KEYS=k1:${key()}`,
        "ENCRYPTION_ACTIVE_KEY=k1",
        `HASH_KEY=${key()}`,
        `TELEGRAM_BOT_TOKEN=${TOKEN}`,
        "TELEGRAM_WEBHOOK_URL=https://konseling.example.ac.id/telegram/x",
        "TELEGRAM_WEBHOOK_SECRET=0123456789abcdef0123",
        "PUBLIC_BASE_URL=https://konseling.example.ac.id",
      ],
      0o640,
    );
    const env: Record<string, string | undefined> = { PINTU_ENV_FILE: file };
    const settings = readEnvFile(env, dir);
    const now = new Date("2026-12-01T03:00:00Z");
    const app = await openApp({ env: { ...env, LOG_LEVEL: "silent" } });
    await recordBackup(app.db.prisma, { at: new Date(now.getTime() - 2 * 3_600_000), file: "/var/backups/pintu/2026-12-01.db", bytes: 1, database: "sqlite" });
    await app.close();

    const { report, fixes } = await runDoctor({ settings, env, cwd: dir, now, nodeVersion: "20.19.0" });
    const lines = report.split("\n");
    expect(fixes, report).toBe(0);
    // The one line to look at: Idulfitri 1448 H and its cuti bersama, within the 120 days, wait for the isbat.
    const pending = "2027-03-09, 2027-03-10, 2027-03-11, 2027-03-12, 2027-03-15";
    const holidays = `warn  holidays    complete for the next 120 days, but 5 of its dates are not confirmed yet (${pending}): when the final decision (the isbat) is announced, check them and update flows/holidays/2027.yaml`;
    expect(
      lines.slice(0, -1).filter((l) => !l.startsWith("ok  ")),
      report,
    ).toEqual([holidays]);
    expect(lines).toEqual([
      "ok    node        Node.js 20.19.0",
      `ok    settings    read ${file} (8 settings), not readable by other users`,
      "ok    keys        ENCRYPTION_KEYS: 1 key(s), active k1; no development key",
      "ok    hash key    HASH_KEY is set",
      "ok    webhook     Telegram webhook at https://konseling.example.ac.id/… with its secret (TELEGRAM_WEBHOOK_SECRET)",
      "ok    public URL  PUBLIC_BASE_URL is https://konseling.example.ac.id",
      "ok    local page  off",
      `ok    database    SQLite ${dir}/pintu.db is reachable and migrated`,
      "ok    flows       5 flows in flows/ are valid; each of the 0 open cases finds its flow and steps",
      holidays,
      expect.stringMatching(new RegExp(`^ok {4}disk {8}\\d+\\.\\d GiB free \\(\\d+%\\) for the file store \\(SQLite, ${dir}\\)$`)),
      "ok    backup      the last backup was 2 h ago (2026-12-01T01:00:00.000Z, /var/backups/pintu/2026-12-01.db)",
      "Ready for production (1 to look at).",
    ]);
    // Once the isbat's dates are behind (July 2027, 120 days reaching into October), nothing waits for confirmation.
    const july = await runDoctor({ settings, env, cwd: dir, now: new Date("2027-07-01T03:00:00Z"), nodeVersion: "20.19.0" });
    expect(july.report).toContain("ok    holidays    complete for the next 120 days\n");
    // Older than a week: to fix.
    const late = await runDoctor({ settings, env, cwd: dir, now: new Date("2026-12-09T03:00:00Z"), nodeVersion: "20.19.0" });
    expect(late.report).toContain(
      "FIX   backup      the last backup was 8 days ago (2026-12-01T01:00:00.000Z, /var/backups/pintu/2026-12-01.db): back up daily (deploy/README.md)",
    );
    // Ten months on, the 120 days ahead reach 2028, which flows/holidays/ does not list yet.
    const nextYear = await runDoctor({ settings, env, cwd: dir, now: new Date("2027-10-01T03:00:00Z"), nodeVersion: "20.19.0" });
    expect(nextYear.report).toMatch(
      /^FIX {3}holidays {4}ipdn: no holiday list for 2028 \(flows\/holidays\/2028\.yaml\); from 2028-01-01 its national holidays and cuti bersama would count as working days: add flows\/holidays\/2028\.yaml from the decree \(complete: true\)$/m,
    );
  }, 60_000);
});
