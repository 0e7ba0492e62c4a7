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
  /** The bytes behind a ref; throws when the ref is unknown (or erased). */
  load(ref: string): Promise<StoredFile>;
}
