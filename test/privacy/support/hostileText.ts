// Strings and JSON values that break naive code: control characters, bidi overrides, lone surrogates,
// emoji sequences, markup, prototype keys, commands, and very long text. Shared by the privacy fuzz tests.
import fc from "fast-check";

/** Short strings that have broken parsers, renderers or escapers before. */
export const NASTY_SAMPLES = [
  "",
  " ",
  "\t\n\r",
  "\u0000",
  "a\u0000b",
  "\u0007\u001b[31mred\u001b[0m",
  "\u202Eevil\u202C",
  "\u2066isolate\u2069",
  "\u200B\u200C\u200D\uFEFF",
  "\uD800",
  "\uDFFF\uD800",
  "𝕏𝔸",
  "👩‍👩‍👧‍👦🏳️‍🌈",
  "e\u0301\u0301\u0301",
  "<b>bold</b><script>alert(1)</script>",
  "&amp; &lt; & < >",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal `${}` is part of the hostile text
  "\"'`${}\\",
  "__proto__",
  "constructor",
  "toString",
  "null",
  "undefined",
  "NaN",
  "-1",
  "9".repeat(40),
  "/",
  "/start",
  "/start@pintu_test_bot",
  "/start ../../etc/passwd",
  "/\u0000",
  "/balas",
  "/balas 1",
  "/balas #0 x",
  "%s%n%x",
  "{{7*7}}",
  "' OR 1=1 --",
  "\r\nBcc: victim@example.org",
] as const;

/** Any string, weighted towards the nasty ones. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_SAMPLES) },
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 60 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 30 }) },
  { weight: 1, arbitrary: fc.stringMatching(/^\/[A-Za-z0-9_]{1,40}(@[a-z_]{1,10})?( [\s\S]{0,20})?$/) },
  { weight: 1, arbitrary: fc.constantFrom("x".repeat(70_000), "😀".repeat(5_000), "\u202E".repeat(2_000), "a\n".repeat(3_000)) },
);

/** A JSON value as a parsed request body can hold it, including objects with an own "__proto__" key. */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 3, arbitrary: nastyString },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>(
      null,
      0,
      -0,
      -1,
      1.5,
      2 ** 53 + 2,
      -(2 ** 63),
      1e308,
      true,
      false,
      [],
      {},
      [null],
      { id: null },
      { file_id: 5 },
      { type: "private", id: "1" },
    ),
  },
  { weight: 1, arbitrary: fc.constant(null).map(() => JSON.parse('{"__proto__":{"type":"private","text":"polluted","is_bot":false}}') as unknown) },
);
