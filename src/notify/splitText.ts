// Splitting a long text for platforms with a message length limit, at the most natural break available:
// a blank line, then a line end, then a space, and only as a last resort inside a word.

/** Parts of at most `max` characters (UTF-16 code units, as Telegram counts), in order. */
export function splitText(text: string, max: number): string[] {
  if (max < 1) throw new Error("splitText: max must be at least 1");
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    let cut = window.lastIndexOf("\n\n");
    if (cut < max / 2) cut = window.lastIndexOf("\n");
    if (cut < max / 2) cut = window.lastIndexOf(" ");
    if (cut < max / 4) cut = max;
    // Never split a surrogate pair (an emoji) in two.
    if (cut > 0 && cut < rest.length && /[\uD800-\uDBFF]/.test(rest[cut - 1]!)) cut--;
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^\s+/, "");
  }
  if (rest.length > 0 || parts.length === 0) parts.push(rest);
  return parts;
}
