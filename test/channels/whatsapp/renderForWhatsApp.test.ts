// Rendering for WhatsApp: numbered choices with a hint, links as text, long texts split, and nothing a person
// typed turning into WhatsApp formatting.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderForWhatsApp, WhatsAppRenderError } from "../../../src/channels/whatsapp/renderForWhatsApp.ts";
import { splitLongText } from "../../../src/channels/whatsapp/splitLongText.ts";
import { hasWhatsAppFormatting, neutraliseWhatsAppFormatting } from "../../../src/channels/whatsapp/whatsappFormatting.ts";
import { outboundMessageSchema, type OutboundMessage } from "../../../src/notify/outboundMessage.ts";

const render = (m: OutboundMessage, locale?: string) => renderForWhatsApp(outboundMessageSchema.parse(m), { locale });
const choice = (id: string, label: string) => ({ id, label, action: { kind: "choice" as const, value: id } });

describe("renderForWhatsApp", () => {
  it("renders buttons as a numbered list with the hint, in Indonesian by default and in English on request", () => {
    const message = { text: "Lanjutkan?", buttons: [choice("b1", "Setuju"), choice("b2", "Tidak setuju")] };
    expect(render(message)).toEqual([
      {
        kind: "text",
        text: "Lanjutkan?\n\n1. Setuju\n2. Tidak setuju\n\nBalas dengan angka atau kata pilihan Anda.",
        menu: [
          { id: "b1", label: "Setuju" },
          { id: "b2", label: "Tidak setuju" },
        ],
      },
    ]);
    expect(render(message, "en")[0]).toMatchObject({ text: expect.stringMatching(/Reply with the number or the word of your choice\.$/) });
  });

  it("writes links out, label first, and quotes the replied message on the first part", () => {
    const parts = render({
      text: "Sesi Anda:",
      links: [
        { label: "Google Meet", url: "https://meet.google.com/abc-defg-hij" },
        { label: "", url: "https://example.org/a_b_c" },
      ],
      replyTo: "3A00",
    });
    expect(parts).toEqual([
      { kind: "text", text: "Sesi Anda:\n\nGoogle Meet: https://meet.google.com/abc-defg-hij\nhttps://example.org/a_b_c", quotedId: "3A00" },
    ]);
  });

  it("neutralises formatting in text and labels, and leaves URLs intact", () => {
    const [part] = render({ text: "Saya *sangat* _lelah_ ~sekali~ lihat https://x.org/*a*_b_", buttons: [choice("b", "*Ya*")] });
    const text = (part as { text: string }).text;
    expect(hasWhatsAppFormatting(text)).toBe(false);
    expect(text).toContain("https://x.org/*a*_b_");
    expect(text).toContain("1. \u2217Ya*");
    expect(text.startsWith("Saya \u2217sangat* \u02CDlelah_ \u223Csekali~")).toBe(true);
  });

  it("refuses buttons without an id and empty messages, saying what to fix", () => {
    expect(() => render({ text: "x", buttons: [{ label: "Ya", action: { kind: "choice", value: "y" } }] })).toThrow(
      /outbox must give every button its opaque id/,
    );
    expect(() => render({ text: "  " })).toThrow(WhatsAppRenderError);
  });

  it("sends only attachments when there is no text", () => {
    expect(render({ text: "", attachments: [{ kind: "document", ref: "file:1" }] })).toEqual([
      { kind: "file", attachment: { kind: "document", ref: "file:1" } },
    ]);
  });
});

describe("splitLongText", () => {
  it("splits at paragraphs first", () => {
    const a = "a".repeat(3000);
    const b = "b".repeat(3000);
    expect(splitLongText(`${a}\n\n${b}`)).toEqual([a, b]);
  });

  it("never exceeds the limit, drops only whitespace, and never splits a surrogate pair", () => {
    const pieces = fc.oneof(fc.string({ unit: "grapheme", maxLength: 30 }), fc.constantFrom("\n", "\n\n", " ", "😀", "kata ", "x".repeat(50)));
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 120 }), fc.integer({ min: 2, max: 200 }), (chunks, max) => {
        const text = chunks.join("");
        const parts = splitLongText(text, max);
        for (const part of parts) {
          expect(part.length).toBeLessThanOrEqual(max);
          expect(part.trim()).toBe(part);
          expect(part).not.toBe("");
          expect(part).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
        }
        expect(parts.join("").replace(/\s+/g, "")).toBe(text.replace(/\s+/g, ""));
      }),
      { numRuns: 500 },
    );
  });
});

describe("neutraliseWhatsAppFormatting", () => {
  it.each([
    ["*tebal*", "\u2217tebal*"],
    ["_miring_", "\u02CDmiring_"],
    ["~coret~", "\u223Ccoret~"],
    ["`kode` dan ```blok```", "\u02CBkode\u02CB dan \u02CB\u02CB\u02CBblok\u02CB\u02CB\u02CB"],
    ["5 * 3 = 15", "5 * 3 = 15"],
    ["nama_file_ini.pdf", "nama_file_ini.pdf"],
    ["https://meet.google.com/*a*", "https://meet.google.com/*a*"],
    ["**dua**", "\u2217\u2217dua**"],
  ])("%j → %j", (input, output) => {
    expect(neutraliseWhatsAppFormatting(input)).toBe(output);
  });

  it("leaves no pair WhatsApp would format, keeps the length, is idempotent, and changes only markers", () => {
    const text = fc.array(fc.constantFrom("*", "_", "~", "`", " ", "a", "Z", "1", ".", "\n", "https://x.y/_a_ ", "é", "😀"), {
      maxLength: 80,
    });
    fc.assert(
      fc.property(text, (chars) => {
        const input = chars.join("");
        const output = neutraliseWhatsAppFormatting(input);
        expect(hasWhatsAppFormatting(output)).toBe(false);
        expect(formatsByRegex(output)).toBe(false);
        expect([...output]).toHaveLength([...input].length);
        expect(neutraliseWhatsAppFormatting(output)).toBe(output);
        [...input].forEach((c, i) => {
          if (![..."*_~`"].includes(c)) expect([...output][i]).toBe(c);
        });
      }),
      { numRuns: 1000 },
    );
  });
});

/**
 * A second, independent statement of the WhatsApp pairing rule as one regex per marker (links removed
 * first), so the property does not only check the neutraliser against its own detector.
 */
function formatsByRegex(text: string): boolean {
  return text.split("\n").some((line) => {
    const withoutLinks = line.replace(/(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S+/giu, (url) => "x".repeat(url.length));
    return ["\\*", "_", "~"].some((m) => new RegExp(`(?<![\\p{L}\\p{N}])${m}(?![\\s${m}])(?:.*?)(?<![\\s${m}])${m}(?![\\p{L}\\p{N}])`, "u").test(withoutLinks));
  });
}
