// Finding crisis phrases ("bunuh diri", "ingin mati", ...) in what a client writes, however it is typed:
// any case, extra spaces or punctuation, stretched letters ("matiii"), the words run together
// ("bunuhdiri"), or with an Indonesian suffix on the last word ("menyakiti diriku").

/** Lower-case letters and digits separated by single spaces, stretched letters shortened. */
function words(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .replace(/(\p{L})\1{2,}/gu, "$1")
    .trim();
}

const SUFFIX = "(?:ku|mu|nya|lah|kah|pun)?";
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The first configured phrase the text contains, or null. */
export function findCrisisPhrase(text: string, phrases: readonly string[]): string | null {
  if (!text) return null;
  const haystack = ` ${words(text)} `;
  for (const phrase of phrases) {
    const parts = words(phrase).split(" ").filter(Boolean);
    if (parts.length === 0) continue;
    const spaced = parts.map(escapeRegExp).join(" ");
    const joined = parts.map(escapeRegExp).join("");
    if (new RegExp(` (?:${spaced}|${joined})${SUFFIX} `, "u").test(haystack)) return phrase;
  }
  return null;
}
