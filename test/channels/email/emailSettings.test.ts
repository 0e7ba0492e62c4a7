// The email channel's sign-in settings: MAIL_AUTH=oauth2 needs no password, takes the provider's token endpoint
// (Google's, or Microsoft's for the tenant, with the IMAP and SMTP scopes asked again on refresh), lets SMTP sign in as
// the mailbox, and names what is missing.
import { describe, expect, it } from "vitest";
import { GOOGLE_TOKEN_URL, MICROSOFT_MAIL_SCOPE } from "../../../src/channels/email/emailSettings.ts";
import { loadConfig } from "../../../src/config.ts";
import { configProblemsOf } from "../../support/configProblems.ts";

const MAILBOX = {
  IMAP_HOST: "imap.gmail.com",
  IMAP_USER: "konseling@unit.ac.id",
  SMTP_HOST: "smtp.gmail.com",
  MAIL_FROM: "Pintu Konseling <konseling@unit.ac.id>",
};

const problemsOf = configProblemsOf;

describe("email sign-in settings", () => {
  it("Google: no password, Google's token endpoint, no scope on refresh, SMTP signs in as the mailbox", () => {
    const config = loadConfig({
      ...MAILBOX,
      MAIL_AUTH: "oauth2",
      MAIL_OAUTH_PROVIDER: "google",
      MAIL_OAUTH_CLIENT_ID: "123.apps.googleusercontent.com",
      MAIL_OAUTH_CLIENT_SECRET: "GOCSPX-rahasia",
      MAIL_OAUTH_REFRESH_TOKEN: "1//0rahasia",
    });
    expect(config.email.imap).toMatchObject({ user: "konseling@unit.ac.id", password: undefined });
    expect(config.email.smtp).toMatchObject({ user: "konseling@unit.ac.id", password: undefined });
    expect(config.email.oauth).toEqual({
      provider: "google",
      tokenUrl: GOOGLE_TOKEN_URL,
      clientId: "123.apps.googleusercontent.com",
      clientSecret: "GOCSPX-rahasia",
      refreshToken: "1//0rahasia",
      scope: undefined,
    });
  });

  it("Microsoft: the tenant's v2.0 token endpoint and the IMAP and SMTP scopes; a public client has no secret", () => {
    const config = loadConfig({
      ...MAILBOX,
      IMAP_HOST: "outlook.office365.com",
      SMTP_HOST: "smtp.office365.com",
      MAIL_AUTH: "oauth2",
      MAIL_OAUTH_PROVIDER: "microsoft",
      MAIL_OAUTH_TENANT: "unit.ac.id",
      MAIL_OAUTH_CLIENT_ID: "00000000-1111-2222-3333-444444444444",
      MAIL_OAUTH_REFRESH_TOKEN: "0.AAAArahasia",
    });
    expect(config.email.oauth).toMatchObject({
      tokenUrl: "https://login.microsoftonline.com/unit.ac.id/oauth2/v2.0/token",
      scope: MICROSOFT_MAIL_SCOPE,
      clientSecret: undefined,
    });
    expect(MICROSOFT_MAIL_SCOPE.split(" ")).toEqual([
      "https://outlook.office.com/IMAP.AccessAsUser.All",
      "https://outlook.office.com/SMTP.Send",
      "offline_access",
    ]);
  });

  it("names what OAuth still needs, and keeps passwords required without it", () => {
    expect(problemsOf({ ...MAILBOX, MAIL_AUTH: "oauth2", MAIL_OAUTH_PROVIDER: "microsoft" }).map((p) => p.variable)).toEqual(
      expect.arrayContaining(["MAIL_OAUTH_CLIENT_ID", "MAIL_OAUTH_REFRESH_TOKEN", "MAIL_OAUTH_TENANT"]),
    );
    expect(problemsOf({ ...MAILBOX, MAIL_AUTH: "oauth2", MAIL_OAUTH_PROVIDER: "custom", MAIL_OAUTH_CLIENT_ID: "x", MAIL_OAUTH_REFRESH_TOKEN: "y" })).toEqual([
      { variable: "MAIL_OAUTH_TOKEN_URL", message: "required when MAIL_AUTH=oauth2 (see src/channels/email/README.md)" },
    ]);
    expect(problemsOf({ ...MAILBOX, MAIL_AUTH: "oauth" }).map((p) => p.variable)).toContain("MAIL_AUTH");
    expect(problemsOf(MAILBOX).map((p) => p.variable)).toEqual(["IMAP_PASSWORD"]);
  });
});
