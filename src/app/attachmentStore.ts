// One FileStore for every channel: bytes kept in the database ("file:<id>"), and files people sent the
// Telegram bot ("telegram:<file_id>"), fetched from Telegram when another channel (WhatsApp, email) needs them,
// and generated SOP documents ("doc:<id>").
import type { FileStore, StoredFile } from "../notify/fileStore.ts";

export function createAttachmentStore(p: {
  database: FileStore;
  telegramDownload?: (fileId: string) => Promise<StoredFile>;
  /** Generated SOP documents ("doc:<id>"), archived on their case. */
  document?: (id: string) => Promise<StoredFile>;
}): FileStore {
  return {
    save: (file) => p.database.save(file),
    async load(ref) {
      if (ref.startsWith("telegram:")) {
        if (!p.telegramDownload) throw new Error("A Telegram file cannot be fetched: the Telegram channel is not running");
        return p.telegramDownload(ref.slice("telegram:".length));
      }
      if (ref.startsWith("doc:")) {
        if (!p.document) throw new Error("Documents cannot be loaded here");
        return p.document(ref.slice("doc:".length));
      }
      return p.database.load(ref);
    },
  };
}
