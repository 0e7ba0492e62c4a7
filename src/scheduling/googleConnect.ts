// The two halves of `google connect <staff>`: a consent URL the counsellor opens, and the exchange of the
// code they paste back for a refresh token (offline access, calendar scope, PKCE). The CLI wires these
// to a prompt and stores the token; nothing here prints or logs a token.
//
// Google retired the copy-paste ("oob") redirect, so the redirect goes to a loopback address. When the
// CLI runs on a server, the counsellor's browser lands on an unreachable http://127.0.0.1 page: they copy
// that whole address (or just its `code`) back into the CLI, which finishGoogleConnect accepts.
import { randomBytes } from "node:crypto";
import { CodeChallengeMethod, OAuth2Client } from "google-auth-library";
import { GOOGLE_AUTH_URL, GOOGLE_CALENDAR_SCOPE, GOOGLE_TOKEN_URL, type OAuthClientSettings } from "./googleCredentials.ts";

/** Settings shared by both halves of the flow. */
export interface GoogleConnectOptions {
  client: OAuthClientSettings;
  /** Consent page, GOOGLE_AUTH_URL unless a test says otherwise. */
  authUrl?: string;
  /** Token endpoint, GOOGLE_TOKEN_URL unless a test says otherwise. */
  tokenUrl?: string;
  requestTimeoutMs?: number;
}

/** What the CLI shows (url) and keeps in memory until the code comes back (the rest). */
export interface GoogleConsentRequest {
  url: string;
  state: string;
  codeVerifier: string;
  redirectUri: string;
}

/** The outcome of a successful connect; store `refreshToken` encrypted, never print it. */
export interface GoogleConnection {
  refreshToken: string;
  /** Scopes Google granted (the counsellor may untick some on the consent screen). */
  scopes: string[];
  /** The Google account that consented, when Google said (from the id_token). */
  email: string | null;
}

/** A connect attempt that failed; the message says what the counsellor or admin should do. */
export class GoogleConnectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GoogleConnectError";
  }
}

const IDENTITY_SCOPES = ["openid", "email"];

function oauthClient(options: GoogleConnectOptions): OAuth2Client {
  return new OAuth2Client({
    clientId: options.client.clientId,
    clientSecret: options.client.clientSecret,
    redirectUri: options.client.redirectUri,
    endpoints: {
      oauth2AuthBaseUrl: options.authUrl ?? GOOGLE_AUTH_URL,
      oauth2TokenUrl: options.tokenUrl ?? GOOGLE_TOKEN_URL,
    },
    transporterOptions: { timeout: options.requestTimeoutMs ?? 20_000, retry: false },
  });
}

/**
 * Builds the consent URL: offline access and prompt=consent (so Google returns a refresh token even to
 * someone who consented before), the calendar scope plus openid/email to learn which account agreed,
 * a random state and a PKCE S256 challenge. `loginHint` preselects the counsellor's Workspace account.
 */
export async function startGoogleConnect(options: GoogleConnectOptions & { loginHint?: string }): Promise<GoogleConsentRequest> {
  const client = oauthClient(options);
  const { codeVerifier, codeChallenge } = await client.generateCodeVerifierAsync();
  const state = randomBytes(16).toString("base64url");
  const url = client.generateAuthUrl({
    access_type: "offline",
    prompt: "consent",
    scope: [GOOGLE_CALENDAR_SCOPE, ...IDENTITY_SCOPES],
    include_granted_scopes: false,
    state,
    code_challenge_method: CodeChallengeMethod.S256,
    code_challenge: codeChallenge,
    ...(options.loginHint ? { login_hint: options.loginHint } : {}),
  });
  return { url, state, codeVerifier: codeVerifier ?? "", redirectUri: options.client.redirectUri };
}

/**
 * The authorization code from what the counsellor pasted: the bare code, or the address the browser
 * landed on (checked against our state, and refused when it carries Google's `error`).
 */
export function codeFromPasted(pasted: string, expectedState: string): string {
  const text = pasted.trim();
  if (text === "") throw new GoogleConnectError("Nothing was pasted: copy the address the browser shows after you allow access, and paste it here.");
  if (!/^https?:\/\//i.test(text)) return decodeURIComponent(text);
  const url = new URL(text);
  const error = url.searchParams.get("error");
  if (error) {
    throw new GoogleConnectError(
      error === "access_denied"
        ? "Access was not allowed on Google's page: run `google connect` again and choose Allow."
        : `Google answered ${error}: run \`google connect\` again.`,
    );
  }
  if (url.searchParams.get("state") !== expectedState) {
    throw new GoogleConnectError("That address belongs to another connect attempt (state does not match): use the link printed by this run.");
  }
  const code = url.searchParams.get("code");
  if (!code) throw new GoogleConnectError("The pasted address has no code in it: copy the full address after allowing access.");
  return code;
}

function emailFromIdToken(idToken: string | null | undefined): string | null {
  if (!idToken) return null;
  // The id_token came straight from Google's token endpoint over TLS, so its claims can be read as is.
  try {
    const claims = JSON.parse(Buffer.from(idToken.split(".")[1] ?? "", "base64url").toString("utf8")) as { email?: unknown };
    return typeof claims.email === "string" ? claims.email.toLowerCase() : null;
  } catch {
    return null;
  }
}

/** Exchanges the pasted code for tokens and returns the refresh token, refusing incomplete consent. */
export async function finishGoogleConnect(
  options: GoogleConnectOptions & { consent: GoogleConsentRequest; pasted: string; expectedEmail?: string },
): Promise<GoogleConnection> {
  const code = codeFromPasted(options.pasted, options.consent.state);
  const client = oauthClient(options);
  let tokens;
  try {
    ({ tokens } = await client.getToken({ code, codeVerifier: options.consent.codeVerifier, redirect_uri: options.consent.redirectUri }));
  } catch (error) {
    const data = (error as { response?: { data?: { error?: unknown; error_description?: unknown } } }).response?.data;
    if (data && typeof data.error === "string") {
      const advice =
        data.error === "invalid_grant"
          ? "the code expired (it lasts minutes) or was already used: run `google connect` again."
          : data.error === "invalid_client"
            ? "the OAuth client id or secret in the configuration is wrong."
            : data.error === "redirect_uri_mismatch"
              ? "GOOGLE_OAUTH_REDIRECT_URI does not match the OAuth client's allowed redirect URIs."
              : "run `google connect` again.";
      throw new GoogleConnectError(
        `Google refused the code (${data.error}${typeof data.error_description === "string" ? `: ${data.error_description}` : ""}): ${advice}`,
      );
    }
    throw new GoogleConnectError(`Could not reach Google's token endpoint (${(error as Error).message}): check the network and try again.`);
  }
  const scopes = (tokens.scope ?? "").split(/\s+/).filter(Boolean);
  if (!scopes.includes(GOOGLE_CALENDAR_SCOPE)) {
    throw new GoogleConnectError(
      "Calendar access was not granted: run `google connect` again and tick “See, edit, share and permanently delete all the calendars”.",
    );
  }
  if (!tokens.refresh_token) {
    throw new GoogleConnectError(
      "Google did not return a refresh token: remove Pintu Konseling under https://myaccount.google.com/permissions and run `google connect` again.",
    );
  }
  const email = emailFromIdToken(tokens.id_token);
  if (options.expectedEmail && email && email !== options.expectedEmail.trim().toLowerCase()) {
    throw new GoogleConnectError(
      "A different Google account gave consent than the one on file for this counsellor: sign in with the counsellor's work account and run `google connect` again.",
    );
  }
  return { refreshToken: tokens.refresh_token, scopes, email };
}
