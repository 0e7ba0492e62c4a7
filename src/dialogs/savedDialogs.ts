// A chat's saved conversation, as the dialogs see it: the stored row (src/store/dialogStates.ts) checked against
// the union of states every time it is read (an older shape migrated first: dialogStateSchema.ts), never cast.
import type { Tx } from "../store/database.ts";
import { dialogRowOf, endDialog, writeDialogRow, type SavedVersion } from "../store/dialogStates.ts";
import { readDialogState, writeDialogState, type DialogState, type UnreadableReason } from "./dialogStateSchema.ts";

export { endDialog, savedVersionOf, type SavedVersion } from "../store/dialogStates.ts";

export interface StoredDialog<S extends DialogState = DialogState> {
  dialog: S["dialog"];
  state: S;
  version: number;
}

/** A chat's stored dialog as read: checked and current, or unreadable (why, and ids only: safe to log). */
export type DialogRead =
  | { readable: true; stored: StoredDialog }
  | { readable: false; rowId: string; dialog: string; reason: UnreadableReason; savedVersion?: number; issues?: number };

/** The chat's stored dialog, checked against the union of states (an older shape migrated), or null when there is none. */
export async function readDialog(tx: Tx, channel: string, address: string): Promise<DialogRead | null> {
  const row = await dialogRowOf(tx, channel, address);
  if (!row) return null;
  const read = readDialogState(row.stateJson, row.dialog);
  if (read.ok) return { readable: true, stored: { dialog: read.state.dialog, state: read.state, version: row.version } };
  return { readable: false, rowId: row.id, dialog: row.dialog, reason: read.reason, savedVersion: read.savedVersion, issues: read.issues };
}

/**
 * The chat's stored dialog, or null. A state that fails the check is never cast: it is removed and null returned
 * (the chat's own turn tells the person first: src/dialogs/dialogRecovery.ts).
 */
export async function loadDialog(tx: Tx, channel: string, address: string): Promise<StoredDialog | null> {
  const read = await readDialog(tx, channel, address);
  if (!read) return null;
  if (read.readable) return read.stored;
  await endDialog(tx, channel, address);
  return null;
}

/** The stored dialog when it is the named one. */
export function storedAs<K extends DialogState["dialog"]>(stored: StoredDialog | null, dialog: K): StoredDialog<Extract<DialogState, { dialog: K }>> | null {
  return stored?.state.dialog === dialog ? (stored as StoredDialog<Extract<DialogState, { dialog: K }>>) : null;
}

/** Saves the chat's dialog; `previous` is what loadDialog (or savedVersionOf) returned (null for a new one). */
export async function saveDialog<S extends DialogState>(
  tx: Tx,
  p: { channel: string; address: string; dialog: S["dialog"]; state: S; previous: SavedVersion | null },
): Promise<void> {
  await writeDialogRow(tx, { channel: p.channel, address: p.address, dialog: p.dialog, stateJson: writeDialogState(p.state), previous: p.previous });
}
