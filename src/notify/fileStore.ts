// Where attachment bytes live between channels: a WhatsApp photo relayed to a Telegram counsellor,
// an email attachment, a generated PDF. Channels save what they receive and load what they send.

export interface StoredFile {
  bytes: Buffer;
  name?: string;
  mimeType?: string;
}

export interface FileStore {
  /** Keeps the bytes and returns a ref ("file:<id>") to put in InboundMessage/OutboundMessage attachments. */
  save(file: StoredFile): Promise<string>;
  /** The bytes behind a ref; throws FileMissingError when the ref is unknown or its file is gone (erased). */
  load(ref: string): Promise<StoredFile>;
}

/** The file behind a ref does not exist (erased, never saved, or not a ref at all): asking again will not help. */
export class FileMissingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FileMissingError";
  }
}
