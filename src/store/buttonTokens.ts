// Opaque button ids: a chat button carries only a random id; the action behind it lives in the database.
import { randomBytes } from "node:crypto";
import { parseButtonAction, type ButtonAction } from "../dialogs/buttonActions.ts";
import type { Tx } from "./database.ts";

/** 16 random bytes, base64url: unguessable and well under Telegram's 64-byte callback limit. */
export function newButtonId(): string {
  return randomBytes(16).toString("base64url");
}

/** A pressed button: its action and the outbox row of the message that carried it. */
export interface PressedButton {
  action: ButtonAction;
  outboxId: string | null;
}

/**
 * The action behind a pressed button, parsed and checked here once (a token stored before the typed kinds is
 * mapped to its kind), or null for an unknown (forged, expired or already used) id or an unreadable action.
 */
export async function resolveButton(tx: Tx, id: string): Promise<PressedButton | null> {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) return null;
  const row = await tx.buttonToken.findUnique({ where: { id } });
  if (!row) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(row.actionJson);
  } catch {
    return null;
  }
  const action = parseButtonAction(raw);
  return action ? { action, outboxId: row.outboxId } : null;
}
