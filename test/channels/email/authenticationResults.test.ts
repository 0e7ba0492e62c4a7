// Authentication-Results (RFC 8601) as receiving servers write them, and the verdict on a sender: only the topmost
// header of a trusted server counts, DMARC pass or an aligned DKIM pass authenticates, anything else does not.
import { describe, expect, it } from "vitest";
import { parseAuthenticationResults, senderAuthentication } from "../../../src/channels/email/authenticationResults.ts";

const GMAIL =
  "mx.google.com;\r\n       dkim=pass header.i=@unit.go.id header.s=sel1 header.b=AbCd1234;\r\n       spf=pass (google.com: domain of kepala@unit.go.id designates 203.0.113.5 as permitted sender) smtp.mailfrom=kepala@unit.go.id;\r\n       dmarc=pass (p=QUARANTINE sp=NONE dis=NONE) header.from=unit.go.id".replace(
    /\r\n\s+/g,
    " ",
  );

describe("parseAuthenticationResults", () => {
  it("reads Gmail's header: the authserv-id, each method's result and properties, comments dropped", () => {
    expect(parseAuthenticationResults(GMAIL)).toEqual({
      authservId: "mx.google.com",
      results: [
        { method: "dkim", result: "pass", props: { "header.i": "@unit.go.id", "header.s": "sel1", "header.b": "AbCd1234" } },
        { method: "spf", result: "pass", props: { "smtp.mailfrom": "kepala@unit.go.id" } },
        { method: "dmarc", result: "pass", props: { "header.from": "unit.go.id" } },
      ],
    });
  });

  it("reads a version, quoted values, a reason, nested comments and 'none'", () => {
    expect(parseAuthenticationResults('MX.Unit.Go.Id 1; dkim=fail reason="bad (sig)" header.d=unit.go.id (x (y) z); dmarc = none')).toEqual({
      authservId: "mx.unit.go.id",
      results: [
        { method: "dkim", result: "fail", props: { reason: "bad (sig)", "header.d": "unit.go.id" } },
        { method: "dmarc", result: "none", props: {} },
      ],
    });
    expect(parseAuthenticationResults("mx.unit.go.id; none")).toEqual({ authservId: "mx.unit.go.id", results: [] });
    expect(parseAuthenticationResults("  ")).toBeNull();
  });
});

describe("senderAuthentication", () => {
  const trusted = ["mx.unit.go.id"];
  const verdict = (headers: string[], fromDomain = "unit.go.id") => senderAuthentication({ headers, fromDomain, trusted });

  it("believes the trusted server's DMARC pass, or its DKIM pass aligned with the From domain", () => {
    expect(verdict(["mx.unit.go.id; dmarc=pass header.from=unit.go.id"])).toMatchObject({ verified: true, via: "dmarc" });
    expect(verdict(["mx.unit.go.id; dkim=pass header.d=unit.go.id; dmarc=none"])).toMatchObject({ verified: true, via: "dkim" });
    expect(verdict(["mx.unit.go.id; dkim=pass header.i=@mail.unit.go.id"])).toMatchObject({ verified: true, via: "dkim" });
    expect(verdict(["mx.unit.go.id; dkim=pass header.d=unit.go.id"], "biro.unit.go.id")).toMatchObject({ verified: true });
  });

  it("refuses a failed or missing result, a DKIM pass of another domain, a DMARC pass for another From", () => {
    expect(verdict(["mx.unit.go.id; dmarc=fail header.from=unit.go.id; dkim=fail header.d=unit.go.id"])).toEqual({
      verified: false,
      reason: "mx.unit.go.id says dmarc=fail, dkim=fail",
    });
    expect(verdict(["mx.unit.go.id; spf=pass smtp.mailfrom=unit.go.id"])).toMatchObject({ verified: false });
    expect(verdict(["mx.unit.go.id; dkim=pass header.d=mailer.example"])).toMatchObject({ verified: false });
    expect(verdict(["mx.unit.go.id; dkim=pass header.d=go.id"], "unit.go.id")).toMatchObject({ verified: true }); // the parent domain aligns (relaxed)
    expect(verdict(["mx.unit.go.id; dkim=pass header.d=id"])).toMatchObject({ verified: false }); // never a bare TLD
    expect(verdict(["mx.unit.go.id; dmarc=pass header.from=other.example"])).toMatchObject({ verified: false });
  });

  it("reads only the topmost header of a trusted server: a forged pass below it, or another server's, counts for nothing", () => {
    const forgedBelow = ["mx.unit.go.id; dmarc=fail header.from=unit.go.id", "mx.unit.go.id; dmarc=pass header.from=unit.go.id"];
    expect(verdict(forgedBelow)).toMatchObject({ verified: false, reason: "mx.unit.go.id says dmarc=fail, dkim=none" });
    expect(verdict(["evil.example; dmarc=pass header.from=unit.go.id"])).toEqual({
      verified: false,
      reason: "no Authentication-Results header of a trusted server",
    });
    expect(verdict(["relay.internal; dmarc=pass header.from=unit.go.id", "mx.unit.go.id; dmarc=fail header.from=unit.go.id"])).toMatchObject({
      verified: false,
    });
    expect(verdict([])).toMatchObject({ verified: false });
  });

  it("authenticates nothing without a trusted server configured or without a From domain", () => {
    expect(senderAuthentication({ headers: ["mx.unit.go.id; dmarc=pass header.from=unit.go.id"], fromDomain: "unit.go.id", trusted: [] })).toEqual({
      verified: false,
      reason: "no trusted mail server is configured (MAIL_AUTHSERV_IDS)",
    });
    expect(senderAuthentication({ headers: ["mx.unit.go.id; dmarc=pass"], fromDomain: undefined, trusted })).toMatchObject({ verified: false });
  });
});
