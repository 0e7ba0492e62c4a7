// The headers every dashboard response carries: pages only from this origin, never framed, never cached,
// never sniffed, and a Referer only to this origin (a login link's token never reaches another site; a post
// from our own page then carries its real Origin, which `no-referrer` would have sent as "null").
import type { FastifyReply } from "fastify";

/** Content-Security-Policy of the pages: no script at all, styles and images from this origin only. */
export const DASHBOARD_CSP = "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const HEADERS: Record<string, string> = {
  "content-security-policy": DASHBOARD_CSP,
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "same-origin",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
};

/**
 * Sets the dashboard's security headers on a reply (the routes' onSend hook calls it for every response).
 * A stricter Content-Security-Policy a route set itself (a download's sandbox) is kept.
 */
export function applySecurityHeaders(reply: FastifyReply): void {
  for (const [name, value] of Object.entries(HEADERS)) {
    if (name === "content-security-policy" && reply.hasHeader(name)) continue;
    reply.header(name, value);
  }
}
