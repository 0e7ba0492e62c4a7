// Sorts what google-auth-library and googleapis throw into our errors by cause: retry it (rate limits,
// 5xx, network), tell an admin (credentials), or fix the request (everything else).
// Nothing from the raw error is kept as `cause`: gaxios errors carry URLs with calendar ids (emails),
// request bodies and headers, which must not reach a log line.
import { CalendarCredentialError, CalendarRequestError, InvalidAttendeeError, type CalendarError } from "./calendar.ts";

/** A failure worth retrying, with what the provider said. */
export interface TransientFailure {
  kind: "transient";
  status: number | null;
  reason: string | null;
  /** From a Retry-After header, when Google sent one. */
  retryAfterMs: number | null;
  /** Short description for the final CalendarUnavailableError and the retry log line. */
  detail: string;
}

/** A failure retrying will not fix. */
export interface FinalFailure {
  kind: "final";
  error: CalendarError;
}

/** How a failed call should be handled. */
export type GoogleFailure = TransientFailure | FinalFailure;

/** Which credential the advice in error messages is about. */
export type CredentialKind = "service_account" | "oauth";

interface HttpFailure {
  status: number;
  data: unknown;
  retryAfterMs: number | null;
}

const RATE_LIMIT_REASONS = new Set(["rateLimitExceeded", "userRateLimitExceeded"]);
const SCOPE_REASONS = new Set(["insufficientPermissions", "ACCESS_TOKEN_SCOPE_INSUFFICIENT"]);

function retryAfterOf(headers: unknown): number | null {
  let value: string | null | undefined;
  // gaxios answers with a fetch Headers object (node-fetch's own class, so no instanceof check).
  if (headers && typeof (headers as Headers).get === "function") value = (headers as Headers).get("retry-after");
  else if (headers && typeof headers === "object") value = (headers as Record<string, string | undefined>)["retry-after"];
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(value);
  // An HTTP-date is Google's wall clock, so it is compared with ours, not with the service clock.
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : null;
}

function httpFailureOf(error: unknown): HttpFailure | null {
  const response = (error as { response?: { status?: unknown; data?: unknown; headers?: unknown } } | null)?.response;
  if (!response || typeof response.status !== "number") return null;
  return { status: response.status, data: response.data, retryAfterMs: retryAfterOf(response.headers) };
}

/** An error raised by the HTTP layer without any answer (refused, reset, timed out, DNS). */
function isNetworkFailure(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  const e = error as { name?: unknown; code?: unknown; config?: unknown };
  if (e.name === "AbortError" || e.name === "TimeoutError") return true;
  if (e.name === "GaxiosError" || e.config !== undefined) return true;
  return typeof e.code === "string" && /^(E[A-Z]+|UND_ERR_\w+|ABORT_ERR)$/.test(e.code);
}

/** Google API error body: { error: { code, message, errors: [{ domain, reason, message }] } }. */
function apiErrorOf(data: unknown): { reason: string | null; message: string } {
  const error = (data as { error?: { message?: unknown; status?: unknown; errors?: { reason?: unknown }[] } } | null)?.error;
  if (!error || typeof error !== "object") return { reason: null, message: typeof data === "string" ? data.slice(0, 200) : "" };
  const first = Array.isArray(error.errors) ? error.errors[0] : undefined;
  const reason = typeof first?.reason === "string" ? first.reason : typeof error.status === "string" ? error.status : null;
  return { reason, message: typeof error.message === "string" ? error.message : "" };
}

/** OAuth token endpoint error body: { error: "invalid_grant", error_description: "…" }. */
function tokenErrorOf(data: unknown): { code: string; description: string } {
  const body = data as { error?: unknown; error_description?: unknown } | null;
  return {
    code: typeof body?.error === "string" ? body.error : "token_refused",
    description: typeof body?.error_description === "string" ? body.error_description : "",
  };
}

function isRetryableStatus(status: number, reason: string | null): boolean {
  return status === 408 || status === 429 || status >= 500 || (status === 403 && reason !== null && RATE_LIMIT_REASONS.has(reason));
}

function credentialAdvice(kind: CredentialKind, code: string, description: string): string {
  if (kind === "oauth") {
    if (code === "invalid_grant") {
      return (
        "the counsellor's refresh token was revoked or has expired (an OAuth app in Testing mode expires them after 7 days). " +
        "Run `google connect <staff>` for this counsellor again."
      );
    }
    if (code === "invalid_client" || code === "unauthorized_client") {
      return (
        "the OAuth client id or secret is wrong, or the client was deleted. Check GOOGLE_OAUTH_CLIENT_ID and GOOGLE_OAUTH_CLIENT_SECRET " +
        "against the Google Cloud console; tokens issued to another client must be connected again."
      );
    }
    return "reconnect the counsellor with `google connect <staff>`.";
  }
  if (code === "unauthorized_client") {
    return (
      "domain-wide delegation is not granted for this service account. In the Workspace Admin console " +
      "(Security > API controls > Domain-wide delegation) add its client ID with the scope https://www.googleapis.com/auth/calendar."
    );
  }
  if (code === "invalid_grant" && /user id|email/i.test(description)) {
    return "the counsellor's email is not a user in the Workspace domain: check the email saved for this counsellor.";
  }
  if (code === "invalid_grant" || code === "invalid_client" || code === "bad_key") {
    return (
      "the service account key was deleted, disabled or mistyped, or this server's clock is off. " +
      "Create a new JSON key for the service account, put it in GOOGLE_SERVICE_ACCOUNT_KEY, and check the clock."
    );
  }
  return "check the service account key and its domain-wide delegation.";
}

/** Classifies a failure while getting an access token (JWT exchange or refresh-token grant). */
export function classifyTokenFailure(error: unknown, kind: CredentialKind): GoogleFailure {
  const http = httpFailureOf(error);
  if (http) {
    if (http.status === 429 || http.status >= 500) {
      return { kind: "transient", status: http.status, reason: null, retryAfterMs: http.retryAfterMs, detail: `token endpoint answered ${http.status}` };
    }
    const { code, description } = tokenErrorOf(http.data);
    const said = description ? `${code}: ${description}` : code;
    return {
      kind: "final",
      error: new CalendarCredentialError(`Google refused the credential (${said}): ${credentialAdvice(kind, code, description)}`, { code }),
    };
  }
  if (isNetworkFailure(error)) {
    return { kind: "transient", status: null, reason: null, retryAfterMs: null, detail: `token endpoint unreachable (${networkDetail(error)})` };
  }
  // Not HTTP at all: signing the JWT failed (an unreadable key), or the client has no refresh token.
  const message = error instanceof Error ? error.message : String(error);
  return {
    kind: "final",
    error: new CalendarCredentialError(`Could not use the Google credential (${message}): ${credentialAdvice(kind, "bad_key", message)}`, {
      code: "bad_key",
    }),
  };
}

function networkDetail(error: unknown): string {
  const e = error as { code?: unknown; name?: unknown };
  return typeof e.code === "string" ? e.code : typeof e.name === "string" ? e.name : "network error";
}

function refusal(status: number, reason: string | null, message: string, kind: CredentialKind): CalendarError {
  const said = [status, reason, message].filter((x) => x !== null && x !== "").join(" ");
  if (status === 401) {
    return new CalendarCredentialError(`Google Calendar refused the access token (${said}): ${credentialAdvice(kind, "invalid_grant", message)}`, {
      code: reason ?? "authError",
    });
  }
  if (status === 403 && reason !== null && SCOPE_REASONS.has(reason)) {
    return new CalendarCredentialError(
      `Google Calendar says the token lacks the calendar scope (${said}): ` +
        (kind === "oauth"
          ? "the counsellor unticked calendar access on the consent screen; run `google connect <staff>` again and allow it."
          : "grant https://www.googleapis.com/auth/calendar to the service account's client ID under domain-wide delegation."),
      { code: reason },
    );
  }
  if (status === 400 && /attendee/i.test(message)) {
    return new InvalidAttendeeError(
      `Google Calendar refused a guest's email address (${said}): the client's email is not one Google accepts as a guest; ` +
        "book without inviting it (the client still gets the link in chat) and correct the email.",
      { status, reason },
    );
  }
  let advice: string;
  if (status === 400 && /time ?zone/i.test(message)) {
    advice =
      "Google does not know the event's time zone: the organisation's calendar timeZone in flows/organisations.yaml must be an IANA name " +
      "such as Asia/Jakarta, not an offset such as UTC+7.";
  } else if (status === 400 && /conference/i.test(message)) {
    advice =
      "Meet links can only be created as a Workspace user: use a service account with domain-wide delegation " +
      "(the counsellor's email as subject) or connect the counsellor's own Google account.";
  } else if (status === 400) {
    advice = "the request was malformed (times, attendee emails or event id); this needs a code or data fix, not a retry.";
  } else if (status === 403 && reason === "quotaExceeded") {
    advice = "Google Calendar usage limits were exceeded for this account; Google lifts them after hours, not seconds.";
  } else if (status === 403 && reason === "forbiddenForServiceAccounts") {
    advice = "a service account may only invite guests while acting as a user: set up domain-wide delegation.";
  } else if (status === 403) {
    advice = "the counsellor's account may not change this calendar: use their primary calendar or share it with 'Make changes to events'.";
  } else if (status === 404) {
    advice = "no such calendar or event for this counsellor: check the calendar id and that the event was not removed by hand.";
  } else {
    advice = "Google refused the request; retrying will not help.";
  }
  return new CalendarRequestError(`Google Calendar refused the request (${said}): ${advice}`, { status, reason });
}

/** Classifies a failure of a Calendar API call (after a token was obtained). */
export function classifyApiFailure(error: unknown, kind: CredentialKind): GoogleFailure {
  const http = httpFailureOf(error);
  if (http) {
    const { reason, message } = apiErrorOf(http.data);
    if (isRetryableStatus(http.status, reason)) {
      return { kind: "transient", status: http.status, reason, retryAfterMs: http.retryAfterMs, detail: `${http.status}${reason ? ` ${reason}` : ""}` };
    }
    return { kind: "final", error: refusal(http.status, reason, message, kind) };
  }
  if (isNetworkFailure(error)) {
    return { kind: "transient", status: null, reason: null, retryAfterMs: null, detail: `network: ${networkDetail(error)}` };
  }
  throw error; // a bug on our side (not an HTTP failure): let it surface as is
}

/** The HTTP status of a failed call, or null when there was no answer. */
export function httpStatusOf(error: unknown): number | null {
  return httpFailureOf(error)?.status ?? null;
}
