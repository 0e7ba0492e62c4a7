// Raw mail for fuzzing the email converter: MIME built from random and hostile parts (missing or
// repeated headers, encoded words in unknown charsets, broken boundaries, wrong transfer encodings, header
// injection attempts, enormous headers, deep nesting, null bytes, bare LF), real fixtures with bytes
// damaged, and plain random bytes.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { nastyString } from "./hostileText.ts";

/** The sender address our converter may answer: a real one, odd ones, and attempts to smuggle a second recipient. */
const fromHeader = fc.oneof(
  fc.constantFrom(
    "Rina <rina@example.org>",
    "rina@example.org",
    '"Rina, Praja" <Rina.Praja@Example.ORG>',
    "=?utf-8?B?UmluYSDwn5iA?= <rina@example.org>",
    "=?x-unknown?Q?R=FFina?= <rina@example.org>",
    "undisclosed-recipients:;",
    "Group: a@example.org, b@example.org;",
    "<>",
    "<<<@>>>",
    "@",
    "a@",
    "rina@example.org, mallory@evil.example",
    "rina@example.org\r\nBcc: victim@example.org",
    "rina@example.org\nBcc: victim@example.org",
    "rina@example.org%0d%0aBcc:victim@example.org",
    '"rina@example.org\r\nBcc: v@e.org" <x@example.org>',
    "rina@exa mple.org",
    "<rina @example.org>",
    "rina\u0000@example.org",
    "MAILER-DAEMON@example.org",
    "bot@test.local",
    "Bot <BOT@TEST.LOCAL>",
  ),
  fc.emailAddress(),
  nastyString.map((name) => `${name} <${"a".repeat(3)}@example.org>`),
  nastyString,
);

const charset = fc.constantFrom(
  "utf-8",
  "UTF-8",
  "iso-8859-1",
  "windows-1252",
  "utf-7",
  "utf-16",
  "iso-2022-jp",
  "gb2312",
  "x-unknown-charset",
  "",
  '"',
  "utf-8\u0000",
);
const transferEncoding = fc.constantFrom("7bit", "8bit", "binary", "base64", "quoted-printable", "x-uuencode", "BASE64", "garbage", "");

/** A body text encoded (or mis-encoded) for a transfer encoding. */
function encodeBody(text: string, encoding: string, broken: boolean): string {
  const bytes = Buffer.from(text, "utf8");
  if (encoding.toLowerCase() === "base64") {
    const b64 = bytes.toString("base64").replace(/.{76}/g, "$&\r\n");
    return broken ? `${b64}!!!not base64###\r\n====` : b64;
  }
  if (encoding === "quoted-printable") {
    const qp = [...bytes].map((b) => (b >= 33 && b <= 126 && b !== 61 ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, "0")}`)).join("");
    return broken ? `${qp}=Z=\r\n=4` : qp;
  }
  return text;
}

const headerName = fc.oneof(
  fc.constantFrom(
    "Subject",
    "Message-ID",
    "In-Reply-To",
    "References",
    "Date",
    "Content-Language",
    "Auto-Submitted",
    "Precedence",
    "List-Id",
    "List-Unsubscribe",
    "Return-Path",
    "X-Auto-Response-Suppress",
    "Reply-To",
    "Sender",
    "To",
    "Cc",
    "Bcc",
    "X-Header",
    "Content-Type",
    "Content-Transfer-Encoding",
    "MIME-Version",
  ),
  fc.stringMatching(/^[A-Za-z-]{1,30}$/),
);

const headerValue = fc.oneof(
  nastyString,
  fc.constantFrom(
    "<abc@example.org>",
    "<abc@example.org> <def@example.org>",
    "no angle brackets",
    "<>",
    "<<<a@b>>>",
    "=?utf-8?B?broken-encoded-word",
    "=?utf-8?Q?=E2=80=94_ok?=",
    "=?iso-2022-jp?B?GyRCJDMkcyRLJEEkTxsoQg==?=",
    "=?x-unknown?B?////?=",
    "auto-replied",
    "no",
    "bulk",
    "list",
    "junk",
    "en-US, id",
    "id",
    "Mon, 3 Jun 2024 10:12:44 +0700",
    "not a date at all",
    "Mon, 99 Foo 99999 99:99:99 +9999",
  ),
  fc.array(fc.stringMatching(/^<[a-z0-9.]{1,20}@[a-z]{1,10}\.org>$/), { minLength: 50, maxLength: 500 }).map((ids) => ids.join(" ")),
  fc.constantFrom("x".repeat(100_000), `${"=?utf-8?B?QQ==?= ".repeat(5_000)}`, `a\r\n ${"folded ".repeat(2_000)}`),
);

interface Part {
  contentType: string;
  headers: [string, string][];
  body: string | Part[];
  boundary?: string;
  /** Boundary trouble: none, never closed, missing from the header, or a different one used in the body. */
  trouble?: "none" | "unclosed" | "no-param" | "mismatch" | "empty";
}

const leafPart: fc.Arbitrary<Part> = fc
  .record({
    type: fc.constantFrom(
      "text/plain",
      "text/html",
      "application/pdf",
      "image/png",
      "audio/ogg",
      "video/mp4",
      "message/delivery-status",
      "application/octet-stream",
      "text/x-weird",
      "",
      "text/plain;",
      ";;;",
    ),
    charset,
    encoding: transferEncoding,
    broken: fc.boolean(),
    text: fc.oneof(nastyString, fc.constantFrom("Saya ingin konsultasi.\n\n> quoted history\n> more", "<p>Halo<script>x</script></p>", "\u0000\u0000\u0000")),
    disposition: fc.option(
      fc.oneof(
        fc.constantFrom(
          "attachment",
          "inline",
          'attachment; filename="../../etc/passwd"',
          "attachment; filename*=utf-8''%E2%80%94%ZZ",
          'attachment; filename="a\u0000b.pdf"',
        ),
        nastyString.map((n) => `attachment; filename="${n.replace(/"/g, "")}"`),
      ),
      { nil: undefined },
    ),
    extra: fc.array(fc.tuple(headerName, headerValue), { maxLength: 2 }),
  })
  .map(({ type, charset: cs, encoding, broken, text, disposition, extra }) => ({
    contentType: `${type}${cs ? `; charset="${cs}"` : ""}`,
    headers: [["Content-Transfer-Encoding", encoding], ...(disposition ? [["Content-Disposition", disposition] as [string, string]] : []), ...extra],
    body: encodeBody(text, encoding, broken),
  }));

const boundary = fc.oneof(fc.stringMatching(/^[A-Za-z0-9'()+_,./:=?-]{1,70}$/), fc.constantFrom("", " ", "b b", "--", '"quoted"', "x".repeat(200)));

const part: fc.Arbitrary<Part> = fc.letrec<{ part: Part }>((tie) => ({
  part: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leafPart,
    fc.record({
      contentType: fc.constantFrom(
        "multipart/mixed",
        "multipart/alternative",
        "multipart/related",
        "multipart/report; report-type=delivery-status",
        "multipart/report; report-type=disposition-notification",
        "multipart/signed",
        "multipart/x-unknown",
      ),
      headers: fc.constant<[string, string][]>([]),
      body: fc.array(tie("part"), { minLength: 0, maxLength: 4 }),
      boundary,
      trouble: fc.constantFrom("none", "none", "none", "unclosed", "no-param", "mismatch", "empty"),
    }),
  ),
})).part;

function renderPart(p: Part, eol: string): string {
  if (typeof p.body === "string") {
    const headers = [`Content-Type: ${p.contentType}`, ...p.headers.map(([k, v]) => `${k}: ${v}`)];
    return `${headers.join(eol)}${eol}${eol}${p.body}`;
  }
  const b = p.boundary ?? "b";
  const param = p.trouble === "no-param" ? "" : `; boundary="${b}"`;
  const used = p.trouble === "mismatch" ? `${b}-other` : b;
  const children = p.trouble === "empty" ? [] : p.body.map((child) => `--${used}${eol}${renderPart(child, eol)}${eol}`);
  const close = p.trouble === "unclosed" ? "" : `--${used}--${eol}`;
  return `Content-Type: ${p.contentType}${param}${eol}${eol}preamble${eol}${children.join("")}${close}epilogue`;
}

/** A message built from random top-level headers and a random (possibly nested, possibly broken) body. */
export const generatedMail: fc.Arbitrary<Buffer> = fc
  .record({
    from: fc.option(fromHeader, { nil: undefined }),
    fromTwice: fc.boolean(),
    headers: fc.array(fc.tuple(headerName, headerValue), { maxLength: 8 }),
    body: part,
    eol: fc.constantFrom("\r\n", "\r\n", "\n", "\r"),
    nulls: fc.nat(3),
    noBlankLine: fc.boolean(),
  })
  .map(({ from, fromTwice, headers, body, eol, nulls, noBlankLine }) => {
    const top = [
      ...(from === undefined ? [] : [`From: ${from}`]),
      ...(fromTwice ? ["From: second@example.org"] : []),
      "To: bot@test.local",
      ...headers.map(([k, v]) => `${k}: ${v}`),
      "MIME-Version: 1.0",
    ];
    let text = `${top.join(eol)}${eol}${renderPart(body, eol)}`;
    if (noBlankLine) text = text.replace(`${eol}${eol}`, eol);
    for (let i = 0; i < nulls; i++) text = `${text.slice(0, (i * 97) % (text.length + 1))}\u0000${text.slice((i * 97) % (text.length + 1))}`;
    return Buffer.from(text, "utf8");
  });

/** A multipart nested far deeper than any mail client would write. */
export function deeplyNestedMail(depth: number): Buffer {
  let body = "Content-Type: text/plain\r\n\r\nDi dasar.";
  for (let i = depth; i > 0; i--) body = `Content-Type: multipart/mixed; boundary="d${i}"\r\n\r\n--d${i}\r\n${body}\r\n--d${i}--`;
  return Buffer.from(`From: Rina <rina@example.org>\r\nTo: bot@test.local\r\nSubject: deep\r\nMIME-Version: 1.0\r\n${body}\r\n`);
}

const FIXTURES = ["auto-reply.eml", "bounce-dsn.eml", "gmail-reply-id.eml", "html-only-no-message-id.eml", "list-mail.eml", "malformed.eml"];
const fixtureBytes = FIXTURES.map((name) => readFileSync(fileURLToPath(new URL(`../../fixtures/email/${name}`, import.meta.url))));

/** A real fixture with one to five byte-level edits: deletions, insertions, duplications, truncation. */
export const damagedFixture: fc.Arbitrary<Buffer> = fc
  .tuple(
    fc.nat(fixtureBytes.length - 1),
    fc.array(
      fc.tuple(fc.constantFrom("delete", "insert", "duplicate", "truncate", "flip"), fc.nat(), fc.nat(400), fc.uint8Array({ minLength: 1, maxLength: 40 })),
      { minLength: 1, maxLength: 5 },
    ),
  )
  .map(([index, edits]) => {
    let bytes = Buffer.from(fixtureBytes[index]!);
    for (const [kind, at, length, insert] of edits) {
      const pos = at % (bytes.length + 1);
      if (kind === "delete") bytes = Buffer.concat([bytes.subarray(0, pos), bytes.subarray(pos + length)]);
      else if (kind === "insert") bytes = Buffer.concat([bytes.subarray(0, pos), Buffer.from(insert), bytes.subarray(pos)]);
      else if (kind === "duplicate") bytes = Buffer.concat([bytes.subarray(0, pos + length), bytes.subarray(pos)]);
      else if (kind === "truncate") bytes = bytes.subarray(0, pos);
      else if (pos < bytes.length) bytes[pos] = bytes[pos]! ^ (insert[0] ?? 0xff);
    }
    return bytes;
  });

/** Anything at all: random bytes and random text. */
export const randomBytesMail: fc.Arbitrary<Buffer> = fc.oneof(
  fc.uint8Array({ maxLength: 3000 }).map((a) => Buffer.from(a)),
  nastyString.map((s) => Buffer.from(s, "utf8")),
  fc.constantFrom(Buffer.alloc(0), Buffer.from("\r\n\r\n"), Buffer.from("From:\r\n\r\n"), Buffer.alloc(200_000, 0)),
);
