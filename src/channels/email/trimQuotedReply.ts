// Cuts a reply down to what the person wrote now: quoted lines (">"), the quoted history under an
// "On … wrote:" / "Pada … menulis:" line or an Outlook header block, and the signature under "-- ".
// Deliberately conservative: when in doubt a line stays, since losing a person's words is worse than
// showing a counsellor a little quoted text.

const ATTRIBUTION_START = /^\s*(on|pada|am|le|el)\s\S/i;
const ATTRIBUTION_END = /(wrote|menulis|schrieb|a écrit|escribió)\s*:\s*$/i;
const ORIGINAL_MESSAGE = /^\s*-{2,}\s*(original message|pesan asli|forwarded message|pesan yang diteruskan)\s*-{2,}\s*$/i;
const OUTLOOK_RULE = /^\s*_{10,}\s*$/;
const OUTLOOK_FROM = /^\s*\*?(from|dari)\s*:\*?\s/i;
const SIGNATURE = /^-- ?$/;
const MOBILE_SIGNATURE = /^\s*(sent from my |dikirim dari |get outlook for )/i;

/** "On Mon, 3 Jun 2024, Ana <ana@x.id> wrote:" names a date or an address, or quoted lines follow it. */
function looksLikeAttribution(joined: string, rest: string[]): boolean {
  if (/[@\d]/.test(joined)) return true;
  const next = rest.find((l) => l.trim());
  return next !== undefined && /^\s*>/.test(next);
}

/** Where the quoted history starts (index of the first line to drop), or lines.length. */
function historyStart(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (SIGNATURE.test(line) || ORIGINAL_MESSAGE.test(line)) return i;
    if (OUTLOOK_RULE.test(line) && OUTLOOK_FROM.test(lines[i + 1] ?? "")) return i;
    if (ATTRIBUTION_START.test(line)) {
      // Gmail and others wrap a long attribution over up to three lines.
      let joined = line;
      for (let j = i; j < Math.min(lines.length, i + 3); j++) {
        if (j > i) joined += ` ${lines[j]}`;
        if (ATTRIBUTION_END.test(joined) && looksLikeAttribution(joined, lines.slice(j + 1))) return i;
      }
    }
  }
  return lines.length;
}

/** The new text of a reply; the whole text when nothing looks quoted. */
export function trimQuotedReply(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const kept = lines.slice(0, historyStart(lines)).filter((line) => !/^\s*>/.test(line));
  const dropTrailingBlanks = () => {
    while (kept.length && !kept[kept.length - 1]!.trim()) kept.pop();
  };
  dropTrailingBlanks();
  if (kept.length && MOBILE_SIGNATURE.test(kept[kept.length - 1]!)) kept.pop();
  dropTrailingBlanks();
  while (kept.length && !kept[0]!.trim()) kept.shift();
  return kept.join("\n").replace(/\n{3,}/g, "\n\n");
}
