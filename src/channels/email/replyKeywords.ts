// Buttons by email: each button becomes a keyword (or a numbered choice) the person writes on the first
// line of their reply. Step outcomes map to fixed Indonesian keywords; choices are answered with their
// number or label. The same table parses the reply, so both sides always agree.
import type { OutboundButton } from "../../notify/outboundMessage.ts";

/** One row of the keyword table. */
export interface ReplyKeyword {
  /** What the person writes, upper-case. */
  keyword: string;
  /** The step outcome it stands for. */
  outcome: string;
  /** Whether text after "KEYWORD:" is needed (a revision needs its reason). */
  argument: "none" | "optional" | "required";
  /** Also accepted when parsing (English, and DISPOSISI for a disposisi given as "done"). */
  aliases: string[];
}

/**
 * Known outcomes. A "done" on a disposisi step cannot be told from any other "done" here, so it is
 * SELESAI with an optional note (DISPOSISI is accepted as an alias, its note being the directive).
 * Any other outcome (a decision branch such as PUSPAGA's new_schedule) becomes its name in capitals:
 * NEW_SCHEDULE.
 */
export const REPLY_KEYWORDS: readonly ReplyKeyword[] = [
  { keyword: "SETUJU", outcome: "approve", argument: "none", aliases: ["SETUJUI", "APPROVE"] },
  { keyword: "REVISI", outcome: "revise", argument: "required", aliases: ["REVISE"] },
  // Leadership saying no (a referral, a therapy) gives its reason like a revision.
  { keyword: "TOLAK", outcome: "refuse", argument: "required", aliases: ["REFUSE"] },
  { keyword: "SELESAI", outcome: "done", argument: "optional", aliases: ["DONE", "DISPOSISI"] },
];

function normalise(word: string): string {
  return word
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]+/gu, "_")
    .replace(/^_+|_+$/g, "");
}

/** The keyword table entry for a step outcome (a generated one for outcomes outside the table). */
export function keywordForOutcome(outcome: string): ReplyKeyword {
  return REPLY_KEYWORDS.find((k) => k.outcome === outcome) ?? { keyword: normalise(outcome) || "OK", outcome, argument: "optional", aliases: [] };
}

/** What a reply's first line says: the first word as a canonical keyword, and the text after it. */
export interface ParsedReplyKeyword {
  keyword: string;
  argument: string;
  /** The outcome when the keyword (or an alias) is in REPLY_KEYWORDS. */
  outcome?: string;
}

/**
 * Reads "REVISI: lengkapi biodata", "setuju.", "*SELESAI* - sudah" into { keyword, argument }; null when
 * the line has no leading word. Case, surrounding punctuation and bold markers do not matter.
 */
export function parseReplyKeyword(firstLine: string): ParsedReplyKeyword | null {
  const line = firstLine
    .normalize("NFKC")
    .trim()
    .replace(/^[*_~"'“‘«\s]+/, "");
  const match = /^([\p{L}][\p{L}\p{N}_-]*)[*_~"'”’»]*(?:\s*[:：\-–—.,!]+\s*|\s+|$)([\s\S]*)$/u.exec(line);
  if (!match) return null;
  const keyword = normalise(match[1]!);
  if (!keyword) return null;
  const known = REPLY_KEYWORDS.find((k) => k.keyword === keyword || k.aliases.includes(keyword));
  return {
    keyword: known?.keyword ?? keyword,
    argument: match[2]!.trim(),
    ...(known ? { outcome: known.outcome } : {}),
  };
}

/** The first line with text in a reply (after quote trimming). */
export function firstLineOf(text: string): string {
  return (
    text
      .split(/\r?\n/)
      .find((l) => l.trim())
      ?.trim() ?? ""
  );
}

/**
 * Which of the buttons a reply chose: a choice by its number ("2") or label, a step outcome by its
 * keyword. Null when nothing matches, or when a keyword that needs an argument came without one.
 */
export function matchReplyToButton(buttons: readonly OutboundButton[], replyText: string): { button: OutboundButton; argument: string } | null {
  const line = firstLineOf(replyText);
  if (!line) return null;
  const choices = buttons.filter((b) => b.action.kind !== "step_outcome");
  const numbered = /^(\d{1,2})\s*[.)]?$/.exec(line);
  if (numbered) {
    const button = choices[Number(numbered[1]) - 1];
    return button ? { button, argument: "" } : null;
  }
  const bare = (s: string) =>
    s
      .normalize("NFKC")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim();
  const byLabel = choices.find((b) => bare(b.label) === bare(line));
  if (byLabel) return { button: byLabel, argument: "" };
  const parsed = parseReplyKeyword(line);
  if (!parsed) return null;
  for (const button of buttons) {
    if (button.action.kind !== "step_outcome") continue;
    const entry = keywordForOutcome(button.action.outcome);
    if (entry.keyword !== parsed.keyword && !entry.aliases.includes(parsed.keyword)) continue;
    if (entry.argument === "required" && !parsed.argument) return null;
    return { button, argument: entry.argument === "none" ? "" : parsed.argument };
  }
  return null;
}
