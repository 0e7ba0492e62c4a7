// Long texts as several messages: one very long WhatsApp message is hard to read on a phone and some
// clients cut it, so we split at a paragraph, else a line, else a word, else anywhere (never inside a
// surrogate pair).

/** Default longest part, in UTF-16 units. */
export const WHATSAPP_TEXT_LIMIT = 4000;

/** Splits text into parts of at most `maxLength` units; drops only whitespace at the cuts; [] for blank text. */
export function splitLongText(text: string, maxLength = WHATSAPP_TEXT_LIMIT): string[] {
  if (!Number.isInteger(maxLength) || maxLength < 2) throw new RangeError("maxLength must be an integer of at least 2");
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > maxLength) {
    const cut = cutPoint(rest, maxLength);
    const part = rest.slice(0, cut).trimEnd();
    if (part) parts.push(part);
    rest = rest.slice(cut).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}

function cutPoint(text: string, maxLength: number): number {
  const window = text.slice(0, maxLength + 1);
  // Prefer a boundary in the second half of the window, so parts are not needlessly short.
  const minimum = Math.floor(maxLength / 2);
  for (const boundary of [/\n\s*\n/g, /\n/g, /\s/g]) {
    let best = -1;
    for (const match of window.matchAll(boundary)) {
      if (match.index > 0 && match.index <= maxLength) best = match.index;
    }
    if (best >= minimum) return best;
  }
  const code = text.charCodeAt(maxLength - 1);
  return code >= 0xd800 && code <= 0xdbff ? maxLength - 1 : maxLength;
}
