// One FileStore for every channel: bytes kept in the database ("file:<id>"), files people sent on a platform
// that keeps them itself ("telegram:<file_id>"), fetched from that channel when another channel (WhatsApp,
// email) needs them, generated SOP documents ("doc:<id>"), and a client's copy of their data ("datasaya:<person id>").
// A file a person sent is counted against their limit before its bytes are kept (admit).
import { AttachmentRefusedError, type FileSender, type FileStore, type StoredFile } from "../notify/fileStore.ts";

export function createAttachmentStore(p: {
  database: FileStore;
  /** For a ref "<channel>:<file id>": the running channel's download; null for a channel that is not running or keeps no files. */
  channelDownload?: (channel: string) => ((fileId: string) => Promise<StoredFile>) | null | undefined;
  /** Generated SOP documents ("doc:<id>"), archived on their case. */
  document?: (id: string) => Promise<StoredFile>;
  /** A client's copy of their personal data ("datasaya:<person id>"), made when it is sent and never stored. */
  dataCopy?: (personId: string) => Promise<StoredFile>;
  /** Whether a sender is within their limit, asked before their file is kept (false: it is not). */
  admit?: (from: FileSender) => Promise<boolean>;
}): FileStore {
  return {
    async save(file, from) {
      if (from && p.admit && !(await p.admit(from))) throw new AttachmentRefusedError();
      return p.database.save(file);
    },
    async load(ref) {
      if (ref.startsWith("datasaya:")) {
        if (!p.dataCopy) throw new Error("A copy of personal data cannot be made here");
        return p.dataCopy(ref.slice("datasaya:".length));
      }
      if (ref.startsWith("doc:")) {
        if (!p.document) throw new Error("Documents cannot be loaded here");
        return p.document(ref.slice("doc:".length));
      }
      const channel = /^([a-z]+):/.exec(ref)?.[1];
      const download = channel && channel !== "file" ? p.channelDownload?.(channel) : undefined;
      if (download === null) throw new Error(`A ${channel} file cannot be fetched: the ${channel} channel is not running`);
      if (download) return download(ref.slice(channel!.length + 1));
      return p.database.load(ref);
    },
  };
}
