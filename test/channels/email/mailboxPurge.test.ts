// Which mails are an erased client's: their address anywhere on the envelope, or one of their cases in the subject,
// exactly (the server's search is a substring match: "a@x" also finds "aa@x", "Kasus #1" also finds "Kasus #12").
import { describe, expect, it } from "vitest";
import { isClientsMail } from "../../../src/channels/email/mailboxPurge.ts";

const target = { addresses: ["sinta@test.local"], caseNumbers: [1] };

describe("isClientsMail", () => {
  it("takes mail from, to or copied to their address, whatever its case", () => {
    expect(isClientsMail({ from: [{ address: "Sinta@Test.Local" }] }, target)).toBe(true);
    expect(isClientsMail({ to: [{ address: "sinta@test.local" }] }, target)).toBe(true);
    expect(isClientsMail({ cc: [{ address: "sinta@test.local" }] }, target)).toBe(true);
  });
  it("takes their cases' threads, not a case whose number only begins the same", () => {
    expect(isClientsMail({ subject: "Re: [Kasus #1] Langkah 4", from: [{ address: "kepala@test.local" }] }, target)).toBe(true);
    expect(isClientsMail({ subject: "Re: [Kasus #12] Langkah 4", from: [{ address: "kepala@test.local" }] }, target)).toBe(false);
  });
  it("leaves someone else's mail, even with an address that contains theirs", () => {
    expect(isClientsMail({ from: [{ address: "asinta@test.local" }], subject: "Halo" }, target)).toBe(false);
    expect(isClientsMail(undefined, target)).toBe(false);
  });
});
