// The email listener's position in the mailbox (the MailCursor table): the channel defines the port, this keeps it in the database.
import type { Prisma } from "../../store/database.ts";
import type { MailCursorStore } from "./mailCursorStore.ts";

/** The listener's cursor per mailbox in the MailCursor table. */
export function databaseMailCursorStore(prisma: Prisma): MailCursorStore {
  return {
    async load(mailbox) {
      const row = await prisma.mailCursor.findUnique({ where: { mailbox } });
      return row ? { uidValidity: row.uidValidity, lastUid: row.lastUid } : null;
    },
    async save(mailbox, cursor) {
      await prisma.mailCursor.upsert({
        where: { mailbox },
        create: { mailbox, uidValidity: cursor.uidValidity, lastUid: cursor.lastUid },
        update: { uidValidity: cursor.uidValidity, lastUid: cursor.lastUid },
      });
    },
  };
}
