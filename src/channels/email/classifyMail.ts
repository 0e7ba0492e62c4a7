// Tells mail written by a person from mail written by a machine, so the bot never answers an
// out-of-office, a bounce or a newsletter (and never starts a mail loop with another robot or itself).
import type { ParsedEmail } from "./readMail.ts";

/** Who wrote a mail: only "person" is answered. */
export type MailClass = "person" | "auto_reply" | "bounce" | "bulk";

/** The class and the header that decided it (a name, safe to log). */
export interface MailClassification {
  kind: MailClass;
  signal?: string;
}

const BOUNCE_SENDERS = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)$/i;

function header(parsed: ParsedEmail, name: string): string | undefined {
  return parsed.headers.get(name)?.[0];
}

/** The class with the deciding signal; `ownAddresses` are our MAIL_FROM (and aliases) for loop protection. */
export function classifyMailWithSignal(parsed: ParsedEmail, options: { ownAddresses: string[] }): MailClassification {
  const from = parsed.from?.address ?? "";
  const local = from.slice(0, from.indexOf("@") >= 0 ? from.indexOf("@") : from.length);

  // Bounces first: a DSN often also says Auto-Submitted: auto-replied.
  if (parsed.contentType === "multipart/report" && parsed.reportType === "delivery-status") return { kind: "bounce", signal: "content-type" };
  if (BOUNCE_SENDERS.test(local)) return { kind: "bounce", signal: "from" };

  const own = options.ownAddresses.map((a) => a.trim().toLowerCase());
  if (from && own.includes(from)) return { kind: "auto_reply", signal: "own-address" };

  const autoSubmitted = header(parsed, "auto-submitted")?.split(";")[0]?.trim().toLowerCase();
  if (autoSubmitted && autoSubmitted !== "no") return { kind: "auto_reply", signal: "auto-submitted" };
  for (const name of ["x-autoreply", "x-autorespond", "x-autoresponder", "x-autoreply-from"]) {
    if (parsed.headers.has(name)) return { kind: "auto_reply", signal: name };
  }
  if (parsed.contentType === "multipart/report") return { kind: "auto_reply", signal: "content-type" }; // read receipts and other reports

  const precedence = header(parsed, "precedence")?.trim().toLowerCase();
  if (precedence === "bulk" || precedence === "list" || precedence === "junk") return { kind: "bulk", signal: "precedence" };
  if (precedence === "auto_reply") return { kind: "auto_reply", signal: "precedence" };
  for (const name of ["list-id", "list-unsubscribe"]) {
    if (parsed.headers.has(name)) return { kind: "bulk", signal: name };
  }

  // RFC 3834 asks automatic responders to send with an empty envelope sender.
  if (header(parsed, "return-path")?.replace(/\s/g, "") === "<>") return { kind: "auto_reply", signal: "return-path" };

  return { kind: "person" };
}

/** "person" for mail a human wrote; anything else must not be answered or opened as a case. */
export function classifyMail(parsed: ParsedEmail, options: { ownAddresses: string[] }): MailClass {
  return classifyMailWithSignal(parsed, options).kind;
}
