// Builds the google-auth-library client that acts as one counsellor, pointed at the configured token
// endpoint and with the library's own retries turned off (googleCalendar.ts retries, with its own limits).
import { JWT, OAuth2Client } from "google-auth-library";
import { CalendarCredentialError } from "./calendar.ts";
import { GOOGLE_CALENDAR_SCOPE, GOOGLE_TOKEN_URL, type GoogleCredentials } from "./googleCredentials.ts";

/** Who to act as: the counsellor's Workspace email, and their refresh token when using an OAuth client. */
export interface CounsellorIdentity {
  email: string;
  refreshToken?: string | null;
}

/** What createGoogleAuthClient needs. */
export interface GoogleAuthOptions {
  credentials: GoogleCredentials;
  counsellor: CounsellorIdentity;
  /** Token endpoint; GOOGLE_TOKEN_URL unless a test or proxy says otherwise. */
  tokenUrl?: string;
  /** Per-request timeout for token and API calls, in milliseconds. */
  requestTimeoutMs: number;
}

/**
 * An auth client for one counsellor: a JWT with `subject` (domain-wide delegation) or an OAuth2 client
 * holding their refresh token. Throws CalendarCredentialError when an OAuth counsellor never connected.
 */
export function createGoogleAuthClient(options: GoogleAuthOptions): OAuth2Client {
  const { credentials, counsellor } = options;
  const tokenUrl = options.tokenUrl ?? GOOGLE_TOKEN_URL;
  let client: OAuth2Client;
  if (credentials.kind === "service_account") {
    client = new JWT({
      email: credentials.serviceAccount.client_email,
      key: credentials.serviceAccount.private_key,
      keyId: credentials.serviceAccount.private_key_id,
      scopes: [GOOGLE_CALENDAR_SCOPE],
      subject: counsellor.email,
      transporterOptions: { timeout: options.requestTimeoutMs },
    });
  } else {
    if (!counsellor.refreshToken) {
      throw new CalendarCredentialError(
        "This counsellor has not connected a Google account yet: run `google connect <staff>` for them, " +
          "or configure a service account with domain-wide delegation.",
        { code: "no_refresh_token" },
      );
    }
    client = new OAuth2Client({
      clientId: credentials.client.clientId,
      clientSecret: credentials.client.clientSecret,
      redirectUri: credentials.client.redirectUri,
      endpoints: { oauth2TokenUrl: tokenUrl },
      transporterOptions: { timeout: options.requestTimeoutMs },
    });
    client.setCredentials({ refresh_token: counsellor.refreshToken });
  }
  client.transporter.interceptors.request.add({
    resolved: async (request) => {
      // gtoken (the JWT exchange) posts to a constant URL; send it to the configured endpoint instead.
      if (String(request.url) === GOOGLE_TOKEN_URL && tokenUrl !== GOOGLE_TOKEN_URL) request.url = new URL(tokenUrl);
      request.retry = false;
      delete request.retryConfig;
      return request;
    },
  });
  return client;
}
