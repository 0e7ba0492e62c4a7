import { describe, expect, it } from "vitest";
import { dataProtectionContact, erasureDueAt, erasureEscalatesAt } from "../../src/core/dataProtection.ts";
import { parseDataProtectionContacts } from "../../src/config.ts";

describe("data protection settings", () => {
  it("an erasure is due 3×24 hours after the request and escalated before", () => {
    const at = new Date("2027-03-01T10:00:00Z");
    expect(erasureDueAt(at).toISOString()).toBe("2027-03-04T10:00:00.000Z");
    expect(erasureEscalatesAt(at, 48).toISOString()).toBe("2027-03-03T10:00:00.000Z");
    expect(erasureEscalatesAt(at, 500).getTime()).toBeLessThan(erasureDueAt(at).getTime());
  });
  it("names one contact for every organisation, or one per organisation", () => {
    const one = parseDataProtectionContacts("Pejabat PDP IPDN, pdp@ipdn.ac.id (https://ipdn.ac.id/pdp?x=1)");
    expect(dataProtectionContact(one, "puspaga")).toBe("Pejabat PDP IPDN, pdp@ipdn.ac.id (https://ipdn.ac.id/pdp?x=1)");
    const each = parseDataProtectionContacts("ipdn=PDP IPDN <pdp@ipdn.ac.id>; puspaga = PDP DP3ACSKB <pdp@babelprov.go.id>");
    expect(dataProtectionContact(each, "ipdn")).toBe("PDP IPDN <pdp@ipdn.ac.id>");
    expect(dataProtectionContact(each, "puspaga")).toBe("PDP DP3ACSKB <pdp@babelprov.go.id>");
    expect(dataProtectionContact(each, "other")).toBeUndefined();
    expect(dataProtectionContact(parseDataProtectionContacts(undefined), "ipdn")).toBeUndefined();
  });
});
