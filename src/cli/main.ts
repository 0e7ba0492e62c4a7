// The admin command line: `npm run cli -- <command>`. Errors are one clear line and a non-zero exit.
// It opens the same database as the service; both may run at the same time (SQLite WAL + busy timeout).
import { parseArgs } from "node:util";
import { openApp, type App } from "../app/openApp.ts";
import { loadConfig, ConfigError } from "../config.ts";
import { FlowLoadError, loadFlowsFromDir } from "../flows/loadFlows.ts";
import { listFlowsTable } from "../flows/flowSummary.ts";
import { applyMigrations } from "../store/migrate.ts";
import { issueInvite } from "../store/inviteCodes.ts";
import { caseTimeline, formatTable } from "./caseReports.ts";
import { caseLinksText } from "./caseLinksReport.ts";
import { connectGoogle, setStaffCalendar, setStaffHours } from "./calendarCommands.ts";
import { checkQualificationIds, staffQualify } from "./qualificationCommands.ts";
import { describeRemoval, describeUnlink, removeStaff, unlinkStaffChat } from "./staffRemoval.ts";
import { configuredKeys, newKeyText, rotateKeys } from "./keyCommands.ts";
import { backupCommand, restoreCommand } from "./backupCommands.ts";
import { runRetention } from "../store/retention.ts";
import { describeEnvFile, readEnvFile, type EnvFileRead } from "../envFile.ts";
import { flowsCheckText } from "./flowsCheck.ts";
import { doctorCommand, DoctorFoundProblems } from "./doctor/doctor.ts";

const USAGE = `Usage: npm run cli -- <command>
  org list                                   organisations and their roles
  staff invite --org <id> --role <role> --name "<name>" [--qualification <q>]...   create a staff person, print a one-time code
  staff invite --org <id> --role <role> --person <id>     give a listed staff member another role (and a code)
  staff list [--org <id>]                    staff, roles, linked channels and qualifications
  staff qualify <id> <qualification> [--org <id>] [--remove]   record a qualification (Kualifikasi Pelaksana, see org list)
  staff remove <id> [--org <id>] [--role <role>]   out at once: roles (all, or one), cases handed over, chats unlinked when none is left
  staff unlink <id> --channel <c> [--address <a>]   unlink one chat of a staff member; nothing more is sent there
  staff calendar --person <id> --email <workspace email> [--calendar <id>]   where their sessions are booked
  staff hours --person <id> --days 1,2,3,4,5 --start 08:00 --end 15:00      their own working hours
  google connect <staff id>                  connect a counsellor's Google Calendar (OAuth client mode)
  retention run                              anonymise closed cases older than RETENTION_DAYS, erase people without a case after RETENTION_NO_CASE_DAYS (also daily)
  keys new [--hash]                          a new encryption key with the next free id (--hash: a HASH_KEY)
  keys rotate                                re-encrypt everything under ENCRYPTION_ACTIVE_KEY (service may run)
  case list [--org <id>] [--status open|archived|cancelled]
  case show <number>                         timeline of step runs: actual vs standard time; linked cases
  flows list                                 each flow's id, title and number of steps
  flows check                                validate flows/ and that every open case still finds its step (exit 1 naming each problem)
  db migrate                                 apply pending database migrations
  doctor                                     check this configuration for production: one line per check, what to fix
  backup <file>                              copy the database to a new file (the service may keep running)
  restore <file> [--force]                   put a backup in place of the database (stop the service first)`;

class UsageError extends Error {}

async function withApp<T>(run: (app: App) => Promise<T>): Promise<T> {
  const app = await openApp();
  try {
    return await run(app);
  } finally {
    await app.close();
  }
}

async function orgList(): Promise<string> {
  return withApp(async (app) =>
    formatTable(
      ["id", "name", "roles", "qualifications"],
      [...app.flows.organisations.values()].map((o) => [
        o.id,
        o.name,
        o.roles.map((r) => r.id).join(", "),
        o.qualifications.map((q) => q.id).join(", ") || "-",
      ]),
    ),
  );
}

async function staffInvite(args: string[]): Promise<string> {
  const { values } = parseArgs({
    args,
    options: {
      org: { type: "string" },
      role: { type: "string" },
      name: { type: "string" },
      person: { type: "string" },
      qualification: { type: "string", multiple: true },
    },
  });
  if (!values.org || !values.role || (!values.name && !values.person)) {
    throw new UsageError('staff invite needs --org, --role and --name "<name>" (or --person <id> to give an existing staff member another role)');
  }
  return withApp(async (app) => {
    const org = app.flows.organisations.get(values.org!);
    if (!org) throw new Error(`Unknown organisation "${values.org}"; known: ${[...app.flows.organisations.keys()].join(", ")}`);
    if (!org.roles.some((r) => r.id === values.role) || values.role === "klien") {
      throw new Error(
        `Unknown staff role "${values.role}" in ${org.id}; known: ${org.roles
          .filter((r) => r.id !== "klien")
          .map((r) => r.id)
          .join(", ")}`,
      );
    }
    const qualifications = checkQualificationIds(org, values.qualification ?? []);
    let personId: string | undefined;
    let name = values.name ?? "";
    if (values.person) {
      const matches = await app.db.prisma.person.findMany({ where: { kind: "staff", id: { endsWith: values.person } }, take: 2 });
      if (matches.length !== 1) throw new Error(`No single staff member with id ending "${values.person}"; see: npm run cli -- staff list`);
      personId = matches[0]!.id;
      name = matches[0]!.displayName ?? name;
    }
    const invite = await issueInvite(app.db.prisma, {
      orgId: org.id,
      role: values.role!,
      name,
      ttlHours: app.config.inviteCodeTtlHours,
      now: new Date(),
      personId,
      qualifications,
    });
    return [
      `Invite code for ${name} (${values.role}, ${org.id}): ${invite.code}`,
      `Valid until ${invite.expiresAt.toISOString()}, single use. The staff member sends "/start ${invite.code}" to the bot`,
      `(or opens https://t.me/<bot username>?start=${invite.code}).`,
      personId ? "The role is theirs already; the code also links another chat account if they use one." : "",
      qualifications.length ? `Qualifications in ${org.id}: ${qualifications.join(", ")}.` : "",
    ]
      .filter(Boolean)
      .join("\n");
  });
}

async function staffList(args: string[]): Promise<string> {
  const { values } = parseArgs({ args, options: { org: { type: "string" } } });
  return withApp(async (app) => {
    const roles = await app.db.prisma.staffRole.findMany({
      where: values.org ? { orgId: values.org } : {},
      include: { person: { include: { identities: true, qualifications: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] } } } },
      orderBy: [{ orgId: "asc" }, { role: "asc" }],
    });
    return formatTable(
      ["id", "org", "role", "name", "linked", "available", "qualifications"],
      roles.map((r) => [
        r.person.id.slice(-8),
        r.orgId,
        r.role,
        r.person.displayName ?? "-",
        r.person.identities.map((i) => i.channel).join(", ") || "not linked",
        r.available ? "yes" : "no",
        r.person.qualifications
          .filter((q) => q.orgId === r.orgId)
          .map((q) => q.qualification)
          .join(", ") || "-",
      ]),
    );
  });
}

async function caseList(args: string[]): Promise<string> {
  const { values } = parseArgs({ args, options: { org: { type: "string" }, status: { type: "string" } } });
  return withApp(async (app) => {
    const cases = await app.db.prisma.case.findMany({
      where: { ...(values.org ? { orgId: values.org } : {}), ...(values.status ? { status: values.status } : {}) },
      orderBy: { number: "asc" },
      include: { counsellor: true },
    });
    return formatTable(
      ["no", "org", "flow", "status", "current step", "counsellor", "opened"],
      cases.map((c) => [String(c.number), c.orgId, c.flowId, c.status, c.currentStepId ?? "-", c.counsellor?.displayName ?? "-", c.openedAt.toISOString()]),
    );
  });
}

async function caseShow(args: string[]): Promise<string> {
  const number = Number(args[0]);
  if (!Number.isInteger(number) || number <= 0) throw new UsageError("case show needs a case number, e.g. case show 12");
  return withApp(async (app) => `${await caseTimeline(app, number, new Date())}${await caseLinksText(app, number)}`);
}

async function dbMigrate(): Promise<string> {
  const config = loadConfig();
  const applied = await applyMigrations(config.database);
  return applied.length ? `Applied: ${applied.join(", ")}` : "Database is up to date.";
}

/** Runs one command; returns what to print. `settings`: the settings file the entry read (doctor names it). */
export async function runCli(argv: string[], context: { settings?: EnvFileRead } = {}): Promise<string> {
  const [group, verb, ...rest] = argv;
  const command = `${group ?? ""} ${verb ?? ""}`.trim();
  const backupContext = { loadConfig: () => loadConfig(), progress: (line: string) => process.stderr.write(`${line}\n`), clock: () => new Date() };
  if (group === "backup" || group === "restore") return (group === "backup" ? backupCommand : restoreCommand)(argv.slice(1), backupContext);
  switch (command) {
    case "org list":
      return orgList();
    case "staff invite":
      return staffInvite(rest);
    case "staff list":
      return staffList(rest);
    case "staff qualify": {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { org: { type: "string" }, remove: { type: "boolean" } } });
      if (positionals.length !== 2)
        throw new UsageError("staff qualify needs the staff id from staff list and a qualification id, e.g. staff qualify 1a2b3c4d psikolog");
      return withApp((app) =>
        staffQualify(app, { person: positionals[0]!, qualification: positionals[1]!, org: values.org, remove: values.remove, now: new Date() }),
      );
    }
    case "staff remove": {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { org: { type: "string" }, role: { type: "string" } } });
      if (positionals.length !== 1)
        throw new UsageError("staff remove needs the staff id from staff list, e.g. staff remove 1a2b3c4d (--role konselor --org ipdn withdraws one role)");
      return withApp(async (app) => describeRemoval(await removeStaff(app, { person: positionals[0]!, org: values.org, role: values.role, now: new Date() })));
    }
    case "staff unlink": {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { channel: { type: "string" }, address: { type: "string" } } });
      if (positionals.length !== 1 || !values.channel)
        throw new UsageError("staff unlink needs the staff id from staff list and --channel telegram|whatsapp|email|local");
      return withApp(async (app) =>
        describeUnlink({
          channel: values.channel!,
          ...(await unlinkStaffChat(app, { person: positionals[0]!, channel: values.channel!, address: values.address, now: new Date() })),
        }),
      );
    }
    case "staff calendar": {
      const { values } = parseArgs({ args: rest, options: { person: { type: "string" }, email: { type: "string" }, calendar: { type: "string" } } });
      if (!values.person || !values.email) throw new UsageError("staff calendar needs --person <id> and --email <workspace email>");
      return withApp((app) => setStaffCalendar(app, { person: values.person!, email: values.email!, calendar: values.calendar }));
    }
    case "staff hours": {
      const { values } = parseArgs({
        args: rest,
        options: { person: { type: "string" }, days: { type: "string" }, start: { type: "string" }, end: { type: "string" } },
      });
      if (!values.person || !values.days || !values.start || !values.end) throw new UsageError("staff hours needs --person, --days, --start and --end");
      return withApp((app) => setStaffHours(app, { person: values.person!, days: values.days!, start: values.start!, end: values.end! }));
    }
    case "retention run":
      return withApp(async (app) => {
        const r = await runRetention(app.db.prisma, { now: new Date(), days: app.config.retentionDays, noCaseDays: app.config.retentionNoCaseDays });
        return [
          `Retention (${app.config.retentionDays} days): ${r.cases} closed cases anonymised, ${r.clients} clients erased, ${r.expiredLogins} expired dashboard logins deleted. Audit events are kept, without personal data.`,
          `Never opened a case (${app.config.retentionNoCaseDays} quiet days): ${r.withoutCase} people erased, ${r.strangers} unregistered chats forgotten.`,
          `Housekeeping: ${r.orphanFiles} stored files nothing refers to, ${r.dedupeMarks} inbound-dedupe marks, ${r.buttons} spent buttons deleted.`,
        ].join("\n");
      });
    case "keys new":
      return newKeyText(
        configuredKeys(() => loadConfig()),
        parseArgs({ args: rest, options: { hash: { type: "boolean" } } }).values,
      );
    case "keys rotate":
      return withApp((app) => rotateKeys(app, (line) => process.stderr.write(`${line}\r`)));
    case "google connect":
      if (!rest[0]) throw new UsageError("google connect needs the staff id from staff list");
      return withApp((app) => connectGoogle(app, rest[0]!));
    case "case list":
      return caseList(rest);
    case "case show":
      return caseShow(rest);
    case "flows list":
      return listFlowsTable(loadFlowsFromDir(loadConfig().flowsDir));
    case "flows check":
      return flowsCheckText(loadConfig());
    case "doctor":
      return doctorCommand({ settings: context.settings, cwd: process.cwd(), now: new Date() });
    case "db migrate":
      return dbMigrate();
    case "":
    case "help":
      return USAGE;
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // The same settings file as the service: .env here, or PINTU_ENV_FILE.
  let settings: EnvFileRead | undefined;
  try {
    settings = readEnvFile();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  runCli(process.argv.slice(2), { settings }).then(
    (out) => {
      console.log(out);
      process.exit(0);
    },
    (error: unknown) => {
      if (error instanceof DoctorFoundProblems) console.log(error.report);
      else if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
      else if (error instanceof ConfigError) console.error(`${error.message}\n${describeEnvFile(settings!)}`);
      else if (error instanceof FlowLoadError) console.error(error.message);
      else console.error(`Error: ${(error as Error).message.split("\n").filter(Boolean).slice(-1)[0]}`);
      process.exit(1);
    },
  );
}
