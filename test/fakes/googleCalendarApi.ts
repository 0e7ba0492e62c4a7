/**
 * A fake Google Calendar v3 + OAuth token server for tests. It speaks the real HTTP API on 127.0.0.1,
 * so googleapis and google-auth-library run unchanged: point the Calendar client's `rootUrl` at
 * `fake.url` and the token endpoint at `fake.tokenUrl`.
 *
 * It behaves like Google where our code can get it wrong:
 * - POST /token checks JWT-bearer assertions (RS256 over the service account's registered public key,
 *   aud, scope, iat/exp, delegation `sub`) and refresh_token / authorization_code grants (client
 *   secret, PKCE S256, redirect_uri); `revoke()` makes a credential answer `invalid_grant`;
 * - API calls need a Bearer token it issued; a counsellor sees only their own calendar ("primary" = own);
 * - events.insert honours `conferenceDataVersion=1` (creates a hangoutsMeet conference with a Meet link,
 *   one per requestId), refuses a client id outside base32hex, answers 409 for an id already used
 *   (cancelled events included), and refuses Meet for a service account acting as itself;
 * - a conference is made asynchronously, as Google's ConferenceRequestStatus says: it may stay "pending"
 *   (no entry points, no hangoutLink) for some reads or some time, then end in "success" (entry points
 *   populated) or "failure" (none) — `nextConferences`;
 * - a requestId used before is ignored, as CreateConferenceRequest.requestId says: the event gets the
 *   conference of that first request, in whatever state it is (pending, success or failure);
 * - 400 "invalid" for a start/end time zone that is not an IANA name ("Invalid time zone definition for
 *   start time.") and for an attendee email that is not an address ("Invalid attendee email.");
 * - GET/PATCH/DELETE of events; DELETE of a missing event is 404, of a deleted one 410;
 * - freeBusy merges seeded busy periods with confirmed events, and refuses a range longer than 90 days
 *   with 400 timeRangeTooLong (Google does not publish the bound; 90 days is what Cal.com found, see
 *   FREE_BUSY_MAX_MS);
 * - injected failures (`failNext`), dropped connections (`dropNext`, before or after doing the work,
 *   i.e. a lost answer) and slow answers (`delayNext`).
 *
 *   const fake = await startFakeGoogleCalendar({ domain: "example.ac.id" });
 *   const key = fake.createServiceAccountKey();          // JSON key whose public half the fake knows
 *   const google = createGoogleCalendar({ credentials: { kind: "service_account", serviceAccount: key },
 *     apiRoot: fake.url, tokenUrl: fake.tokenUrl });
 *   ...
 *   await fake.close();
 */
import { createHash, createVerify, generateKeyPairSync, randomBytes, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { DateTime } from "luxon";

// ---------------------------------------------------------------------------------------------
// Exported types

export type FakeRoute = "token" | "freeBusy" | "events.insert" | "events.get" | "events.patch" | "events.delete" | "consent";

export interface FakeGoogleCalendarOptions {
  /** The Workspace domain whose users a delegating service account may act as. Default "example.ac.id". */
  domain?: string;
  port?: number;
  /** Lifetime of issued access tokens in seconds. Default 3599, as Google. */
  accessTokenSeconds?: number;
  /**
   * The clock a conference's pending time (`nextConferences({ pendingMs })`) runs on, so a test can move it
   * with the service's own clock. Tokens keep the real clock: google-auth-library signs its JWTs with it.
   */
  clock?: () => Date | number;
}

/** How the next conferences Google makes will go. */
export interface ConferencePlan {
  /** GETs of the event that still show "pending". Default 0. */
  pendingReads?: number;
  /** Milliseconds (on the fake's clock) the conference stays "pending" after it was asked for. Default 0. */
  pendingMs?: number;
  /** How it ends. Default "success". */
  outcome?: "success" | "failure";
}

export interface RecordedRequest {
  route: FakeRoute | "unknown";
  method: string;
  path: string;
  query: Record<string, string>;
  /** Parsed JSON body for API calls, form fields for /token, undefined when empty. */
  body: unknown;
  authorization: string | undefined;
  /** Whom the Bearer token acts for (a user email, or a service account acting as itself). */
  principal: string | null;
  /** Status the fake answered with (0 when the connection was dropped). */
  status: number;
}

/** A JWT the token endpoint accepted or refused, decoded. */
export interface TokenGrant {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  signatureValid: boolean;
  granted: boolean;
}

export interface InjectedFailure {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** The service account JSON key, as Google's console downloads it. */
export interface FakeServiceAccountKey {
  type: "service_account";
  project_id: string;
  private_key_id: string;
  private_key: string;
  client_email: string;
  client_id: string;
  token_uri: string;
}

export interface RsaKeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** A 2048-bit RSA pair, as Google issues for service account keys. */
export function generateRsaKeyPair(): RsaKeyPair {
  return generateKeyPairSync("rsa", { modulusLength: 2048 });
}

export interface StoredEvent {
  calendarId: string;
  /** The event resource without its conference (added as it stands at each answer). */
  resource: Record<string, unknown> & { id: string; status: string };
  /** The key of the conference attached by a createRequest, if any. */
  conference: string | null;
}

export interface FakeGoogleCalendar {
  /** Calendar API root for googleapis' rootUrl, e.g. "http://127.0.0.1:41234/". */
  readonly url: string;
  /** OAuth token endpoint, e.g. "http://127.0.0.1:41234/token". */
  readonly tokenUrl: string;
  /** Consent page: GET with Google's query answers a 302 to redirect_uri with code and state. */
  readonly authUrl: string;
  readonly requests: readonly RecordedRequest[];
  readonly tokenGrants: readonly TokenGrant[];
  requestsTo(route: FakeRoute): RecordedRequest[];

  /** A fresh RSA service account key whose public half the fake trusts. */
  /** `keyPair` reuses an RSA pair across tests (generating one takes a moment). */
  createServiceAccountKey(options?: { clientEmail?: string; delegation?: boolean; keyPair?: RsaKeyPair }): FakeServiceAccountKey;
  /** Registers an OAuth client (id and secret) the token endpoint accepts. */
  addOAuthClient(client: { clientId: string; clientSecret: string }): void;
  /** A refresh token for `email` issued to `clientId`, as if the user had consented earlier. */
  issueRefreshToken(options: { clientId: string; email: string }): string;
  /** Who "is logged in" at the consent page (the account whose consent GET /o/oauth2/v2/auth grants). */
  consentAs(email: string | null): void;
  /**
   * Revokes a refresh token or a service account (by client_email): its access tokens stop working and
   * the token endpoint answers invalid_grant from now on.
   */
  revoke(refreshTokenOrClientEmail: string): void;

  /** Busy periods in a calendar that the tests put there (other appointments). */
  seedBusy(calendarId: string, intervals: { start: Date | string; end: Date | string }[]): void;
  /** Every event of a calendar, cancelled ones included, as a GET would show it now (without counting as one). */
  events(calendarId: string): StoredEvent["resource"][];
  /** Puts an event resource (e.g. a fixture) into a calendar as is. */
  putEvent(calendarId: string, resource: Record<string, unknown> & { id: string }): void;
  /** The next `times` conferences created stay "pending" for `reads` GETs, then succeed. */
  conferencePending(reads: number, times?: number): void;
  /** The next `times` conferences created go as `plan` says (pending for some reads or time, then success or failure). */
  nextConferences(plan: ConferencePlan, times?: number): void;

  /** The next `times` requests to `route` fail with this answer (without doing anything). */
  failNext(route: FakeRoute, failure: InjectedFailure, times?: number): void;
  /** The next `times` requests to `route` lose their connection, before or after doing the work. */
  dropNext(route: FakeRoute, options?: { afterProcessing?: boolean; times?: number }): void;
  /** The next `times` answers of `route` are held back `ms` milliseconds (the work is done first). */
  delayNext(route: FakeRoute, ms: number, times?: number): void;

  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Google's wire constants

const GOOGLE_TOKEN_AUD = "https://oauth2.googleapis.com/token";
const CALENDAR_SCOPE = "https://www.googleapis.com/auth/calendar";
const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
const EVENT_ID = /^[a-v0-9]{5,1024}$/;
/**
 * The longest freeBusy range Google answers. Google's reference does not state it; Cal.com's maintainers found
 * 90 days and split longer queries (calcom/cal.com#11696, #11962). Longer is 400 timeRangeTooLong.
 */
export const FREE_BUSY_MAX_MS = 90 * 24 * 3600_000;

const fixturesDir = new URL("../fixtures/google/", import.meta.url);
const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(name, fixturesDir), "utf8"));

function apiError(status: number, reason: string, message: string, domain = "global"): unknown {
  return { error: { errors: [{ domain, reason, message }], code: status, message } };
}

/** The body Google sends for an injected status when the test gave none. */
function defaultFailureBody(route: FakeRoute, status: number): unknown {
  if (route === "token") return status >= 500 ? { error: "internal_failure", error_description: "Backend Error" } : fixture("token-invalid-grant-revoked.json");
  if (status === 429) return fixture("error-429-rate-limit.json");
  if (status === 403) return fixture("error-403-rate-limit.json");
  if (status === 500) return fixture("error-500-backend.json");
  if (status === 503) return apiError(503, "backendError", "Service Unavailable");
  return apiError(status, "unknown", http.STATUS_CODES[status] ?? "Error");
}

// ---------------------------------------------------------------------------------------------

interface Principal {
  /** Whose calendar this token opens: the delegated user, the OAuth user, or the service account itself. */
  email: string;
  /** A service account acting as itself (no `sub`): Google will not create Meet links for it. */
  isServiceAccount: boolean;
  /** The credential it came from, so revoking that credential kills the token. */
  credential: string;
  expiresAt: number;
}

interface ServiceAccount {
  publicKey: KeyObject;
  delegation: boolean;
}

interface Code {
  clientId: string;
  email: string;
  redirectUri: string;
  challenge: string | null;
  challengeMethod: string | null;
  offline: boolean;
  scope: string;
  used: boolean;
}

/** A Meet conference Google is making or made; shared by every event whose createRequest used its requestId. */
interface Conference {
  requestId: string;
  /** entryPoints, conferenceSolution and conferenceId, shown once it succeeded. */
  made: Record<string, unknown>;
  outcome: "success" | "failure";
  /** GETs left that still show it pending. */
  pendingReads: number;
  /** Until then (fake clock, ms) it shows pending. */
  pendingUntil: number;
}

interface HttpAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

class FakeServer implements FakeGoogleCalendar {
  url = "";
  tokenUrl = "";
  authUrl = "";
  readonly requests: RecordedRequest[] = [];
  readonly tokenGrants: TokenGrant[] = [];

  private readonly server: http.Server;
  private readonly domain: string;
  private readonly accessTokenSeconds: number;
  private readonly serviceAccounts = new Map<string, ServiceAccount>();
  private readonly oauthClients = new Map<string, string>();
  private readonly refreshTokens = new Map<string, { clientId: string; email: string; scope: string }>();
  private readonly accessTokens = new Map<string, Principal>();
  private readonly codes = new Map<string, Code>();
  private readonly revoked = new Set<string>();
  private readonly calendars = new Map<string, Map<string, StoredEvent>>();
  private readonly busy = new Map<string, { start: number; end: number }[]>();
  private readonly conferences = new Map<string, Conference>();
  private readonly failures = new Map<FakeRoute, InjectedFailure[]>();
  private readonly drops = new Map<FakeRoute, boolean[]>();
  private readonly delays = new Map<FakeRoute, number[]>();
  private conferencePlans: ConferencePlan[] = [];
  private readonly clock: () => number;
  private consentUser: string | null = null;
  private counter = 0;

  constructor(options: FakeGoogleCalendarOptions) {
    this.domain = options.domain ?? "example.ac.id";
    this.accessTokenSeconds = options.accessTokenSeconds ?? 3599;
    const clock = options.clock;
    this.clock = clock ? () => new Date(clock()).getTime() : Date.now;
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) {
          res.writeHead(500, { "content-type": "application/json" });
          res.end(JSON.stringify(apiError(500, "backendError", `fake server bug: ${(error as Error).message}`)));
        }
      });
    });
  }

  async listen(port: number): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(port, "127.0.0.1", resolve));
    const { port: actual } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${actual}/`;
    this.tokenUrl = `${this.url}token`;
    this.authUrl = `${this.url}o/oauth2/v2/auth`;
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  requestsTo(route: FakeRoute): RecordedRequest[] {
    return this.requests.filter((r) => r.route === route);
  }

  // --- credentials ---------------------------------------------------------------------------

  createServiceAccountKey(options: { clientEmail?: string; delegation?: boolean; keyPair?: RsaKeyPair } = {}): FakeServiceAccountKey {
    const n = ++this.counter;
    const clientEmail = options.clientEmail ?? `pintu-bot-${n}@pintu-konseling-test.iam.gserviceaccount.com`;
    const { privateKey, publicKey } = options.keyPair ?? generateRsaKeyPair();
    this.serviceAccounts.set(clientEmail, { publicKey, delegation: options.delegation ?? true });
    return {
      type: "service_account",
      project_id: "pintu-konseling-test",
      private_key_id: randomBytes(20).toString("hex"),
      private_key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      client_email: clientEmail,
      client_id: String(100000000000000000000n + BigInt(n)),
      token_uri: GOOGLE_TOKEN_AUD,
    };
  }

  addOAuthClient(client: { clientId: string; clientSecret: string }): void {
    this.oauthClients.set(client.clientId, client.clientSecret);
  }

  issueRefreshToken(options: { clientId: string; email: string }): string {
    const token = `1//fake-refresh-${randomBytes(12).toString("hex")}`;
    this.refreshTokens.set(token, { clientId: options.clientId, email: options.email.toLowerCase(), scope: CALENDAR_SCOPE });
    return token;
  }

  consentAs(email: string | null): void {
    this.consentUser = email?.toLowerCase() ?? null;
  }

  revoke(credential: string): void {
    this.revoked.add(credential);
  }

  // --- calendar state ------------------------------------------------------------------------

  seedBusy(calendarId: string, intervals: { start: Date | string; end: Date | string }[]): void {
    const list = this.busy.get(calendarId.toLowerCase()) ?? [];
    for (const i of intervals) list.push({ start: new Date(i.start).getTime(), end: new Date(i.end).getTime() });
    this.busy.set(calendarId.toLowerCase(), list);
  }

  events(calendarId: string): StoredEvent["resource"][] {
    return [...(this.calendars.get(calendarId.toLowerCase())?.values() ?? [])].map((e) => this.read(e, false));
  }

  putEvent(calendarId: string, resource: Record<string, unknown> & { id: string }): void {
    const status = typeof resource.status === "string" ? resource.status : "confirmed";
    this.calendarOf(calendarId).set(resource.id, {
      calendarId: calendarId.toLowerCase(),
      resource: structuredClone({ ...resource, status }),
      conference: null,
    });
  }

  conferencePending(reads: number, times = 1): void {
    this.nextConferences({ pendingReads: reads }, times);
  }

  nextConferences(plan: ConferencePlan, times = 1): void {
    for (let i = 0; i < times; i++) this.conferencePlans.push(plan);
  }

  // --- fault injection -----------------------------------------------------------------------

  failNext(route: FakeRoute, failure: InjectedFailure, times = 1): void {
    const list = this.failures.get(route) ?? [];
    for (let i = 0; i < times; i++) list.push(failure);
    this.failures.set(route, list);
  }

  dropNext(route: FakeRoute, options: { afterProcessing?: boolean; times?: number } = {}): void {
    const list = this.drops.get(route) ?? [];
    for (let i = 0; i < (options.times ?? 1); i++) list.push(options.afterProcessing ?? false);
    this.drops.set(route, list);
  }

  delayNext(route: FakeRoute, ms: number, times = 1): void {
    const list = this.delays.get(route) ?? [];
    for (let i = 0; i < times; i++) list.push(ms);
    this.delays.set(route, list);
  }

  // --- HTTP ----------------------------------------------------------------------------------

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://fake");
    const raw = await readBody(req);
    const method = req.method ?? "GET";
    const route = routeOf(method, url.pathname);
    const contentType = req.headers["content-type"] ?? "";
    let body: unknown;
    if (raw.length > 0) {
      body = contentType.includes("application/x-www-form-urlencoded")
        ? Object.fromEntries(new URLSearchParams(raw.toString("utf8")))
        : safeJson(raw.toString("utf8"));
    }
    const record: RecordedRequest = {
      route,
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body,
      authorization: req.headers.authorization,
      principal: null,
      status: 0,
    };
    this.requests.push(record);

    const drop = route === "unknown" ? undefined : this.drops.get(route)?.shift();
    if (drop === false) {
      req.socket.destroy();
      return;
    }
    const injected = route === "unknown" ? undefined : this.failures.get(route)?.shift();
    let answer: HttpAnswer;
    if (injected) {
      answer = { status: injected.status, body: injected.body ?? defaultFailureBody(route as FakeRoute, injected.status), headers: injected.headers };
    } else {
      answer = this.answer(route, method, url, body, record, req.headers.authorization);
    }
    if (drop === true) {
      req.socket.destroy();
      return;
    }
    const delay = route === "unknown" ? undefined : this.delays.get(route)?.shift();
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    record.status = answer.status;
    const headers: Record<string, string> = { ...answer.headers };
    if (answer.body === undefined) {
      res.writeHead(answer.status, headers);
      res.end();
      return;
    }
    headers["content-type"] ??= "application/json; charset=UTF-8";
    res.writeHead(answer.status, headers);
    res.end(JSON.stringify(answer.body));
  }

  private answer(
    route: FakeRoute | "unknown",
    method: string,
    url: URL,
    body: unknown,
    record: RecordedRequest,
    authorization: string | undefined,
  ): HttpAnswer {
    if (route === "token") return this.token(body as Record<string, string> | undefined);
    if (route === "consent") return this.consent(url);
    if (route === "unknown") return { status: 404, body: apiError(404, "notFound", `Not Found: ${method} ${url.pathname}`) };

    const principal = this.principalOf(authorization);
    if (!principal) return { status: 401, body: fixture("error-401-auth.json") };
    record.principal = principal.email;

    if (route === "freeBusy") return this.freeBusy(body, principal);
    const match = /^\/calendar\/v3\/calendars\/([^/]+)\/events(?:\/([^/]+))?$/.exec(url.pathname);
    const calendarId = this.resolveCalendar(decodeURIComponent(match?.[1] ?? ""), principal);
    if (calendarId !== principal.email) return { status: 404, body: fixture("error-404-not-found.json") };
    const eventId = match?.[2] ? decodeURIComponent(match[2]) : undefined;
    const conferenceVersion = Number(url.searchParams.get("conferenceDataVersion") ?? "0");

    switch (route) {
      case "events.insert":
        return this.insert(calendarId, body, principal, conferenceVersion);
      case "events.get":
        return this.get(calendarId, eventId ?? "");
      case "events.patch":
        return this.patch(calendarId, eventId ?? "", body, principal, conferenceVersion);
      case "events.delete":
        return this.delete(calendarId, eventId ?? "");
    }
  }

  // --- /token --------------------------------------------------------------------------------

  private token(form: Record<string, string> | undefined): HttpAnswer {
    const grant = form?.grant_type;
    if (grant === JWT_BEARER) return this.jwtGrant(form?.assertion ?? "");
    if (grant === "refresh_token") return this.refreshGrant(form ?? {});
    if (grant === "authorization_code") return this.codeGrant(form ?? {});
    return { status: 400, body: { error: "unsupported_grant_type", error_description: `Invalid grant_type: ${grant ?? ""}` } };
  }

  private jwtGrant(assertion: string): HttpAnswer {
    const invalid = (description: string): HttpAnswer => ({ status: 400, body: { error: "invalid_grant", error_description: description } });
    const parts = assertion.split(".");
    if (parts.length !== 3) return invalid("Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.");
    const [h, p, s] = parts as [string, string, string];
    const header = safeJson(Buffer.from(h, "base64url").toString("utf8")) as Record<string, unknown> | undefined;
    const claims = safeJson(Buffer.from(p, "base64url").toString("utf8")) as Record<string, unknown> | undefined;
    if (!header || !claims) return invalid("Invalid JWT: malformed.");
    const iss = String(claims.iss ?? "");
    const account = this.serviceAccounts.get(iss);
    const signatureValid =
      header.alg === "RS256" && account !== undefined && createVerify("RSA-SHA256").update(`${h}.${p}`).verify(account.publicKey, Buffer.from(s, "base64url"));
    const grant: TokenGrant = { header, claims, signatureValid, granted: false };
    this.tokenGrants.push(grant);
    if (!account) return invalid("Invalid grant: account not found");
    if (this.revoked.has(iss)) return invalid("Invalid grant: account not found");
    if (!signatureValid) return invalid("Invalid JWT Signature.");
    const now = Math.floor(Date.now() / 1000);
    const iat = Number(claims.iat);
    const exp = Number(claims.exp);
    if (claims.aud !== GOOGLE_TOKEN_AUD || !(iat <= now + 300) || !(exp >= now - 300) || !(exp - iat <= 3600)) {
      return invalid(
        "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.",
      );
    }
    const scopes = String(claims.scope ?? "").split(" ");
    if (!scopes.includes(CALENDAR_SCOPE))
      return { status: 400, body: { error: "invalid_scope", error_description: "Invalid OAuth scope or ID token audience provided." } };
    let email = iss;
    let isServiceAccount = true;
    if (claims.sub !== undefined) {
      if (!account.delegation) return { status: 401, body: fixture("token-unauthorized-client.json") };
      const sub = String(claims.sub).toLowerCase();
      if (!sub.endsWith(`@${this.domain}`)) return invalid("Invalid email or User ID");
      email = sub;
      isServiceAccount = false;
    }
    grant.granted = true;
    return { status: 200, body: this.issueAccessToken({ email, isServiceAccount, credential: iss }) };
  }

  private checkClient(form: Record<string, string>): HttpAnswer | null {
    const secret = this.oauthClients.get(form.client_id ?? "");
    if (secret === undefined || secret !== form.client_secret) {
      return { status: 401, body: { error: "invalid_client", error_description: "Unauthorized" } };
    }
    return null;
  }

  private refreshGrant(form: Record<string, string>): HttpAnswer {
    const refused = this.checkClient(form);
    if (refused) return refused;
    const token = form.refresh_token ?? "";
    const stored = this.refreshTokens.get(token);
    if (!stored || stored.clientId !== form.client_id || this.revoked.has(token)) {
      return { status: 400, body: fixture("token-invalid-grant-revoked.json") };
    }
    const access = this.issueAccessToken({ email: stored.email, isServiceAccount: false, credential: token });
    return { status: 200, body: { ...access, scope: stored.scope } };
  }

  private codeGrant(form: Record<string, string>): HttpAnswer {
    const refused = this.checkClient(form);
    if (refused) return refused;
    const code = this.codes.get(form.code ?? "");
    const badCode = { status: 400, body: { error: "invalid_grant", error_description: "Malformed auth code." } };
    if (!code || code.used || code.clientId !== form.client_id) return badCode;
    if (code.redirectUri !== form.redirect_uri) return { status: 400, body: { error: "redirect_uri_mismatch", error_description: "Bad Request" } };
    if (code.challenge !== null) {
      const verifier = form.code_verifier ?? "";
      const computed = code.challengeMethod === "S256" ? createHash("sha256").update(verifier).digest("base64url") : verifier;
      if (computed !== code.challenge) return { status: 400, body: { error: "invalid_grant", error_description: "Invalid code verifier." } };
    }
    code.used = true;
    const access = this.issueAccessToken({ email: code.email, isServiceAccount: false, credential: `code:${form.code}` });
    const answer: Record<string, unknown> = { ...access, scope: code.scope };
    if (code.scope.split(" ").includes("openid")) answer.id_token = idToken(code.clientId, code.email);
    if (code.offline) {
      const refresh = this.issueRefreshToken({ clientId: code.clientId, email: code.email });
      answer.refresh_token = refresh;
      const stored = this.refreshTokens.get(refresh);
      if (stored) stored.scope = code.scope;
    }
    return { status: 200, body: answer };
  }

  private issueAccessToken(p: Omit<Principal, "expiresAt">): Record<string, unknown> {
    const token = `ya29.fake-${randomBytes(16).toString("hex")}`;
    this.accessTokens.set(token, { ...p, expiresAt: Date.now() + this.accessTokenSeconds * 1000 });
    return { access_token: token, expires_in: this.accessTokenSeconds, token_type: "Bearer", scope: CALENDAR_SCOPE };
  }

  private principalOf(authorization: string | undefined): Principal | null {
    const token = /^Bearer (.+)$/.exec(authorization ?? "")?.[1];
    const principal = token ? this.accessTokens.get(token) : undefined;
    if (!principal || principal.expiresAt < Date.now() || this.revoked.has(principal.credential)) return null;
    return principal;
  }

  // --- consent page (what the browser would do) ---------------------------------------------

  private consent(url: URL): HttpAnswer {
    const q = url.searchParams;
    const clientId = q.get("client_id") ?? "";
    const redirectUri = q.get("redirect_uri") ?? "";
    if (!this.oauthClients.has(clientId)) return { status: 401, body: { error: "invalid_client", error_description: "The OAuth client was not found." } };
    if (q.get("response_type") !== "code" || !redirectUri) return { status: 400, body: { error: "invalid_request" } };
    const target = new URL(redirectUri);
    const state = q.get("state");
    if (state !== null) target.searchParams.set("state", state);
    if (!this.consentUser) {
      target.searchParams.set("error", "access_denied");
      return { status: 302, headers: { location: target.href } };
    }
    const code = `4/0fake-${randomBytes(12).toString("hex")}`;
    this.codes.set(code, {
      clientId,
      email: this.consentUser,
      redirectUri,
      challenge: q.get("code_challenge"),
      challengeMethod: q.get("code_challenge_method"),
      // Google only hands out a refresh token for offline access (and, after the first time, with prompt=consent).
      offline: q.get("access_type") === "offline" && q.get("prompt")?.split(" ").includes("consent") === true,
      scope: q.get("scope") ?? "",
      used: false,
    });
    target.searchParams.set("code", code);
    target.searchParams.set("scope", q.get("scope") ?? "");
    return { status: 302, headers: { location: target.href } };
  }

  // --- Calendar API --------------------------------------------------------------------------

  private resolveCalendar(id: string, principal: Principal): string {
    return id === "primary" ? principal.email : id.toLowerCase();
  }

  private calendarOf(calendarId: string): Map<string, StoredEvent> {
    const key = calendarId.toLowerCase();
    let events = this.calendars.get(key);
    if (!events) {
      events = new Map();
      this.calendars.set(key, events);
    }
    return events;
  }

  private freeBusy(body: unknown, principal: Principal): HttpAnswer {
    const b = (body ?? {}) as { timeMin?: string; timeMax?: string; items?: { id?: string }[] };
    const min = Date.parse(b.timeMin ?? "");
    const max = Date.parse(b.timeMax ?? "");
    if (!Number.isFinite(min) || !Number.isFinite(max)) return { status: 400, body: apiError(400, "required", "Missing time range.") };
    if (max <= min) return { status: 400, body: apiError(400, "timeRangeEmpty", "The specified time range is empty.", "calendar") };
    if (max - min > FREE_BUSY_MAX_MS) return { status: 400, body: apiError(400, "timeRangeTooLong", "The requested time range is too long.", "calendar") };
    const calendars: Record<string, unknown> = {};
    for (const item of b.items ?? []) {
      const requested = item.id ?? "";
      const calendarId = this.resolveCalendar(requested, principal);
      if (calendarId !== principal.email) {
        calendars[requested] = { errors: [{ domain: "global", reason: "notFound" }], busy: [] };
        continue;
      }
      const periods = [...(this.busy.get(calendarId) ?? [])];
      for (const e of this.calendarOf(calendarId).values()) {
        if (e.resource.status === "cancelled" || e.resource.transparency === "transparent") continue;
        const start = Date.parse(String((e.resource.start as { dateTime?: string } | undefined)?.dateTime ?? ""));
        const end = Date.parse(String((e.resource.end as { dateTime?: string } | undefined)?.dateTime ?? ""));
        if (Number.isFinite(start) && Number.isFinite(end)) periods.push({ start, end });
      }
      const clipped = periods
        .filter((p) => p.start < max && p.end > min)
        .map((p) => ({ start: Math.max(p.start, min), end: Math.min(p.end, max) }))
        .sort((x, y) => x.start - y.start);
      const merged: { start: number; end: number }[] = [];
      for (const p of clipped) {
        const last = merged[merged.length - 1];
        if (last && p.start <= last.end) last.end = Math.max(last.end, p.end);
        else merged.push({ ...p });
      }
      calendars[requested] = { busy: merged.map((p) => ({ start: googleInstant(p.start), end: googleInstant(p.end) })) };
    }
    return { status: 200, body: { kind: "calendar#freeBusy", timeMin: new Date(min).toISOString(), timeMax: new Date(max).toISOString(), calendars } };
  }

  private insert(calendarId: string, body: unknown, principal: Principal, conferenceVersion: number): HttpAnswer {
    const input = (body ?? {}) as Record<string, unknown>;
    const events = this.calendarOf(calendarId);
    const id = typeof input.id === "string" ? input.id : randomBase32hex(26);
    if (!EVENT_ID.test(id)) return { status: 400, body: apiError(400, "invalid", "Invalid resource id value.") };
    if (events.has(id)) return { status: 409, body: fixture("error-409-duplicate.json") };
    const times = this.times(input);
    if ("error" in times) return times.error;
    const now = new Date().toISOString();
    const resource: StoredEvent["resource"] = {
      kind: "calendar#event",
      etag: `"${Date.now()}000"`,
      id,
      status: "confirmed",
      htmlLink: `https://www.google.com/calendar/event?eid=${Buffer.from(`${id} ${calendarId}`).toString("base64url")}`,
      created: now,
      updated: now,
      summary: input.summary,
      description: input.description,
      creator: { email: principal.email, self: true },
      organizer: { email: calendarId, self: true },
      start: times.start,
      end: times.end,
      iCalUID: `${id}@google.com`,
      sequence: 0,
      reminders: { useDefault: true },
      eventType: "default",
    };
    for (const field of ["visibility", "transparency", "guestsCanInviteOthers", "guestsCanSeeOtherGuests", "location"]) {
      if (input[field] !== undefined) resource[field] = input[field];
    }
    if (Array.isArray(input.attendees)) {
      const attendees = input.attendees as { email?: unknown }[];
      const refused = attendeeProblem(attendees);
      if (refused) return refused;
      resource.attendees = attendees.map((a) => ({ email: a.email, responseStatus: "needsAction" }));
    }
    const stored: StoredEvent = { calendarId, resource, conference: null };
    const conference = this.conference(input, principal, conferenceVersion, stored);
    if (conference) return conference;
    events.set(id, stored);
    return { status: 200, body: this.read(stored, false) };
  }

  /**
   * Applies conferenceData.createRequest the way Google does; returns an error answer when refused. A requestId
   * used before is ignored: the event gets that request's conference as it stands.
   */
  private conference(input: Record<string, unknown>, principal: Principal, conferenceVersion: number, stored: StoredEvent): HttpAnswer | null {
    if (conferenceVersion < 1) return null; // Google ignores conferenceData without conferenceDataVersion=1
    const request = (input.conferenceData as { createRequest?: { requestId?: string; conferenceSolutionKey?: { type?: string } } } | undefined)?.createRequest;
    if (!request) return null;
    if (request.conferenceSolutionKey?.type !== "hangoutsMeet" || principal.isServiceAccount) {
      return { status: 400, body: fixture("error-400-conference.json") };
    }
    if (!request.requestId) return { status: 400, body: apiError(400, "required", "Missing conference request id.") };
    const conferenceKey = `${stored.calendarId} ${request.requestId}`;
    if (!this.conferences.has(conferenceKey)) {
      const code = meetCode();
      const plan = this.conferencePlans.shift() ?? {};
      this.conferences.set(conferenceKey, {
        requestId: request.requestId,
        made: {
          entryPoints: [
            { entryPointType: "video", uri: `https://meet.google.com/${code}`, label: `meet.google.com/${code}` },
            { entryPointType: "more", uri: `https://tel.meet/${code}?pin=${String(Date.now()).slice(-13)}`, pin: String(Date.now()).slice(-13) },
          ],
          conferenceSolution: {
            key: { type: "hangoutsMeet" },
            name: "Google Meet",
            iconUri: "https://fonts.gstatic.com/s/i/productlogos/meet_2020q4/v6/web-512dp/logo_meet_2020q4_color_2x_web_512dp.png",
          },
          conferenceId: code,
        },
        outcome: plan.outcome ?? "success",
        pendingReads: plan.pendingReads ?? 0,
        pendingUntil: this.clock() + (plan.pendingMs ?? 0),
      });
    }
    stored.conference = conferenceKey;
    return null;
  }

  /** The resource as answered: the conference as it stands (pending: only its createRequest; failure: no entry points). */
  private read(stored: StoredEvent, countsAsRead: boolean): StoredEvent["resource"] {
    const copy = structuredClone(stored.resource);
    const conference = stored.conference ? this.conferences.get(stored.conference) : undefined;
    if (!conference) return copy;
    const pending = conference.pendingReads > 0 || this.clock() < conference.pendingUntil;
    if (pending && countsAsRead && conference.pendingReads > 0) conference.pendingReads--;
    const statusCode = pending ? "pending" : conference.outcome;
    const createRequest = { requestId: conference.requestId, conferenceSolutionKey: { type: "hangoutsMeet" }, status: { statusCode } };
    if (statusCode !== "success") {
      copy.conferenceData = { createRequest };
      return copy;
    }
    copy.conferenceData = { createRequest, ...structuredClone(conference.made) };
    copy.hangoutLink = (conference.made.entryPoints as { uri: string }[])[0]?.uri;
    return copy;
  }

  private times(input: Record<string, unknown>): { start: unknown; end: unknown } | { error: HttpAnswer } {
    const start = input.start as { dateTime?: string; timeZone?: string } | undefined;
    const end = input.end as { dateTime?: string; timeZone?: string } | undefined;
    const s = Date.parse(start?.dateTime ?? "");
    const e = Date.parse(end?.dateTime ?? "");
    if (!Number.isFinite(s) || !Number.isFinite(e)) return { error: { status: 400, body: apiError(400, "required", "Missing end time.") } };
    if (e <= s) return { error: { status: 400, body: apiError(400, "timeRangeEmpty", "The specified time range is empty.", "calendar") } };
    for (const [which, time] of [
      ["start", start],
      ["end", end],
    ] as const) {
      if (time?.timeZone !== undefined && !isIanaZone(time.timeZone)) {
        return { error: { status: 400, body: apiError(400, "invalid", `Invalid time zone definition for ${which} time.`) } };
      }
    }
    return { start: eventTime(s, start?.timeZone), end: eventTime(e, end?.timeZone) };
  }

  private get(calendarId: string, eventId: string): HttpAnswer {
    const stored = this.calendarOf(calendarId).get(eventId);
    if (!stored) return { status: 404, body: fixture("error-404-not-found.json") };
    return { status: 200, body: this.read(stored, true) };
  }

  private patch(calendarId: string, eventId: string, body: unknown, principal: Principal, conferenceVersion: number): HttpAnswer {
    const stored = this.calendarOf(calendarId).get(eventId);
    if (!stored) return { status: 404, body: fixture("error-404-not-found.json") };
    const input = (body ?? {}) as Record<string, unknown>;
    const next = { ...stored.resource, ...input, id: stored.resource.id } as StoredEvent["resource"];
    if (input.start !== undefined || input.end !== undefined) {
      const times = this.times({ start: next.start, end: next.end });
      if ("error" in times) return times.error;
      next.start = times.start;
      next.end = times.end;
      next.sequence = Number(stored.resource.sequence ?? 0) + 1;
    }
    // The request's conferenceData is a createRequest, never stored as is: a fixture's own conference stays.
    next.conferenceData = stored.resource.conferenceData;
    if (Array.isArray(input.attendees)) {
      const refused = attendeeProblem(input.attendees as { email?: unknown }[]);
      if (refused) return refused;
    }
    const changed: StoredEvent = { ...stored, resource: next };
    if (input.conferenceData !== undefined) {
      const refused = this.conference(input, principal, conferenceVersion, changed);
      if (refused) return refused;
    }
    next.updated = new Date().toISOString();
    next.etag = `"${Date.now()}001"`;
    stored.resource = next;
    stored.conference = changed.conference;
    return { status: 200, body: this.read(stored, false) };
  }

  private delete(calendarId: string, eventId: string): HttpAnswer {
    const stored = this.calendarOf(calendarId).get(eventId);
    if (!stored) return { status: 404, body: fixture("error-404-not-found.json") };
    if (stored.resource.status === "cancelled") return { status: 410, body: fixture("error-410-deleted.json") };
    stored.resource = { ...stored.resource, status: "cancelled", updated: new Date().toISOString() };
    return { status: 204 };
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

function routeOf(method: string, path: string): FakeRoute | "unknown" {
  if (method === "POST" && path === "/token") return "token";
  if (method === "GET" && path === "/o/oauth2/v2/auth") return "consent";
  if (method === "POST" && path === "/calendar/v3/freeBusy") return "freeBusy";
  if (/^\/calendar\/v3\/calendars\/[^/]+\/events$/.test(path)) return method === "POST" ? "events.insert" : "unknown";
  if (/^\/calendar\/v3\/calendars\/[^/]+\/events\/[^/]+$/.test(path)) {
    if (method === "GET") return "events.get";
    if (method === "PATCH") return "events.patch";
    if (method === "DELETE") return "events.delete";
  }
  return "unknown";
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Whether Google would take this as an event's time zone: an IANA name ("Asia/Jakarta"), not an offset ("UTC+7"). */
function isIanaZone(zone: unknown): boolean {
  if (typeof zone !== "string" || !/^(UTC|GMT|[A-Za-z]+(\/[A-Za-z0-9_+-]+)+)$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Google's 400 for an attendee without a usable email address, or null when every attendee has one. */
function attendeeProblem(attendees: { email?: unknown }[]): HttpAnswer | null {
  for (const a of attendees) {
    if (a.email === undefined || a.email === "") return { status: 400, body: apiError(400, "required", "Missing attendee email.") };
    if (typeof a.email !== "string" || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(a.email))
      return { status: 400, body: apiError(400, "invalid", "Invalid attendee email.") };
  }
  return null;
}

/** Google's free/busy instants: UTC, no milliseconds ("2026-12-07T00:30:00Z"). */
function googleInstant(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** An event time as Google answers it: local time with offset in the event's zone. */
function eventTime(ms: number, timeZone: string | undefined): Record<string, string> {
  const zone = timeZone ?? "UTC";
  const dateTime = DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }) ?? new Date(ms).toISOString();
  return timeZone ? { dateTime, timeZone } : { dateTime };
}

/** An OpenID id_token as the token endpoint returns it (signature is not meant to be checked here). */
function idToken(clientId: string, email: string): string {
  const now = Math.floor(Date.now() / 1000);
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const claims = {
    iss: "https://accounts.google.com",
    aud: clientId,
    sub: createHash("sha256").update(email).digest("hex").slice(0, 21),
    email,
    email_verified: true,
    iat: now,
    exp: now + 3600,
  };
  return `${part({ alg: "RS256", kid: "fake", typ: "JWT" })}.${part(claims)}.${randomBytes(32).toString("base64url")}`;
}

function randomBase32hex(length: number): string {
  const alphabet = "0123456789abcdefghijklmnopqrstuv";
  return [...randomBytes(length)].map((b) => alphabet[b % 32]).join("");
}

function meetCode(): string {
  const letters = "abcdefghijklmnopqrstuvwxyz";
  const pick = (n: number) => [...randomBytes(n)].map((b) => letters[b % 26]).join("");
  return `${pick(3)}-${pick(4)}-${pick(3)}`;
}

/** Starts the fake on 127.0.0.1 (port 0 = any free port). */
export async function startFakeGoogleCalendar(options: FakeGoogleCalendarOptions = {}): Promise<FakeGoogleCalendar> {
  const server = new FakeServer(options);
  await server.listen(options.port ?? 0);
  return server;
}
