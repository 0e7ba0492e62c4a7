// Per-chat conversation state (intake, a staff member's pending note), stored so a restart continues
// where the person was. The version column turns a lost race between two writers into a retry; the state
// itself carries the version of its shape and is checked (and migrated) every time it is read.
import { readDialogState, writeDialogState, type DialogState, type UnreadableReason } from "../dialogs/dialogStateSchema.ts";
import { ConcurrentChangeError } from "./caseRepository.ts";
import type { Tx } from "./database.ts";

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
  const row = await tx.dialogState.findUnique({ where: { channel_address: { channel, address } } });
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

/** Which dialog a chat has stored, and the version saving over it must name. */
export interface SavedVersion {
  dialog: string;
  version: number;
}

/** The chat's stored dialog and its version without reading its state (to replace whatever it is), or null. */
export async function savedVersionOf(tx: Tx, channel: string, address: string): Promise<SavedVersion | null> {
  return tx.dialogState.findUnique({ where: { channel_address: { channel, address } }, select: { dialog: true, version: true } });
}

/** Saves the chat's dialog; `previous` is what loadDialog (or savedVersionOf) returned (null for a new one). */
export async function saveDialog<S extends DialogState>(
  tx: Tx,
  p: { channel: string; address: string; dialog: S["dialog"]; state: S; previous: SavedVersion | null },
): Promise<void> {
  const stateJson = writeDialogState(p.state);
  if (!p.previous) {
    await tx.dialogState.create({ data: { channel: p.channel, address: p.address, dialog: p.dialog, stateJson } });
    return;
  }
  const updated = await tx.dialogState.updateMany({
    where: { channel: p.channel, address: p.address, version: p.previous.version },
    data: { dialog: p.dialog, stateJson, version: p.previous.version + 1 },
  });
  if (updated.count !== 1) throw new ConcurrentChangeError(`dialog ${p.channel}`);
}

/** Ends the chat's dialog (nothing of it is kept). */
export async function endDialog(tx: Tx, channel: string, address: string): Promise<void> {
  await tx.dialogState.deleteMany({ where: { channel, address } });
}
