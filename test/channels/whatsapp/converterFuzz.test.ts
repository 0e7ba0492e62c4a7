// The converter gets whatever arrives on the wire: random and hostile WAMessage-like objects (throwing
// getters, proxies, cycles, wrong types, huge values) never make it throw, and what it returns is either
// null or an InboundMessage that passes the schema.
import { proto } from "@whiskeysockets/baileys";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { inboundMessageSchema } from "../../../src/channels/inboundMessage.ts";
import { InMemoryLidMap } from "../../../src/channels/whatsapp/lidMap.ts";
import { convertWhatsAppMessage } from "../../../src/channels/whatsapp/whatsappToInbound.ts";
import { loadWhatsAppFixture } from "../../fakes/whatsappSocket.ts";
import { capturedLogger } from "./support/capturedLogger.ts";
import { MemoryFileStore } from "./support/memoryFileStore.ts";

const jid = fc.oneof(
  fc.constantFrom(
    "6281200000001@s.whatsapp.net",
    "6281200000001:7@s.whatsapp.net",
    "123456789012345@lid",
    "120363012345678901@g.us",
    "status@broadcast",
    "123@newsletter",
    "0@c.us",
    "6281200000001@c.us",
    "@s.whatsapp.net",
    "@lid",
    "",
    "a@b@c",
    "😀@lid",
  ),
  fc.string(),
  fc.stringMatching(/^\d{1,25}@(s\.whatsapp\.net|lid|g\.us)$/),
);

const hostileValue = fc.oneof(
  fc.anything(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(Number.NaN),
  fc.constant(Infinity),
  fc.constant("x".repeat(70_000)),
  fc.constant({ low: 5, high: 1, unsigned: true }),
  fc.constant({ toNumber: 7 }),
  fc.constant(new Uint8Array([1, 2, 3])),
  fc.constant(throwingObject()),
  fc.constant(
    new Proxy(
      {},
      {
        get: () => {
          throw new Error("proxy");
        },
        ownKeys: () => {
          throw new Error("keys");
        },
      },
    ),
  ),
  fc.constant(cyclic()),
);

const contentKey = fc.constantFrom(
  "conversation",
  "extendedTextMessage",
  "buttonsResponseMessage",
  "listResponseMessage",
  "interactiveResponseMessage",
  "templateButtonReplyMessage",
  "imageMessage",
  "documentMessage",
  "audioMessage",
  "videoMessage",
  "stickerMessage",
  "reactionMessage",
  "protocolMessage",
  "ephemeralMessage",
  "viewOnceMessageV2",
  "documentWithCaptionMessage",
  "senderKeyDistributionMessage",
  "messageContextInfo",
  "fooMessage",
  "__proto__",
  "constructor",
);

const contentBody = fc.oneof(
  hostileValue,
  fc.record(
    {
      text: hostileValue,
      caption: fc.oneof(fc.string(), hostileValue),
      selectedButtonId: fc.oneof(fc.string(), hostileValue),
      selectedId: fc.oneof(fc.string(), hostileValue),
      selectedDisplayText: fc.oneof(fc.string(), hostileValue),
      singleSelectReply: fc.oneof(fc.record({ selectedRowId: fc.oneof(fc.string(), hostileValue) }), hostileValue),
      nativeFlowResponseMessage: fc.oneof(fc.record({ paramsJson: fc.oneof(fc.json(), fc.string(), hostileValue), name: fc.string() }), hostileValue),
      contextInfo: fc.oneof(fc.record({ stanzaId: fc.oneof(fc.string(), hostileValue) }), hostileValue),
      fileLength: fc.oneof(fc.nat(), fc.constant(1e12), fc.constant({ low: 0, high: 10, unsigned: true }), hostileValue),
      mimetype: fc.oneof(fc.string(), hostileValue),
      fileName: fc.oneof(fc.string(), hostileValue),
      ptt: fc.oneof(fc.boolean(), hostileValue),
      viewOnce: fc.oneof(fc.boolean(), hostileValue),
      message: hostileValue,
    },
    { requiredKeys: [] },
  ),
);

const waMessageLike = fc.record(
  {
    key: fc.oneof(
      fc.record(
        {
          remoteJid: fc.oneof(jid, hostileValue),
          remoteJidAlt: fc.oneof(jid, hostileValue),
          participant: fc.oneof(jid, hostileValue),
          participantAlt: fc.oneof(jid, hostileValue),
          fromMe: fc.oneof(fc.boolean(), hostileValue),
          id: fc.oneof(fc.string(), fc.stringMatching(/^[0-9A-F]{20,32}$/), hostileValue),
        },
        { requiredKeys: [] },
      ),
      hostileValue,
    ),
    message: fc.oneof(fc.dictionary(contentKey, contentBody, { maxKeys: 3 }), hostileValue),
    messageTimestamp: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant({ low: 1736400000, high: 0 }), hostileValue),
    pushName: fc.oneof(fc.string(), hostileValue),
  },
  { requiredKeys: [] },
);

/** A realistic fixture with one field replaced by something hostile. */
const mutatedFixture = fc
  .tuple(
    fc.constantFrom("text-conversation", "text-extended-quote", "image-caption", "interactive-response", "lid-sender-with-alt", "voice-note"),
    fc.constantFrom("key", "message", "messageTimestamp", "pushName", "key.remoteJid", "key.id", "message.inner"),
    hostileValue,
  )
  .map(([name, path, value]) => {
    const message = loadWhatsAppFixture(name) as unknown as Record<string, Record<string, unknown>>;
    if (path === "message.inner") {
      const inner = proto.Message.toObject(message.message as unknown as proto.Message);
      const [first] = Object.keys(inner);
      return { ...message, message: { ...inner, [first ?? "conversation"]: value } };
    }
    if (path.startsWith("key.")) return { ...message, key: { ...message.key, [path.slice(4)]: value } };
    return { ...message, [path]: value };
  });

describe("convertWhatsAppMessage fuzz", () => {
  it("never throws and returns null or a schema-valid InboundMessage", async () => {
    const fileStore = new MemoryFileStore();
    const lidMap = new InMemoryLidMap();
    const { logger, output } = capturedLogger("warn");
    let converted = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(waMessageLike, mutatedFixture, hostileValue),
        fc.constantFrom("bytes", "throws", "not-a-buffer", "huge"),
        async (raw, download) => {
          const result = await convertWhatsAppMessage(raw, {
            fileStore,
            lidMap,
            logger,
            maxMediaBytes: 1024,
            downloadMedia: async () => {
              if (download === "throws") throw new Error("download failed");
              if (download === "not-a-buffer") return "nope" as unknown as Buffer;
              return Buffer.alloc(download === "huge" ? 4096 : 16, 1);
            },
          });
          if (result === null) return;
          converted++;
          expect(inboundMessageSchema.safeParse(result).success).toBe(true);
          expect(result.channel).toBe("whatsapp");
          expect(result.address).toMatch(/^\d{1,30}@(s\.whatsapp\.net|lid)$/);
          for (const attachment of result.attachments) {
            expect(attachment.fileRef).toMatch(/^file:/);
            expect(attachment.size ?? 0).toBeLessThanOrEqual(1024);
          }
        },
      ),
      { numRuns: 1500 },
    );
    expect(converted).toBeGreaterThan(20); // the generators reach real conversions, not only nulls
    expect(output()).not.toMatch(/6281200000001/);
  });
});

describe("convertWhatsAppMessage on plain data", () => {
  it("handles every plain (non-throwing, acyclic) shape by its checks, never by the catch-all", async () => {
    const plainValue = fc.oneof(fc.anything({ maxDepth: 3 }), fc.constant({ low: 1, high: 0 }), fc.constant(new Uint8Array(2)));
    /** Mostly the right type, sometimes any plain value: messages get far enough to exercise every field. */
    const mostly = <T>(good: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: good }, { weight: 1, arbitrary: plainValue });
    const field = mostly(fc.string());
    const contextInfo = mostly(fc.record({ stanzaId: field, quotedMessage: plainValue }, { requiredKeys: [] }));
    const body = fc.record(
      {
        text: field,
        caption: field,
        contextInfo,
        selectedButtonId: field,
        selectedDisplayText: field,
        selectedId: field,
        title: field,
        singleSelectReply: mostly(fc.record({ selectedRowId: field }, { requiredKeys: [] })),
        nativeFlowResponseMessage: mostly(fc.record({ paramsJson: mostly(fc.json()), name: field }, { requiredKeys: [] })),
        body: mostly(fc.record({ text: field }, { requiredKeys: [] })),
        fileLength: mostly(fc.nat()),
        mimetype: field,
        fileName: field,
        ptt: mostly(fc.boolean()),
      },
      { requiredKeys: [] },
    );
    const content = fc.oneof(
      fc.record({ conversation: field }),
      contentKey.filter((k) => k !== "__proto__" && k !== "conversation").chain((k) => fc.record({ [k]: mostly(body) })),
      fc.record({ ephemeralMessage: fc.record({ message: fc.record({ extendedTextMessage: mostly(body) }) }) }),
    );
    const plainMessage = fc.record(
      {
        key: mostly(
          fc.record(
            {
              remoteJid: fc.oneof(
                { weight: 4, arbitrary: fc.constantFrom("6281200000001@s.whatsapp.net", "6281200000001:7@s.whatsapp.net", "123456789012345@lid") },
                { weight: 1, arbitrary: jid },
                { weight: 1, arbitrary: plainValue },
              ),
              remoteJidAlt: mostly(jid),
              participant: mostly(jid),
              participantAlt: mostly(jid),
              fromMe: mostly(fc.constant(false)),
              id: mostly(fc.stringMatching(/^3A[0-9A-F]{18}$/)),
            },
            { requiredKeys: ["remoteJid", "id"] },
          ),
        ),
        message: mostly(content),
        messageTimestamp: mostly(fc.integer({ min: 1_600_000_000, max: 1_900_000_000 })),
        pushName: field,
      },
      { requiredKeys: ["key", "message"] },
    );
    let converted = 0;
    const { logger, output } = capturedLogger("warn");
    await fc.assert(
      fc.asyncProperty(plainMessage, async (raw) => {
        const result = await convertWhatsAppMessage(raw, {
          fileStore: new MemoryFileStore(),
          lidMap: new InMemoryLidMap(),
          logger,
          downloadMedia: async () => Buffer.from("x"),
        });
        if (!result) return;
        converted++;
        expect(inboundMessageSchema.safeParse(result).success).toBe(true);
      }),
      { numRuns: 1000 },
    );
    expect(output()).not.toContain("unreadable WhatsApp message skipped");
    expect(converted).toBeGreaterThan(80); // about 140 of 1,000 in practice
  });
});

function throwingObject(): object {
  const o = {};
  for (const key of ["key", "message", "remoteJid", "id", "conversation", "text", "fromMe", "then"]) {
    Object.defineProperty(o, key, {
      enumerable: true,
      get: () => {
        throw new Error(`getter ${key}`);
      },
    });
  }
  return o;
}

function cyclic(): object {
  const o: Record<string, unknown> = { conversation: "loop" };
  o.message = o;
  o.key = o;
  return o;
}
