// Where a form post came from, as the browser says it in headers a page cannot set: Sec-Fetch-Site (sent by
// current browsers to https and localhost origins) and Origin. The dashboard's pages send
// `Referrer-Policy: same-origin`, so a post from its own page carries its real Origin; under `no-referrer`
// browsers send `Origin: null` (Fetch spec, "serialize a request origin"), which says nothing either way.
import type { IncomingHttpHeaders } from "node:http";

/**
 * "this-site": the browser says the post came from this origin; "other-site": something says another site
 * made it (always refused); "unknown": no usable header (an older browser, plain http on a LAN address,
 * `Origin: null`, or `Sec-Fetch-Site: none` — a post the user started themselves, which no other site can
 * cause). The form token is checked in every case; these headers can only add a refusal.
 */
export type PostSource = "this-site" | "other-site" | "unknown";

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Behind a reverse proxy the Host header may be the upstream's, so the public address counts as this site too. */
function originIsThisSite(origin: string, host: string | undefined, publicBaseUrl: string | undefined): boolean {
  try {
    const from = new URL(origin);
    if (host && from.host === host) return true;
    return publicBaseUrl ? from.origin === new URL(publicBaseUrl).origin : false;
  } catch {
    return false;
  }
}

/** Reads Sec-Fetch-Site and Origin together; any header naming another site wins. */
export function postSource(headers: IncomingHttpHeaders, publicBaseUrl: string | undefined): PostSource {
  const fetchSite = single(headers["sec-fetch-site"])?.trim().toLowerCase();
  const origin = single(headers.origin)?.trim();
  let site: PostSource = "unknown";
  if (fetchSite !== undefined) {
    if (fetchSite === "same-origin") site = "this-site";
    else if (fetchSite !== "none") return "other-site"; // cross-site, same-site (a sibling subdomain), or a value we do not know
  }
  if (origin && origin !== "null") {
    if (!originIsThisSite(origin, single(headers.host), publicBaseUrl)) return "other-site";
    site = "this-site";
  }
  return site;
}
