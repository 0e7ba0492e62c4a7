// WhatsApp has no escaping: *bold*, _italic_, ~strike~ and `code` in plain text become formatting.
// Our text is plain (what a person typed must not turn into formatting), so the opening marker of every
// pair WhatsApp would format is swapped for a look-alike character that WhatsApp does not interpret.
// Links are left alone (an underscore in a URL must stay an underscore). The pairing rule follows what
// WhatsApp clients do (opening marker after a non-word character and before a non-space, closing marker
// after a non-space and before a non-word character, on one line); it cannot be checked against the real
// clients here, so it errs on the side of neutralising.

const LOOKALIKE: Record<string, string> = {
  "*": "\u2217", // ∗ asterisk operator
  _: "\u02CD", // ˍ modifier letter low macron
  "~": "\u223C", // ∼ tilde operator
  "`": "\u02CB", // ˋ modifier letter grave accent
};
const PAIRED_MARKERS = ["*", "_", "~"] as const;
const URL_PATTERN = /(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S+/giu;
const WORD_CHAR = /^[\p{L}\p{N}]$/u;
const SPACE = /^\s$/u;

/**
 * Returns the text with formatting pairs neutralised: the same number of characters, unchanged when it
 * holds nothing WhatsApp would format, and idempotent.
 */
export function neutraliseWhatsAppFormatting(text: string): string {
  if (!/[*_~`]/.test(text)) return text;
  const lines = text.split("\n").map((line) => {
    if (!/[*_~]/.test(line)) return line;
    const chars = [...line];
    const inUrl = urlMask(chars);
    for (const marker of PAIRED_MARKERS) neutraliseMarker(chars, marker, inUrl);
    return chars.join("");
  });
  return neutraliseBackticks(lines);
}

/** True when WhatsApp would format something in this text (by the same rule). */
export function hasWhatsAppFormatting(text: string): boolean {
  const lines = text.split("\n");
  for (const line of lines) {
    const chars = [...line];
    const inUrl = urlMask(chars);
    for (const marker of PAIRED_MARKERS) {
      const closing = nextClosing(chars, marker, inUrl);
      for (let i = 0; i < chars.length; i++) {
        if (isOpening(chars, i, marker, inUrl) && (closing[i + 2] ?? -1) !== -1) return true;
      }
    }
  }
  return backtickPositions(lines).length >= 2;
}

function neutraliseMarker(chars: string[], marker: string, inUrl: boolean[]): void {
  // Replacing a marker can make a neighbour an opening or a closing marker: repeat until stable.
  for (let changed = true; changed; ) {
    changed = false;
    let closing = nextClosing(chars, marker, inUrl);
    for (let i = 0; i < chars.length; i++) {
      if (isOpening(chars, i, marker, inUrl) && (closing[i + 2] ?? -1) !== -1) {
        chars[i] = LOOKALIKE[marker]!;
        closing = nextClosing(chars, marker, inUrl);
        changed = true;
      }
    }
  }
}

function isOpening(chars: string[], i: number, marker: string, inUrl: boolean[]): boolean {
  if (chars[i] !== marker || inUrl[i]) return false;
  const before = chars[i - 1];
  const after = chars[i + 1];
  if (before !== undefined && WORD_CHAR.test(before)) return false;
  return after !== undefined && after !== marker && !SPACE.test(after);
}

function isClosing(chars: string[], j: number, marker: string, inUrl: boolean[]): boolean {
  if (chars[j] !== marker || inUrl[j]) return false;
  const inner = chars[j - 1];
  const next = chars[j + 1];
  if (inner === undefined || inner === marker || SPACE.test(inner)) return false;
  return next === undefined || !WORD_CHAR.test(next);
}

/** closing[k] = the first closing marker at or after k, or -1. */
function nextClosing(chars: string[], marker: string, inUrl: boolean[]): number[] {
  const closing = new Array<number>(chars.length + 2).fill(-1);
  for (let k = chars.length - 1; k >= 0; k--) {
    closing[k] = isClosing(chars, k, marker, inUrl) ? k : closing[k + 1]!;
  }
  return closing;
}

function urlMask(chars: string[]): boolean[] {
  const mask = new Array<boolean>(chars.length).fill(false);
  const line = chars.join("");
  for (const match of line.matchAll(URL_PATTERN)) {
    // Convert UTF-16 offsets of the match to code point offsets.
    const start = [...line.slice(0, match.index)].length;
    const length = [...match[0]].length;
    for (let k = start; k < start + length; k++) mask[k] = true;
  }
  return mask;
}

/** Backticks outside links, as [line, code point] positions. */
function backtickPositions(lines: string[]): Array<[number, number]> {
  const positions: Array<[number, number]> = [];
  lines.forEach((line, lineNo) => {
    if (!line.includes("`")) return;
    const chars = [...line];
    const inUrl = urlMask(chars);
    chars.forEach((c, k) => {
      if (c === "`" && !inUrl[k]) positions.push([lineNo, k]);
    });
  });
  return positions;
}

/** ``` blocks may span lines and `inline` may not, so two or more backticks anywhere are all replaced. */
function neutraliseBackticks(lines: string[]): string {
  const positions = backtickPositions(lines);
  if (positions.length < 2) return lines.join("\n");
  const split = lines.map((line) => [...line]);
  for (const [lineNo, k] of positions) split[lineNo]![k] = LOOKALIKE["`"]!;
  return split.map((chars) => chars.join("")).join("\n");
}
