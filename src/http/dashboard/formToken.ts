// The token every dashboard form carries (a CSRF token), so a post is accepted only from a page this server
// rendered for this browser. Nothing is stored: the token is an HMAC with the app's hash key over what only
// that browser holds — the session cookie's value, or (before there is a session) the login link's token and
// a random value in a SameSite=Strict cookie set when the login page was shown. Another site can neither read
// these nor compute the HMAC, and a SameSite=Strict cookie does not travel with its posts.
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { HashKey } from "../../privacy/keyedHash.ts";

/** The hidden field's name in every dashboard form. */
export const FORM_TOKEN_FIELD = "csrf";

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

/** A new random value for the login page's cookie. */
export function newLoginNonce(): string {
  return randomBytes(24).toString("base64url");
}

/** Whether a cookie value looks like one of ours (anything else is ignored, never hashed). */
export function isTokenShaped(value: string | undefined): value is string {
  return typeof value === "string" && TOKEN_SHAPE.test(value);
}

/** The login page's form token: bound to the link's token and to this browser's login cookie. */
export function loginFormToken(hashKey: HashKey, p: { loginToken: string; nonce: string }): string {
  return hashKey.hmacHex(`pintu-dasbor-form:v1\u0000login\u0000${p.loginToken}\u0000${p.nonce}`);
}

/** The form token of every page of a session (the logout button's, any later form's). */
export function sessionFormToken(hashKey: HashKey, sessionToken: string): string {
  return hashKey.hmacHex(`pintu-dasbor-form:v1\u0000session\u0000${sessionToken}`);
}

/** Constant-time comparison of the posted token with the expected one; a missing token never matches. */
export function formTokenMatches(posted: unknown, expected: string): boolean {
  if (typeof posted !== "string" || posted.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(posted), Buffer.from(expected));
}
