// Chat addresses at rest (src/store/chatAddresses.ts, src/store/sealStoredAddresses.ts): through the product's client an
// address is written as its keyed hash beside its ciphertext and found again by equality, nested or not; rows stored in
// clear before the upgrade are sealed by the start-up step without losing one, and stay findable.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HashKey, Keyring, lookupHash } from "../../src/privacy/index.ts";
import { AddressFilterError, addressSealer, openAddresses, sealAddressArgs } from "../../src/store/chatAddresses.ts";
import { openDatabase, type Database } from "../../src/store/database.ts";
import { sealStoredAddresses } from "../../src/store/sealStoredAddresses.ts";
import { DB_KINDS, canTest, freshDatabase } from "../support/databases.ts";

const keys = { keyring: new Keyring({ keys: [{ id: "k1", key: randomBytes(32) }], activeKeyId: "k1" }), hashKey: new HashKey(randomBytes(32)) };
const sealer = addressSealer(keys);
const JID = "6281234567890@s.whatsapp.net";

describe("the address rewriting", () => {
  it("hashes filters, seals written data and reads the address back from its ciphertext", () => {
    const h = sealer.hash(JID);
    expect(h).toBe(lookupHash(keys.hashKey, "chat", JID));
    const rewritten = sealAddressArgs(sealer, {
      where: { OR: [{ channel: "whatsapp", address: JID }, { address: { in: [JID] } }], person: { identities: { some: { address: { not: JID } } } } },
      data: { address: JID, person: { create: { identities: { create: [{ channel: "whatsapp", address: JID }] } } } },
      select: { address: true, channel: true },
      orderBy: { address: "asc" },
    });
    // biome-ignore lint/suspicious/noExplicitAny: reading the nested query args the test itself wrote
    const args = rewritten as Record<string, any>;
    expect(args.where.OR).toEqual([{ channel: "whatsapp", address: h }, { address: { in: [h] } }]);
    expect(args.where.person.identities.some.address).toEqual({ not: h });
    expect(args.data.address).toBe(h);
    expect(sealer.open(args.data.addressEnc)).toBe(JID);
    expect(args.data.person.create.identities.create[0].address).toBe(h);
    expect(args.select).toEqual({ address: true, addressEnc: true, channel: true });
    expect(args.orderBy).toEqual({ address: "asc" });
    expect(openAddresses(sealer, [{ address: h, addressEnc: args.data.addressEnc, channel: "whatsapp" }])).toEqual([{ address: JID, channel: "whatsapp" }]);
  });

  it("refuses a comparison a hash cannot answer", () => {
    expect(() => sealAddressArgs(sealer, { where: { address: { startsWith: "62" } } })).toThrow(AddressFilterError);
  });
});

describe.each(DB_KINDS)("chat addresses in the database on %s", (kind) => {
  if (!canTest(kind)) return void it.skip("PostgreSQL: set PINTU_TEST_PG_URL (.ci/run does)", () => {});
  let plain: Database;
  let sealed: Database;
  beforeAll(async () => {
    const target = await freshDatabase(kind);
    plain = await openDatabase(target); // as the release before: addresses in clear
    sealed = await openDatabase(target, { migrate: false, keyring: keys.keyring, hashKey: keys.hashKey });
  });
  afterAll(async () => {
    await sealed?.close();
    await plain?.close();
  });

  it("seals the addresses an older release stored, losing none, and finds them by address afterwards", async () => {
    const person = await plain.prisma.person.create({ data: { kind: "client", identities: { create: { channel: "whatsapp", address: JID } } } });
    const now = new Date();
    await plain.prisma.outbox.create({ data: { dedupeKey: "k1", channel: "whatsapp", address: JID, payloadJson: "{}" } });
    await plain.prisma.dialogState.create({ data: { channel: "whatsapp", address: JID, dialog: "intake", stateJson: "{}" } });
    await plain.prisma.inboundQueue.create({ data: { channel: "whatsapp", address: JID, messageJson: "{}", reason: "paced" } });
    await plain.prisma.chatMenu.create({ data: { channel: "whatsapp", address: JID, platformId: "M1", buttonsJson: "[]" } });
    await plain.prisma.channelContact.create({ data: { channel: "whatsapp", address: JID, firstInboundAt: now, lastInboundAt: now } });
    await plain.prisma.channelContact.create({ data: { channel: "email", address: "a@b.id", firstInboundAt: now, lastInboundAt: now } });

    const report = await sealStoredAddresses(sealed.raw, sealer, { batchSize: 1 });
    expect(report).toEqual({
      sealed: { ChannelIdentity: 1, Outbox: 1, DialogState: 1, InboundQueue: 1, ChatMenu: 1, ChannelContact: 2 },
      failed: [],
    });
    expect((await sealStoredAddresses(sealed.raw, sealer)).sealed).toEqual({
      ChannelIdentity: 0,
      Outbox: 0,
      DialogState: 0,
      InboundQueue: 0,
      ChatMenu: 0,
      ChannelContact: 0,
    });

    // Stored: the hash and the ciphertext, never the address.
    const raw = await sealed.raw.channelIdentity.findFirstOrThrow({ where: { personId: person.id } });
    expect(raw.address).toBe(sealer.hash(JID));
    expect(raw.addressEnc).toMatch(/^enc:v1:k1:/);
    for (const row of [
      await sealed.raw.outbox.findFirstOrThrow(),
      await sealed.raw.dialogState.findFirstOrThrow(),
      await sealed.raw.inboundQueue.findFirstOrThrow(),
      await sealed.raw.chatMenu.findFirstOrThrow(),
    ])
      expect(row.address).not.toContain("62812");

    // Read and found through the product's client, as before.
    const identity = await sealed.prisma.channelIdentity.findUniqueOrThrow({ where: { channel_address: { channel: "whatsapp", address: JID } } });
    expect(identity).toMatchObject({ personId: person.id, address: JID });
    expect(identity).not.toHaveProperty("addressEnc");
    const withPerson = await sealed.prisma.person.findUniqueOrThrow({ where: { id: person.id }, include: { identities: { select: { address: true } } } });
    expect(withPerson.identities).toEqual([{ address: JID }]);
    expect(await sealed.prisma.outbox.count({ where: { channel: "whatsapp", address: JID } })).toBe(1);
    expect((await sealed.prisma.dialogState.findUniqueOrThrow({ where: { channel_address: { channel: "whatsapp", address: JID } } })).address).toBe(JID);
    expect((await sealed.prisma.inboundQueue.findFirstOrThrow({ where: { address: { in: [JID] } } })).address).toBe(JID);
    expect((await sealed.prisma.chatMenu.findFirstOrThrow({ where: { channel: "whatsapp", address: JID } })).platformId).toBe("M1");
    const contact = await sealed.prisma.channelContact.update({
      where: { channel_address: { channel: "email", address: "a@b.id" } },
      data: { lastInboundAt: new Date(now.getTime() + 1000) },
    });
    expect(contact.address).toBe("a@b.id");

    // A new write goes straight in sealed, and an upsert finds the sealed row.
    await sealed.prisma.channelContact.upsert({
      where: { channel_address: { channel: "whatsapp", address: JID } },
      create: { channel: "whatsapp", address: JID, firstInboundAt: now, lastInboundAt: now },
      update: { lastInboundAt: now },
    });
    expect(await sealed.raw.channelContact.count()).toBe(2);
  });
});
