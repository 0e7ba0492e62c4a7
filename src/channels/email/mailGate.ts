// What the email channel lets through to the dialogs, given whether the receiving mail system authenticated the
// sender (authenticationResults.ts). Staff act by email only from authenticated mail: keywords, /balas, /link,
// notes, anything a staff member writes; a /start with an invite or link code (not an organisation's deep link)
// likewise. A client's HAPUS needs authenticated mail and then a reply to the confirmation the bot sends to the
// address. Any other client mail goes on, marked as from a sender nobody vouched for.
import type { InboundMessage } from "../inboundMessage.ts";

/** Why a mail is refused (audited with this word, answered in the sender's language). */
export type MailRefusal = "staff" | "link_code" | "erasure";

export type MailGateDecision =
  | { kind: "pass"; msg: InboundMessage }
  | { kind: "refuse"; why: MailRefusal }
  /** An authenticated HAPUS without a valid confirmation code: send the address the confirmation. */
  | { kind: "confirm_erasure" };

/** Decides one mail; `msg.command` is already read from its first line. */
export function gateMail(p: {
  msg: InboundMessage;
  authenticated: boolean;
  senderIsStaff: boolean;
  /** Organisation ids: "/start <org>" is a deep link anyone may use, any other argument a code. */
  orgIds: ReadonlySet<string>;
  /** The mail carries a valid confirmation code for its address (erasureConfirmation.ts). */
  erasureConfirmed: boolean;
}): MailGateDecision {
  const { msg, authenticated } = p;
  const command = msg.command;
  if (!authenticated) {
    if (p.senderIsStaff) return { kind: "refuse", why: "staff" };
    if (command?.name === "hapus") return { kind: "refuse", why: "erasure" };
    const arg = command?.name === "start" ? command.args.trim().toLowerCase() : "";
    if (arg && !p.orgIds.has(arg)) return { kind: "refuse", why: "link_code" };
    return { kind: "pass", msg: { ...msg, unverifiedSender: true } };
  }
  if (command?.name === "hapus" && !p.senderIsStaff && !p.erasureConfirmed) return { kind: "confirm_erasure" };
  return { kind: "pass", msg };
}
