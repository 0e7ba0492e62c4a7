// Button actions: one union of typed kinds, the constructors that make them, and the mapping of the
// string values stored before the typed kinds existed.
import { describe, expect, it } from "vitest";
import {
  buttonAction,
  buttonActionSchema,
  fromLegacyChoice,
  legacyChoiceValue,
  parseButtonAction,
  type ChoiceAction,
} from "../../src/dialogs/buttonActions.ts";

/** Every string a release before the typed kinds wrote, with the kind it means now. */
const LEGACY: [string, ChoiceAction][] = [
  ["slot:offer1:0", buttonAction.slot("offer1", 0)],
  ["slot:offer1:12", buttonAction.slot("offer1", 12)],
  ["slot:offer1:more", buttonAction.moreSlots("offer1")],
  ["appt:a1:reschedule", buttonAction.rescheduleSession("a1")],
  ["appt:a1:cancel", buttonAction.cancelSession("a1")],
  ["erase:p1", buttonAction.confirmErasure("p1")],
  ["open:bk-praja", buttonAction.openFlow("bk-praja")],
  ["note:skip", buttonAction.skipNote()],
  ["note:cancel", buttonAction.cancelNote()],
  ["intake:new", buttonAction.newIntake()],
  ["crisis:resume", buttonAction.resumeRegistration()],
  ["crisis:resume:c1", buttonAction.resumeClientRegistration("c1")],
  ["consent:yes", buttonAction.consent(true)],
  ["consent:no", buttonAction.consent(false)],
  ["kind:praja", buttonAction.clientKind("praja")],
  ["field:II", buttonAction.fieldAnswer("II")],
  ["field:Sumatera Barat", buttonAction.fieldAnswer("Sumatera Barat")],
  ["field:skip", buttonAction.skipField()],
  ["keluhan:done", buttonAction.keluhanDone()],
  ["summary:send", buttonAction.sendSummary()],
  ["summary:change", buttonAction.changeSummary()],
  ["edit:npp", buttonAction.editField("npp")],
  ["edit:keluhan", buttonAction.editKeluhan()],
  ["edit:back", buttonAction.editBack()],
];

describe("button actions", () => {
  it("maps every pre-upgrade choice value to its typed kind, and back", () => {
    for (const [value, action] of LEGACY) {
      expect(fromLegacyChoice(value), value).toEqual(action);
      expect(legacyChoiceValue(action)).toBe(value);
    }
    // Every typed choice kind has a legacy value in the list above (hand_over came after the string language).
    const kinds = new Set(LEGACY.map(([, a]) => a.kind));
    const all = buttonActionSchema.options.map((o) => o.shape.kind.value).filter((k) => k !== "choice" && k !== "step_outcome" && k !== "hand_over");
    expect([...kinds].sort()).toEqual([...all].sort());
  });

  it("refuses values no release made", () => {
    for (const value of [
      "x",
      "slot:o",
      "slot:o:-1",
      "appt:a:move",
      "erase:",
      "open:",
      "note:later",
      "intake:old",
      "crisis:resume:",
      "consent:maybe",
      "kind:alien",
      "field:",
      "edit:password",
      "summary:",
    ]) {
      expect(fromLegacyChoice(value), value).toBeNull();
    }
  });

  it("parses a stored action once: typed kinds as they are, the old shape mapped, anything else refused", () => {
    const step = buttonAction.stepOutcome("r1", "approve");
    expect(parseButtonAction(step)).toEqual(step);
    expect(parseButtonAction(buttonAction.stepOutcome("r1", "approve", true))).toEqual({
      kind: "step_outcome",
      stepRunId: "r1",
      outcome: "approve",
      withNote: true,
    });
    expect(parseButtonAction(JSON.parse(JSON.stringify(buttonAction.slot("o", 2))))).toEqual({ kind: "slot", offerId: "o", index: 2 });
    expect(parseButtonAction({ kind: "choice", value: "summary:send" })).toEqual({ kind: "send_summary" });
    expect(parseButtonAction({ kind: "choice", value: "nonsense" })).toBeNull();
    expect(parseButtonAction({ kind: "slot", offerId: "o", index: -1 })).toBeNull();
    expect(parseButtonAction({ kind: "client_kind", clientKind: "alien" })).toBeNull();
    expect(parseButtonAction({ kind: "unknown" })).toBeNull();
    expect(parseButtonAction("consent:yes")).toBeNull();
  });

  it("every constructor makes an action the schema accepts", () => {
    for (const [, action] of LEGACY) expect(buttonActionSchema.safeParse(action).success, action.kind).toBe(true);
  });
});
