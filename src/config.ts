// Every setting, read from the environment once and validated with zod (mirrored in .env.example).
// Nothing else in the product reads process.env.
import { z } from "zod";
import { readFileSync } from "node:fs";
import { checkKeyringSettings, keyringSettingsFields, privacyKeysFromSettings, type PrivacyKeys } from "./privacy/index.ts";
import { oauthClientSchema, serviceAccountKeyJsonSchema, type GoogleCredentials } from "./scheduling/googleCredentials.ts";
import { parseDatabaseUrl, type DatabaseTarget } from "./store/databaseTarget.ts";

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const flag = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === "") return false;
    if (/^(1|true|yes|on)$/i.test(v)) return true;
    if (/^(0|false|no|off)$/i.test(v)) return false;
    ctx.addIssue({ code: "custom", message: "expected 1/0, true/false, yes/no or on/off" });
    return z.NEVER;
  });

const port = (fallback: number) =>
  z.coerce.number({ message: "expected a port number" }).int().min(0).max(65535).default(fallback);

const positiveInt = (fallback: number) =>
  z.coerce.number({ message: "expected a whole number" }).int().positive().default(fallback);

const wholeNumber = (fallback: number) =>
  z.coerce.number({ message: "expected a whole number (0 or more)" }).int().min(0).default(fallback);

/** A flag that is on unless set to 0/false/no/off. */
const flagOn = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === "" || /^(1|true|yes|on)$/i.test(v)) return true;
    if (/^(0|false|no|off)$/i.test(v)) return false;
    ctx.addIssue({ code: "custom", message: "expected 1/0, true/false, yes/no or on/off" });
    return z.NEVER;
  });

const mailbox = /^[^\s<>@,;"]+@[^\s<>@,;"]+\.[^\s<>@,;"]+$/;

/** "telegram:123456, email:it@unit.go.id": where operational alerts (logged-out WhatsApp, undeliverable messages) go. */
const adminContacts = z
  .string()
  .default("")
  .transform((v, ctx) => {
    const contacts: { channel: "telegram" | "whatsapp" | "email"; address: string }[] = [];
    for (const item of v.split(",").map((x) => x.trim()).filter(Boolean)) {
      const m = /^(telegram|whatsapp|email):(.+)$/.exec(item);
      if (!m || (m[1] === "email" && !mailbox.test(m[2]!)) || (m[1] === "telegram" && !/^-?\d+$/.test(m[2]!))) {
        ctx.addIssue({ code: "custom", message: `"${item}" is not channel:address (telegram:<chat id>, whatsapp:<number>@s.whatsapp.net, email:<address>)` });
        continue;
      }
      contacts.push({ channel: m[1] as "telegram" | "whatsapp" | "email", address: m[1] === "email" ? m[2]!.toLowerCase() : m[2]! });
    }
    return contacts;
  });

const envSchema = z
  .object({
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
    DASHBOARD_LOGIN_MINUTES: positiveInt(15),
    DASHBOARD_SESSION_HOURS: positiveInt(8),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    FLOWS_DIR: z.string().min(1).default("flows"),
    DEFAULT_LOCALE: z.enum(["id", "en"]).default("id"),
    DEFAULT_ORG: optionalText.pipe(z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, "expected an organisation id from flows/organisations.yaml, e.g. ipdn").optional()),
    INVITE_CODE_TTL_HOURS: positiveInt(72),
    CLOSED_CASE_RELAY_DAYS: z.coerce.number({ message: "expected a whole number of days, e.g. 14 (0 = not after the archive)" }).int().min(0).max(365).default(14),
    DEADLINE_CHECK_SECONDS: positiveInt(30),
    MORNING_SUMMARY: flagOn,
    OUTBOX_MAX_ATTEMPTS: positiveInt(8),
    OUTBOX_CLAIM_TIMEOUT_SECONDS: positiveInt(120),
    TELEGRAM_BOT_TOKEN: optionalText.pipe(
      z.string().regex(/^\d+:[\w-]{20,}$/, "expected a token from @BotFather, like 123456:ABC-DEF...").optional(),
    ),
    TELEGRAM_WEBHOOK_URL: optionalText.pipe(z.url({ message: "expected an https:// URL" }).optional()),
    TELEGRAM_WEBHOOK_SECRET: optionalText.pipe(
      z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, "expected 16-256 characters of A-Z, a-z, 0-9, _ and -").optional(),
    ),
    TELEGRAM_API_ROOT: optionalText.pipe(z.url({ message: "expected a URL such as http://127.0.0.1:8081" }).optional()),
    TELEGRAM_PER_CHAT_INTERVAL_MS: wholeNumber(1000),
    TELEGRAM_MAX_PER_SECOND: positiveInt(30),
    WHATSAPP_ENABLED: flag,
    WHATSAPP_PAIRING_NUMBER: optionalText.pipe(
      z.string().regex(/^\+?[\d\s-]{9,20}$/, "expected the service phone's number, e.g. 6281234567890").optional(),
    ),
    WHATSAPP_AUTH_DIR: z.string().min(1).default("data/whatsapp-auth"),
    WHATSAPP_PER_CHAT_INTERVAL_MS: wholeNumber(3000),
    WHATSAPP_MIN_INTERVAL_MS: wholeNumber(1000),
    WHATSAPP_MAX_PER_MINUTE: positiveInt(20),
    WHATSAPP_TYPING_MS: wholeNumber(1200),
    WHATSAPP_MAX_MEDIA_MB: positiveInt(25),
    WHATSAPP_READ_RECEIPTS: flagOn,
    IMAP_HOST: optionalText,
    IMAP_PORT: port(993),
    IMAP_SECURE: flagOn,
    IMAP_USER: optionalText,
    IMAP_PASSWORD: optionalText,
    IMAP_MAILBOX: z.string().min(1).default("INBOX"),
    SMTP_HOST: optionalText,
    SMTP_PORT: port(587),
    SMTP_SECURE: flag,
    SMTP_USER: optionalText,
    SMTP_PASSWORD: optionalText,
    MAIL_FROM: optionalText,
    MAIL_MAX_ATTACHMENT_MB: positiveInt(10),
    MAIL_MAX_MESSAGE_MB: positiveInt(40),
    ADMIN_CONTACTS: adminContacts,
    ...keyringSettingsFields,
    RETENTION_DAYS: positiveInt(1825),
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
    MEETING_SEARCH_DAYS: positiveInt(14),
    REMINDER_MINUTES_BEFORE: z
      .string()
      .default("1440,60")
      .transform((v, ctx) => {
        const list = v.split(",").map((x) => x.trim()).filter(Boolean).map(Number);
        if (list.some((n) => !Number.isInteger(n) || n <= 0)) {
          ctx.addIssue({ code: "custom", message: "expected minutes before the session, comma-separated, e.g. 1440,60" });
          return z.NEVER;
        }
        return [...new Set(list)].sort((a, b) => b - a);
      }),
    LOCAL_CHANNEL: flag,
    CRISIS_PHRASES: z
      .string()
      .default("bunuh diri,ingin mati,mengakhiri hidup,menyakiti diri")
      .transform((v) => v.split(",").map((p) => p.trim().toLowerCase()).filter(Boolean)),
    CRISIS_HOTLINE: z.string().min(1).default("SEJIWA 119 ext. 8"),
  })
  .superRefine((env, ctx) => {
    checkKeyringSettings(env, ctx);
    if (env.TELEGRAM_WEBHOOK_URL && !env.TELEGRAM_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["TELEGRAM_WEBHOOK_SECRET"],
        message: "required when TELEGRAM_WEBHOOK_URL is set (Telegram sends it back so forged updates are refused)",
      });
    }
    if (env.IMAP_HOST) {
      for (const name of ["IMAP_USER", "IMAP_PASSWORD", "SMTP_HOST", "MAIL_FROM"] as const) {
        if (!env[name]) ctx.addIssue({ code: "custom", path: [name], message: "required when IMAP_HOST is set (the email channel reads and answers mail)" });
      }
    }
    if (env.GOOGLE_SERVICE_ACCOUNT_KEY && env.GOOGLE_SERVICE_ACCOUNT_KEY_FILE) {
      ctx.addIssue({ code: "custom", path: ["GOOGLE_SERVICE_ACCOUNT_KEY_FILE"], message: "set either GOOGLE_SERVICE_ACCOUNT_KEY or GOOGLE_SERVICE_ACCOUNT_KEY_FILE, not both" });
    }
    const serviceAccount = env.GOOGLE_SERVICE_ACCOUNT_KEY || env.GOOGLE_SERVICE_ACCOUNT_KEY_FILE;
    if (serviceAccount && (env.GOOGLE_OAUTH_CLIENT_ID || env.GOOGLE_OAUTH_CLIENT_SECRET)) {
      ctx.addIssue({ code: "custom", path: ["GOOGLE_OAUTH_CLIENT_ID"], message: "use a service account or an OAuth client for Google Calendar, not both" });
    }
    if (Boolean(env.GOOGLE_OAUTH_CLIENT_ID) !== Boolean(env.GOOGLE_OAUTH_CLIENT_SECRET)) {
      ctx.addIssue({ code: "custom", path: [env.GOOGLE_OAUTH_CLIENT_ID ? "GOOGLE_OAUTH_CLIENT_SECRET" : "GOOGLE_OAUTH_CLIENT_ID"], message: "GOOGLE_OAUTH_CLIENT_ID and GOOGLE_OAUTH_CLIENT_SECRET go together" });
    }
    if (env.MAIL_FROM && !/^(.*<)?[^\s<>@,;"]+@[^\s<>@,;"]+>?$/.test(env.MAIL_FROM)) {
      ctx.addIssue({ code: "custom", path: ["MAIL_FROM"], message: 'expected "name@domain" or "Name <name@domain>"' });
    }
    if (env.TELEGRAM_WEBHOOK_URL && !env.TELEGRAM_BOT_TOKEN) {
      ctx.addIssue({ code: "custom", path: ["TELEGRAM_BOT_TOKEN"], message: "required when TELEGRAM_WEBHOOK_URL is set" });
    }
  });

export type Config = {
  database: DatabaseTarget;
  http: { host: string; port: number; publicBaseUrl?: string };
  dashboard: { loginMinutes: number; sessionHours: number };
  logLevel: z.infer<typeof envSchema>["LOG_LEVEL"];
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
  telegram: { token?: string; webhookUrl?: string; webhookSecret?: string; apiRoot?: string; perChatIntervalMs: number; maxPerSecond: number };
  whatsapp: {
    enabled: boolean;
    pairingNumber?: string;
    authDir: string;
    limits: { perChatIntervalMs: number; minIntervalMs: number; maxPerMinute: number; typingMs: number };
    maxMediaBytes: number;
    readReceipts: boolean;
  };
  email: {
    imapHost?: string;
    imap?: { host: string; port: number; secure: boolean; user: string; password: string; mailbox: string };
    smtpHost?: string;
    smtp?: { host: string; port: number; secure: boolean; user?: string; password?: string };
    from?: string;
    maxAttachmentBytes: number;
    maxMessageBytes: number;
  };
  adminContacts: { channel: "telegram" | "whatsapp" | "email"; address: string }[];
  /** Encryption keys and the keyed-hash key; undefined = development keys kept next to the database. */
  privacy?: PrivacyKeys;
  /** Closed cases older than this are anonymised by `retention run` and the daily timer. */
  retentionDays: number;
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
  };
  localChannel: boolean;
  crisis: { phrases: string[]; hotline: string };
};

/** Thrown when the environment is wrong; its message names every offending variable. */
export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      `Configuration is invalid (see .env.example):\n` +
        problems.map((p) => `  ${p.variable}: ${p.message}`).join("\n"),
    );
    this.name = "ConfigError";
  }
}

/** The Google credentials the environment names, checked (the key parses, the client id looks right). */
function googleCredentialsFrom(e: z.infer<typeof envSchema>): GoogleCredentials | undefined {
  const problems: { variable: string; message: string }[] = [];
  let result: GoogleCredentials | undefined;
  const keyText = e.GOOGLE_SERVICE_ACCOUNT_KEY_FILE
    ? (() => {
        try {
          return readFileSync(e.GOOGLE_SERVICE_ACCOUNT_KEY_FILE, "utf8");
        } catch (error) {
          problems.push({ variable: "GOOGLE_SERVICE_ACCOUNT_KEY_FILE", message: `cannot read the key file (${(error as NodeJS.ErrnoException).code ?? "error"})` });
          return undefined;
        }
      })()
    : e.GOOGLE_SERVICE_ACCOUNT_KEY;
  if (keyText) {
    const parsed = serviceAccountKeyJsonSchema.safeParse(keyText);
    if (parsed.success) result = { kind: "service_account", serviceAccount: parsed.data };
    else problems.push({ variable: e.GOOGLE_SERVICE_ACCOUNT_KEY_FILE ? "GOOGLE_SERVICE_ACCOUNT_KEY_FILE" : "GOOGLE_SERVICE_ACCOUNT_KEY", message: `not a service account JSON key: ${parsed.error.issues[0]?.message ?? "invalid"}` });
  } else if (e.GOOGLE_OAUTH_CLIENT_ID && e.GOOGLE_OAUTH_CLIENT_SECRET) {
    const parsed = oauthClientSchema.safeParse({ clientId: e.GOOGLE_OAUTH_CLIENT_ID, clientSecret: e.GOOGLE_OAUTH_CLIENT_SECRET, redirectUri: e.GOOGLE_OAUTH_REDIRECT_URI });
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
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? "(environment)"), message: issue.message })),
    );
  }
  const e = parsed.data;
  return {
    database: e.DATABASE_URL,
    http: { host: e.HTTP_HOST, port: e.HTTP_PORT, publicBaseUrl: e.PUBLIC_BASE_URL?.replace(/\/$/, "") },
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
    telegram: {
      token: e.TELEGRAM_BOT_TOKEN,
      webhookUrl: e.TELEGRAM_WEBHOOK_URL,
      webhookSecret: e.TELEGRAM_WEBHOOK_SECRET,
      apiRoot: e.TELEGRAM_API_ROOT,
      perChatIntervalMs: e.TELEGRAM_PER_CHAT_INTERVAL_MS,
      maxPerSecond: e.TELEGRAM_MAX_PER_SECOND,
    },
    whatsapp: {
      enabled: e.WHATSAPP_ENABLED,
      pairingNumber: e.WHATSAPP_PAIRING_NUMBER?.replace(/\D/g, ""),
      authDir: e.WHATSAPP_AUTH_DIR,
      limits: {
        perChatIntervalMs: e.WHATSAPP_PER_CHAT_INTERVAL_MS,
        minIntervalMs: e.WHATSAPP_MIN_INTERVAL_MS,
        maxPerMinute: e.WHATSAPP_MAX_PER_MINUTE,
        typingMs: e.WHATSAPP_TYPING_MS,
      },
      maxMediaBytes: e.WHATSAPP_MAX_MEDIA_MB * 1024 * 1024,
      readReceipts: e.WHATSAPP_READ_RECEIPTS,
    },
    email: {
      imapHost: e.IMAP_HOST,
      imap: e.IMAP_HOST
        ? { host: e.IMAP_HOST, port: e.IMAP_PORT, secure: e.IMAP_SECURE, user: e.IMAP_USER ?? "", password: e.IMAP_PASSWORD ?? "", mailbox: e.IMAP_MAILBOX }
        : undefined,
      smtpHost: e.SMTP_HOST,
      smtp: e.SMTP_HOST ? { host: e.SMTP_HOST, port: e.SMTP_PORT, secure: e.SMTP_SECURE, user: e.SMTP_USER, password: e.SMTP_PASSWORD } : undefined,
      from: e.MAIL_FROM,
      maxAttachmentBytes: e.MAIL_MAX_ATTACHMENT_MB * 1024 * 1024,
      maxMessageBytes: e.MAIL_MAX_MESSAGE_MB * 1024 * 1024,
    },
    adminContacts: e.ADMIN_CONTACTS,
    privacy: privacyKeysFromSettings(e),
    retentionDays: e.RETENTION_DAYS,
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
    },
    localChannel: e.LOCAL_CHANNEL,
    crisis: { phrases: e.CRISIS_PHRASES, hotline: e.CRISIS_HOTLINE },
  };
}
