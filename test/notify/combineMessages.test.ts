// Combining a burst of plain messages for one chat into as few as the platform's length allows.
import { describe, expect, it } from "vitest";
import { combineMessages, combineTexts, isCombinable } from "../../src/notify/combineMessages.ts";
import { outboundMessageSchema, textMessage, type OutboundMessage } from "../../src/notify/outboundMessage.ts";

const parsed = (m: OutboundMessage) => outboundMessageSchema.parse(m);
const relay = (text: string) => parsed(textMessage(`Kasus #12 · pesan klien:\n${text}`, { caseNo: 12 }));

describe("combineTexts", () => {
  it("writes a heading repeated from the message before once, and keeps every text in order", () => {
    expect(combineTexts(["Kasus #12 · pesan klien:\nsatu", "Kasus #12 · pesan klien:\ndua", "Kasus #12 · pesan klien:\ntiga"])).toBe(
      "Kasus #12 · pesan klien:\nsatu\n\ndua\n\ntiga",
    );
  });

  it("keeps a heading that changes, and one-line texts whole", () => {
    expect(combineTexts(["A:\nsatu", "B:\ndua", "A:\ntiga"])).toBe("A:\nsatu\n\nB:\ndua\n\nA:\ntiga");
    expect(combineTexts(["halo", "halo", "apa kabar"])).toBe("halo\n\nhalo\n\napa kabar");
  });
});

describe("combineMessages", () => {
  it("combines plain messages while the result fits, keeping the first's case number", () => {
    const { count, message } = combineMessages([relay("satu"), relay("dua"), relay("tiga")], 4096);
    expect(count).toBe(3);
    expect(message.text).toBe("Kasus #12 · pesan klien:\nsatu\n\ndua\n\ntiga");
    expect(message.caseNo).toBe(12);
  });

  it("stops before the message that would pass the length, or that is not plain", () => {
    const long = "x".repeat(60);
    expect(combineMessages([relay(long), relay(long), relay(long)], 200).count).toBe(2);
    const withFile = parsed(textMessage("foto", { attachments: [{ kind: "photo", ref: "file:1" }] }));
    expect(combineMessages([relay("satu"), withFile, relay("dua")], 4096).count).toBe(1);
    const withButton = parsed(textMessage("pilih", { buttons: [{ label: "Ya", id: "b1", action: { kind: "new_intake" } }] }));
    expect(isCombinable(withButton)).toBe(false);
    expect(combineMessages([withButton, relay("satu")], 4096)).toEqual({ count: 1, message: withButton });
  });

  it("sends a first message longer than the limit alone (the sender splits it)", () => {
    const huge = relay("y".repeat(5000));
    expect(combineMessages([huge, relay("dua")], 4096)).toEqual({ count: 1, message: huge });
  });
});
