// The settings issue 15 adds for erasure, retention and data rights: defaults, and a bad value named.
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.ts";

describe("data protection settings", () => {
  it("have defaults: 30 quiet days, escalation at 48 hours, mail deleted, no contact named", () => {
    const config = loadConfig({});
    expect(config.retentionNoCaseDays).toBe(30);
    expect(config.dataProtection).toEqual({ contacts: {}, escalateAfterHours: 48 });
    expect(config.email.erasure).toEqual({ mode: "delete" });
  });
  it("read a contact per organisation and a folder to move mail to", () => {
    const config = loadConfig({ DATA_PROTECTION_CONTACT: "ipdn=PDP IPDN; puspaga=PDP PUSPAGA", MAIL_ERASURE: "move:Dihapus", RETENTION_NO_CASE_DAYS: "14" });
    expect(config.dataProtection.contacts).toEqual({ ipdn: "PDP IPDN", puspaga: "PDP PUSPAGA" });
    expect(config.email.erasure).toEqual({ mode: "move", folder: "Dihapus" });
    expect(config.retentionNoCaseDays).toBe(14);
  });
  it("refuse an escalation at or after the 72-hour deadline, and an unknown mail erasure", () => {
    expect(() => loadConfig({ ERASURE_ESCALATE_HOURS: "72" })).toThrow(ConfigError);
    expect(() => loadConfig({ ERASURE_ESCALATE_HOURS: "72" })).toThrow(/ERASURE_ESCALATE_HOURS/);
    expect(() => loadConfig({ MAIL_ERASURE: "shred" })).toThrow(/MAIL_ERASURE/);
  });
});
