// The registry of step action kinds: what each kind offers, asks for, produces and who records it.
import { describe, expect, it } from "vitest";
import { rolesForStep } from "../../src/core/policy.ts";
import {
  ACTION_KIND_IDS,
  ACTION_KINDS,
  documentOf,
  fileAskedFor,
  endsFlow,
  noteAskedFor,
  outcomesOf,
  rolesThatMayRecord,
  writesText,
} from "../../src/flows/actionKinds.ts";

const step = (action: (typeof ACTION_KIND_IDS)[number], more: Record<string, unknown> = {}) => ({ action, role: "psikiater", ...more });

describe("action kinds", () => {
  it("archive ends the flow and offers only done; the others offer what next lists", () => {
    expect(outcomesOf(step("archive"))).toEqual(["done"]);
    expect(endsFlow(step("archive"))).toBe(true);
    expect(outcomesOf(step("approval", { next: { approve: "a", revise: "b" } }))).toEqual(["approve", "revise"]);
    expect(outcomesOf(step("form", { next: "s2" }))).toEqual(["done"]);
    for (const kind of ACTION_KIND_IDS.filter((k) => k !== "archive")) expect(endsFlow(step(kind)), kind).toBe(false);
  });

  it("asks a disposisi step for its directive, external work for its result, a writing step for its report, a revision for a reason", () => {
    expect(noteAskedFor(step("disposisi"), "done")).toBe("disposisi");
    expect(noteAskedFor(step("external"), "done")).toBe("external");
    expect(noteAskedFor(step("form", { writes: true }), "done")).toBe("report");
    // An outside party's result a document carries is written, not skipped.
    expect(noteAskedFor(step("external", { writes: true }), "done")).toBe("report");
    expect(noteAskedFor(step("approval"), "revise")).toBe("reason");
    expect(noteAskedFor(step("approval"), "approve")).toBeNull();
  });

  it("an approval may also refuse, asked for its reason; a step with an upload asks for the file whatever its kind", () => {
    expect(ACTION_KINDS.approval.exits).toEqual({ fixed: ["approve", "revise"], optional: ["refuse"] });
    expect(outcomesOf(step("approval", { next: { approve: "a", revise: "b", refuse: "c" } }))).toEqual(["approve", "revise", "refuse"]);
    expect(noteAskedFor(step("approval"), "refuse")).toBe("reason");
    expect(fileAskedFor(step("external", { upload: "surat_hasil_pemeriksaan" }), "done")).toBe("upload");
    expect(fileAskedFor(step("form", { upload: "dokumen_hasil_pemeriksaan", writes: true }), "done")).toBe("upload");
    expect(fileAskedFor(step("approval", { upload: "surat_hasil_pemeriksaan" }), "revise")).toBeNull();
    expect(fileAskedFor(step("form"), "done")).toBeNull();
  });

  it("a disposisi step produces a Disposisi unless it names another document, and writes a text", () => {
    expect(documentOf(step("disposisi"))).toBe("disposisi");
    expect(documentOf(step("approval", { document: "nota_dinas" }))).toBe("nota_dinas");
    expect(documentOf(step("form"))).toBeUndefined();
    expect(writesText(step("disposisi"))).toBe(true);
    expect(writesText(step("form"))).toBe(false);
  });

  it("external work is recorded by staff too, and the policy agrees for every kind", () => {
    expect(rolesThatMayRecord(step("external"))).toEqual(["psikiater", "staf"]);
    expect(rolesThatMayRecord({ action: "external", role: "staf" })).toEqual(["staf"]);
    for (const kind of ACTION_KIND_IDS) {
      for (const role of ["psikiater", "staf", "konselor"])
        expect(rolesThatMayRecord({ action: kind, role }), `${kind} ${role}`).toEqual(rolesForStep({ action: kind, role }));
    }
  });
});
