// The settings the email channel takes: emailSettings reads IMAP_* / SMTP_* / MAIL_* from the environment
// (src/config.ts composes it with the other channels'), and the option schemas below check each piece the
// channel is started with, so a wrong value names the setting.
import { z } from "zod";
import { defineChannelSettings } from "../channelSettings.ts";
import { flag, flagOn, optionalText, port, positiveInt } from "../envFields.ts";

const tcpPort = z.number().int().min(1).max(65535);

/** Where incoming mail is read: one mailbox of one IMAP account. */
export const imapSettingsSchema = z.object({
  host: z.string().min(1),
  /** 993 with secure (implicit TLS), 143 for STARTTLS or plain on loopback. */
  port: tcpPort.default(993),
  /** true: TLS from the first byte; false: STARTTLS when the server offers it. */
  secure: z.boolean().default(true),
  user: z.string().min(1),
  /** Absent when the listener is given an OAuth token source instead (MAIL_AUTH=oauth2). */
  password: z.string().min(1).optional(),
  mailbox: z.string().min(1).default("INBOX"),
});
/** IMAP settings as passed in (defaults optional). */
export type ImapSettings = z.input<typeof imapSettingsSchema>;

/** Where outgoing mail is handed over: an SMTP submission server. */
export const smtpSettingsSchema = z.object({
  host: z.string().min(1),
  /** 465 with secure (implicit TLS), 587 for STARTTLS submission. */
  port: tcpPort.default(587),
  secure: z.boolean().default(false),
  /** Optional: a local relay may accept mail without login. */
  user: z.string().min(1).optional(),
  password: z.string().min(1).optional(),
});
/** SMTP settings as passed in (defaults optional). */
export type SmtpSettings = z.input<typeof smtpSettingsSchema>;

/** How IMAP and SMTP sign in (MAIL_AUTH): a password, or OAuth 2.0 bearer tokens (SASL XOAUTH2). */
export const MAIL_AUTH_MODES = ["password", "oauth2"] as const;

/** The providers whose token endpoint and scopes we know (MAIL_OAUTH_PROVIDER); "custom" names its own. */
export const MAIL_OAUTH_PROVIDERS = ["google", "microsoft", "custom"] as const;
export type MailOAuthProvider = (typeof MAIL_OAUTH_PROVIDERS)[number];

/** Google: the refresh token carries https://mail.google.com/ (IMAP and SMTP); no scope is sent on refresh. */
export const GOOGLE_TOKEN_URL = "https://oauth2.googleapis.com/token";
/** Microsoft: IMAP and SMTP AUTH for a delegated user, and offline_access for the refresh token itself. */
export const MICROSOFT_MAIL_SCOPE = "https://outlook.office.com/IMAP.AccessAsUser.All https://outlook.office.com/SMTP.Send offline_access";

/** Microsoft's v2.0 token endpoint for a tenant (its id or domain; "organizations" for any work account). */
export function microsoftTokenUrl(tenant: string): string {
  return `https://login.microsoftonline.com/${encodeURIComponent(tenant)}/oauth2/v2.0/token`;
}

/** What a token refresh needs: where, who the app is, the user's grant, and the scopes to ask again (Microsoft). */
export interface MailOAuthClient {
  provider: MailOAuthProvider;
  tokenUrl: string;
  clientId: string;
  /** A confidential client's secret (Google's clients have one; a Microsoft public client has none). */
  clientSecret?: string;
  refreshToken: string;
  scope?: string;
}

/** Size limits for incoming mail; larger parts are dropped and reported, never buffered. */
export const mailLimitsSchema = z.object({
  /** One attachment larger than this is dropped (the person is told). */
  maxAttachmentBytes: z
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  /** Attachments past this count are dropped. */
  maxAttachments: z.number().int().positive().default(10),
  /** A whole message larger than this is not downloaded; only its headers are read. */
  maxMessageBytes: z
    .number()
    .int()
    .positive()
    .default(40 * 1024 * 1024),
  /** Text longer than this is cut (and flagged). */
  maxTextChars: z.number().int().positive().default(20_000),
});
/** Size limits with defaults filled in. */
export type MailLimits = z.output<typeof mailLimitsSchema>;

const MAILBOX = /^[^\s<>@]+@[^\s<>@]+$/;

/** MAIL_FROM: "konseling@unit.go.id" or "Pintu Konseling <konseling@unit.go.id>". */
export const mailFromSchema = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const match = /^(.*?)\s*<([^<>]+)>$/.exec(value);
    const name = match ? match[1]!.replace(/^"|"$/g, "").trim() : "";
    const address = (match ? match[2]! : value).trim().toLowerCase();
    if (!MAILBOX.test(address)) {
      ctx.addIssue({ code: "custom", message: 'not a sender address: use "name@domain" or "Name <name@domain>"' });
      return z.NEVER;
    }
    return { name: name || undefined, address, domain: address.slice(address.lastIndexOf("@") + 1) };
  });
/** A parsed MAIL_FROM: address, optional display name, and the domain our Message-IDs use. */
export type MailFrom = z.output<typeof mailFromSchema>;

/** What happens to an erased client's mails in the mailbox (MAIL_ERASURE): deleted, moved to a folder, or kept. */
export type MailErasure = { mode: "delete" } | { mode: "move"; folder: string } | { mode: "keep" };

/** MAIL_ERASURE: "delete" (the default), "keep", or "move:<folder>" (a folder outside the watched mailbox). */
export function parseMailErasure(value: string): MailErasure | null {
  const v = value.trim();
  if (v === "" || /^delete$/i.test(v)) return { mode: "delete" };
  if (/^keep$/i.test(v)) return { mode: "keep" };
  const move = /^move:(.+)$/i.exec(v);
  return move?.[1]?.trim() ? { mode: "move", folder: move[1].trim() } : null;
}

/** A mailbox address as ADMIN_CONTACTS and MAIL_FROM take it. */
const MAILBOX_ADDRESS = /^[^\s<>@,;"]+@[^\s<>@,;"]+\.[^\s<>@,;"]+$/;

/** The email channel's variables: IMAP_HOST turns it on and then needs a login, an SMTP server and a sender. */
export const emailSettings = defineChannelSettings({
  variables: {
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
    MAIL_AUTHSERV_IDS: z
      .string()
      .default("")
      .transform((v, ctx) => {
        const ids = v
          .split(",")
          .map((x) => x.trim().toLowerCase())
          .filter(Boolean);
        if (ids.some((id) => !/^[a-z0-9][a-z0-9.-]*$/.test(id)))
          ctx.addIssue({
            code: "custom",
            message: "expected the authserv-ids of the servers that receive this mailbox's mail, comma-separated, e.g. mx.unit.go.id",
          });
        return ids;
      }),
    MAIL_ERASURE: z.string().default("delete"),
    MAIL_AUTH: optionalText.pipe(z.enum(MAIL_AUTH_MODES).optional()),
    MAIL_OAUTH_PROVIDER: optionalText.pipe(z.enum(MAIL_OAUTH_PROVIDERS).optional()),
    MAIL_OAUTH_TENANT: optionalText,
    MAIL_OAUTH_CLIENT_ID: optionalText,
    MAIL_OAUTH_CLIENT_SECRET: optionalText,
    MAIL_OAUTH_REFRESH_TOKEN: optionalText,
    MAIL_OAUTH_TOKEN_URL: optionalText.pipe(z.url({ protocol: /^https?$/, message: "expected the token endpoint's URL" }).optional()),
    MAIL_OAUTH_SCOPE: optionalText,
  },
  check(v, issues) {
    const oauth = v.MAIL_AUTH === "oauth2";
    if (v.IMAP_HOST) {
      for (const name of ["IMAP_USER", ...(oauth ? [] : ["IMAP_PASSWORD" as const]), "SMTP_HOST", "MAIL_FROM"] as const) {
        if (!v[name]) issues.addIssue({ code: "custom", path: [name], message: "required when IMAP_HOST is set (the email channel reads and answers mail)" });
      }
    }
    if (oauth) {
      for (const name of [
        "MAIL_OAUTH_CLIENT_ID",
        "MAIL_OAUTH_REFRESH_TOKEN",
        ...(v.MAIL_OAUTH_PROVIDER === "custom" ? ["MAIL_OAUTH_TOKEN_URL" as const] : []),
      ] as const) {
        if (!v[name]) issues.addIssue({ code: "custom", path: [name], message: "required when MAIL_AUTH=oauth2 (see src/channels/email/README.md)" });
      }
      if (!v.MAIL_OAUTH_PROVIDER)
        issues.addIssue({ code: "custom", path: ["MAIL_OAUTH_PROVIDER"], message: 'required when MAIL_AUTH=oauth2: "google", "microsoft" or "custom"' });
      if (v.MAIL_OAUTH_PROVIDER === "microsoft" && !v.MAIL_OAUTH_TENANT) {
        issues.addIssue({
          code: "custom",
          path: ["MAIL_OAUTH_TENANT"],
          message: "required for Microsoft: the directory (tenant) id or domain the app is registered in",
        });
      }
    }
    if (!parseMailErasure(v.MAIL_ERASURE)) {
      issues.addIssue({ code: "custom", path: ["MAIL_ERASURE"], message: 'expected "delete", "keep" or "move:<folder>"' });
    }
    if (v.MAIL_FROM && !/^(.*<)?[^\s<>@,;"]+@[^\s<>@,;"]+>?$/.test(v.MAIL_FROM)) {
      issues.addIssue({ code: "custom", path: ["MAIL_FROM"], message: 'expected "name@domain" or "Name <name@domain>"' });
    }
  },
  read: (v) => ({
    imapHost: v.IMAP_HOST,
    imap: v.IMAP_HOST
      ? { host: v.IMAP_HOST, port: v.IMAP_PORT, secure: v.IMAP_SECURE, user: v.IMAP_USER ?? "", password: v.IMAP_PASSWORD, mailbox: v.IMAP_MAILBOX }
      : undefined,
    smtpHost: v.SMTP_HOST,
    smtp: v.SMTP_HOST
      ? {
          host: v.SMTP_HOST,
          port: v.SMTP_PORT,
          secure: v.SMTP_SECURE,
          // With OAuth the token is the mailbox's: SMTP signs in as the IMAP user unless told otherwise.
          user: v.MAIL_AUTH === "oauth2" ? (v.SMTP_USER ?? v.IMAP_USER) : v.SMTP_USER,
          password: v.MAIL_AUTH === "oauth2" ? undefined : v.SMTP_PASSWORD,
        }
      : undefined,
    /** Set when MAIL_AUTH=oauth2: IMAP and SMTP sign in with tokens refreshed from this client's grant. */
    oauth: v.MAIL_AUTH === "oauth2" ? mailOAuthClient(v) : undefined,
    from: v.MAIL_FROM,
    maxAttachmentBytes: v.MAIL_MAX_ATTACHMENT_MB * 1024 * 1024,
    maxMessageBytes: v.MAIL_MAX_MESSAGE_MB * 1024 * 1024,
    /** The servers whose Authentication-Results are believed (authenticationResults.ts); none = no mail is authenticated. */
    authservIds: v.MAIL_AUTHSERV_IDS,
    erasure: parseMailErasure(v.MAIL_ERASURE) ?? { mode: "delete" },
  }),
  adminAddress: { example: "<address>", parse: (address) => (MAILBOX_ADDRESS.test(address) ? address.toLowerCase() : undefined) },
});

/** The token endpoint and scope for the provider, MAIL_OAUTH_TOKEN_URL and MAIL_OAUTH_SCOPE overriding them. */
function mailOAuthClient(v: {
  MAIL_OAUTH_PROVIDER?: MailOAuthProvider;
  MAIL_OAUTH_TENANT?: string;
  MAIL_OAUTH_CLIENT_ID?: string;
  MAIL_OAUTH_CLIENT_SECRET?: string;
  MAIL_OAUTH_REFRESH_TOKEN?: string;
  MAIL_OAUTH_TOKEN_URL?: string;
  MAIL_OAUTH_SCOPE?: string;
}): MailOAuthClient {
  const provider = v.MAIL_OAUTH_PROVIDER ?? "custom";
  const known =
    provider === "google"
      ? { tokenUrl: GOOGLE_TOKEN_URL, scope: undefined }
      : provider === "microsoft"
        ? { tokenUrl: microsoftTokenUrl(v.MAIL_OAUTH_TENANT ?? "organizations"), scope: MICROSOFT_MAIL_SCOPE }
        : { tokenUrl: "", scope: undefined };
  return {
    provider,
    tokenUrl: v.MAIL_OAUTH_TOKEN_URL ?? known.tokenUrl,
    clientId: v.MAIL_OAUTH_CLIENT_ID ?? "",
    clientSecret: v.MAIL_OAUTH_CLIENT_SECRET,
    refreshToken: v.MAIL_OAUTH_REFRESH_TOKEN ?? "",
    scope: v.MAIL_OAUTH_SCOPE ?? known.scope,
  };
}

/** What config.email holds. */
export type EmailSettings = ReturnType<typeof emailSettings.read>;
