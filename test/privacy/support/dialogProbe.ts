// What the dialog fuzz reads back from the database after each message: the outbox rows it queued, the
// buttons and messages a chat was last shown, the language a chat should be answered in, and the stage of
// the chat's dialog (to give a sensible next answer).
import { legacyChoiceValue, parseButtonAction } from "../../../src/dialogs/buttonActions.ts";
import type { Prisma } from "../../../src/store/database.ts";

/** One queued message, its payload parsed. */
export interface QueuedRow {
  id: string;
  channel: string;
  address: string;
  personId: string | null;
  caseId: string | null;
  platformId: string | null;
  status: string;
  lastError: string | null;
  text: string;
  /** `value`: a choice's action written as the string it always was ("consent:yes"), for the drivers to pick buttons by. */
  buttons: { id: string; label: string; action: { kind: string; value?: string; outcome?: string } }[];
  attachments: { ref: string }[];
}

function parseRow(row: Omit<QueuedRow, "text" | "buttons" | "attachments"> & { payloadJson: string }): QueuedRow {
  const payload = JSON.parse(row.payloadJson) as { text?: string; buttons?: QueuedRow["buttons"]; attachments?: QueuedRow["attachments"] };
  return { ...row, text: payload.text ?? "", buttons: (payload.buttons ?? []).map(withChoiceValue), attachments: payload.attachments ?? [] };
}

function withChoiceValue(button: QueuedRow["buttons"][number]): QueuedRow["buttons"][number] {
  const action = parseButtonAction(button.action);
  if (!action || action.kind === "step_outcome") return button;
  return { ...button, action: { ...button.action, value: legacyChoiceValue(action) } };
}

const ROW_FIELDS = {
  id: true,
  channel: true,
  address: true,
  personId: true,
  caseId: true,
  platformId: true,
  status: true,
  lastError: true,
  payloadJson: true,
} as const;

/** Remembers the outbox rows already seen, to hand out only the ones a message queued. */
export class OutboxWatcher {
  private readonly seen = new Set<string>();
  /** Every row handed out so far, as it was when queued (payloads are decrypted once, not on every look). */
  readonly all: QueuedRow[] = [];
  constructor(private readonly prisma: Prisma) {}

  /** Rows queued since the last call (by anyone: call it right before and after a message). */
  async fresh(): Promise<QueuedRow[]> {
    const ids = (await this.prisma.outbox.findMany({ select: { id: true } })).map((r) => r.id).filter((id) => !this.seen.has(id));
    for (const id of ids) this.seen.add(id);
    if (ids.length === 0) return [];
    const rows = (await this.prisma.outbox.findMany({ where: { id: { in: ids } }, select: ROW_FIELDS, orderBy: { createdAt: "asc" } })).map(parseRow);
    this.all.push(...rows);
    return rows;
  }

  /** Rows queued to a chat so far, oldest first. */
  to(address: string): QueuedRow[] {
    return this.all.filter((r) => r.address === address);
  }
}

/** The platform ids of the messages a chat was sent (to reply to), with the case each is about. */
export async function sentTo(prisma: Prisma, address: string): Promise<{ platformId: string; caseId: string | null }[]> {
  const rows = await prisma.outbox.findMany({
    where: { channel: "telegram", address, platformId: { not: null } },
    select: { platformId: true, caseId: true },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => ({ platformId: r.platformId!, caseId: r.caseId }));
}

/** Every row queued to a chat, oldest first. */
export async function rowsTo(prisma: Prisma, address: string): Promise<QueuedRow[]> {
  const rows = await prisma.outbox.findMany({ where: { channel: "telegram", address }, orderBy: { createdAt: "asc" }, select: ROW_FIELDS });
  return rows.map(parseRow);
}

/** Every row queued at all, for the final checks. */
export async function allRows(prisma: Prisma): Promise<QueuedRow[]> {
  return (await prisma.outbox.findMany({ select: ROW_FIELDS })).map(parseRow);
}

export type Locale = "id" | "en";

/** The chat's stored dialog: its name and (parsed) state, or null. */
export async function dialogOf(prisma: Prisma, address: string): Promise<{ dialog: string; state: Record<string, unknown> } | null> {
  const row = await prisma.dialogState.findUnique({ where: { channel_address: { channel: "telegram", address } } });
  if (!row) return null;
  try {
    return { dialog: row.dialog, state: JSON.parse(row.stateJson) as Record<string, unknown> };
  } catch {
    return { dialog: row.dialog, state: {} }; // a state this test cannot read (encrypted): treated as stage-less
  }
}

/** The language a chat is to be answered in: its person's (client or staff), else its intake's (before consent), else Indonesian. */
export async function expectedLocale(prisma: Prisma, address: string): Promise<Locale> {
  const identity = await prisma.channelIdentity.findUnique({ where: { channel_address: { channel: "telegram", address } }, include: { person: true } });
  if (identity && !identity.person.erasedAt) return identity.person.locale === "en" ? "en" : "id";
  const dialog = await dialogOf(prisma, address);
  if (dialog?.dialog === "intake" && (dialog.state.locale === "en" || dialog.state.locale === "id")) return dialog.state.locale;
  return "id";
}

/** A person's language, for rows queued to someone other than the sender. */
export async function personLocale(prisma: Prisma, personId: string): Promise<Locale> {
  const person = await prisma.person.findUnique({ where: { id: personId }, select: { locale: true } });
  return person?.locale === "en" ? "en" : "id";
}
