// Per-chat conversation state (intake, a staff member's pending note), stored so a restart continues
// where the person was. The version column turns a lost race between two writers into a retry.
import { ConcurrentChangeError } from "./caseRepository.ts";
import type { Tx } from "./database.ts";

export interface StoredDialog<S> {
  dialog: string;
  state: S;
  version: number;
}

/** The chat's stored dialog, or null. */
export async function loadDialog<S>(tx: Tx, channel: string, address: string): Promise<StoredDialog<S> | null> {
  const row = await tx.dialogState.findUnique({ where: { channel_address: { channel, address } } });
  return row ? { dialog: row.dialog, state: JSON.parse(row.stateJson) as S, version: row.version } : null;
}

/** Saves the chat's dialog; `previous` is what loadDialog returned (null for a new one). */
export async function saveDialog<S>(tx: Tx, p: { channel: string; address: string; dialog: string; state: S; previous: StoredDialog<unknown> | null }): Promise<void> {
  const stateJson = JSON.stringify(p.state);
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
