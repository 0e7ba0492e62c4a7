// A chat's saved conversation (src/dialogs/savedDialogs.ts) on a real SQLite database: a state saved by an older
// release (no version: version 1) loads migrated to the current shape and is saved back at the current version; a
// row that fails the check is reported by ids and reason without its content, and loadDialog removes it rather
// than cast it; saving names the version it read, so a writer that lost a race is refused and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALOG_STATE_VERSION } from "../../src/dialogs/dialogStateSchema.ts";
import { newIntake } from "../../src/dialogs/intake/intakeDialog.ts";
import { loadDialog, readDialog, saveDialog, savedVersionOf, storedAs } from "../../src/dialogs/savedDialogs.ts";
import { ConcurrentChangeError } from "../../src/store/caseRepository.ts";
import type { Tx } from "../../src/store/database.ts";
import { openDialogBench, type DialogBench } from "./support/dialogBench.ts";
import { UNVERSIONED_INTAKE } from "./support/olderDialogStates.ts";

/** Monday 30 November 2026, 08:00 WIB. */
const NOW = new Date("2026-11-30T01:00:00Z");

describe("savedDialogs", () => {
  let b: DialogBench;
  let chats = 0;
  /** A chat address no other test uses. */
  const chat = () => `saved-${++chats}`;
  const inTx = <T>(work: (tx: Tx) => Promise<T>) => b.app.db.prisma.$transaction(work);
  const storeRow = (address: string, dialog: string, stateJson: string) =>
    b.app.db.prisma.dialogState.create({ data: { channel: "telegram", address, dialog, stateJson } });
  const rowOf = (address: string) => b.app.db.prisma.dialogState.findUnique({ where: { channel_address: { channel: "telegram", address } } });

  beforeAll(async () => {
    b = await openDialogBench({ now: NOW });
  }, 60_000);
  afterAll(async () => b?.close());

  it("a chat with nothing saved reads and loads as null", async () => {
    const address = chat();
    expect(await inTx((tx) => readDialog(tx, "telegram", address))).toBeNull();
    expect(await inTx((tx) => loadDialog(tx, "telegram", address))).toBeNull();
    expect(await inTx((tx) => savedVersionOf(tx, "telegram", address))).toBeNull();
  });

  it("loads an intake an older release saved (no version) migrated to the current shape, and saves it back at the current version", async () => {
    const address = chat();
    await storeRow(address, "intake", JSON.stringify(UNVERSIONED_INTAKE));
    const loaded = await inTx((tx) => loadDialog(tx, "telegram", address));
    expect(loaded).toEqual({ dialog: "intake", version: 0, state: { ...UNVERSIONED_INTAKE, mode: "self" } });
    const intake = storedAs(loaded, "intake");
    expect(intake?.state.mode).toBe("self");
    // The conversation goes on: the next answer is saved over the version that was read, in the current shape.
    await inTx((tx) =>
      saveDialog(tx, {
        channel: "telegram",
        address,
        dialog: "intake",
        state: { ...intake!.state, answers: { nama: "Ana", npp: "31.0456" } },
        previous: loaded,
      }),
    );
    const row = await rowOf(address);
    expect(row?.version).toBe(1);
    expect(JSON.parse(row!.stateJson)).toMatchObject({ stateVersion: DIALOG_STATE_VERSION, mode: "self", answers: { npp: "31.0456" } });
    expect(await inTx((tx) => loadDialog(tx, "telegram", address))).toMatchObject({ version: 1, state: { answers: { nama: "Ana", npp: "31.0456" } } });
  });

  it("reports a corrupt row by id and reason, never its content, and keeps it until it is loaded", async () => {
    const address = chat();
    const row = await storeRow(address, "intake", '{"dialog":"intake","answers":{"nama":"Ana"');
    const read = await inTx((tx) => readDialog(tx, "telegram", address));
    expect(read).toEqual({ readable: false, rowId: row.id, dialog: "intake", reason: "not_json", savedVersion: undefined, issues: undefined });
    expect(JSON.stringify(read)).not.toContain("Ana");
    expect(await rowOf(address)).not.toBeNull();
  });

  it("loadDialog removes a row that fails the check instead of casting it, and the chat starts afresh", async () => {
    const cases: [string, string, string][] = [
      ["not JSON", "intake", "{not json"],
      ["a stage no release had", "intake", JSON.stringify({ ...UNVERSIONED_INTAKE, stage: { at: "nowhere" } })],
      ["saved by a newer release", "intake", JSON.stringify({ ...UNVERSIONED_INTAKE, mode: "self", stateVersion: DIALOG_STATE_VERSION + 1 })],
      ["a state of another dialog than the row names", "staff_note", JSON.stringify({ ...UNVERSIONED_INTAKE, mode: "self" })],
    ];
    for (const [what, dialog, stateJson] of cases) {
      const address = chat();
      await storeRow(address, dialog, stateJson);
      expect(await inTx((tx) => loadDialog(tx, "telegram", address)), what).toBeNull();
      expect(await rowOf(address), what).toBeNull();
      // A new conversation can be saved in its place.
      const fresh = newIntake({ orgId: "ipdn", orgName: "Unit BK IPDN", kinds: ["praja"], locale: "id" });
      await inTx((tx) => saveDialog(tx, { channel: "telegram", address, dialog: "intake", state: fresh, previous: null }));
      expect(await inTx((tx) => loadDialog(tx, "telegram", address)), what).toEqual({ dialog: "intake", version: 0, state: fresh });
    }
  });

  it("says why each unreadable row could not be read", async () => {
    const reasons: string[] = [];
    for (const [dialog, stateJson] of [
      ["intake", JSON.stringify({ ...UNVERSIONED_INTAKE, stage: { at: "nowhere" } })],
      ["intake", JSON.stringify({ ...UNVERSIONED_INTAKE, stateVersion: DIALOG_STATE_VERSION + 1 })],
      ["staff_note", JSON.stringify({ ...UNVERSIONED_INTAKE, mode: "self" })],
    ] as const) {
      const address = chat();
      await storeRow(address, dialog, stateJson);
      const read = await inTx((tx) => readDialog(tx, "telegram", address));
      reasons.push(read && !read.readable ? `${read.reason}@${read.savedVersion}` : "readable");
    }
    expect(reasons).toEqual(["invalid@1", `newer_version@${DIALOG_STATE_VERSION + 1}`, "dialog_mismatch@1"]);
  });

  it("storedAs gives the stored dialog only when it is the one named", async () => {
    const address = chat();
    const note = { dialog: "staff_note", stepRunId: "r1", outcome: "revise", need: "reason", caseNo: 3 } as const;
    await inTx((tx) => saveDialog(tx, { channel: "telegram", address, dialog: "staff_note", state: note, previous: null }));
    const loaded = await inTx((tx) => loadDialog(tx, "telegram", address));
    expect(storedAs(loaded, "staff_note")?.state).toEqual(note);
    expect(storedAs(loaded, "intake")).toBeNull();
    expect(storedAs(null, "intake")).toBeNull();
  });

  it("a save over a version someone else already replaced is refused and changes nothing", async () => {
    const address = chat();
    const state = newIntake({ orgId: "ipdn", orgName: "Unit BK IPDN", kinds: ["praja"], locale: "id" });
    await inTx((tx) => saveDialog(tx, { channel: "telegram", address, dialog: "intake", state, previous: null }));
    const read = await inTx((tx) => savedVersionOf(tx, "telegram", address));
    expect(read).toEqual({ dialog: "intake", version: 0 });
    await inTx((tx) => saveDialog(tx, { channel: "telegram", address, dialog: "intake", state: { ...state, locale: "en" }, previous: read }));
    // A second writer that read the same version loses.
    await expect(
      inTx((tx) => saveDialog(tx, { channel: "telegram", address, dialog: "intake", state: { ...state, orgName: "lost" }, previous: read })),
    ).rejects.toBeInstanceOf(ConcurrentChangeError);
    expect(await inTx((tx) => loadDialog(tx, "telegram", address))).toMatchObject({ version: 1, state: { locale: "en", orgName: "Unit BK IPDN" } });
  });
});
