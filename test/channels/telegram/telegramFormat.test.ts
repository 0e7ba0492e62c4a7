// How a message reads on Telegram (src/channels/telegram/telegramFormat.ts): labels cut between characters as people
// see them, never inside an emoji (a lone half of a surrogate pair is not valid UTF-8, and Telegram refuses the keyboard).
import { describe, expect, it } from "vitest";
import { cutLabel, inlineKeyboard } from "../../../src/channels/telegram/telegramFormat.ts";

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe("cutLabel", () => {
  it("keeps a label that fits, and cuts a long one at 64 UTF-16 units", () => {
    expect(cutLabel("Selesai")).toBe("Selesai");
    expect(cutLabel("a".repeat(70))).toBe("a".repeat(64));
  });

  it("cuts before an emoji that would be split, not inside it", () => {
    const label = `${"a".repeat(63)}😀 sesudahnya`;
    expect(label.slice(0, 64)).toMatch(loneSurrogate); // what a plain slice did
    expect(cutLabel(label)).toBe("a".repeat(63));
  });

  it("keeps an emoji with its skin tone or a family joined by zero-width joiners whole, or leaves it out", () => {
    const family = "👨‍👩‍👧"; // 8 UTF-16 units
    const cut = cutLabel(`${"b".repeat(60)}${family}`);
    expect(cut).toBe("b".repeat(60));
    expect(cutLabel(`${"c".repeat(60)}👍🏽x`, 64)).toBe(`${"c".repeat(60)}👍🏽`);
  });

  it("is what the inline keyboard shows", () => {
    const keyboard = inlineKeyboard([{ label: `${"Ya ".repeat(21)}🙏`, id: "b1", action: { kind: "choice", value: "y" } }]);
    const text = keyboard!.inline_keyboard[0]![0]!.text;
    expect(text).not.toMatch(loneSurrogate);
    expect(text.length).toBeLessThanOrEqual(64);
  });
});
