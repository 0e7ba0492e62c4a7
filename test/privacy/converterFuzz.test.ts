// Every inbound converter gets whatever arrives on the wire. Telegram: well-formed updates of every kind
// and the same updates with fields replaced by hostile values or removed → null or a schema-valid
// InboundMessage, never a throw. Email: generated, damaged and random raw mail → one of the converter's
// kinds, never a throw or a hang, with a schema-valid message for a person's mail. (WhatsApp has its own
// fuzz test in test/channels/whatsapp/converterFuzz.test.ts.)
import fc from "fast-check";
import type { Update } from "telegraf/types";
import { describe, expect, it } from "vitest";
import { emailToInbound } from "../../src/channels/email/emailToInbound.ts";
import { inboundMessageSchema, type InboundMessage } from "../../src/channels/inboundMessage.ts";
import { telegramUpdateToInbound } from "../../src/channels/telegram/telegramToInbound.ts";
import { MemoryFileStore } from "../channels/whatsapp/support/memoryFileStore.ts";
import { damagedFixture, deeplyNestedMail, generatedMail, randomBytesMail } from "./support/rawMails.ts";
import { hostileJson } from "./support/hostileText.ts";
import { mutatedTelegramUpdate, telegramUpdate } from "./support/telegramUpdates.ts";

const RUNS = 1000;
/** A Telegram file id is base64url; "undefined" or "null" there means the converter read a missing field. */
const TELEGRAM_FILE_REF = /^telegram:(?!undefined$|null$)[A-Za-z0-9_-]+$/;

/** What must hold of any message a Telegram update turned into. */
function checkTelegramMessage(update: Record<string, unknown>, result: InboundMessage): void {
  expect(inboundMessageSchema.safeParse(result).success).toBe(true);
  expect(result.channel).toBe("telegram");
  // Keyed by what stays unique (the chat's message, the query), not update_id, which Telegram may restart (issue 16 item 6).
  const u = update as { message?: { chat: { id: unknown }; message_id: unknown }; callback_query?: { id: unknown } };
  expect(result.platformId).toBe(u.callback_query ? `q${u.callback_query.id}` : `m${u.message?.chat.id}.${u.message?.message_id}`);
  for (const attachment of result.attachments) expect(attachment.fileRef).toMatch(TELEGRAM_FILE_REF);
}

function expectNoPrototypePollution(): void {
  const probe = {} as Record<string, unknown>;
  for (const key of ["type", "text", "is_bot", "message", "chat", "from", "data", "id"]) expect(probe[key]).toBeUndefined();
}

describe("telegramUpdateToInbound fuzz", () => {
  it("turns every well-formed update into null or a schema-valid message for private chats only", () => {
    let converted = 0;
    fc.assert(
      fc.property(telegramUpdate, (update) => {
        const result = telegramUpdateToInbound(update as unknown as Update, new Date(0));
        if (result === null) return;
        converted++;
        checkTelegramMessage(update, result);
        const message = update.message as Record<string, unknown> | undefined;
        const query = update.callback_query as Record<string, unknown> | undefined;
        if (message) {
          const chat = message.chat as { id: number; type: string };
          expect(chat.type).toBe("private");
          expect(result.address).toBe(String(chat.id));
          expect((message.from as { is_bot: boolean }).is_bot).toBe(false);
          if (typeof message.text === "string") expect(result.text).toBe(message.text);
        } else {
          expect(query).toBeDefined();
          expect(result.address).toBe(String((query!.from as { id: number }).id));
          expect(result.buttonId).toBe(query!.data);
        }
        // Edits, channel posts, member updates and inline queries are not for the front door.
        expect(Object.keys(update).filter((k) => k !== "update_id")).toEqual([message ? "message" : "callback_query"]);
      }),
      { numRuns: RUNS },
    );
    expect(converted).toBeGreaterThan(RUNS / 5);
    expectNoPrototypePollution();
  });

  // An update arrives from the network (a webhook anyone can post to): a field of the wrong type or a missing one
  // must give null or a usable message, never a throw (the channel would retry the update and tell the person
  // "try again"; a webhook would answer 500 and Telegram would redeliver it), nor a file ref such as
  // "telegram:undefined" or "telegram:[object Object]". The converter before it read updates through a schema
  // threw on all of the cases below.
  it("never throws on updates with fields of the wrong type or missing, and returns null or a schema-valid message", () => {
    fc.assert(
      fc.property(fc.oneof({ weight: 6, arbitrary: mutatedTelegramUpdate }, { weight: 1, arbitrary: hostileJson }), (update) => {
        let result: InboundMessage | null;
        try {
          result = telegramUpdateToInbound(update as Update, new Date(0));
        } catch (error) {
          throw new Error(`telegramUpdateToInbound threw ${(error as Error).name}: ${(error as Error).message.slice(0, 300)}`);
        }
        if (result === null) return;
        expect(inboundMessageSchema.safeParse(result).success).toBe(true);
        for (const attachment of result.attachments) expect(attachment.fileRef).toMatch(TELEGRAM_FILE_REF);
      }),
      { numRuns: RUNS },
    );
    expectNoPrototypePollution();
  });

  const base = { message_id: 1, date: 0, chat: { id: 5, type: "private" }, from: { id: 5, is_bot: false, first_name: "Ana" } };
  const malformed: Record<string, unknown> = {
    "a callback_query that is a string": { update_id: 1, callback_query: "x" },
    "a callback_query without from": { update_id: 1, callback_query: { id: "1", chat_instance: "1", data: "abc" } },
    "a callback_query whose from.id is an empty string": {
      update_id: 1,
      callback_query: { id: "1", chat_instance: "1", data: "abc", from: { id: "", is_bot: false, first_name: "A" } },
    },
    "a message without chat": { update_id: 1, message: { ...base, chat: undefined, text: "hi" } },
    "a message whose chat is null": { update_id: 1, message: { ...base, chat: null, text: "hi" } },
    "a message whose text is a number": { update_id: 1, message: { ...base, text: 42 } },
    "a message whose from.first_name is a number": { update_id: 1, message: { ...base, from: { ...base.from, first_name: 7 }, text: "hi" } },
    "a message whose from.language_code is an object": { update_id: 1, message: { ...base, from: { ...base.from, language_code: {} }, text: "hi" } },
    "a message whose caption is a number": {
      update_id: 1,
      message: { ...base, caption: 1, photo: [{ file_id: "AgAD", file_unique_id: "u", width: 1, height: 1 }] },
    },
    "a document whose file_name is a number": { update_id: 1, message: { ...base, document: { file_id: "BQAD", file_unique_id: "u", file_name: 3 } } },
    "a photo whose file_size is a string": {
      update_id: 1,
      message: { ...base, photo: [{ file_id: "AgAD", file_unique_id: "u", width: 1, height: 1, file_size: "big" }] },
    },
    "a photo size without file_id": { update_id: 1, message: { ...base, photo: [{ file_unique_id: "u", width: 1, height: 1 }] } },
    "a voice whose file_id is an object": { update_id: 1, message: { ...base, voice: { file_id: {}, file_unique_id: "u", duration: 1 } } },
  };
  it.each(Object.entries(malformed))("returns null or a usable message, without throwing, for %s", (_name, update) => {
    const result = telegramUpdateToInbound(update as Update, new Date(0));
    if (result === null) return;
    expect(inboundMessageSchema.safeParse(result).success).toBe(true);
    for (const attachment of result.attachments) expect(attachment.fileRef).toMatch(TELEGRAM_FILE_REF);
  });

  it("ignores own __proto__ keys in a parsed update instead of reading them as the message", () => {
    const update = JSON.parse(
      '{"update_id":7,"__proto__":{"message":{"message_id":1,"date":0,"chat":{"id":5,"type":"private"},"from":{"id":5,"is_bot":false,"first_name":"X"},"text":"hi"}}}',
    ) as Update;
    expect(telegramUpdateToInbound(update)).toBeNull();
    const message = JSON.parse(
      '{"update_id":8,"message":{"message_id":1,"date":0,"chat":{"id":5,"type":"private"},"from":{"id":5,"is_bot":false,"first_name":"X"},"__proto__":{"text":"hidden"},"caption":"seen"}}',
    ) as Update;
    const result = telegramUpdateToInbound(message);
    // No text of its own: the caption is the text; the own "__proto__" key is not inherited.
    expect(result?.text ?? "").not.toBe("hidden");
    expectNoPrototypePollution();
  });
});

const KINDS = ["person", "auto_reply", "bounce", "bulk", "unreadable"];
const LIMITS = { maxAttachmentBytes: 2048, maxAttachments: 3, maxTextChars: 5000 };
/** What src/channels/email/emailSender.ts accepts as a recipient (its ADDRESS, not exported). */
const SENDER_ACCEPTS = /^[^\s<>@,;"]+@[^\s<>@,;"]+$/;

describe("emailToInbound fuzz", () => {
  it("never throws or hangs on generated, damaged or random raw mail; a person's mail is a schema-valid message", async () => {
    const fileStore = new MemoryFileStore();
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ weight: 5, arbitrary: generatedMail }, { weight: 3, arbitrary: damagedFixture }, { weight: 1, arbitrary: randomBytesMail }),
        fc.option(
          fc.record({ uid: fc.nat(), uidValidity: fc.nat().map(String), mailbox: fc.constantFrom("INBOX", "Kotak Masuk/😀", ""), truncated: fc.boolean() }),
          { nil: undefined },
        ),
        async (raw, meta) => {
          const before = fileStore.files.size;
          const result = await emailToInbound(raw, { fileStore, ownAddresses: ["bot@test.local"], limits: LIMITS, meta, now: () => new Date(0) });
          seen.set(result.kind, (seen.get(result.kind) ?? 0) + 1);
          expect(KINDS).toContain(result.kind);
          if (result.kind !== "person") {
            expect(result.platformId.length).toBeGreaterThan(0);
            expect(fileStore.files.size).toBe(before); // attachments are kept only for a person's mail
            return;
          }
          const { message } = result;
          expect(inboundMessageSchema.safeParse(message).success).toBe(true);
          expect(message.channel).toBe("email");
          expect(message.text.length).toBeLessThanOrEqual(LIMITS.maxTextChars);
          expect(message.attachments.length).toBeLessThanOrEqual(LIMITS.maxAttachments);
          for (const attachment of message.attachments) {
            expect(attachment.size ?? 0).toBeLessThanOrEqual(LIMITS.maxAttachmentBytes);
            expect(fileStore.files.has(attachment.fileRef)).toBe(true);
          }
        },
      ),
      { numRuns: RUNS, timeout: 20_000 },
    );
    // The generators reach every kind, not only "unreadable".
    expect([...seen.keys()].sort()).toEqual(expect.arrayContaining(["auto_reply", "bulk", "person", "unreadable"]));
    expect(seen.get("person") ?? 0).toBeGreaterThan(RUNS / 10);
  }, 120_000);

  // Mail is answered only where the email sender can deliver (its ADDRESS check): otherwise a dialog starts and
  // is stored for an address like "a@", "budi@ex@example.org" or "\"<aaa\"@example.org>", and every reply ends as a
  // dead outbox row with an admin alert. (The converter accepted all of these until this test found them.)
  it("answers a person's mail only at an address the email sender accepts", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 5, arbitrary: generatedMail }, { weight: 3, arbitrary: damagedFixture }), async (raw) => {
        const result = await emailToInbound(raw, { fileStore: new MemoryFileStore(), ownAddresses: ["bot@test.local"], limits: LIMITS });
        if (result.kind !== "person") return;
        expect(result.message.address).toMatch(SENDER_ACCEPTS);
      }),
      { numRuns: RUNS, timeout: 20_000 },
    );
  }, 120_000);

  it.each(["a@", "<<<@>>>", "Budi <budi@ex@example.org>", '" <aaa@example.org>', "Budi <budi@example.;rg>", "i@example.org>"])(
    "does not treat From: %s as a person to answer",
    async (from) => {
      const raw = Buffer.from(`From: ${from}\r\nTo: bot@test.local\r\nSubject: Konsultasi\r\nMessage-ID: <m1@example.org>\r\n\r\nSaya ingin konsultasi.\r\n`);
      const result = await emailToInbound(raw, { fileStore: new MemoryFileStore(), ownAddresses: ["bot@test.local"] });
      if (result.kind === "person") expect(result.message.address).toMatch(SENDER_ACCEPTS);
    },
  );

  // Ids, the address and references are stored unencrypted (ProcessedInbound, Message, ChannelIdentity): PostgreSQL
  // refuses a NUL there ("invalid byte sequence for encoding UTF8: 0x00"), so a Message-ID with one made the
  // handler fail on every attempt and the IMAP listener give the mail up unanswered (found by this test).
  it("keeps NUL and other control characters out of the fields stored unencrypted (ids, address, references)", async () => {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for exactly these characters
    const clean = (value: string | undefined) => expect(value ?? "").not.toMatch(/[\u0000-\u001f\u007f]/);
    const check = async (raw: Buffer) => {
      const result = await emailToInbound(raw, { fileStore: new MemoryFileStore(), ownAddresses: ["bot@test.local"], limits: LIMITS });
      clean(result.kind === "person" ? result.message.platformId : result.platformId);
      if (result.kind !== "person") return;
      clean(result.message.platformId);
      clean(result.message.address);
      clean(result.message.replyToPlatformId);
      result.message.references.forEach(clean);
    };
    await check(
      Buffer.from(
        "From: Rina <rina@example.org>\r\nTo: bot@test.local\r\nSubject: Halo\r\nMessage-ID: <a\u0000b@example.org>\r\nIn-Reply-To: <c\u0001d@test.local>\r\n\r\nSaya ingin konsultasi.\r\n",
      ),
    );
    await fc.assert(fc.asyncProperty(fc.oneof(generatedMail, damagedFixture), check), { numRuns: RUNS / 2, timeout: 20_000 });
  }, 120_000);

  it("reads a multipart nested 500 levels deep without a stack overflow", async () => {
    const result = await emailToInbound(deeplyNestedMail(500), { fileStore: new MemoryFileStore(), ownAddresses: ["bot@test.local"], limits: LIMITS });
    expect(KINDS).toContain(result.kind);
    if (result.kind === "person") expect(inboundMessageSchema.safeParse(result.message).success).toBe(true);
  });
});
