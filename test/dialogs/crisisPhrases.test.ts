// Finding a crisis phrase in what a client writes (src/dialogs/crisisPhrases.ts): however it is typed (case, extra
// spaces and punctuation, accents, stretched letters, the words run together, an Indonesian suffix on the last
// word), and never inside another word or with a suffix the language does not put there.
import { describe, expect, it } from "vitest";
import { findCrisisPhrase } from "../../src/dialogs/crisisPhrases.ts";

/** The phrases the service is configured with when CRISIS_PHRASES is unset. */
const PHRASES = ["bunuh diri", "ingin mati", "mengakhiri hidup", "menyakiti diri"];

describe("findCrisisPhrase", () => {
  it("finds a phrase however it is typed", () => {
    const found: [string, string][] = [
      ["saya ingin bunuh diri", "bunuh diri"],
      ["Bunuh   DIRI!!", "bunuh diri"],
      ["aku...ingin, mati", "ingin mati"],
      ["aku ingin matiii", "ingin mati"],
      ["rasanya mau bunuhdiri saja", "bunuh diri"],
      ["aku sering menyakiti diriku", "menyakiti diri"],
      ["sudah waktunya mengakhiri hidupku", "mengakhiri hidup"],
      ["bunuh dírí", "bunuh diri"],
      ["ingin mati\nsekarang", "ingin mati"],
    ];
    for (const [text, phrase] of found) expect(findCrisisPhrase(text, PHRASES), text).toBe(phrase);
  });

  it("finds nothing in ordinary text, inside another word, or with a suffix the language does not add", () => {
    for (const text of ["Saya sulit tidur sejak ujian", "pembunuh dirinya", "ingin matikan lampu", "ingin matematika", "diri bunuh", ""])
      expect(findCrisisPhrase(text, PHRASES), text).toBeNull();
  });

  it("answers with the first configured phrase the text holds, and skips a phrase with no letters", () => {
    const text = "aku ingin mati, ingin bunuh diri";
    expect(findCrisisPhrase(text, PHRASES)).toBe("bunuh diri");
    expect(findCrisisPhrase(text, ["ingin mati", "bunuh diri"])).toBe("ingin mati");
    expect(findCrisisPhrase("apa saja?", ["?!", "..."])).toBeNull();
    expect(findCrisisPhrase("tolong", [])).toBeNull();
  });

  it("reads a configured phrase the way it reads the text (case, punctuation, stretched letters)", () => {
    expect(findCrisisPhrase("saya putus asa", ["Putus-Asa"])).toBe("Putus-Asa");
    expect(findCrisisPhrase("saya putusasa", ["putus asa"])).toBe("putus asa");
    expect(findCrisisPhrase("saya (tidak) kuat", ["(tidak) kuat"])).toBe("(tidak) kuat");
  });
});
