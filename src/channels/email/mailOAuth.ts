// Access tokens for IMAP and SMTP at providers that turned password sign-in off (Google Workspace, Microsoft 365):
// the app holds a refresh token the mailbox's owner granted once, and trades it at the provider's token endpoint
// (OAuth 2.0 refresh_token grant, RFC 6749 §6) for an access token of about an hour, which IMAP and SMTP present
// with SASL XOAUTH2. One source serves both, so they share a token and a refresh. See README.md in this folder.
import type { Logger } from "../../logger.ts";
import type { MailOAuthClient } from "./emailSettings.ts";

/** The token endpoint's refusal (RFC 6749 §5.2): invalid_grant means the grant was revoked or expired and a person must consent again. */
export class MailOAuthRefused extends Error {
  readonly code: string;
  readonly status: number;
  constructor(status: number, code: string, description: string | undefined) {
    super(`the token endpoint refused the refresh (${status} ${code})${description ? `: ${description}` : ""}`);
    this.name = "MailOAuthRefused";
    this.code = code;
    this.status = status;
  }
}

/** The token endpoint could not be reached or answered with a server error: try again later. */
export class MailOAuthUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MailOAuthUnavailable";
  }
}

/** Where IMAP and SMTP get their bearer token. */
export interface MailTokenSource {
  /** A live access token; `renew` when the server refused the last one (revoked before its expiry). */
  accessToken(options?: { renew?: boolean }): Promise<string>;
  /** The access token's expiry in ms since the epoch (0 before the first refresh), for nodemailer's cache. */
  readonly expiresAt: number;
}

/** A token is renewed this long before the expiry the endpoint announced, so none expires on the way to the server. */
const EXPIRY_MARGIN_MS = 5 * 60_000;

/** Creates the token source for one mailbox; refreshes lazily, one at a time, and keeps a rotated refresh token. */
export function createMailTokenSource(options: { client: MailOAuthClient; logger: Logger; clock?: () => number; timeoutMs?: number }): MailTokenSource {
  const log = options.logger.child({ module: "email.oauth" });
  const clock = options.clock ?? Date.now;
  let refreshToken = options.client.refreshToken;
  let current: { token: string; expiresAt: number } | undefined;
  let inFlight: Promise<string> | undefined;

  async function refresh(): Promise<string> {
    const { tokenUrl, clientId, clientSecret, scope } = options.client;
    const form = new URLSearchParams({ grant_type: "refresh_token", refresh_token: refreshToken, client_id: clientId });
    if (clientSecret) form.set("client_secret", clientSecret);
    if (scope) form.set("scope", scope);
    let response: Response;
    try {
      response = await fetch(tokenUrl, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
        body: form,
        signal: AbortSignal.timeout(options.timeoutMs ?? 20_000),
      });
    } catch (err) {
      throw new MailOAuthUnavailable(`the token endpoint could not be reached (${(err as Error)?.name ?? "error"})`);
    }
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (response.status >= 500 || response.status === 429) throw new MailOAuthUnavailable(`the token endpoint answered ${response.status}`);
    if (!response.ok || typeof body.access_token !== "string") {
      const code = typeof body.error === "string" ? body.error : "invalid_response";
      throw new MailOAuthRefused(response.status, code, typeof body.error_description === "string" ? body.error_description : undefined);
    }
    const seconds = typeof body.expires_in === "number" ? body.expires_in : Number(body.expires_in ?? 3600);
    current = { token: body.access_token, expiresAt: clock() + (Number.isFinite(seconds) ? seconds : 3600) * 1000 };
    if (typeof body.refresh_token === "string" && body.refresh_token !== refreshToken) {
      refreshToken = body.refresh_token; // Microsoft answers a new one each time; the newest is used from now on
      log.info("the token endpoint rotated the refresh token: using the new one until the service restarts");
    }
    log.info({ expiresInS: seconds }, "mail access token refreshed");
    return current.token;
  }

  return {
    get expiresAt() {
      return current?.expiresAt ?? 0;
    },
    accessToken({ renew = false } = {}) {
      if (!renew && current && current.expiresAt - EXPIRY_MARGIN_MS > clock()) return Promise.resolve(current.token);
      if (renew) current = undefined;
      inFlight ??= refresh().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
  };
}
