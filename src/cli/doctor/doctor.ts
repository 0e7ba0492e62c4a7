// `npm run cli -- doctor`: is this configuration ready for production? One line per check, saying what to fix;
// exit 1 while anything must be fixed. It reads the same settings file as the service and changes nothing: the
// database is neither created nor migrated.
import { ConfigError, loadConfig, type Config } from "../../config.ts";
import type { EnvFileRead } from "../../envFile.ts";
import { checkDatabase, checkDisk, checkFlows, checkHolidays, checkLastBackup } from "./dataChecks.ts";
import { fix, ok, type Finding } from "./finding.ts";
import { checkKeys, checkLocalPage, checkPublicUrl, checkSettingsFile, checkWebhook } from "./settingsChecks.ts";

/** Node 20.19 or later (package.json engines): require() of ES modules, which the dependencies rely on. */
function checkNode(version: string): Finding {
  const [major, minor] = version.split(".").map(Number) as [number, number];
  return major > 20 || (major === 20 && minor >= 19)
    ? ok("node", `Node.js ${version}`)
    : fix("node", `Node.js ${version}: 20.19 or later is needed (deploy/README.md says where to get it)`);
}

/** The report and how many lines must be fixed. */
export async function runDoctor(p: {
  settings?: EnvFileRead;
  env?: Record<string, string | undefined>;
  cwd: string;
  now: Date;
  nodeVersion: string;
}): Promise<{ report: string; fixes: number }> {
  const findings: Finding[] = [checkNode(p.nodeVersion), ...checkSettingsFile(p.settings, p.cwd)];
  let config: Config | undefined;
  try {
    config = loadConfig(p.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    findings.push(...error.problems.map((problem) => fix("settings", `${problem.variable}: ${problem.message}`)));
  }
  if (config) {
    findings.push(...checkKeys(config, p.cwd), checkWebhook(config), checkPublicUrl(config), checkLocalPage(config));
    const database = await checkDatabase(config);
    findings.push(database.finding);
    const flows = await checkFlows(config, database.readable);
    findings.push(...flows.findings, ...checkHolidays(flows.flows, p.now), checkDisk(config, p.cwd));
    if (database.readable) findings.push(await checkLastBackup(config, p.now));
  }
  const fixes = findings.filter((f) => f.status === "fix").length;
  const warnings = findings.filter((f) => f.status === "warn").length;
  const width = Math.max(...findings.map((f) => f.about.length));
  const lines = findings.map((f) => `${{ ok: "ok  ", warn: "warn", fix: "FIX " }[f.status]}  ${f.about.padEnd(width)}  ${f.text}`);
  const verdict = fixes
    ? `${fixes} to fix${warnings ? `, ${warnings} to look at` : ""}: not ready for production. Fix the FIX lines and run doctor again.`
    : `Ready for production${warnings ? ` (${warnings} to look at)` : ""}.`;
  return { report: [...lines, verdict].join("\n"), fixes };
}

/** Thrown by the command when something must be fixed: the report goes to stdout, the exit code is 1. */
export class DoctorFoundProblems extends Error {
  constructor(readonly report: string) {
    super("doctor found things to fix");
    this.name = "DoctorFoundProblems";
  }
}

/** The command: the report, or DoctorFoundProblems carrying it. */
export async function doctorCommand(p: { settings?: EnvFileRead; cwd: string; now: Date }): Promise<string> {
  const { report, fixes } = await runDoctor({ ...p, nodeVersion: process.versions.node });
  if (fixes > 0) throw new DoctorFoundProblems(report);
  return report;
}
