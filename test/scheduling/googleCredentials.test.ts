import { createVerify, createPublicKey } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CalendarCredentialError, CalendarUnavailableError } from "../../src/scheduling/calendar.ts";
import { GOOGLE_CALENDAR_SCOPE, GOOGLE_TOKEN_URL, googleCredentialsSchema, serviceAccountKeyJsonSchema } from "../../src/scheduling/googleCredentials.ts";
import { COUNSELLOR, memoryLogger, startGoogleTestbed, testKeyPair, wib, type GoogleTestbed } from "./googleSetup.ts";

let bed: GoogleTestbed;
beforeEach(async () => {
  bed = await startGoogleTestbed();
});
afterEach(async () => {
  await bed.fake.close();
});

const range = { calendarId: "primary", from: wib("2026-12-07T00:00:00"), to: wib("2026-12-08T00:00:00") };

describe("service account with domain-wide delegation", () => {
  it("sends a JWT signed with the key to the configured token endpoint, acting as the counsellor", async () => {
    const calendar = bed.google().forCounsellor({ email: COUNSELLOR });
    await calendar.freeBusy(range);
    await calendar.freeBusy(range);

    const [tokenRequest, ...more] = bed.fake.requestsTo("token");
    expect(more).toHaveLength(0); // the access token is reused
    const form = tokenRequest?.body as Record<string, string>;
    expect(form.grant_type).toBe("urn:ietf:params:oauth:grant-type:jwt-bearer");

    // Check the signature here too, with the public half of the key the service account holds.
    const [header, payload, signature] = form.assertion!.split(".") as [string, string, string];
    const publicKey = createPublicKey(bed.key.private_key);
    expect(createVerify("RSA-SHA256").update(`${header}.${payload}`).verify(publicKey, Buffer.from(signature, "base64url"))).toBe(true);
    expect(publicKey.export({ type: "spki", format: "pem" })).toBe(testKeyPair().publicKey.export({ type: "spki", format: "pem" }));

    const [grant] = bed.fake.tokenGrants;
    expect(grant).toMatchObject({ signatureValid: true, granted: true, header: { alg: "RS256" } });
    expect(grant?.claims).toMatchObject({ iss: bed.key.client_email, sub: COUNSELLOR, aud: GOOGLE_TOKEN_URL, scope: GOOGLE_CALENDAR_SCOPE });
    expect(bed.fake.requestsTo("freeBusy").every((r) => r.principal === COUNSELLOR)).toBe(true);
  });

  it("a revoked key gives CalendarCredentialError at once: no retry, no API call, and no crash on the next try", async () => {
    bed.fake.revoke(bed.key.client_email);
    const { logger, lines } = memoryLogger();
    const calendar = bed.google({ logger }).forCounsellor({ email: COUNSELLOR });

    const failed = await calendar.freeBusy(range).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(CalendarCredentialError);
    expect(failed).toMatchObject({ code: "invalid_grant", retryable: false });
    expect((failed as Error).message).toMatch(/^Google refused the credential \(invalid_grant: .*\): .*Create a new JSON key/);
    expect(bed.fake.requestsTo("token")).toHaveLength(1);
    expect(bed.fake.requestsTo("freeBusy")).toHaveLength(0);
    expect(bed.sleeps).toEqual([]);
    expect(lines()).toContain("an admin must fix it");
    expect(lines()).not.toMatch(/@example|BEGIN PRIVATE KEY|assertion/);

    await expect(
      calendar.createMeeting({ calendarId: "primary", key: "k1", start: wib("2026-12-07T09:00:00"), end: wib("2026-12-07T10:00:00"), title: "Sesi" }),
    ).rejects.toBeInstanceOf(CalendarCredentialError);
  });

  it("a key the account does not have fails the signature check", async () => {
    const other = bed.fake.createServiceAccountKey(); // a fresh pair, registered under another account
    const forged = googleCredentialsSchema.parse({
      kind: "service_account",
      serviceAccount: { ...bed.key, private_key: other.private_key },
    });
    const failed = await bed
      .google({ credentials: forged })
      .forCounsellor({ email: COUNSELLOR })
      .freeBusy(range)
      .catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(CalendarCredentialError);
    expect((failed as Error).message).toContain("Invalid JWT Signature.");
    expect(bed.fake.tokenGrants[0]).toMatchObject({ signatureValid: false, granted: false });
  });

  it("explains missing delegation and an email outside the Workspace domain", async () => {
    const undelegated = googleCredentialsSchema.parse({
      kind: "service_account",
      serviceAccount: bed.fake.createServiceAccountKey({ delegation: false, keyPair: testKeyPair() }),
    });
    const noDelegation = await bed
      .google({ credentials: undelegated })
      .forCounsellor({ email: COUNSELLOR })
      .freeBusy(range)
      .catch((e: unknown) => e);
    expect(noDelegation).toMatchObject({ code: "unauthorized_client" });
    expect((noDelegation as Error).message).toMatch(/Domain-wide delegation\) add its client ID with the scope/);

    const outsider = await bed
      .google()
      .forCounsellor({ email: "someone@gmail.com" })
      .freeBusy(range)
      .catch((e: unknown) => e);
    expect(outsider).toMatchObject({ code: "invalid_grant" });
    expect((outsider as Error).message).toMatch(/not a user in the Workspace domain/);
  });

  it("an unreadable private key is a credential error, not a crash", async () => {
    const broken = {
      kind: "service_account" as const,
      serviceAccount: { ...bed.key, private_key: "-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----\n" },
    };
    const failed = await bed
      .google({ credentials: broken })
      .forCounsellor({ email: COUNSELLOR })
      .freeBusy(range)
      .catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(CalendarCredentialError);
    expect(failed).toMatchObject({ code: "bad_key" });
    expect(bed.fake.requestsTo("token")).toHaveLength(0);
  });

  it("a token endpoint that is down is retried, then reported as unavailable", async () => {
    bed.fake.failNext("token", { status: 503 }, 1);
    await bed.google().forCounsellor({ email: COUNSELLOR }).freeBusy(range);
    expect(bed.fake.requestsTo("token").map((r) => r.status)).toEqual([503, 200]);

    bed.fake.failNext("token", { status: 500 }, 10);
    const failed = await bed
      .google()
      .forCounsellor({ email: "budi@example.ac.id" })
      .freeBusy(range)
      .catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(CalendarUnavailableError);
  });
});

describe("OAuth client with a refresh token per counsellor", () => {
  it("refreshes at the configured token endpoint and acts as that counsellor", async () => {
    const refreshToken = bed.fake.issueRefreshToken({ clientId: "123456789012-fake0client0id.apps.googleusercontent.com", email: COUNSELLOR });
    const calendar = bed.google({ credentials: bed.oauth }).forCounsellor({ email: COUNSELLOR, refreshToken });
    await calendar.freeBusy(range);

    const [tokenRequest] = bed.fake.requestsTo("token");
    expect(tokenRequest?.body).toMatchObject({ grant_type: "refresh_token", refresh_token: refreshToken });
    expect(bed.fake.requestsTo("freeBusy")[0]?.principal).toBe(COUNSELLOR);
  });

  it("revoked consent (invalid_grant) becomes CalendarCredentialError telling to reconnect, even with a live access token", async () => {
    const refreshToken = bed.fake.issueRefreshToken({ clientId: "123456789012-fake0client0id.apps.googleusercontent.com", email: COUNSELLOR });
    const calendar = bed.google({ credentials: bed.oauth }).forCounsellor({ email: COUNSELLOR, refreshToken });
    await calendar.freeBusy(range);
    bed.fake.revoke(refreshToken); // the access token in hand stops working too (401)

    const failed = await calendar.freeBusy(range).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(CalendarCredentialError);
    expect(failed).toMatchObject({ code: "invalid_grant" });
    expect((failed as Error).message).toMatch(/revoked or has expired.*Run `google connect <staff>`/);
    expect(bed.fake.requestsTo("freeBusy").map((r) => r.status)).toEqual([200, 401]);
    expect(bed.fake.requestsTo("token").map((r) => r.status)).toEqual([200, 400]);
  });

  it("a counsellor who never connected is told how to connect", () => {
    expect(() => bed.google({ credentials: bed.oauth }).forCounsellor({ email: COUNSELLOR })).toThrow(CalendarCredentialError);
    expect(() => bed.google({ credentials: bed.oauth }).forCounsellor({ email: COUNSELLOR })).toThrow(/google connect <staff>/);
  });
});

describe("credential schemas for src/config.ts", () => {
  it("accepts a downloaded JSON key, also with the newlines escaped as in an env var", () => {
    const asFile = serviceAccountKeyJsonSchema.parse(JSON.stringify(bed.key));
    expect(asFile.client_email).toBe(bed.key.client_email);
    const escaped = JSON.stringify(bed.key).replace(/\\n/g, "\\\\n");
    expect(escaped).toContain("\\\\n");
    const asEnv = serviceAccountKeyJsonSchema.parse(escaped);
    expect(asEnv.private_key).toBe(bed.key.private_key);
  });

  it("names what is wrong with a bad key or client", () => {
    const messages = (input: unknown, schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { message: string }[] } } }) =>
      schema
        .safeParse(input)
        .error?.issues.map((i) => i.message)
        .join(" | ") ?? "";
    expect(messages("{not json", serviceAccountKeyJsonSchema)).toMatch(/not JSON/);
    expect(messages(JSON.stringify({ ...bed.key, private_key: "garbage" }), serviceAccountKeyJsonSchema)).toMatch(/not a readable PEM private key/);
    expect(messages(JSON.stringify({ ...bed.key, type: "authorized_user" }), serviceAccountKeyJsonSchema)).toMatch(/not a service account key/);
    expect(messages({ kind: "oauth", client: { clientId: "abc", clientSecret: "" } }, googleCredentialsSchema)).toMatch(
      /apps\.googleusercontent\.com.*\| the OAuth client secret is empty/,
    );
  });
});
