// Every setting, read from the environment once and validated with zod (mirrored in .env.example): the
// product's own variables here, and each listed channel's from its module (src/channels/<name>/<name>Settings.ts),
// composed into one schema so one error still names every bad variable. Nothing else reads process.env.
import { z } from "zod";
import { readFileSync } from "node:fs";
import { channelModules, type Channel, type ChannelConfigs } from "./channels/channelModules.ts";
import type { ChannelSettings } from "./channels/channelSettings.ts";
import { flag, flagOn, optionalText, port, positiveInt, wholeNumber } from "./channels/envFields.ts";
import { checkKeyringSettings, keyringSettingsFields, privacyKeysFromSettings, type PrivacyKeys } from "./privacy/index.ts";
import { FREE_BUSY_MAX_DAYS, MAX_MEETING_SEARCH_DAYS } from "./scheduling/freeBusyLimit.ts";
import { DEFAULT_MEETING_LINK_HOSTS, parseMeetingLinkHosts } from "./scheduling/meetingLinkHosts.ts";
import { oauthClientSchema, serviceAccountKeyJsonSchema, type GoogleCredentials } from "./scheduling/googleCredentials.ts";
import { parseDatabaseUrl, type DatabaseTarget } from "./store/databaseTarget.ts";

/** The data protection contact per organisation ("" for every organisation without its own), and the erasure clock. */
export interface DataProtectionSettings {
  contacts: Record<string, string>;
  /** Hours after a withdrawal of consent at which an unconfirmed erasure is escalated (it is due at 72). */
  escalateAfterHours: number;
}

/** DATA_PROTECTION_CONTACT: one text for every organisation, or "ipdn=<text>; puspaga=<text>" per organisation. */
export function parseDataProtectionContacts(value: string | undefined): Record<string, string> {
  if (!value) return {};
  const parts = value
    .split(";")
    .map((part) => part.trim())
    .filter(Boolean);
  const perOrg = parts.map((part) => /^([a-z0-9][a-z0-9_-]*)\s*=\s*(.+)$/.exec(part));
  if (perOrg.every((m) => m !== null)) return Object.fromEntries(perOrg.map((m) => [m![1]!, m![2]!.trim()]));
  return { "": value.trim() };
}

/** "telegram:123456, email:it@unit.go.id": where operational alerts (logged-out WhatsApp, undeliverable messages) go; each channel says how its addresses are written. */
const adminContacts = z
  .string()
  .default("")
  .transform((v, ctx) => {
    const takers = channelSettings.flatMap((c) => (c.settings.adminAddress ? [{ channel: c.id, ...c.settings.adminAddress }] : []));
    const contacts: AdminContact[] = [];
    for (const item of v
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean)) {
      const colon = item.indexOf(":");
      const taker = takers.find((t) => t.channel === item.slice(0, colon));
      const address = colon > 0 ? taker?.parse(item.slice(colon + 1)) : undefined;
      if (!taker || !address) {
        const examples = takers.map((t) => `${t.channel}:${t.example}`).join(", ");
        ctx.addIssue({ code: "custom", message: `"${item}" is not channel:address (${examples})` });
        continue;
      }
      contacts.push({ channel: taker.channel, address });
    }
    return contacts;
  });

/** An operational alert's recipient: a channel that takes admin contacts, and an address on it. */
export interface AdminContact {
  channel: Channel;
  address: string;
}

/** A bearer token an HTTP route asks for: 16-256 characters safe in a header. */
const bearerToken = (asker: string) =>
  optionalText.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,256}$/, `expected 16-256 characters of A-Z, a-z, 0-9, _ and - (the bearer token ${asker} asks for)`)
      .optional(),
  );

/** The product's own variables (each channel's are in its module). */
const coreSchema = z.object({
  DATABASE_URL: optionalText.transform((v, ctx) => {
    try {
      return parseDatabaseUrl(v);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: (error as Error).message });
      return z.NEVER;
    }
  }),
  HTTP_HOST: z.string().min(1).default("127.0.0.1"),
  HTTP_PORT: port(8080),
  PUBLIC_BASE_URL: optionalText.pipe(z.url({ message: "expected the address people reach the dashboard at, e.g. https://konseling.example.ac.id" }).optional()),
  METRICS_TOKEN: bearerToken("/metrics"),
  HEALTH_TOKEN: bearerToken("/healthz for its details"),
  DASHBOARD_LOGIN_MINUTES: positiveInt(15),
  DASHBOARD_SESSION_HOURS: positiveInt(8),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  FLOWS_DIR: z.string().min(1).default("flows"),
  DEFAULT_LOCALE: z.enum(["id", "en"]).default("id"),
  DEFAULT_ORG: optionalText.pipe(
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]*$/, "expected an organisation id from flows/organisations.yaml, e.g. ipdn")
      .optional(),
  ),
  INVITE_CODE_TTL_HOURS: positiveInt(72),
  CLOSED_CASE_RELAY_DAYS: z.coerce
    .number({ message: "expected a whole number of days, e.g. 14 (0 = not after the archive)" })
    .int()
    .min(0)
    .max(365)
    .default(14),
  DEADLINE_CHECK_SECONDS: positiveInt(30),
  MORNING_SUMMARY: flagOn,
  OUTBOX_MAX_ATTEMPTS: positiveInt(8),
  OUTBOX_CLAIM_TIMEOUT_SECONDS: positiveInt(120),
  ADMIN_CONTACTS: adminContacts,
  ...keyringSettingsFields,
  TRIAL_WITHOUT_KEYS: flag,
  RETENTION_DAYS: positiveInt(1825),
  RETENTION_NO_CASE_DAYS: positiveInt(30),
  DATA_PROTECTION_CONTACT: optionalText,
  ERASURE_ESCALATE_HOURS: positiveInt(48).pipe(
    z.number().max(71, "expected fewer than 72 hours: the request must be acted on within 3×24 hours, so it is escalated before"),
  ),
  INBOUND_BURST: positiveInt(15),
  INBOUND_PER_MINUTE: positiveInt(30),
  GOOGLE_SERVICE_ACCOUNT_KEY: optionalText,
  GOOGLE_SERVICE_ACCOUNT_KEY_FILE: optionalText,
  GOOGLE_OAUTH_CLIENT_ID: optionalText,
  GOOGLE_OAUTH_CLIENT_SECRET: optionalText,
  GOOGLE_OAUTH_REDIRECT_URI: z.url({ message: "expected a URL such as http://127.0.0.1:53682/" }).default("http://127.0.0.1:53682/"),
  GOOGLE_API_ROOT: optionalText.pipe(z.url({ message: "expected a URL such as https://www.googleapis.com/" }).optional()),
  GOOGLE_TOKEN_URL: optionalText.pipe(z.url({ message: "expected a URL such as https://oauth2.googleapis.com/token" }).optional()),
  GOOGLE_AUTH_URL: optionalText.pipe(z.url({ message: "expected a URL such as https://accounts.google.com/o/oauth2/v2/auth" }).optional()),
  MEETING_MINUTES: positiveInt(60),
  MEETING_BUFFER_MINUTES: wholeNumber(15),
  MEETING_LEAD_MINUTES: wholeNumber(120),
  MEETING_SLOTS_OFFERED: z.coerce.number({ message: "expected a whole number from 3 to 8" }).int().min(3).max(8).default(3),
  // Capped, not clamped: a larger value is refused at start, so "no free time in N days" never names days not searched.
  MEETING_SEARCH_DAYS: z.coerce
    .number({ message: `expected a whole number of days from 1 to ${MAX_MEETING_SEARCH_DAYS}` })
    .int()
    .min(1)
    .max(MAX_MEETING_SEARCH_DAYS, `at most ${MAX_MEETING_SEARCH_DAYS}: Google Calendar answers free/busy for at most ${FREE_BUSY_MAX_DAYS} days at once`)
    .default(14),
  MEETING_LINK_HOSTS: z
    .string()
    .default(DEFAULT_MEETING_LINK_HOSTS.join(","))
    .transform((v, ctx) => {
      const hosts = parseMeetingLinkHosts(v);
      if (hosts) return hosts;
      ctx.addIssue({ code: "custom", message: "expected host names, comma-separated, e.g. meet.google.com,*.zoom.us" });
      return z.NEVER;
    }),
  REMINDER_MINUTES_BEFORE: z
    .string()
    .default("1440,60")
    .transform((v, ctx) => {
      const list = v
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean)
        .map(Number);
      if (list.some((n) => !Number.isInteger(n) || n <= 0)) {
        ctx.addIssue({ code: "custom", message: "expected minutes before the session, comma-separated, e.g. 1440,60" });
        return z.NEVER;
      }
      return [...new Set(list)].sort((a, b) => b - a);
    }),
  CRISIS_PHRASES: z
    .string()
    .default("bunuh diri,ingin mati,mengakhiri hidup,menyakiti diri")
    .transform((v) =>
      v
        .split(",")
        .map((p) => p.trim().toLowerCase())
        .filter(Boolean),
    ),
  CRISIS_HOTLINE: z.string().min(1).default("SEJIWA 119 ext. 8"),
});

type CoreValues = z.output<typeof coreSchema>;

/** The checks across the product's own variables. */
function checkCoreVariables(env: CoreValues, ctx: z.RefinementCtx): void {
  checkKeyringSettings(env, ctx);
  if (env.GOOGLE_SERVICE_ACCOUNT_KEY && env.GOOGLE_SERVICE_ACCOUNT_KEY_FILE) {
    ctx.addIssue({
      code: "custom",
      path: ["GOOGLE_SERVICE_ACCOUNT_KEY_FILE"],
      message: "set either GOOGLE_SERVICE_ACCOUNT_KEY or GOOGLE_SERVICE_ACCOUNT_KEY_FILE, not both",
    });
  }
  const serviceAccount = env.GOOGLE_SERVICE_ACCOUNT_KEY || env.GOOGLE_SERVICE_ACCOUNT_KEY_FILE;
  if (serviceAccount && (env.GOOGLE_OAUTH_CLIENT_ID || env.GOOGLE_OAUTH_CLIENT_SECRET)) {
    ctx.addIssue({ code: "custom", path: ["GOOGLE_OAUTH_CLIENT_ID"], message: "use a service account or an OAuth client for Google Calendar, not both" });
  }
  if (Boolean(env.GOOGLE_OAUTH_CLIENT_ID) !== Boolean(env.GOOGLE_OAUTH_CLIENT_SECRET)) {
    ctx.addIssue({
      code: "custom",
      path: [env.GOOGLE_OAUTH_CLIENT_ID ? "GOOGLE_OAUTH_CLIENT_SECRET" : "GOOGLE_OAUTH_CLIENT_ID"],
      message: "GOOGLE_OAUTH_CLIENT_ID and GOOGLE_OAUTH_CLIENT_SECRET go together",
    });
  }
}

/** The listed channels' settings, seen alike here (Config types each again, through ChannelConfigs). */
const channelSettings: readonly { id: Channel; settings: ChannelSettings }[] = channelModules;

/**
 * The whole environment: the product's variables and every listed channel's, in one object so one error names
 * every problem; the checks across variables run once each has parsed, as zod runs an object's refinements.
 */
/** Every listed channel's variables, as one shape (each channel types its own values, in its settings file). */
const channelVariables: Record<never, never> = Object.assign({}, ...channelSettings.map((c) => c.settings.variables));

const envSchema = coreSchema.extend(channelVariables).superRefine((env, ctx) => {
  checkCoreVariables(env, ctx);
  for (const c of channelSettings) c.settings.check?.(env, ctx);
});

/** Every variable the configuration reads, and what reads it ("core" or a channel's id): .env.example lists exactly these. */
export function configVariables(): { name: string; readBy: "core" | Channel }[] {
  return [
    ...Object.keys(coreSchema.shape).map((name) => ({ name, readBy: "core" as const })),
    ...channelSettings.flatMap((c) => Object.keys(c.settings.variables).map((name) => ({ name, readBy: c.id }))),
  ];
}

/** The product's own settings; each channel's are beside them under its id (config.telegram), see Config. */
export type CoreConfig = {
  database: DatabaseTarget;
  http: { host: string; port: number; publicBaseUrl?: string };
  /** The bearer token /metrics asks for; unset = /metrics answers anyone who reaches it (keep it internal at the proxy). */
  metricsToken?: string;
  /** The bearer token that shows /healthz's details; unset = /healthz says up or down and nothing more. */
  healthToken?: string;
  dashboard: { loginMinutes: number; sessionHours: number };
  logLevel: CoreValues["LOG_LEVEL"];
  flowsDir: string;
  defaultLocale: "id" | "en";
  /** The organisation a chat belongs to unless a deep link names another; the first in organisations.yaml when unset. */
  defaultOrgId?: string;
  inviteCodeTtlHours: number;
  /** Days after a case is archived during which the client's messages still reach its counsellor. */
  closedCaseRelayDays: number;
  deadlineCheckSeconds: number;
  /** Remind the role holders when this fraction of a step's time standard has passed (0 = no reminders). */
  /** Each working day at opening time, one message per staff member with what is due today and overdue. */
  morningSummary: boolean;
  outbox: { maxAttempts: number; claimTimeoutMs: number };
  adminContacts: AdminContact[];
  /** Encryption keys and the keyed-hash key; undefined = development keys kept next to the database. */
  privacy?: PrivacyKeys;
  /**
   * A trial: development keys are allowed where they are otherwise refused (PostgreSQL, a real chat channel).
   * See src/app/serviceKeys.ts.
   */
  trialWithoutKeys: boolean;
  /** Closed cases older than this are anonymised by `retention run` and the daily timer. */
  retentionDays: number;
  /** People who never opened a case (an abandoned registration, a crisis-only contact) are erased after this many quiet days. */
  retentionNoCaseDays: number;
  /** UU 27/2022: who the consent text names for questions about personal data, and when an unconfirmed erasure is escalated. */
  dataProtection: DataProtectionSettings;
  /** Per-sender limit: this many messages at once, then this many per minute; more are not handled. */
  inboundLimit: { burst: number; perMinute: number };
  google: {
    /** Checked credentials, or undefined when Google Calendar is not configured (links are then added by hand). */
    credentials?: GoogleCredentials;
    apiRoot?: string;
    tokenUrl?: string;
    authUrl?: string;
  };
  meetings: {
    sessionMinutes: number;
    bufferMinutes: number;
    leadMinutes: number;
    slotsOffered: number;
    searchDays: number;
    reminderMinutesBefore: number[];
    /** The hosts a meeting link sent by hand (/link) may be on. */
    linkHosts: string[];
  };
  crisis: { phrases: string[]; hotline: string };
};

/** Every setting: the product's own, and each listed channel's under its id (config.telegram, config.email). */
export type Config = CoreConfig & ChannelConfigs;

/** A channel id that is also the name of a core setting would hide one of them; this fails to compile then. */
type ChannelIdsClearOfCoreSettings = Extract<Channel, keyof CoreConfig> extends never ? true : never;
const channelIdsClearOfCoreSettings: ChannelIdsClearOfCoreSettings = true;
void channelIdsClearOfCoreSettings;

/** Thrown when the environment is wrong; its message names every offending variable. */
export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(`Configuration is invalid (see .env.example):\n` + problems.map((p) => `  ${p.variable}: ${p.message}`).join("\n"));
    this.name = "ConfigError";
  }
}

/** The Google credentials the environment names, checked (the key parses, the client id looks right). */
function googleCredentialsFrom(e: CoreValues): GoogleCredentials | undefined {
  const problems: { variable: string; message: string }[] = [];
  let result: GoogleCredentials | undefined;
  const keyText = e.GOOGLE_SERVICE_ACCOUNT_KEY_FILE
    ? (() => {
        try {
          return readFileSync(e.GOOGLE_SERVICE_ACCOUNT_KEY_FILE, "utf8");
        } catch (error) {
          problems.push({
            variable: "GOOGLE_SERVICE_ACCOUNT_KEY_FILE",
            message: `cannot read the key file (${(error as NodeJS.ErrnoException).code ?? "error"})`,
          });
          return undefined;
        }
      })()
    : e.GOOGLE_SERVICE_ACCOUNT_KEY;
  if (keyText) {
    const parsed = serviceAccountKeyJsonSchema.safeParse(keyText);
    if (parsed.success) result = { kind: "service_account", serviceAccount: parsed.data };
    else
      problems.push({
        variable: e.GOOGLE_SERVICE_ACCOUNT_KEY_FILE ? "GOOGLE_SERVICE_ACCOUNT_KEY_FILE" : "GOOGLE_SERVICE_ACCOUNT_KEY",
        message: `not a service account JSON key: ${parsed.error.issues[0]?.message ?? "invalid"}`,
      });
  } else if (e.GOOGLE_OAUTH_CLIENT_ID && e.GOOGLE_OAUTH_CLIENT_SECRET) {
    const parsed = oauthClientSchema.safeParse({
      clientId: e.GOOGLE_OAUTH_CLIENT_ID,
      clientSecret: e.GOOGLE_OAUTH_CLIENT_SECRET,
      redirectUri: e.GOOGLE_OAUTH_REDIRECT_URI,
    });
    if (parsed.success) result = { kind: "oauth", client: parsed.data };
    else problems.push({ variable: "GOOGLE_OAUTH_CLIENT_ID", message: parsed.error.issues[0]?.message ?? "invalid" });
  }
  if (problems.length) throw new ConfigError(problems);
  return result;
}

/** Parses and validates the environment; throws ConfigError listing every problem at once. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? "(environment)"), message: issue.message })));
  }
  const e = parsed.data;
  const channels = Object.fromEntries(channelSettings.map((c) => [c.id, c.settings.read(e)])) as ChannelConfigs;
  return {
    ...channels,
    database: e.DATABASE_URL,
    http: { host: e.HTTP_HOST, port: e.HTTP_PORT, publicBaseUrl: e.PUBLIC_BASE_URL?.replace(/\/$/, "") },
    metricsToken: e.METRICS_TOKEN,
    healthToken: e.HEALTH_TOKEN,
    dashboard: { loginMinutes: e.DASHBOARD_LOGIN_MINUTES, sessionHours: e.DASHBOARD_SESSION_HOURS },
    logLevel: e.LOG_LEVEL,
    flowsDir: e.FLOWS_DIR,
    defaultLocale: e.DEFAULT_LOCALE,
    defaultOrgId: e.DEFAULT_ORG,
    inviteCodeTtlHours: e.INVITE_CODE_TTL_HOURS,
    closedCaseRelayDays: e.CLOSED_CASE_RELAY_DAYS,
    deadlineCheckSeconds: e.DEADLINE_CHECK_SECONDS,
    morningSummary: e.MORNING_SUMMARY,
    outbox: { maxAttempts: e.OUTBOX_MAX_ATTEMPTS, claimTimeoutMs: e.OUTBOX_CLAIM_TIMEOUT_SECONDS * 1000 },
    adminContacts: e.ADMIN_CONTACTS,
    privacy: privacyKeysFromSettings(e),
    trialWithoutKeys: e.TRIAL_WITHOUT_KEYS,
    retentionDays: e.RETENTION_DAYS,
    retentionNoCaseDays: e.RETENTION_NO_CASE_DAYS,
    dataProtection: { contacts: parseDataProtectionContacts(e.DATA_PROTECTION_CONTACT), escalateAfterHours: e.ERASURE_ESCALATE_HOURS },
    inboundLimit: { burst: e.INBOUND_BURST, perMinute: e.INBOUND_PER_MINUTE },
    google: {
      credentials: googleCredentialsFrom(e),
      apiRoot: e.GOOGLE_API_ROOT,
      tokenUrl: e.GOOGLE_TOKEN_URL,
      authUrl: e.GOOGLE_AUTH_URL,
    },
    meetings: {
      sessionMinutes: e.MEETING_MINUTES,
      bufferMinutes: e.MEETING_BUFFER_MINUTES,
      leadMinutes: e.MEETING_LEAD_MINUTES,
      slotsOffered: e.MEETING_SLOTS_OFFERED,
      searchDays: e.MEETING_SEARCH_DAYS,
      reminderMinutesBefore: e.REMINDER_MINUTES_BEFORE,
      linkHosts: e.MEETING_LINK_HOSTS,
    },
    crisis: { phrases: e.CRISIS_PHRASES, hotline: e.CRISIS_HOTLINE },
  };
}
