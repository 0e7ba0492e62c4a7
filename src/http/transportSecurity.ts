// Where people reach this server over https (PUBLIC_BASE_URL=https://...), browsers are told to come back only
// over https (HSTS) and cookies are Secure; where the address people are sent to is plain http on something
// other than this machine, staff logins and the local page would cross the network readable: the start-up log
// says so.
import type { FastifyInstance } from "fastify";
import type { Config } from "../config.ts";

/** A year, and every name under this one (a browser that saw it once never tries plain http again). */
export const HSTS = "max-age=31536000; includeSubDomains";

/** Whether people reach this server over https: its cookies are Secure and its answers carry HSTS. */
export function servedOverHttps(config: Pick<Config, "http">): boolean {
  return (config.http.publicBaseUrl ?? "").startsWith("https:");
}

/** Loopback names and addresses: plain http there never crosses a network. */
function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  return bare === "localhost" || bare.endsWith(".localhost") || bare === "::1" || /^127(\.\d{1,3}){3}$/.test(bare);
}

/**
 * The warning to log when staff are sent to a plain-http address that is not this machine (PUBLIC_BASE_URL
 * http://..., or none while HTTP_HOST listens beyond loopback); undefined when all is well.
 */
export function plainHttpWarning(config: Pick<Config, "http">): string | undefined {
  const base = config.http.publicBaseUrl;
  if (base) {
    const url = new URL(base);
    if (url.protocol === "https:" || isLoopback(url.hostname)) return undefined;
    return `PUBLIC_BASE_URL is ${url.protocol}//${url.host}, not https: dashboard logins and session cookies would cross the network readable. Serve it over https (a reverse proxy) and set PUBLIC_BASE_URL=https://...`;
  }
  if (isLoopback(config.http.host)) return undefined;
  return `HTTP_HOST is ${config.http.host} and PUBLIC_BASE_URL is not set: people would reach the dashboard over plain http. Serve it over https (a reverse proxy) and set PUBLIC_BASE_URL=https://...`;
}

/** Adds HSTS to every answer of the server when it is reached over https. */
export function mountTransportSecurity(server: FastifyInstance, config: Pick<Config, "http">): void {
  if (!servedOverHttps(config)) return;
  server.addHook("onSend", async (_request, reply, payload) => {
    reply.header("strict-transport-security", HSTS);
    return payload;
  });
}
