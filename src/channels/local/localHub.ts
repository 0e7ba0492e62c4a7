// The local channel's "platform": every pane's transcript in memory, and the live subscribers (the
// page's event streams) told about each new or edited message. The sender writes here; the page reads here.
import { randomBytes } from "node:crypto";

/** A file in a transcript; the bytes stay in the FileStore. */
export interface LocalAttachment {
  kind: string;
  name: string;
  mimeType?: string;
  /** FileStore ref ("file:<id>", "telegram:<file_id>"): stays on the server, the page gets a URL. */
  ref: string;
}

/** One message in a pane, from the bot or from the person in that pane. */
export interface LocalEntry {
  /** The platform id: what outbox rows store, what a reply or an edit names. */
  id: string;
  from: "bot" | "me";
  text: string;
  buttons: { id: string; label: string }[];
  links: { label: string; url: string }[];
  attachments: LocalAttachment[];
  replyTo?: string;
  /** The label of the button this person pressed (a "me" entry without text). */
  pressed?: string;
  at: Date;
  edited: boolean;
}

/** What the page receives for an entry: attachment refs replaced by download URLs. */
export interface LocalEntryView extends Omit<LocalEntry, "attachments" | "at"> {
  attachments: { kind: string; name: string; mimeType?: string; url: string }[];
  at: string;
}

/** What the page's event stream carries: a whole snapshot first, then each change. */
export type LocalEvent =
  | { type: "message" | "edit"; pane: string; entry: LocalEntryView }
  | { type: "pane"; pane: string }
  | { type: "snapshot"; panes: { pane: string; entries: LocalEntryView[] }[] };

/** The transcripts and their live listeners: the only state the local channel keeps. */
export interface LocalHub {
  /** Every pane that has a transcript (or was opened), in the order they appeared. */
  panes(): string[];
  /** Opens an empty pane; false when it exists already. */
  addPane(pane: string): boolean;
  entries(pane: string): readonly LocalEntry[];
  find(pane: string, id: string): LocalEntry | undefined;
  /** Adds a message to a pane; false (and nothing told) when an entry with this id is there already. */
  append(pane: string, entry: LocalEntry): boolean;
  /** Replaces an entry's content (an edit); undefined when there is no such entry. */
  edit(pane: string, id: string, content: Pick<LocalEntry, "text" | "buttons" | "links" | "attachments">): LocalEntry | undefined;
  /** The label of a button currently shown in the pane, or undefined (pressing anything else is refused). */
  buttonLabel(pane: string, buttonId: string): string | undefined;
  subscribe(listener: (event: LocalEvent) => void): () => void;
  snapshot(): Extract<LocalEvent, { type: "snapshot" }>;
}

/** A new platform message id: unique across restarts (the transcript is rebuilt from the outbox by these ids). */
export function newLocalMessageId(prefix: "b" | "p"): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(6).toString("base64url")}`;
}

/** The download URL the page uses for an entry's attachment. */
export function attachmentUrl(pane: string, entryId: string, index: number): string {
  return `/local/files/${encodeURIComponent(pane)}/${encodeURIComponent(entryId)}/${index}`;
}

function viewOf(pane: string, entry: LocalEntry): LocalEntryView {
  return {
    ...entry,
    at: entry.at.toISOString(),
    attachments: entry.attachments.map((a, i) => ({ kind: a.kind, name: a.name, mimeType: a.mimeType, url: attachmentUrl(pane, entry.id, i) })),
  };
}

/** Creates the in-memory hub; each pane keeps its latest `maxEntriesPerPane` messages. */
export function createLocalHub(options: { maxEntriesPerPane?: number } = {}): LocalHub {
  const max = options.maxEntriesPerPane ?? 500;
  const transcripts = new Map<string, LocalEntry[]>();
  const listeners = new Set<(event: LocalEvent) => void>();
  const tell = (event: LocalEvent) => {
    for (const listener of listeners) listener(event);
  };
  const ensure = (pane: string): LocalEntry[] => {
    let list = transcripts.get(pane);
    if (!list) {
      list = [];
      transcripts.set(pane, list);
      tell({ type: "pane", pane });
    }
    return list;
  };

  return {
    panes: () => [...transcripts.keys()],
    addPane(pane) {
      if (transcripts.has(pane)) return false;
      ensure(pane);
      return true;
    },
    entries: (pane) => transcripts.get(pane) ?? [],
    find: (pane, id) => transcripts.get(pane)?.find((e) => e.id === id),
    append(pane, entry) {
      const list = ensure(pane);
      if (list.some((e) => e.id === entry.id)) return false;
      list.push(entry);
      if (list.length > max) list.splice(0, list.length - max);
      tell({ type: "message", pane, entry: viewOf(pane, entry) });
      return true;
    },
    edit(pane, id, content) {
      const entry = transcripts.get(pane)?.find((e) => e.id === id);
      if (!entry) return undefined;
      Object.assign(entry, content, { edited: true });
      tell({ type: "edit", pane, entry: viewOf(pane, entry) });
      return entry;
    },
    buttonLabel(pane, buttonId) {
      for (const entry of transcripts.get(pane) ?? []) {
        const button = entry.buttons.find((b) => b.id === buttonId);
        if (button) return button.label;
      }
      return undefined;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    snapshot: () => ({ type: "snapshot", panes: [...transcripts].map(([pane, list]) => ({ pane, entries: list.map((e) => viewOf(pane, e)) })) }),
  };
}
