/**
 * Telegram's `parse_mode: "HTML"`, ported from tdlib's `parse_html` (td/telegram/MessageEntity.cpp)
 * closely enough to reject what the real Bot API rejects, with the same error wording.
 *
 * One deliberate difference, on by default: `strictAmpersand` rejects a bare `&` that does not start
 * a character reference. The real API shows such an `&` literally, but in our code a bare `&` means
 * user input was not escaped (and a user's "&lt;" would be silently turned into "<"), so tests
 * should fail on it. Pass `strictAmpersand: false` for the real API's leniency.
 */
import type { MessageEntity } from "telegraf/types";

export interface ParsedHtml {
  /** The text as Telegram stores it: tags removed, character references decoded. */
  text: string;
  entities: MessageEntity[];
}

export interface HtmlParseOptions {
  strictAmpersand?: boolean;
}

/** The part of the 400 description after "Bad Request: can't parse entities: ". */
export class HtmlParseError extends Error {}

const SUPPORTED_TAGS = new Set([
  "a",
  "b",
  "strong",
  "i",
  "em",
  "s",
  "strike",
  "del",
  "u",
  "ins",
  "tg-spoiler",
  "tg-emoji",
  "span",
  "pre",
  "code",
  "blockquote",
]);
const SIMPLE_ENTITIES: Record<string, MessageEntity["type"]> = {
  b: "bold",
  strong: "bold",
  i: "italic",
  em: "italic",
  u: "underline",
  ins: "underline",
  s: "strikethrough",
  strike: "strikethrough",
  del: "strikethrough",
  "tg-spoiler": "spoiler",
  span: "spoiler",
  blockquote: "blockquote",
};

interface OpenTag {
  name: string;
  argument: string;
  /** Offset in the output text (UTF-16 code units, as Telegram counts). */
  offset: number;
}

export function parseTelegramHtml(html: string, options: HtmlParseOptions = {}): ParsedHtml {
  const strictAmpersand = options.strictAmpersand ?? true;
  // tdlib walks a NUL-terminated C string; `at` gives the same view of the end.
  const at = (i: number): string => html[i] ?? "\0";
  const isSpace = (c: string): boolean => c === " " || c === "\t" || c === "\r" || c === "\n" || c === "\0" || c === "\v";
  const isNameChar = (c: string): boolean => /[A-Za-z0-9.-]/.test(c);
  const byteOffset = (i: number): number => Buffer.byteLength(html.slice(0, i));

  let out = "";
  const entities: DraftEntity[] = [];
  const open: OpenTag[] = [];

  for (let i = 0; i < html.length; i++) {
    const c = html[i] ?? "";
    if (c === "&") {
      const decoded = decodeCharacterReference(html, i);
      if (decoded) {
        out += decoded.char;
        i = decoded.end - 1;
        continue;
      }
      if (strictAmpersand) {
        throw new HtmlParseError(
          `Character entity expected at byte offset ${byteOffset(i)} ` + `(a bare "&": escape it as "&amp;"; the real API would show it literally)`,
        );
      }
    }
    if (c !== "<") {
      out += c;
      continue;
    }

    const begin = i++;
    if (at(i) !== "/") {
      while (!isSpace(at(i)) && at(i) !== ">") i++;
      if (i >= html.length) throw new HtmlParseError(`Unclosed start tag at byte offset ${byteOffset(begin)}`);
      const name = html.slice(begin + 1, i).toLowerCase();
      if (!SUPPORTED_TAGS.has(name)) {
        throw new HtmlParseError(`Unsupported start tag "${name}" at byte offset ${byteOffset(begin)}`);
      }

      let argument = "";
      while (at(i) !== ">") {
        while (i < html.length && isSpace(at(i))) i++;
        if (at(i) === ">") break;
        const attributeBegin = i;
        while (!isSpace(at(i)) && at(i) !== "=") i++;
        const attribute = html.slice(attributeBegin, i);
        if (attribute === "") {
          throw new HtmlParseError(`Empty attribute name in the tag "${name}" at byte offset ${byteOffset(begin)}`);
        }
        while (i < html.length && isSpace(at(i))) i++;
        if (at(i) !== "=") {
          throw new HtmlParseError(`Expected equal sign in declaration of an attribute of the tag "${name}" at byte offset ${byteOffset(begin)}`);
        }
        i++;
        while (i < html.length && isSpace(at(i))) i++;
        if (i >= html.length) throw new HtmlParseError(`Unclosed start tag "${name}" at byte offset ${byteOffset(begin)}`);

        let value = "";
        const quote = at(i);
        if (quote !== "'" && quote !== '"') {
          const tokenBegin = i;
          while (isNameChar(at(i))) i++;
          value = html.slice(tokenBegin, i).toLowerCase();
          if (!isSpace(at(i)) && at(i) !== ">") {
            throw new HtmlParseError(`Unexpected end of name token at byte offset ${byteOffset(tokenBegin)}`);
          }
        } else {
          i++;
          while (i < html.length && at(i) !== quote) {
            const decoded = at(i) === "&" ? decodeCharacterReference(html, i) : undefined;
            if (decoded) {
              value += decoded.char;
              i = decoded.end;
            } else {
              value += at(i++);
            }
          }
          if (at(i) === quote) i++;
        }
        if (i >= html.length) throw new HtmlParseError(`Unclosed start tag at byte offset ${byteOffset(begin)}`);

        if (name === "a" && attribute === "href") argument = value;
        else if (name === "code" && attribute === "class" && value.startsWith("language-")) argument = value.slice(9);
        else if (name === "span" && attribute === "class" && value.startsWith("tg-")) argument = value.slice(3);
        else if (name === "tg-emoji" && attribute === "emoji-id") argument = value;
      }
      if (name === "span" && argument !== "spoiler") {
        throw new HtmlParseError(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(begin)}`);
      }
      open.push({ name, argument, offset: out.length });
      continue;
    }

    // An end tag.
    const top = open.at(-1);
    if (!top) throw new HtmlParseError(`Unexpected end tag at byte offset ${byteOffset(begin)}`);
    while (!isSpace(at(i)) && at(i) !== ">") i++;
    const endName = html.slice(begin + 2, i).toLowerCase();
    while (i < html.length && isSpace(at(i))) i++;
    if (at(i) !== ">") throw new HtmlParseError(`Unclosed end tag at byte offset ${byteOffset(begin)}`);
    if (endName !== "" && endName !== top.name) {
      throw new HtmlParseError(`Unmatched end tag at byte offset ${byteOffset(begin)}, expected "</${top.name}>", found "</${endName}>"`);
    }
    open.pop();
    const length = out.length - top.offset;
    if (length > 0) addEntity(entities, top, length, out);
  }

  const unclosed = open.at(-1);
  if (unclosed) throw new HtmlParseError(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text: out, entities: entities.map(finish) };
}

/** An entity under construction; `code` keeps its language only until an enclosing <pre> closes. */
interface DraftEntity {
  type: MessageEntity["type"];
  offset: number;
  length: number;
  url?: string;
  language?: string;
  custom_emoji_id?: string;
}

function addEntity(entities: DraftEntity[], tag: OpenTag, length: number, out: string): void {
  const { offset, argument } = tag;
  const last = entities.at(-1);
  const sameSpan = last !== undefined && last.offset === offset && last.length === length;
  switch (tag.name) {
    case "a": {
      const url = argument || out.slice(offset);
      if (url) entities.push({ type: "text_link", offset, length, url });
      return;
    }
    case "tg-emoji":
      if (!/^[1-9]\d*$/.test(argument)) throw new HtmlParseError("Invalid custom emoji identifier specified");
      entities.push({ type: "custom_emoji", offset, length, custom_emoji_id: argument });
      return;
    case "pre":
      // <pre><code class="language-x">…</code></pre>: the inner code already carries the language.
      if (sameSpan && last.type === "code" && last.language) last.type = "pre";
      else entities.push({ type: "pre", offset, length });
      return;
    case "code":
      if (sameSpan && last.type === "pre" && argument) last.language = argument;
      else entities.push({ type: "code", offset, length, ...(argument ? { language: argument } : {}) });
      return;
    default: {
      const type = SIMPLE_ENTITIES[tag.name];
      if (type) entities.push({ type, offset, length });
    }
  }
}

function finish(draft: DraftEntity): MessageEntity {
  const { language, ...rest } = draft;
  // The draft has exactly the fields its type needs, except a stray language on plain `code`.
  return (draft.type === "pre" && language ? { ...rest, language } : rest) as MessageEntity;
}

/** tdlib's decode_html_entity: &lt; &gt; &amp; &quot; and numeric references, ";" optional. */
function decodeCharacterReference(html: string, pos: number): { char: string; end: number } | undefined {
  let end = pos + 1;
  let code = 0;
  if (html[end] === "#") {
    end++;
    const hex = html[end] === "x";
    if (hex) end++;
    const digits = hex ? /[0-9a-fA-F]/ : /[0-9]/;
    const start = end;
    while (end < html.length && digits.test(html[end] ?? "")) end++;
    code = end > start ? Number.parseInt(html.slice(start, end), hex ? 16 : 10) : 0;
    if (code === 0 || code >= 0x10ffff || end - pos >= 10) return undefined;
  } else {
    while (end < html.length && /[A-Za-z]/.test(html[end] ?? "")) end++;
    const named: Record<string, number> = { lt: 0x3c, gt: 0x3e, amp: 0x26, quot: 0x22 };
    code = named[html.slice(pos + 1, end)] ?? 0;
    if (code === 0) return undefined;
  }
  if (html[end] === ";") end++;
  return { char: String.fromCodePoint(code), end };
}
