// formToken: the dashboard forms' CSRF tokens, derived with the app's hash key.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { formTokenMatches, isTokenShaped, loginFormToken, newLoginNonce, sessionFormToken } from "../../../src/http/dashboard/formToken.ts";
import { HashKey } from "../../../src/privacy/keyedHash.ts";

const key = new HashKey(randomBytes(32));
const otherKey = new HashKey(randomBytes(32));

describe("form tokens", () => {
  it("binds the login form to the link and to the browser's login cookie", () => {
    const nonce = newLoginNonce();
    expect(isTokenShaped(nonce)).toBe(true);
    const token = loginFormToken(key, { loginToken: "link-token-aaaaaaaaaaaaaaaa", nonce });
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(formTokenMatches(token, loginFormToken(key, { loginToken: "link-token-aaaaaaaaaaaaaaaa", nonce }))).toBe(true);
    expect(formTokenMatches(token, loginFormToken(key, { loginToken: "link-token-bbbbbbbbbbbbbbbb", nonce }))).toBe(false);
    expect(formTokenMatches(token, loginFormToken(key, { loginToken: "link-token-aaaaaaaaaaaaaaaa", nonce: newLoginNonce() }))).toBe(false);
    expect(formTokenMatches(token, loginFormToken(otherKey, { loginToken: "link-token-aaaaaaaaaaaaaaaa", nonce }))).toBe(false);
  });

  it("gives each session its own token, distinct from any login token", () => {
    const session = "s".repeat(43);
    expect(formTokenMatches(sessionFormToken(key, session), sessionFormToken(key, session))).toBe(true);
    expect(formTokenMatches(sessionFormToken(key, session), sessionFormToken(key, "t".repeat(43)))).toBe(false);
    expect(sessionFormToken(key, session)).not.toBe(loginFormToken(key, { loginToken: session, nonce: "" }));
  });

  it("never matches a missing, empty or non-text token", () => {
    const expected = sessionFormToken(key, "s".repeat(43));
    for (const posted of [undefined, null, "", expected.slice(1), [expected], 42]) expect(formTokenMatches(posted, expected)).toBe(false);
    expect(isTokenShaped(undefined)).toBe(false);
    expect(isTokenShaped("short")).toBe(false);
    expect(isTokenShaped("a;b=c".repeat(10))).toBe(false);
  });
});
