// Which language a reply is in, judged by the product's own texts: every fixed phrase of src/i18n/id.ts that
// en.ts does not also contain (and the reverse). A reply holding phrases of only one locale is in that locale;
// one holding none (a relayed text, a bare link) is "unknown".
import { en } from "../../../src/i18n/en.ts";
import { id } from "../../../src/i18n/id.ts";

export type ReplyLanguage = "id" | "en" | "unknown" | "mixed";

const HOLE = "\u0001";

/** Arguments for a text function: every field a hole, lists one hole; or every field absent (the other branch). */
const argVariants = (): unknown[] => [
  new Proxy({}, { get: (_t, key) => (key === "lines" || key === "inputs" ? [HOLE] : HOLE) }),
  new Proxy({}, { get: (_t, key) => (key === "lines" || key === "inputs" ? [] : undefined) }),
];

function textsOf(node: unknown, out: string[]): string[] {
  if (typeof node === "string") out.push(node);
  else if (typeof node === "function") {
    for (const args of argVariants()) {
      try {
        const value = (node as (a: unknown) => unknown)(args);
        if (typeof value === "string") out.push(value);
      } catch {
        // a text function this probe cannot call: its fixed phrases are simply not used
      }
    }
  } else if (node && typeof node === "object") for (const child of Object.values(node)) textsOf(child, out);
  return out;
}

/** Fixed phrases: the pieces between holes and line breaks, two words or more. */
function phrasesOf(texts: string[]): Set<string> {
  const phrases = new Set<string>();
  for (const text of texts) {
    for (const piece of text.split(new RegExp(`${HOLE}|undefined|NaN|\\n`))) {
      const p = piece.trim();
      if (p.length >= 8 && /\p{L}{2,}.*\s.*\p{L}{2,}/u.test(p)) phrases.add(p);
    }
  }
  return phrases;
}

const idTexts = textsOf(id, []);
const enTexts = textsOf(en, []);
const only = (mine: Set<string>, theirs: string[]) => [...mine].filter((p) => !theirs.some((t) => t.includes(p)));
const ID_PHRASES = only(phrasesOf(idTexts), enTexts);
const EN_PHRASES = only(phrasesOf(enTexts), idTexts);

/** The language of a reply's text and button labels. */
export function replyLanguage(text: string, buttonLabels: string[] = []): ReplyLanguage {
  const all = [text, ...buttonLabels].join("\n");
  const inId = ID_PHRASES.some((p) => all.includes(p)) || buttonLabels.some((l) => ID_LABELS.has(l));
  const inEn = EN_PHRASES.some((p) => all.includes(p)) || buttonLabels.some((l) => EN_LABELS.has(l));
  return inId && inEn ? "mixed" : inId ? "id" : inEn ? "en" : "unknown";
}

const ID_LABELS = new Set(Object.values(id.buttons).filter((l) => !Object.values(en.buttons).includes(l)));
const EN_LABELS = new Set(Object.values(en.buttons).filter((l) => !Object.values(id.buttons).includes(l)));
