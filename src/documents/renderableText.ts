// The documents' Unicode policy: people's text (names, complaints, reports) may hold any character, and
// none may break generation or vanish. Characters the embedded font can draw are printed as they are;
// a character it cannot draw (CJK, most emoji, control characters) is printed as its code point in a
// visible placeholder, "[U+5F20 U+4F1F]" for "张伟", so the text stays complete and can be recovered.
//
// Details:
// - Text is NFC-normalised first (canonically the same text; precomposed letters draw better).
// - Unpaired surrogates (not characters at all) become U+FFFD "�"; CR LF and CR become LF; a tab becomes
//   four spaces.
// - Decisions are per grapheme cluster (what a reader sees as one character): if any part of a cluster
//   cannot be drawn, the whole cluster becomes a placeholder listing all its code points, and adjacent
//   placeholders merge into one bracket.
// - Invisible format characters (zero-width joiner and spaces, variation selectors, word joiner, BOM,
//   soft hyphen) that the font lacks are dropped from a cluster that is otherwise drawn: they change
//   nothing a reader could see, and printing them would show the font's empty box.

/** Whether the font can draw a code point. */
export type GlyphCheck = (codePoint: number) => boolean;

/** Text ready for the PDF, and whether any placeholder was needed (the document then explains them). */
export interface RenderableText {
  text: string;
  replaced: boolean;
}

const segmenter = new Intl.Segmenter("id", { granularity: "grapheme" });

function isInvisibleFormat(cp: number): boolean {
  return (
    cp === 0x00ad ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x2060 && cp <= 0x2064) ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    cp === 0xfeff ||
    (cp >= 0xe0100 && cp <= 0xe01ef)
  );
}

/** "U+5F20": the notation the placeholder uses (at least four hex digits, upper case). */
export function codePointLabel(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** The text with every character the font cannot draw replaced by its visible code-point placeholder. */
export function makeRenderable(input: string, hasGlyph: GlyphCheck): RenderableText {
  const normalised = input.toWellFormed().replace(/\r\n?/g, "\n").replace(/\t/g, "    ").normalize("NFC");
  let out = "";
  let pending: string[] = [];
  let replaced = false;
  const flush = () => {
    if (pending.length === 0) return;
    out += `[${pending.join(" ")}]`;
    pending = [];
    replaced = true;
  };
  for (const { segment } of segmenter.segment(normalised)) {
    if (segment === "\n" || segment === " ") {
      flush();
      out += segment;
      continue;
    }
    const cps = Array.from(segment, (ch) => ch.codePointAt(0)!);
    const drawable = cps.every((cp) => hasGlyph(cp) || isInvisibleFormat(cp));
    if (drawable) {
      flush();
      out += String.fromCodePoint(...cps.filter((cp) => hasGlyph(cp)));
    } else {
      pending.push(...cps.map(codePointLabel));
    }
  }
  flush();
  return { text: out, replaced };
}
