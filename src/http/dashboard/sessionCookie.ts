// The dashboard's session cookie: read from the Cookie header by hand (no cookie library), written with the
// flags that keep it to this site's /dasbor pages (HttpOnly, SameSite=Strict, Secure behind https).

/** The cookie's name; its value is the opaque session token (only its hash is stored). */
export const SESSION_COOKIE = "pintu_dasbor";

/** One cookie's value from a Cookie header, or undefined (first occurrence wins, as browsers send the most specific first). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    return value;
  }
  return undefined;
}

/** The Set-Cookie value that starts a session of `maxAgeSeconds`. */
export function sessionCookie(p: { value: string; maxAgeSeconds: number; secure: boolean }): string {
  return [
    `${SESSION_COOKIE}=${p.value}`,
    "Path=/dasbor",
    `Max-Age=${Math.floor(p.maxAgeSeconds)}`,
    "HttpOnly",
    "SameSite=Strict",
    ...(p.secure ? ["Secure"] : []),
  ].join("; ");
}

/** The Set-Cookie value that makes the browser forget the session. */
export function clearedSessionCookie(p: { secure: boolean }): string {
  return [`${SESSION_COOKIE}=`, "Path=/dasbor", "Max-Age=0", "HttpOnly", "SameSite=Strict", ...(p.secure ? ["Secure"] : [])].join("; ");
}

/** The login page's cookie: a random value the login form's token is bound to (see formToken.ts). */
export const LOGIN_COOKIE = "pintu_dasbor_masuk";

/** The Set-Cookie value of the login page's cookie; it lives as long as a login link can. */
export function loginCookie(p: { value: string; maxAgeSeconds: number; secure: boolean }): string {
  return [
    `${LOGIN_COOKIE}=${p.value}`,
    "Path=/dasbor/masuk",
    `Max-Age=${Math.floor(p.maxAgeSeconds)}`,
    "HttpOnly",
    "SameSite=Strict",
    ...(p.secure ? ["Secure"] : []),
  ].join("; ");
}
