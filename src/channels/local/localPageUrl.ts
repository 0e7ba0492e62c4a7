// The local page's address as a person types it into a browser: the server's root, on a host a browser can reach.

/** A wildcard listen address (0.0.0.0, ::) becomes 127.0.0.1; an IPv6 host is bracketed. */
export function hostForUrl(host: string): string {
  if (host === "0.0.0.0" || host === "::" || host === "") return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}

/** The local page's address for a server listening on `host`:`port`. */
export function localPageUrl(p: { host: string; port: number }): string {
  return `http://${hostForUrl(p.host)}:${p.port}/`;
}
