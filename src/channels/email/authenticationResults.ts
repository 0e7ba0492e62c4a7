// Whether the mail system that received a message vouched for its sender. Anyone can write a From: header; the
// receiving server checks DKIM, SPF and DMARC and records what it found in an Authentication-Results header
// (RFC 8601) above the message's own headers. Only the topmost such header of a server we trust counts: a
// sender can write Authentication-Results headers of their own, which end up below it, or name another server.
// The message counts as authenticated when that header says DMARC passed for the From domain, or a DKIM
// signature passed whose domain is aligned with the From domain.

/** One "method=result" of a header, with its properties ("header.d" → "example.com"). */
export interface AuthResult {
  method: string;
  result: string;
  props: Record<string, string>;
}

/** A parsed Authentication-Results header: which server wrote it, and its results. */
export interface AuthenticationResults {
  authservId: string;
  results: AuthResult[];
}

/** The verdict on a message's sender, and a reason that names headers and results, never an address. */
export interface SenderAuthentication {
  verified: boolean;
  via?: "dmarc" | "dkim";
  reason: string;
}

/** Drops (nested) comments, keeping quoted strings whole. */
function stripComments(value: string): string {
  let out = "";
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === "\\" && (quoted || depth > 0)) {
      if (depth === 0) out += c + (value[i + 1] ?? "");
      i++;
      continue;
    }
    if (depth === 0 && c === '"') quoted = !quoted;
    if (!quoted && c === "(") depth++;
    else if (!quoted && c === ")" && depth > 0) depth--;
    else if (depth === 0) out += c;
  }
  return out;
}

/** Splits on ";" outside quoted strings. */
function splitSegments(value: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === "\\" && quoted) {
      current += c + (value[i + 1] ?? "");
      i++;
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === ";" && !quoted) {
      parts.push(current);
      current = "";
    } else current += c;
  }
  parts.push(current);
  return parts.map((p) => p.trim());
}

const unquote = (v: string) => (v.startsWith('"') && v.endsWith('"') && v.length >= 2 ? v.slice(1, -1).replace(/\\(.)/g, "$1") : v);

/** "key = value" pairs of one segment, in order (keys lower-case; a value may be quoted). */
function pairsOf(segment: string): { key: string; value: string }[] {
  const pairs: { key: string; value: string }[] = [];
  for (const m of segment.matchAll(/([^\s="]+(?:\s*\/\s*[^\s="]+)?)\s*=\s*("(?:[^"\\]|\\.)*"|[^\s"]+)/g)) {
    pairs.push({ key: m[1]!.replace(/\s+/g, "").toLowerCase(), value: unquote(m[2]!) });
  }
  return pairs;
}

/** Reads one header value; null when it has no authserv-id. */
export function parseAuthenticationResults(value: string): AuthenticationResults | null {
  const [head, ...rest] = splitSegments(stripComments(value));
  const authservId = unquote(head?.split(/\s+/)[0] ?? "").toLowerCase();
  if (!authservId) return null;
  const results: AuthResult[] = [];
  for (const segment of rest) {
    const [first, ...more] = pairsOf(segment);
    if (!first) continue; // "none"
    const props: Record<string, string> = {};
    for (const p of more) props[p.key] = p.value;
    results.push({ method: first.key.split("/")[0]!, result: first.value.toLowerCase(), props });
  }
  return { authservId, results };
}

/** Relaxed alignment without a public-suffix list: the same domain, or one a subdomain of the other (never a bare TLD). */
function aligned(signer: string, fromDomain: string): boolean {
  const d = signer.toLowerCase().replace(/\.$/, "");
  if (!d.includes(".")) return false;
  return d === fromDomain || fromDomain.endsWith(`.${d}`) || d.endsWith(`.${fromDomain}`);
}

/**
 * The verdict on a message: `headers` are its Authentication-Results values from the top down, `trusted` the
 * authserv-ids of the servers that receive our mail (MAIL_AUTHSERV_IDS), `fromDomain` the From address's domain.
 */
export function senderAuthentication(p: { headers: readonly string[]; fromDomain: string | undefined; trusted: readonly string[] }): SenderAuthentication {
  if (p.trusted.length === 0) return { verified: false, reason: "no trusted mail server is configured (MAIL_AUTHSERV_IDS)" };
  const fromDomain = p.fromDomain?.toLowerCase();
  if (!fromDomain) return { verified: false, reason: "no From domain" };
  const trusted = p.trusted.map((t) => t.toLowerCase());
  const topmost = p.headers.map(parseAuthenticationResults).find((h) => h !== null && trusted.includes(h.authservId));
  if (!topmost) return { verified: false, reason: "no Authentication-Results header of a trusted server" };
  const results = (method: string) => topmost.results.filter((r) => r.method === method);
  const dmarc = results("dmarc").find((r) => r.result === "pass" && (!r.props["header.from"] || r.props["header.from"].toLowerCase() === fromDomain));
  if (dmarc) return { verified: true, via: "dmarc", reason: `${topmost.authservId}: dmarc=pass` };
  const dkim = results("dkim").find((r) => {
    const signer = r.props["header.d"] ?? r.props["header.i"]?.replace(/^.*@/, "");
    return r.result === "pass" && signer !== undefined && aligned(signer, fromDomain);
  });
  if (dkim) return { verified: true, via: "dkim", reason: `${topmost.authservId}: dkim=pass, aligned` };
  const said = ["dmarc", "dkim"]
    .map(
      (m) =>
        `${m}=${
          results(m)
            .map((r) => r.result)
            .join("/") || "none"
        }`,
    )
    .join(", ");
  return { verified: false, reason: `${topmost.authservId} says ${said}` };
}
