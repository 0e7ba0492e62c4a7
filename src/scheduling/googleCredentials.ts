// How the product proves to Google that it may act in a counsellor's calendar, checked with zod so a
// bad key stops start-up (src/config.ts uses these schemas) instead of failing at the first booking.
import { createPrivateKey } from "node:crypto";
import { z } from "zod";

/** Google's OAuth token endpoint (a constant inside google-auth-library; tests point elsewhere). */
export const GOOGLE_TOKEN_URL = "https://oauth2.googleapis.com/token";
/** Google's consent page for the OAuth flow in googleConnect.ts. */
export const GOOGLE_AUTH_URL = "https://accounts.google.com/o/oauth2/v2/auth";
/** The Calendar API root googleapis uses by default (rootUrl). */
export const GOOGLE_API_ROOT = "https://www.googleapis.com/";
/** The one scope we ask for: read free/busy, create, move and delete events with Meet links. */
export const GOOGLE_CALENDAR_SCOPE = "https://www.googleapis.com/auth/calendar";

/** Env vars and JSON files often carry the key with literal "\n"; Google's own files have real newlines. */
function normalisePem(key: string): string {
  return key.includes("\\n") ? key.replace(/\\n/g, "\n") : key;
}

function isUsablePrivateKey(pem: string): boolean {
  try {
    createPrivateKey(pem);
    return true;
  } catch {
    return false;
  }
}

/** The fields we use from a service account's JSON key file (other fields are kept, not needed). */
export const serviceAccountKeySchema = z.looseObject({
  type: z
    .literal("service_account", {
      message: 'not a service account key: "type" must be "service_account" (download a JSON key under IAM > Service accounts > Keys)',
    })
    .optional(),
  client_email: z.email({ message: "client_email must be the service account's email (…@….iam.gserviceaccount.com)" }),
  private_key: z
    .string({ message: "private_key is missing: download a new JSON key for the service account" })
    .transform(normalisePem)
    .refine(isUsablePrivateKey, {
      message: "private_key is not a readable PEM private key: copy the whole JSON key file again, newlines included",
    }),
  private_key_id: z.string().optional(),
  client_id: z.string().optional(),
  project_id: z.string().optional(),
});

/** A service account JSON key given as text (e.g. GOOGLE_SERVICE_ACCOUNT_KEY, or a file's contents). */
export const serviceAccountKeyJsonSchema = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "not JSON: paste the service account's JSON key file as it was downloaded" });
      return z.NEVER;
    }
  })
  .pipe(serviceAccountKeySchema);

/** An OAuth client (type "Desktop app" or "Web application") from the Google Cloud console. */
export const oauthClientSchema = z.strictObject({
  clientId: z.string().regex(/\.apps\.googleusercontent\.com$/, "expected an OAuth client id ending in .apps.googleusercontent.com"),
  clientSecret: z.string().min(1, "the OAuth client secret is empty"),
  /** Where Google sends the browser after consent; for a Desktop client any http://127.0.0.1 port works. */
  redirectUri: z.url().default("http://127.0.0.1:53682/"),
});

/**
 * Either a service account with domain-wide delegation (acts as each counsellor by their Workspace
 * email; the usual way, since a plain service account cannot create Meet links), or an OAuth client
 * with one refresh token per counsellor (from `google connect <staff>`).
 */
export const googleCredentialsSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("service_account"), serviceAccount: serviceAccountKeySchema }),
  z.strictObject({ kind: z.literal("oauth"), client: oauthClientSchema }),
]);

/** A checked service account key (private_key with real newlines). */
export type ServiceAccountKey = z.output<typeof serviceAccountKeySchema>;
/** A checked OAuth client. */
export type OAuthClientSettings = z.output<typeof oauthClientSchema>;
/** The credential the Calendar adapter acts with. */
export type GoogleCredentials = z.output<typeof googleCredentialsSchema>;
