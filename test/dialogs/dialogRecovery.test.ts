// A chat whose stored conversation cannot be read starts again (src/dialogs/dialogRecovery.ts), on a real SQLite
// database: the row is removed, audited by ids and reason only, and the person told (a toast too, where there is a
// button to answer); a chat with nothing stored, or a state that reads (an older one migrated), is left alone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { restartUnreadableDialog } from "../../src/dialogs/dialogRecovery.ts";
import { DIALOG_STATE_VERSION } from "../../src/dialogs/dialogStateSchema.ts";
import { openDialogBench, type DialogBench } from "./support/dialogBench.ts";
import { UNVERSIONED_INTAKE } from "./support/olderDialogStates.ts";

/** Monday 30 November 2026, 08:00 WIB. */
const NOW = new Date("2026-11-30T01:00:00Z");
const RESTARTED = "Maaf, percakapan Anda sebelumnya tidak dapat kami lanjutkan, jadi kita mulai dari awal. Silakan kirim pesan Anda sekali lagi.";

describe("dialogRecovery", () => {
  let b: DialogBench;
  const store = (address: string, dialog: string, stateJson: string) =>
    b.app.db.prisma.dialogState.create({ data: { channel: "telegram", address, dialog, stateJson } });
  const rowOf = (address: string) => b.app.db.prisma.dialogState.findUnique({ where: { channel_address: { channel: "telegram", address } } });
  const restart = async (address: string) => {
    const seen = await b.mark();
    const { result, turn } = await b.turn({ address, text: "31.0456" }, restartUnreadableDialog);
    return { restarted: result, toast: turn.toast, replies: (await b.queued({ address }, seen)).map((q) => q.text) };
  };

  beforeAll(async () => {
    b = await openDialogBench({ now: NOW });
  }, 60_000);
  afterAll(async () => b?.close());

  it("leaves a chat with nothing stored alone", async () => {
    expect(await restart("nothing")).toEqual({ restarted: false, toast: undefined, replies: [] });
  });

  it("leaves a state that reads alone, an older one (migrated on read) included", async () => {
    await store("older", "intake", JSON.stringify(UNVERSIONED_INTAKE));
    expect(await restart("older")).toEqual({ restarted: false, toast: undefined, replies: [] });
    expect(await rowOf("older")).not.toBeNull();
  });

  it("restarts a chat whose state is corrupt: the row removed, the person told, the reason audited without the content", async () => {
    const row = await store("corrupt", "intake", JSON.stringify({ ...UNVERSIONED_INTAKE, stage: { at: "nowhere" } }));
    expect(await restart("corrupt")).toEqual({ restarted: true, toast: RESTARTED, replies: [RESTARTED] });
    expect(await rowOf("corrupt")).toBeNull();
    const audit = await b.app.db.prisma.auditEvent.findFirstOrThrow({ where: { type: "dialog_state_unreadable" } });
    expect(JSON.parse(audit.dataJson)).toEqual({ dialogStateId: row.id, channel: "telegram", dialog: "intake", reason: "invalid", savedVersion: 1, issues: 1 });
    expect(audit.dataJson).not.toContain("Ana");
    expect(audit.at).toEqual(NOW);
    // The next message finds nothing to restart.
    expect((await restart("corrupt")).restarted).toBe(false);
  });

  it("restarts a state saved by a newer release, in the sender's language", async () => {
    const personId = await b.client({ address: "newer", locale: "en" });
    await store("newer", "intake", JSON.stringify({ ...UNVERSIONED_INTAKE, mode: "self", stateVersion: DIALOG_STATE_VERSION + 1 }));
    const { restarted, replies } = await restart("newer");
    expect(restarted).toBe(true);
    expect(replies).toEqual(["Sorry, we could not continue your earlier conversation, so we are starting again. Please send your message once more."]);
    const audit = (await b.app.db.prisma.auditEvent.findMany({ where: { type: "dialog_state_unreadable", actorId: personId } })).map((a) =>
      JSON.parse(a.dataJson),
    );
    expect(audit).toMatchObject([{ reason: "newer_version", savedVersion: DIALOG_STATE_VERSION + 1 }]);
  });
});
