// What counts as an address we can answer: one plain local@domain mailbox, no display name, no quotes,
// no spaces or control characters. Used both when reading a sender (mail from anything else is not a
// person we can write back to) and when sending, so the two can never disagree.

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what an address must not contain
const MAILBOX = /^[^\s<>@,;:"()[\]\\\u0000-\u001f\u007f]+@[^\s<>@,;:"()[\]\\\u0000-\u001f\u007f]+$/u;

/** True for a plain local@domain address that the SMTP sender will accept. */
export function isMailboxAddress(value: string): boolean {
  return value.length <= 254 && MAILBOX.test(value);
}
