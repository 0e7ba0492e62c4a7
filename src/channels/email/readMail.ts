// Parses a raw message with mailparser's streaming parser (what simpleParser is built on) into our own
// ParsedEmail, with limits: an attachment over the size limit is counted and discarded while it streams,
// so a 20 MB file is never buffered a second time next to the raw message. Never throws.
import { MailParser, type AddressObject, type AttachmentStream, type MessageText } from "mailparser";
import type { MailLimits } from "./emailSettings.ts";

/** An attachment that was kept (within the limits). */
export interface ParsedAttachment {
  name?: string;
  mimeType: string;
  bytes: Buffer;
}

/** An attachment that was not kept, and why (the dialog tells the person). */
export interface DroppedAttachment {
  name?: string;
  mimeType: string;
  /** Bytes seen before it was dropped (at least the limit when too large). */
  size: number;
  reason: "too_large" | "too_many";
}

/** The parts of a message the email channel uses; our type, not mailparser's. */
export interface ParsedEmail {
  /** Raw header values by lower-case name (unfolded, not decoded), in order of appearance. */
  headers: Map<string, string[]>;
  from?: { address: string; name?: string };
  subject?: string;
  /** Angle brackets included, as in the header. */
  messageId?: string;
  inReplyTo?: string;
  /** The References header's ids, oldest first (as written). */
  references: string[];
  date?: Date;
  /** Plain text; HTML reduced to text when there is no plain part. */
  text: string;
  textTruncated: boolean;
  html?: string;
  /** Lower-case media type of the top-level part, e.g. "multipart/report". */
  contentType: string;
  /** The report-type parameter of a multipart/report ("delivery-status", "disposition-notification"...). */
  reportType?: string;
  attachments: ParsedAttachment[];
  dropped: DroppedAttachment[];
  /** Set when the parser stopped on an error: what was read before it is kept. */
  parseError?: string;
}

function headerMap(lines: ReadonlyArray<{ key: string; line: string }>): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const { key, line } of lines) {
    const colon = line.indexOf(":");
    const value = (colon >= 0 ? line.slice(colon + 1) : "").replace(/\r?\n[ \t]+/g, " ").trim();
    const list = map.get(key) ?? [];
    list.push(value);
    map.set(key, list);
  }
  return map;
}

function firstAddress(value: unknown): { address: string; name?: string } | undefined {
  const obj = value as AddressObject | undefined;
  for (const entry of obj?.value ?? []) {
    const candidates = entry.address ? [entry] : (entry.group ?? []);
    for (const c of candidates) {
      if (c.address?.includes("@")) return { address: c.address.trim().toLowerCase(), name: c.name || undefined };
    }
  }
  return undefined;
}

function messageIdsOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a Message-ID with a control character in it is not taken
  return list.flatMap((v: unknown) => (typeof v === "string" ? (v.match(/<[^<>\s\u0000-\u001f\u007f]+>/g) ?? []) : []));
}

/** Reads a raw message into a ParsedEmail within the limits. */
export function readMail(raw: Buffer, limits: Pick<MailLimits, "maxAttachmentBytes" | "maxAttachments" | "maxTextChars">): Promise<ParsedEmail> {
  return new Promise((resolve) => {
    const result: ParsedEmail = {
      headers: new Map(),
      references: [],
      text: "",
      textTruncated: false,
      contentType: "text/plain",
      attachments: [],
      dropped: [],
    };
    let settled = false;
    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      if (error) result.parseError = error instanceof Error ? error.message : String(error);
      if (result.text.length > limits.maxTextChars) {
        result.text = result.text.slice(0, limits.maxTextChars);
        result.textTruncated = true;
      }
      resolve(result);
    };

    let parser: MailParser;
    try {
      parser = new MailParser({
        checksumAlgo: false,
        skipTextToHtml: true,
        skipImageLinks: true,
        maxHtmlLengthToParse: 2 * 1024 * 1024,
      });
    } catch (err) {
      finish(err);
      return;
    }

    parser.on("error", (err: Error) => finish(err));
    parser.on("headers", (headers) => {
      try {
        result.headers = headerMap(parser.headerLines || []);
        result.from = firstAddress(headers.get("from"));
        const subject = headers.get("subject");
        if (typeof subject === "string") result.subject = subject;
        const [messageId] = messageIdsOf(headers.get("message-id"));
        result.messageId = messageId;
        const [inReplyTo] = messageIdsOf(headers.get("in-reply-to"));
        result.inReplyTo = inReplyTo;
        result.references = messageIdsOf(headers.get("references"));
        const date = headers.get("date");
        if (date instanceof Date && !Number.isNaN(date.getTime())) result.date = date;
        const ct = headers.get("content-type") as { value?: string; params?: Record<string, string> } | undefined;
        if (ct?.value) result.contentType = ct.value.toLowerCase();
        if (ct?.params?.["report-type"]) result.reportType = ct.params["report-type"].toLowerCase();
      } catch {
        // a header we could not read stays unset
      }
    });

    let reading = false;
    const readNext = (): void => {
      reading = true;
      const data = parser.read() as AttachmentStream | MessageText | null;
      if (data === null) {
        reading = false;
        return;
      }
      if (data.type === "text") {
        if (data.text) result.text = data.text;
        if (data.html) result.html = data.html;
        readNext();
        return;
      }
      collectAttachment(data, readNext);
    };

    const collectAttachment = (attachment: AttachmentStream, next: () => void) => {
      const mimeType = (attachment.contentType || "application/octet-stream").toLowerCase();
      const name = attachment.filename || undefined;
      // Inline images of an HTML body (logos, signatures) are layout, not something the person sent.
      const layout = attachment.related === true && mimeType.startsWith("image/");
      const tooMany = !layout && result.attachments.length >= limits.maxAttachments;
      const chunks: Buffer[] = [];
      let size = 0;
      let keep = !layout && !tooMany;
      attachment.content.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (!keep) return;
        if (size > limits.maxAttachmentBytes) {
          keep = false;
          chunks.length = 0; // let go of what we had
          return;
        }
        chunks.push(chunk);
      });
      attachment.content.on("error", () => undefined);
      attachment.content.on("end", () => {
        if (keep) result.attachments.push({ name, mimeType, bytes: Buffer.concat(chunks, size) });
        else if (!layout) result.dropped.push({ name, mimeType, size, reason: tooMany ? "too_many" : "too_large" });
        attachment.release?.();
        next();
      });
    };

    parser.on("readable", () => {
      if (!reading) readNext();
    });
    parser.on("end", () => finish());
    try {
      parser.end(raw);
    } catch (err) {
      finish(err);
    }
  });
}
