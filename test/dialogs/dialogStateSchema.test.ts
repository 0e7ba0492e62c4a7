// The stored conversation states: checked on every read, versioned, and migrated from the unversioned shape
// every release before the version saved.
import { describe, expect, it } from "vitest";
import { DIALOG_STATE_VERSION, readDialogState, writeDialogState } from "../../src/dialogs/dialogStateSchema.ts";
import { newIntake } from "../../src/dialogs/intake/intakeDialog.ts";
import { newFormIntake } from "../../src/dialogs/intake/intakeForm.ts";
import { UNVERSIONED_INTAKE } from "./support/olderDialogStates.ts";

const intake = newIntake({ orgId: "ipdn", orgName: "Unit BK IPDN", kinds: ["praja", "pegawai"], locale: "id" });

describe("stored dialog states", () => {
  it("saves with the current version and reads back the same state", () => {
    const json = writeDialogState(intake);
    expect(JSON.parse(json)).toMatchObject({ stateVersion: DIALOG_STATE_VERSION, dialog: "intake" });
    expect(readDialogState(json, "intake")).toEqual({ ok: true, state: intake, savedVersion: DIALOG_STATE_VERSION });
    const form = newFormIntake({ orgId: "ipdn", orgName: "Unit BK IPDN", kinds: ["praja"], locale: "en" });
    expect(readDialogState(writeDialogState(form), "form_intake")).toMatchObject({ ok: true, state: form });
    const note = { dialog: "staff_note", stepRunId: "r1", outcome: "revise", need: "reason", caseNo: 3 } as const;
    expect(readDialogState(writeDialogState(note), "staff_note")).toMatchObject({ ok: true, state: note });
  });

  it("migrates an unversioned intake (version 1) to the current shape", () => {
    const read = readDialogState(JSON.stringify(UNVERSIONED_INTAKE), "intake");
    expect(read).toEqual({ ok: true, savedVersion: 1, state: { ...UNVERSIONED_INTAKE, mode: "self" } });
    // A version 1 intake that had a mode keeps it.
    const staff = readDialogState(JSON.stringify({ ...UNVERSIONED_INTAKE, mode: "staff", flowId: "bk-praja" }), "intake");
    expect(staff.ok && staff.state.dialog === "intake" && staff.state.mode).toBe("staff");
  });

  it("migrates the intake a version 1 crisis hold kept", () => {
    const hold = { dialog: "crisis_hold", clientId: "c1", counsellorIds: ["k1"], held: { dialog: "intake", state: UNVERSIONED_INTAKE } };
    const read = readDialogState(JSON.stringify(hold), "crisis_hold");
    expect(read).toMatchObject({ ok: true, savedVersion: 1, state: { held: { dialog: "intake", state: { mode: "self", answers: { nama: "Ana" } } } } });
    expect(readDialogState(JSON.stringify({ ...hold, held: null }), "crisis_hold")).toMatchObject({ ok: true });
  });

  it("refuses what fails the check, saying why without the content", () => {
    expect(readDialogState("{not json", "intake")).toEqual({ ok: false, reason: "not_json" });
    expect(readDialogState("[]", "intake")).toEqual({ ok: false, reason: "invalid" });
    expect(readDialogState(JSON.stringify({ ...UNVERSIONED_INTAKE, stage: { at: "nowhere" } }), "intake")).toMatchObject({
      ok: false,
      reason: "invalid",
      savedVersion: 1,
    });
    expect(readDialogState(JSON.stringify({ ...UNVERSIONED_INTAKE, stateVersion: "2" }), "intake")).toMatchObject({ ok: false, reason: "invalid" });
    expect(readDialogState(JSON.stringify({ ...UNVERSIONED_INTAKE, stateVersion: DIALOG_STATE_VERSION + 1 }), "intake")).toMatchObject({
      ok: false,
      reason: "newer_version",
    });
    expect(readDialogState(writeDialogState(intake), "form_intake")).toMatchObject({ ok: false, reason: "dialog_mismatch" });
    const bad = readDialogState(JSON.stringify({ ...UNVERSIONED_INTAKE, answers: { nama: 42 }, keluhan: "rahasia" }), "intake");
    expect(bad).toMatchObject({ ok: false, reason: "invalid" });
    expect(JSON.stringify(bad)).not.toContain("rahasia");
  });
});
