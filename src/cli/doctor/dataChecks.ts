// The doctor's checks of what the configuration points at: the database (reachable, migrated, the last backup),
// the flows (valid, fitting the open cases, holidays listed for the next 120 days) and the disk the data lives on.
import { existsSync, statfsSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Config } from "../../config.ts";
import { calendarGaps, COVERAGE_HORIZON_DAYS, describeCalendarGap, unconfirmedHolidays } from "../../core/calendarCoverage.ts";
import { describeProblem, FlowLoadError, loadFlowsFromDir, type LoadedFlows } from "../../flows/loadFlows.ts";
import { orphanedCases } from "../../flows/orphanedCases.ts";
import { lastBackup } from "../../store/backup/backupRecord.ts";
import { openDatabase } from "../../store/database.ts";
import { databaseErrorCause } from "../../store/databaseOutage.ts";
import { migrationStatus } from "../../store/migrationStatus.ts";
import { readOpenCaseStepsAt } from "../../store/openCaseSteps.ts";
import { pgConnectionFields } from "../../store/postgresConnection.ts";
import { fix, ok, warn, type Finding } from "./finding.ts";

const GIB = 1024 ** 3;
const HOUR_MS = 3_600_000;

/** "PostgreSQL pintu at 10.0.0.5:5432" / "SQLite data/pintu.db". */
function databaseName(config: Config): string {
  if (config.database.kind === "sqlite") return `SQLite ${config.database.file}`;
  const { host, port, database } = pgConnectionFields(config.database.url);
  return `PostgreSQL ${database} at ${host}:${port}`;
}

/** Reachable, and holding every migration of this version and none of a newer one. True when it can be read further. */
export async function checkDatabase(config: Config): Promise<{ finding: Finding; readable: boolean }> {
  const name = databaseName(config);
  if (config.database.kind === "sqlite" && !existsSync(config.database.file)) {
    return { finding: warn("database", `no database yet at ${config.database.file}: the service creates and migrates it at its first start`), readable: false };
  }
  try {
    const status = await migrationStatus(config.database);
    if (status.unknown.length) {
      return {
        finding: fix(
          "database",
          `${name} holds migrations this version does not have (${status.unknown.join(", ")}): a newer version migrated it; install that version`,
        ),
        readable: true,
      };
    }
    if (status.pending.length) {
      return {
        finding: warn(
          "database",
          `${name} is reachable; ${status.pending.length} migration(s) of this version are pending (applied when the service starts, or now: npm run cli -- db migrate)`,
        ),
        readable: true,
      };
    }
    return { finding: ok("database", `${name} is reachable and migrated`), readable: true };
  } catch (error) {
    return { finding: fix("database", `${name} cannot be reached or read: ${databaseErrorCause(error)}`), readable: false };
  }
}

/** The flow files load, and fit the open cases (when the database can be read). */
export async function checkFlows(config: Config, databaseReadable: boolean): Promise<{ findings: Finding[]; flows?: LoadedFlows }> {
  let flows: LoadedFlows;
  try {
    flows = loadFlowsFromDir(config.flowsDir);
  } catch (error) {
    if (!(error instanceof FlowLoadError)) throw error;
    const more = error.problems.length > 1 ? ` (and ${error.problems.length - 1} more)` : "";
    return { findings: [fix("flows", `${describeProblem(error.problems[0]!)}${more}: npm run cli -- flows check lists them`)] };
  }
  const valid = `${flows.flows.size} flows in ${config.flowsDir}/ are valid`;
  if (!databaseReadable) return { findings: [ok("flows", `${valid}; open cases not checked (no database to read)`)], flows };
  const open = await readOpenCaseStepsAt(config.database);
  if ("unreadable" in open) return { findings: [warn("flows", `${valid}; open cases not checked: ${open.unreadable}`)], flows };
  const stranded = orphanedCases(flows, open.cases, config.flowsDir);
  if (stranded.length) {
    const more = stranded.length > 1 ? ` (and ${stranded.length - 1} more)` : "";
    return { findings: [fix("flows", `${describeProblem(stranded[0]!)}${more}: npm run cli -- flows check names each`)], flows };
  }
  return { findings: [ok("flows", `${valid}; each of the ${open.cases.length} open cases finds its flow and steps`)], flows };
}

/** Each organisation's holidays listed for the next 120 days (src/core/calendarCoverage.ts). */
export function checkHolidays(flows: LoadedFlows | undefined, now: Date): Finding[] {
  if (!flows) return [];
  const gaps = calendarGaps({ now, organisations: flows.organisations.values(), years: flows.holidayYears });
  if (!gaps.length) {
    const timeZone = [...flows.organisations.values()][0]?.calendar.timeZone ?? "Asia/Jakarta";
    const pending = unconfirmedHolidays({ now, years: flows.holidayYears, timeZone });
    if (pending.length === 0) return [ok("holidays", `complete for the next ${COVERAGE_HORIZON_DAYS} days`)];
    const years = [...new Set(pending.map((d) => d.slice(0, 4)))].map((y) => `flows/holidays/${y}.yaml`).join(", ");
    return [
      warn(
        "holidays",
        `complete for the next ${COVERAGE_HORIZON_DAYS} days, but ${pending.length} of its dates are not confirmed yet (${pending.join(", ")}): ` +
          `when the final decision (the isbat) is announced, check them and update ${years}`,
      ),
    ];
  }
  return gaps.map((gap) => fix("holidays", `${describeCalendarGap(gap)}: add flows/holidays/${gap.year}.yaml from the decree (complete: true)`));
}

/** Free space where the data is written: the SQLite file's folder, else ./data (PostgreSQL keeps files on its own server). */
export function checkDisk(config: Config, cwd: string): Finding {
  const dir = config.database.kind === "sqlite" ? dirname(config.database.file) : join(cwd, "data");
  const existing = [dir, dirname(dir), cwd].find((d) => existsSync(d))!;
  const fs = statfsSync(existing);
  const free = fs.bavail * fs.bsize;
  const share = fs.blocks > 0 ? fs.bavail / fs.blocks : 1;
  const where =
    config.database.kind === "sqlite" ? `the file store (SQLite, ${existing})` : `${existing} (files are kept in PostgreSQL: watch its server's disk too)`;
  const amount = `${(free / GIB).toFixed(1)} GiB free (${Math.round(share * 100)}%)`;
  if (free < GIB) return fix("disk", `${amount} for ${where}: free space, or move the data to a larger disk`);
  if (share < 0.1) return warn("disk", `${amount} for ${where}`);
  return ok("disk", `${amount} for ${where}`);
}

/** When the last backup (npm run cli -- backup) was made: a day is fine, a week is too long. */
export async function checkLastBackup(config: Config, now: Date): Promise<Finding> {
  const db = await openDatabase(config.database, { migrate: false });
  try {
    const backup = await lastBackup(db.raw);
    if (!backup) return fix("backup", "no backup recorded in this database: npm run cli -- backup <file>, daily (deploy/README.md)");
    const hours = (now.getTime() - backup.at.getTime()) / HOUR_MS;
    const age = hours < 48 ? `${Math.round(hours)} h` : `${Math.round(hours / 24)} days`;
    const text = `the last backup was ${age} ago (${backup.at.toISOString()}${backup.file ? `, ${backup.file}` : ""})`;
    if (hours > 24 * 7) return fix("backup", `${text}: back up daily (deploy/README.md)`);
    if (hours > 26) return warn("backup", `${text}: a daily backup is due`);
    return ok("backup", text);
  } catch (error) {
    return warn("backup", `the last backup could not be read: ${databaseErrorCause(error)}`);
  } finally {
    await db.close();
  }
}
