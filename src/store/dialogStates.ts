// Per-chat conversation state rows (intake, a staff member's pending note), stored so a restart continues where
// the person was. The store keeps the saved JSON and a row version that turns a lost race between two writers
// into a retry; what the JSON may hold, and its check and migration on every read, belong to the dialogs
// (src/dialogs/savedDialogs.ts and dialogStateSchema.ts).
import { ConcurrentChangeError } from "./caseRepository.ts";
import type { Tx } from "./database.ts";

/** A chat's stored dialog row, its state still unchecked JSON. */
export interface DialogRow {
  id: string;
  dialog: string;
  stateJson: string;
  version: number;
}

/** Which dialog a chat has stored, and the version saving over it must name. */
export interface SavedVersion {
  dialog: string;
  version: number;
}

/** The chat's stored dialog row, or null. */
export async function dialogRowOf(tx: Tx, channel: string, address: string): Promise<DialogRow | null> {
  return tx.dialogState.findUnique({ where: { channel_address: { channel, address } }, select: { id: true, dialog: true, stateJson: true, version: true } });
}

/** The chat's stored dialog and its version without reading its state (to replace whatever it is), or null. */
export async function savedVersionOf(tx: Tx, channel: string, address: string): Promise<SavedVersion | null> {
  return tx.dialogState.findUnique({ where: { channel_address: { channel, address } }, select: { dialog: true, version: true } });
}

/**
 * Writes the chat's dialog row: a new one when `previous` is null, else over the version named (a concurrent
 * writer got there first: ConcurrentChangeError, and the turn is retried).
 */
export async function writeDialogRow(
  tx: Tx,
  p: { channel: string; address: string; dialog: string; stateJson: string; previous: SavedVersion | null },
): Promise<void> {
  if (!p.previous) {
    await tx.dialogState.create({ data: { channel: p.channel, address: p.address, dialog: p.dialog, stateJson: p.stateJson } });
    return;
  }
  const updated = await tx.dialogState.updateMany({
    where: { channel: p.channel, address: p.address, version: p.previous.version },
    data: { dialog: p.dialog, stateJson: p.stateJson, version: p.previous.version + 1 },
  });
  if (updated.count !== 1) throw new ConcurrentChangeError(`dialog ${p.channel}`);
}

/** Ends the chat's dialog (nothing of it is kept). */
export async function endDialog(tx: Tx, channel: string, address: string): Promise<void> {
  await tx.dialogState.deleteMany({ where: { channel, address } });
}
