// Message-IDs for threading: every outgoing mail gets a fresh one at our own domain (returned as the
// platform id), and mails about one case share a References root so mail clients keep them in a thread.
import { randomUUID } from "node:crypto";

/** A new, unique "<uuid@domain>". */
export function newMessageId(domain: string): string {
  return `<${randomUUID()}@${domain}>`;
}

/** The References root all mails of a case share: "<kasus-123@domain>". */
export function caseThreadId(caseNo: number, domain: string): string {
  return `<kasus-${caseNo}@${domain}>`;
}

/** A Message-ID with its angle brackets (platform ids are stored with them; tolerate one without). */
export function asMessageId(id: string): string {
  const bare = id.trim().replace(/^<|>$/g, "");
  return `<${bare}>`;
}

/** How many ids of a long chain References keeps: the first (the thread's root) and the newest (RFC 5322 §3.6.4 allows trimming). */
const MAX_REFERENCES = 20;

/**
 * The References of a reply (RFC 5322 §3.6.4): the case's thread root, then the answered mail's own References (or
 * its In-Reply-To) oldest first, then its Message-ID; each id once, a long chain trimmed in the middle.
 */
export function replyReferences(p: { caseThread?: string; parentThread: readonly string[]; parent?: string }): string[] {
  const ids = [p.caseThread, ...p.parentThread, p.parent].filter((id): id is string => Boolean(id?.trim())).map(asMessageId);
  const unique = [...new Set(ids)];
  return unique.length > MAX_REFERENCES ? [unique[0]!, ...unique.slice(unique.length - (MAX_REFERENCES - 1))] : unique;
}
