/**
 * A small multipart/form-data parser for the fake Telegram Bot API (busboy is not installed).
 * It reads a whole, already-buffered body; that is all a test server needs.
 */

export interface MultipartPart {
  /** The form field name (`name="…"` in Content-Disposition). */
  name: string;
  /** Present for file parts (`filename="…"` or RFC 5987 `filename*=UTF-8''…`). */
  filename?: string;
  contentType?: string;
  data: Buffer;
}

const CRLF = Buffer.from("\r\n");

export function boundaryOf(contentType: string): string | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const nextDelimiter = Buffer.concat([CRLF, delimiter]);
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new Error("multipart body does not contain its boundary");
  pos += delimiter.length;

  const parts: MultipartPart[] = [];
  // After each delimiter comes either "--" (the end) or CRLF and a part.
  while (body.toString("latin1", pos, pos + 2) !== "--") {
    if (body.toString("latin1", pos, pos + 2) === "\r\n") pos += 2;
    const end = body.indexOf(nextDelimiter, pos);
    if (end < 0) throw new Error("multipart body ends inside a part");
    parts.push(parsePart(body.subarray(pos, end)));
    pos = end + nextDelimiter.length;
  }
  return parts;
}

function parsePart(raw: Buffer): MultipartPart {
  // Headers, a blank line, then the data. With no headers the part starts with the blank line.
  const headerEnd = raw.subarray(0, 2).equals(CRLF) ? 0 : raw.indexOf("\r\n\r\n");
  if (headerEnd < 0) throw new Error("multipart part without a header/body separator");
  const headers = new Map<string, string>();
  for (const line of raw.toString("utf8", 0, headerEnd).split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const data = raw.subarray(headerEnd === 0 ? 2 : headerEnd + 4);

  const disposition = headers.get("content-disposition") ?? "";
  const name = paramOf(disposition, "name");
  if (name === undefined) throw new Error(`multipart part without a field name: ${disposition}`);
  const extended = /filename\*=(?:UTF-8|utf-8)''([^;]+)/.exec(disposition)?.[1];
  const filename = extended !== undefined ? decodeURIComponent(extended) : paramOf(disposition, "filename");
  const contentType = headers.get("content-type");
  return {
    name,
    data,
    ...(filename !== undefined ? { filename } : {}),
    ...(contentType !== undefined ? { contentType } : {}),
  };
}

function paramOf(header: string, key: string): string | undefined {
  const match = new RegExp(`(?:^|;)\\s*${key}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, "i").exec(header);
  if (!match) return undefined;
  return match[1] !== undefined ? match[1].replace(/\\(.)/g, "$1") : match[2]?.trim();
}
