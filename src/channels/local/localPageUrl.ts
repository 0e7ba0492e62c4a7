// The local page's address as a person types it into a browser: the server's root, on a host a browser can reach,
// with the token the page asks for. The token is random, made once per process and printed at start-up only: a
// page elsewhere on the web (or another user of this machine who cannot see the terminal) cannot guess it.
import { randomBytes } from "node:crypto";

let token: string | undefined;

/** This process's local page token (32 random bytes, base64url). */
export function localPageToken(): string {
  token ??= randomBytes(32).toString("base64url");
  return token;
}

/** A wildcard listen address (0.0.0.0, ::) becomes 127.0.0.1; an IPv6 host is bracketed. */
export function hostForUrl(host: string): string {
  if (host === "0.0.0.0" || host === "::" || host === "") return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}

/** The local page's root for a server listening on `host`:`port` (the base of its routes). */
export function localPageBase(p: { host: string; port: number }): string {
  return `http://${hostForUrl(p.host)}:${p.port}/`;
}

/** The address to open: the root with this process's token, which the page then keeps in a cookie. */
export function localPageUrl(p: { host: string; port: number }): string {
  return `${localPageBase(p)}?token=${localPageToken()}`;
}
