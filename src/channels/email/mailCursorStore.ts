// Where the IMAP listener remembers how far it has read a mailbox, so no message is read twice or
// missed across reconnects and restarts. The integrator backs it with the database.

/** How far a mailbox has been handled: UIDs are only meaningful under one UIDVALIDITY. */
export interface MailCursor {
  uidValidity: string;
  lastUid: number;
}

/** Port for the cursor; save() is called after every handled message. */
export interface MailCursorStore {
  load(mailbox: string): Promise<MailCursor | null>;
  save(mailbox: string, cursor: MailCursor): Promise<void>;
}

/** A cursor store in memory: for tests, and for trying the product without a database. */
export function createMemoryCursorStore(initial: Record<string, MailCursor> = {}): MailCursorStore & { snapshot(): Record<string, MailCursor> } {
  const cursors = new Map(Object.entries(initial).map(([k, v]) => [k, { ...v }]));
  return {
    async load(mailbox) {
      const cursor = cursors.get(mailbox);
      return cursor ? { ...cursor } : null;
    },
    async save(mailbox, cursor) {
      cursors.set(mailbox, { ...cursor });
    },
    snapshot: () => Object.fromEntries([...cursors].map(([k, v]) => [k, { ...v }])),
  };
}
