// Where attachment bytes live between channels: a WhatsApp photo relayed to a Telegram counsellor,
// an email attachment, a generated PDF. Channels save what they receive and load what they send.

export interface StoredFile {
  bytes: Buffer;
  name?: string;
  mimeType?: string;
}

/** Who sent a file: the chat whose message carries it. */
export interface FileSender {
  channel: string;
  address: string;
}

export interface FileStore {
  /**
   * Keeps the bytes and returns a ref ("file:<id>") to put in InboundMessage/OutboundMessage attachments. With
   * `from`, the file is first counted against that sender's limit: over it, nothing is kept and
   * AttachmentRefusedError is thrown (the channel passes the message on without it).
   */
  save(file: StoredFile, from?: FileSender): Promise<string>;
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

/** A file a sender over their limit sent (a flood beyond any person's pace): not kept. */
export class AttachmentRefusedError extends Error {
  constructor() {
    super("The sender is over their limit: the file was not kept");
    this.name = "AttachmentRefusedError";
  }
}
