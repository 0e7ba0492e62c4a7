// The text conventions of the email channel: quoted history trimmed, the case tag, reply keywords.
import { describe, expect, it } from "vitest";
import { caseNumberFromSubject, caseSubject } from "../../../src/channels/email/caseSubject.ts";
import { keywordForOutcome, matchReplyToButton, parseReplyKeyword, REPLY_KEYWORDS } from "../../../src/channels/email/replyKeywords.ts";
import { trimQuotedReply } from "../../../src/channels/email/trimQuotedReply.ts";
import type { OutboundButton } from "../../../src/notify/outboundMessage.ts";

describe("trimQuotedReply", () => {
  it("keeps the new text above an English or Indonesian attribution, also when it wraps", () => {
    expect(trimQuotedReply("Siap.\n\nOn Mon, Jun 3, 2024 at 10:05 AM Pintu <bot@test.local> wrote:\n> lama")).toBe("Siap.");
    expect(trimQuotedReply("Bisa.\r\n\r\nPada Sen, 3 Jun 2024 pukul 10.05 Pintu <\r\nbot@test.local> menulis:\r\n\r\n> lama\r\n")).toBe("Bisa.");
  });

  it("drops quoted lines of an inline reply but keeps the answers between them", () => {
    expect(trimQuotedReply("> Kapan bisa hadir?\nSenin pagi.\n> Lewat Meet?\nYa.")).toBe("Senin pagi.\nYa.");
  });

  it("cuts the signature, a mobile footer and Outlook's original-message block", () => {
    expect(trimQuotedReply("Terima kasih.\n-- \nRina\nPraja tingkat II")).toBe("Terima kasih.");
    expect(trimQuotedReply("Oke.\n\nDikirim dari iPhone saya")).toBe("Oke.");
    expect(trimQuotedReply("Setuju.\n\n-----Original Message-----\nFrom: Pintu\nSent: Monday")).toBe("Setuju.");
    expect(trimQuotedReply("Setuju.\n\n________________________________\nDari: Pintu Konseling\nTerkirim: Senin")).toBe("Setuju.");
  });

  it("is conservative: a sentence that merely starts with 'On' and ends with 'wrote:' stays", () => {
    const text = "On reflection, this is what I wrote:\nI feel better now.";
    expect(trimQuotedReply(text)).toBe(text);
    expect(trimQuotedReply("")).toBe("");
    expect(trimQuotedReply("> only quoted")).toBe("");
  });
});

describe("case tag in subjects", () => {
  it("writes [Kasus #123] once and reads it back from replies and forwards", () => {
    expect(caseSubject(123, "Jadwal sesi", "Pintu Konseling")).toBe("[Kasus #123] Jadwal sesi");
    expect(caseSubject(123, "Re: [Kasus #123] Jadwal sesi", "x")).toBe("Re: [Kasus #123] Jadwal sesi");
    expect(caseSubject(7, undefined, "Pintu Konseling")).toBe("[Kasus #7] Pintu Konseling");
    expect(caseSubject(undefined, "a\r\nBcc: evil@example.org", "x")).toBe("a Bcc: evil@example.org"); // one header line
    expect(caseNumberFromSubject("Re: Fwd: [Kasus #123] Jadwal sesi")).toBe(123);
    expect(caseNumberFromSubject("RE: [kasus # 45] x")).toBe(45);
    expect(caseNumberFromSubject("Kasus 12 tanpa tag")).toBeNull();
    expect(caseNumberFromSubject(undefined)).toBeNull();
  });
});

describe("reply keywords", () => {
  it("has a fixed keyword per known outcome and a generated one for decision branches", () => {
    expect(REPLY_KEYWORDS.map((k) => [k.outcome, k.keyword])).toEqual([
      ["approve", "SETUJU"],
      ["revise", "REVISI"],
      ["refuse", "TOLAK"],
      ["done", "SELESAI"],
    ]);
    // A refusal, like a revision, needs its reason.
    expect(parseReplyKeyword("Tolak: belum perlu dirujuk")).toEqual({ keyword: "TOLAK", argument: "belum perlu dirujuk", outcome: "refuse" });
    expect(keywordForOutcome("refuse")).toMatchObject({ keyword: "TOLAK", argument: "required" });
    expect(keywordForOutcome("new_schedule").keyword).toBe("NEW_SCHEDULE");
  });

  it("parses the first line whatever the case, punctuation or bold", () => {
    expect(parseReplyKeyword("REVISI: lengkapi biodata")).toEqual({ keyword: "REVISI", argument: "lengkapi biodata", outcome: "revise" });
    expect(parseReplyKeyword("setuju.")).toEqual({ keyword: "SETUJU", argument: "", outcome: "approve" });
    expect(parseReplyKeyword("*Selesai* - sudah dicatat")).toEqual({ keyword: "SELESAI", argument: "sudah dicatat", outcome: "done" });
    expect(parseReplyKeyword("DISPOSISI: teruskan ke konselor")).toEqual({ keyword: "SELESAI", argument: "teruskan ke konselor", outcome: "done" });
    expect(parseReplyKeyword("approve")).toMatchObject({ keyword: "SETUJU" });
    expect(parseReplyKeyword("new_schedule")).toEqual({ keyword: "NEW_SCHEDULE", argument: "" });
    expect(parseReplyKeyword("   ")).toBeNull();
    expect(parseReplyKeyword("123")).toBeNull();
  });

  it("matches a reply to the offered buttons", () => {
    const approval: OutboundButton[] = [
      { label: "Setujui", action: { kind: "step_outcome", stepRunId: "r1", outcome: "approve" } },
      { label: "Minta revisi", action: { kind: "step_outcome", stepRunId: "r1", outcome: "revise" } },
    ];
    expect(matchReplyToButton(approval, "\nSETUJU\n\n> quoted")?.button.action).toMatchObject({ outcome: "approve" });
    expect(matchReplyToButton(approval, "Revisi: nama salah")).toMatchObject({ argument: "nama salah", button: { label: "Minta revisi" } });
    expect(matchReplyToButton(approval, "REVISI")).toBeNull(); // a revision needs its reason
    expect(matchReplyToButton(approval, "SELESAI")).toBeNull(); // not offered

    const choices: OutboundButton[] = [
      { label: "Ya, saya setuju", action: { kind: "choice", value: "yes" } },
      { label: "Tidak", action: { kind: "choice", value: "no" } },
    ];
    expect(matchReplyToButton(choices, "2")?.button.action).toEqual({ kind: "choice", value: "no" });
    expect(matchReplyToButton(choices, "ya, saya setuju!")?.button.action).toEqual({ kind: "choice", value: "yes" });
    expect(matchReplyToButton(choices, "3")).toBeNull();
  });
});
