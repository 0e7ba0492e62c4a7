// The intake conversation as a pure state machine, and the field rules it uses.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { newIntake, stepIntake, type IntakeInput, type IntakeState } from "../../src/dialogs/intake/intakeDialog.ts";
import { normaliseEmail, normaliseName, normaliseNip, normaliseNpp, normalisePhone, normaliseTingkat } from "../../src/dialogs/intake/intakeFields.ts";
import { findCrisisPhrase } from "../../src/dialogs/crisisPhrases.ts";
import { fromLegacyChoice } from "../../src/dialogs/buttonActions.ts";

const settings = { hotline: "SEJIWA 119 ext. 8" };
const start = () => newIntake({ orgId: "ipdn", orgName: "Unit BK IPDN", kinds: ["praja", "pegawai"], locale: "id" });
const run = (state: IntakeState, inputs: IntakeInput[]) => {
  let s: IntakeState | null = state;
  const events: string[] = [];
  let last: ReturnType<typeof stepIntake> | undefined;
  for (const input of inputs) {
    if (!s) throw new Error("the intake ended early");
    last = stepIntake(s, input, settings);
    if (last.event) events.push(last.event.type);
    s = last.state;
  }
  return { state: s, events, last: last! };
};
const text = (t: string): IntakeInput => ({ type: "text", text: t });
/** A pressed button, written as the value it always had ("consent:yes"); a value no button has is an empty message. */
const choice = (v: string): IntakeInput => {
  const action = fromLegacyChoice(v);
  return action ? { type: "choice", action } : { type: "text", text: "" };
};

describe("intake dialog", () => {
  it("refusing consent ends the conversation, names the hotline, and keeps nothing", () => {
    const { state, events, last } = run(start(), [choice("consent:no")]);
    expect(state).toBeNull();
    expect(events).toEqual(["consent_refused"]);
    expect(last.replies[0]!.text).toMatch(/tidak menyimpan data Anda/);
    expect(last.replies[0]!.text).toContain("SEJIWA 119 ext. 8");
  });

  it("a pegawai's path asks nama, NIP, unit kerja and the optional contacts, then the complaint", () => {
    const { state, events } = run(start(), [
      choice("consent:yes"),
      choice("kind:pegawai"),
      text("Siti Aminah"),
      text("1234"),
      text("198501012010012002"),
      text("Biro Keuangan"),
      text("+62 812 1111 2222"),
      choice("field:skip"),
      text("Sulit berkonsentrasi."),
      choice("keluhan:done"),
    ]);
    expect(events).toEqual(["consent_given"]);
    expect(state!.stage).toEqual({ at: "summary" });
    expect(state!.answers).toEqual({ nama: "Siti Aminah", nip: "19850101 201001 2 002", unit_kerja: "Biro Keuangan", telepon: "+6281211112222", email: null });
  });

  it("Ubah changes one field and comes back to the summary; Kirim submits everything", () => {
    const filled = run(start(), [
      choice("consent:yes"),
      choice("kind:praja"),
      text("Ana"),
      text("31.0456"),
      choice("field:II"),
      text("A1"),
      choice("field:Jatinangor"),
      choice("field:skip"),
      choice("field:skip"),
      text("Keluhan satu."),
      text("Keluhan dua."),
      choice("keluhan:done"),
    ]).state!;
    const changed = run(filled, [choice("summary:change"), choice("edit:tingkat"), text("3")]);
    expect(changed.state!.stage).toEqual({ at: "summary" });
    expect(changed.state!.answers.tingkat).toBe("III");
    const sent = run(changed.state!, [choice("summary:send")]);
    expect(sent.state).toBeNull();
    expect(sent.last.event).toEqual({
      type: "submitted",
      kind: "praja",
      answers: { nama: "Ana", npp: "31.0456", tingkat: "III", kelas: "A1", kampus: "Jatinangor", telepon: null, email: null },
      keluhan: "Keluhan satu.\nKeluhan dua.",
    });
  });

  it("re-asks on bad input with the reason and the same question in one message", () => {
    const { last, state } = run(start(), [choice("consent:yes"), choice("kind:praja"), text("Ana"), text("bukan npp")]);
    expect(state!.stage).toEqual({ at: "field", field: "npp" });
    expect(last.replies).toHaveLength(1);
    expect(last.replies[0]!.text).toMatch(/NPP tidak dikenali[\s\S]*Nomor Pokok Praja/);
  });

  it("switches language mid-way and cancels on /batal", () => {
    const en = run(start(), [choice("consent:yes"), { type: "language", locale: "en" }]);
    expect(en.last.replies[0]!.text).toMatch(/Language: English[\s\S]*registering as/);
    const cancelled = run(en.state!, [{ type: "cancel" }]);
    expect(cancelled.state).toBeNull();
    expect(cancelled.events).toEqual(["cancelled"]);
    expect(cancelled.last.replies[0]!.text).toMatch(/Registration cancelled/);
  });

  it("never throws and always answers, whatever is typed or pressed (fuzzed)", () => {
    const input = fc.oneof(
      fc.string({ maxLength: 300 }).map(text),
      fc
        .constantFrom(
          "consent:yes",
          "consent:no",
          "kind:praja",
          "kind:pegawai",
          "field:skip",
          "field:I",
          "keluhan:done",
          "summary:send",
          "summary:change",
          "edit:nama",
          "edit:keluhan",
          "edit:back",
          "x",
        )
        .map(choice),
      fc.constant<IntakeInput>({ type: "start" }),
      fc.constantFrom<IntakeInput>({ type: "language", locale: "en" }, { type: "language", locale: "id" }),
    );
    fc.assert(
      fc.property(fc.array(input, { maxLength: 40 }), (inputs) => {
        let s: IntakeState | null = start();
        for (const i of inputs) {
          if (!s) return;
          const step = stepIntake(s, i, settings);
          expect(step.replies.length + (step.event ? 1 : 0)).toBeGreaterThan(0);
          for (const r of step.replies) expect(r.text.length).toBeGreaterThan(0);
          s = step.state;
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("intake fields", () => {
  it("normalise the usual ways people type them", () => {
    expect(normaliseNpp("310456")).toBe("31.0456");
    expect(normaliseNpp("31. 0456")).toBe("31.0456");
    expect(normaliseNpp("3")).toBeNull();
    expect(normaliseTingkat("tingkat 2")).toBe("II");
    expect(normaliseTingkat("5")).toBeNull();
    expect(normaliseNip("19791212 199912 1 001")).toBe("19791212 199912 1 001");
    expect(normaliseNip("197912121999121001")).toBe("19791212 199912 1 001");
    expect(normaliseNip("197913121999121001")).toBeNull(); // month 13
    expect(normaliseNip("197912121999123001")).toBeNull(); // sex digit 3
    for (const phone of ["0812-3456-7890", "+62 812 3456 7890", "6281234567890", "0062 812 3456 7890"]) expect(normalisePhone(phone)).toBe("+6281234567890");
    expect(normalisePhone("021 123")).toBeNull();
    expect(normaliseEmail(" Ana@Contoh.ID ")).toBe("ana@contoh.id");
    expect(normaliseEmail("ana@contoh")).toBeNull();
    expect(normaliseName("Ni Luh Putu Ayu")).toBe("Ni Luh Putu Ayu");
    expect(normaliseName("Muh. Al-Fatih O’Neil")).toBe("Muh. Al-Fatih O’Neil");
    expect(normaliseName("<script>")).toBeNull();
    expect(normaliseName("1234")).toBeNull();
  });
});

describe("crisis phrases", () => {
  const phrases = ["bunuh diri", "ingin mati", "mengakhiri hidup", "menyakiti diri"];
  it("are found however they are typed, and not inside other words", () => {
    expect(findCrisisPhrase("Saya INGIN   MATI.", phrases)).toBe("ingin mati");
    expect(findCrisisPhrase("rasanya ingin matiii", phrases)).toBe("ingin mati");
    expect(findCrisisPhrase("aku mau bunuhdiri", phrases)).toBe("bunuh diri");
    expect(findCrisisPhrase("pernah menyakiti diriku", phrases)).toBe("menyakiti diri");
    expect(findCrisisPhrase("mengakhiri-hidup", phrases)).toBe("mengakhiri hidup");
    expect(findCrisisPhrase("saya ingin matikan lampu", phrases)).toBeNull();
    expect(findCrisisPhrase("hidup saya baik", phrases)).toBeNull();
    expect(findCrisisPhrase("", phrases)).toBeNull();
  });
});
