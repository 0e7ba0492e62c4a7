// What the email channel lets through to the dialogs, by whether the sender was authenticated.
import { describe, expect, it } from "vitest";
import type { InboundMessage } from "../../../src/channels/inboundMessage.ts";
import { gateMail } from "../../../src/channels/email/mailGate.ts";

const msg = (p: Partial<InboundMessage> = {}): InboundMessage => ({
  channel: "email",
  address: "someone@unit.go.id",
  platformId: "<m1@unit.go.id>",
  text: "halo",
  attachments: [],
  references: [],
  receivedAt: new Date(0),
  ...p,
});
const orgIds = new Set(["ipdn", "puspaga"]);
const gate = (m: InboundMessage, p: { authenticated: boolean; staff?: boolean; confirmed?: boolean }) =>
  gateMail({ msg: m, authenticated: p.authenticated, senderIsStaff: p.staff ?? false, orgIds, erasureConfirmed: p.confirmed ?? false });

describe("gateMail", () => {
  it("refuses anything a staff member writes from mail nobody authenticated: keywords, notes, /balas, /link", () => {
    for (const m of [
      msg({ text: "SETUJU" }),
      msg({ buttonId: "b1" }),
      msg({ command: { name: "balas", args: "1 halo" } }),
      msg({ command: { name: "link", args: "1 https://meet.google.com/x" } }),
    ]) {
      expect(gate(m, { authenticated: false, staff: true })).toEqual({ kind: "refuse", why: "staff" });
    }
  });

  it("refuses a code with /start, and HAPUS, from mail nobody authenticated; a deep link to an organisation goes on", () => {
    expect(gate(msg({ command: { name: "start", args: "AB12CD" } }), { authenticated: false })).toEqual({ kind: "refuse", why: "link_code" });
    expect(gate(msg({ command: { name: "hapus", args: "" } }), { authenticated: false })).toEqual({ kind: "refuse", why: "erasure" });
    expect(gate(msg({ command: { name: "start", args: "Puspaga" } }), { authenticated: false })).toMatchObject({
      kind: "pass",
      msg: { unverifiedSender: true },
    });
  });

  it("lets a client's other mail go on, marked as from a sender nobody vouched for", () => {
    expect(gate(msg({ text: "Saya butuh bantuan" }), { authenticated: false })).toEqual({
      kind: "pass",
      msg: msg({ text: "Saya butuh bantuan", unverifiedSender: true }),
    });
  });

  it("passes authenticated mail as it is, asking a client's HAPUS to be confirmed by reply first", () => {
    expect(gate(msg({ text: "SETUJU" }), { authenticated: true, staff: true })).toEqual({ kind: "pass", msg: msg({ text: "SETUJU" }) });
    const hapus = msg({ command: { name: "hapus", args: "" } });
    expect(gate(hapus, { authenticated: true })).toEqual({ kind: "confirm_erasure" });
    expect(gate(hapus, { authenticated: true, confirmed: true })).toEqual({ kind: "pass", msg: hapus });
  });
});
