// Who may use the local page. Its panes act as any demo staff member and show their transcripts, so:
// - the page needs this process's token: in its address once (printed at start-up), then in a cookie
//   (HttpOnly, SameSite=Strict, Secure behind https) that the page's own requests carry;
// - every request names a Host this server answers to: an IP address, localhost, HTTP_HOST or PUBLIC_BASE_URL's
//   host. A page of another site whose name was made to resolve to 127.0.0.1 (DNS rebinding) sends its own
//   name, and is refused;
// - a request whose Origin or Sec-Fetch-Site says another site made it is refused, reading as well as posting.
import { createHash, timingSafeEqual } from "node:crypto";
import { isIP } from "node:net";
import type { FastifyRequest } from "fastify";
import { readCookie } from "./dashboard/sessionCookie.ts";

/** The cookie that carries the token after the first visit. */
export const LOCAL_PAGE_COOKIE = "pintu_lokal";

/** What the page's guard knows: the token, the names this server answers to, and whether cookies are Secure. */
export interface LocalPageAccess {
  token: string;
  /** Host names (not addresses: those always pass) the page may be reached at, lower-case. */
  hostNames: string[];
  secureCookie: boolean;
}

/** Why a request is refused, or null when it may go on. */
export type LocalRefusal = "foreign-host" | "foreign-origin" | "no-token" | null;

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function hostNameOf(host: string): string | null {
  try {
    return new URL(`http://${host}`).hostname.replace(/^\[|\]$/g, "").toLowerCase();
  } catch {
    return null;
  }
}

/** Whether a Host header names this server: an address (no name to rebind), localhost or a configured name. */
export function hostAllowed(hostHeader: string | string[] | undefined, access: Pick<LocalPageAccess, "hostNames">): boolean {
  const header = single(hostHeader);
  const name = header ? hostNameOf(header) : null;
  if (!name) return false;
  if (isIP(name) !== 0) return true;
  if (name === "localhost" || name.endsWith(".localhost")) return true;
  return access.hostNames.includes(name);
}

/**
 * Whether Origin and Sec-Fetch-Site (when the browser sends them) allow that this page itself made the request:
 * another site (or an opaque origin, "null") is refused; no header at all says nothing, and the token decides.
 */
function fromThisPage(request: FastifyRequest): boolean {
  const fetchSite = single(request.headers["sec-fetch-site"])?.trim().toLowerCase();
  if (fetchSite !== undefined && fetchSite !== "same-origin" && fetchSite !== "none") return false;
  const origin = single(request.headers.origin)?.trim();
  if (origin === undefined) return true;
  try {
    return origin !== "null" && new URL(origin).host === single(request.headers.host);
  } catch {
    return false;
  }
}

function sameSecret(presented: string | undefined, token: string): boolean {
  if (!presented) return false;
  const digest = (v: string) => createHash("sha256").update(v).digest();
  return timingSafeEqual(digest(presented), digest(token));
}

/** The token the request carries in its address (`?token=`), if any. */
export function tokenInAddress(request: FastifyRequest): string | undefined {
  const value = (request.query as { token?: unknown } | undefined)?.token;
  return typeof value === "string" ? value : undefined;
}

/**
 * Checks one request. `tokenFromAddress` lets the page's own address (GET /) present the token in its query;
 * every other request presents it in the cookie. `anyOrigin` skips the Origin check (the shell, which holds no state).
 */
export function checkLocalRequest(
  request: FastifyRequest,
  access: LocalPageAccess,
  options: { tokenFromAddress?: boolean; anyOrigin?: boolean } = {},
): LocalRefusal {
  if (!hostAllowed(request.headers.host, access)) return "foreign-host";
  if (!options.anyOrigin && !fromThisPage(request)) return "foreign-origin";
  const fromCookie = readCookie(request.headers.cookie, LOCAL_PAGE_COOKIE);
  if (sameSecret(fromCookie, access.token)) return null;
  if (options.tokenFromAddress && sameSecret(tokenInAddress(request), access.token)) return null;
  return "no-token";
}

/** The Set-Cookie value that keeps the token for the page's own requests (until the browser closes). */
export function localPageCookie(access: Pick<LocalPageAccess, "token" | "secureCookie">): string {
  return [`${LOCAL_PAGE_COOKIE}=${access.token}`, "Path=/", "HttpOnly", "SameSite=Strict", ...(access.secureCookie ? ["Secure"] : [])].join("; ");
}
