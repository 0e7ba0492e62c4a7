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
