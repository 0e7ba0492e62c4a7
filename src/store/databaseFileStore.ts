// The FileStore on the database (StoredFile rows): attachment bytes that must outlive one platform's
// file ids, such as a WhatsApp photo relayed to a Telegram counsellor or a generated PDF.
import { FileMissingError, type FileStore, type StoredFile } from "../notify/fileStore.ts";
import type { Prisma } from "./database.ts";

const PREFIX = "file:";

/** A FileStore keeping bytes in the StoredFile table. */
export function databaseFileStore(prisma: Prisma): FileStore {
  return {
    async save(file: StoredFile): Promise<string> {
      const row = await prisma.storedFile.create({
        data: { bytes: new Uint8Array(file.bytes), name: file.name ?? null, mimeType: file.mimeType ?? null, size: file.bytes.length },
        select: { id: true },
      });
      return `${PREFIX}${row.id}`;
    },
    async load(ref: string): Promise<StoredFile> {
      if (!ref.startsWith(PREFIX)) throw new FileMissingError(`Not a stored file reference: "${ref.slice(0, 40)}"`);
      const row = await prisma.storedFile.findUnique({ where: { id: ref.slice(PREFIX.length) } });
      if (!row) throw new FileMissingError(`Stored file ${ref} does not exist (erased, or never saved)`);
      return { bytes: Buffer.from(row.bytes), name: row.name ?? undefined, mimeType: row.mimeType ?? undefined };
    },
  };
}
