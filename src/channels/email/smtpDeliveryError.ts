// SMTP failures by cause, for the outbox: try again later (4xx, network, login), the address is gone
// (550 mailbox unavailable and friends: recorded on the person), or this message is refused for good.
import { DeliveryError } from "../../notify/channelSender.ts";

const NETWORK_CODES = new Set([
  "ECONNECTION",
  "ETIMEDOUT",
  "ESOCKET",
  "EDNS",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETLS",
  "EPROTOCOL",
  "EHOSTUNREACH",
  "ENOTFOUND",
]);
/** Reply codes that say the mailbox itself does not exist or takes no mail. */
const GONE_CODES = new Set([550, 551, 553]);

/** SMTP replies quote the address back; keep it out of logs and stored errors. */
export function scrubAddresses(text: string): string {
  return text.replace(/<?[^\s<>@"]+@[^\s<>@"]+>?/g, "<address>");
}

/** Maps a nodemailer error to a DeliveryError (kind by cause; method, code and scrubbed description kept). */
export function deliveryErrorFromSmtp(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const e = (err ?? {}) as { code?: string; responseCode?: number; response?: string; command?: string; message?: string };
  const responseCode = typeof e.responseCode === "number" ? e.responseCode : undefined;
  const description = scrubAddresses(String(e.response ?? e.message ?? "unknown SMTP error")).slice(0, 300);
  const details = { method: e.command ?? "sendMail", code: responseCode ?? e.code, description };

  if (e.code === "EAUTH") {
    return new DeliveryError(
      "transient",
      "SMTP login refused: check SMTP_USER / SMTP_PASSWORD (or, with MAIL_AUTH=oauth2, the OAuth grant); the message is kept and retried",
      details,
    );
  }
  if (responseCode !== undefined) {
    if (responseCode >= 400 && responseCode < 500) return new DeliveryError("transient", `SMTP server asked to try later (${responseCode})`, details);
    if (responseCode >= 500) {
      const enhanced = /\b5\.(\d)\.(\d)\b/.exec(e.response ?? "");
      const mailboxGone = GONE_CODES.has(responseCode) || (enhanced !== null && (enhanced[1] === "1" || (enhanced[1] === "2" && enhanced[2] === "1")));
      const atRecipient = !e.command || /RCPT/i.test(e.command) || e.code === "EENVELOPE";
      if (mailboxGone && atRecipient)
        return new DeliveryError("blocked", `recipient mailbox unavailable (${responseCode}): the address no longer takes mail`, details);
      return new DeliveryError("rejected", `SMTP server refused the message (${responseCode})`, details);
    }
  }
  if (e.code && NETWORK_CODES.has(e.code)) return new DeliveryError("transient", `could not reach the SMTP server (${e.code}); retrying later`, details);
  if (e.code === "EENVELOPE" || e.code === "EMESSAGE") return new DeliveryError("rejected", `the message could not be sent as built (${e.code})`, details);
  return new DeliveryError("transient", `sending failed (${e.code ?? "unknown"}); retrying later`, details);
}
