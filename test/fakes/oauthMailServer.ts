/**
 * A fake OAuth 2.0 authorization server for the mail tests: the token endpoint a mail provider's app registration
 * talks to (Google https://oauth2.googleapis.com/token, Microsoft
 * https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token), and a token introspection endpoint (RFC 7662) that
 * Dovecot's oauth2 passdb asks whether a bearer token is good, so the IMAP server behind it refuses what Google's or
 * Microsoft's would. It speaks real HTTP on 127.0.0.1.
 *
 * Rules it enforces, and where they come from:
 * - POST /token only, body application/x-www-form-urlencoded (RFC 6749 §3.2, §6);
 * - grant_type=refresh_token with a refresh token it issued and not revoked, else 400 invalid_grant (§5.2);
 *   any other grant type 400 unsupported_grant_type;
 * - client_id (and client_secret when the client has one) must match the registration, else 401 invalid_client;
 * - a `scope` asked for must be within what the refresh token was granted, else 400 invalid_scope (§6; Microsoft
 *   asks for the scopes again on each refresh: IMAP.AccessAsUser.All, SMTP.Send, offline_access);
 * - access tokens live `accessTokenSeconds` (Google and Microsoft: about an hour); `expireAccessTokens()` ends every
 *   one issued so far, as the clock passing their expiry would, so tests need not wait;
 * - `rotateRefreshTokens`: each refresh answers a new refresh token (Microsoft does), the old one still works.
 * - POST /introspect: token=<access token> → { active: true, username, scope } or { active: false } (RFC 7662 §2).
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface OAuthGrant {
  user: string;
  refreshToken: string;
  scopes: string[];
}

export interface FakeOAuthServer {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  tokenUrl: string;
  introspectionUrl: string;
  clientId: string;
  clientSecret: string;
  /** Registers a user's consent and returns the refresh token the app would have got for it. */
  grant(user: string, scopes?: string[]): string;
  /** An access token for `user` straight away (for test helpers that read the mailbox). */
  issueAccessToken(user: string): string;
  /** The user an access token belongs to, if it is live. */
  userOf(accessToken: string): string | undefined;
  /** Every access token issued so far is expired from now on. */
  expireAccessTokens(): void;
  /** The refresh token no longer works (the user withdrew consent, or an admin revoked it). */
  revoke(refreshToken: string): void;
  /** Every request to /token, its form fields (secrets included, for assertions). */
  tokenRequests: Array<Record<string, string>>;
  close(): Promise<void>;
}

export interface FakeOAuthOptions {
  clientId?: string;
  /** Empty: a public client (no secret). */
  clientSecret?: string;
  accessTokenSeconds?: number;
  rotateRefreshTokens?: boolean;
}

export async function startFakeOAuthServer(options: FakeOAuthOptions = {}): Promise<FakeOAuthServer> {
  const clientId = options.clientId ?? "pintu-test-client";
  const clientSecret = options.clientSecret ?? "pintu-test-secret";
  const lifetime = options.accessTokenSeconds ?? 3599;
  const grants = new Map<string, OAuthGrant & { revoked: boolean }>();
  const accessTokens = new Map<string, { user: string; scopes: string[]; expired: boolean }>();
  const tokenRequests: Array<Record<string, string>> = [];

  const newToken = (prefix: string) => `${prefix}.${randomBytes(18).toString("base64url")}`;
  const issue = (user: string, scopes: string[]) => {
    const token = newToken("ya29");
    accessTokens.set(token, { user, scopes, expired: false });
    return token;
  };

  function send(res: http.ServerResponse, status: number, body: unknown) {
    const text = JSON.stringify(body);
    res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", "content-length": Buffer.byteLength(text) });
    res.end(text);
  }
  const oauthError = (res: http.ServerResponse, status: number, error: string, description: string) =>
    send(res, status, { error, error_description: description });

  function token(form: Record<string, string>, res: http.ServerResponse) {
    tokenRequests.push(form);
    if (form.client_id !== clientId || (clientSecret && form.client_secret !== clientSecret)) {
      return oauthError(res, 401, "invalid_client", "The OAuth client was not found or its secret is wrong.");
    }
    if (form.grant_type !== "refresh_token")
      return oauthError(res, 400, "unsupported_grant_type", `grant_type ${form.grant_type ?? "(none)"} is not supported`);
    const grant = form.refresh_token ? grants.get(form.refresh_token) : undefined;
    if (!grant || grant.revoked) return oauthError(res, 400, "invalid_grant", "Token has been expired or revoked.");
    const asked = (form.scope ?? "").split(" ").filter(Boolean);
    const outside = asked.filter((s) => !grant.scopes.includes(s));
    if (outside.length) return oauthError(res, 400, "invalid_scope", `The scopes ${outside.join(" ")} were not granted.`);
    const scopes = asked.length ? asked : grant.scopes;
    const body: Record<string, unknown> = { access_token: issue(grant.user, scopes), token_type: "Bearer", expires_in: lifetime, scope: scopes.join(" ") };
    if (options.rotateRefreshTokens) {
      const next = newToken("1//rt");
      grants.set(next, { ...grant, refreshToken: next });
      body.refresh_token = next;
    }
    send(res, 200, body);
  }

  function introspect(form: Record<string, string>, res: http.ServerResponse) {
    const t = form.token ? accessTokens.get(form.token) : undefined;
    if (!t || t.expired) return send(res, 200, { active: false });
    send(res, 200, { active: true, username: t.user, scope: t.scopes.join(" "), token_type: "Bearer" });
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = new URL(req.url ?? "/", "http://x").pathname;
      if (req.method !== "POST") return oauthError(res, 405, "invalid_request", "POST only");
      if (!/^application\/x-www-form-urlencoded\b/i.test(req.headers["content-type"] ?? "")) {
        return oauthError(res, 400, "invalid_request", "the body must be application/x-www-form-urlencoded");
      }
      const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString("utf8")));
      if (path === "/token") return token(form, res);
      if (path === "/introspect") return introspect(form, res);
      oauthError(res, 404, "invalid_request", "no such endpoint");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    tokenUrl: `${url}/token`,
    introspectionUrl: `${url}/introspect`,
    clientId,
    clientSecret,
    grant(user, scopes = ["https://mail.google.com/"]) {
      const refreshToken = newToken("1//rt");
      grants.set(refreshToken, { user, refreshToken, scopes, revoked: false });
      return refreshToken;
    },
    issueAccessToken: (user) => issue(user, ["https://mail.google.com/"]),
    userOf(accessToken) {
      const t = accessTokens.get(accessToken);
      return t && !t.expired ? t.user : undefined;
    },
    expireAccessTokens() {
      for (const t of accessTokens.values()) t.expired = true;
    },
    revoke(refreshToken) {
      const g = grants.get(refreshToken);
      if (g) g.revoked = true;
    },
    tokenRequests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
