// The WhatsApp session in the database (databaseAuthState.ts) under our real baileys adapter on the fake: a restart
// (a new adapter over a new store on the same database, no folder anywhere) logs in with the same credentials and
// keys, still knows who stands behind a lid, and can still answer a retry receipt for a message sent before it; an
// older release's session folder is copied in once; a log-out clears the session.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { useMultiFileAuthState } from "@whiskeysockets/baileys";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createBaileysSocket } from "../../../src/channels/whatsapp/baileysSocket.ts";
import { databaseAuthState } from "../../../src/channels/whatsapp/databaseAuthState.ts";
import { importAuthFolder } from "../../../src/channels/whatsapp/importAuthFolder.ts";
import type { WhatsAppSocket } from "../../../src/channels/whatsapp/whatsappSocket.ts";
import { HashKey, Keyring } from "../../../src/privacy/index.ts";
import { openDatabase, type Database } from "../../../src/store/database.ts";
import { FakeWhatsApp } from "../../fakes/whatsappSocket.ts";
import { freshDatabase } from "../../support/databases.ts";
import { CLIENT, LID, until } from "./support/channelHarness.ts";
import { capturedLogger } from "./support/capturedLogger.ts";
import { ManualClock } from "./support/manualClock.ts";

const keys = { keyring: new Keyring({ keys: [{ id: "k1", key: randomBytes(32) }], activeKeyId: "k1" }), hashKey: new HashKey(randomBytes(32)) };

let db: Database;
const sockets: WhatsAppSocket[] = [];
beforeEach(async () => {
  db = await openDatabase(await freshDatabase("sqlite"), keys);
});
afterEach(async () => {
  for (const socket of sockets.splice(0)) await socket.end();
  await db.close();
});

/** One run of the service's WhatsApp: a new store and a new adapter on the same database, on the fake. */
async function start(fake: FakeWhatsApp, p: { onLoggedOut?: () => void } = {}) {
  const store = databaseAuthState({ prisma: db.prisma, ...keys });
  const socket = createBaileysSocket({
    authStore: store,
    sentMessages: store,
    logger: capturedLogger().logger,
    makeSocket: fake.makeSocket,
    clock: new ManualClock(),
    ...p,
  });
  sockets.push(socket);
  await socket.connect();
  fake.open();
  return { store, socket, config: fake.socket.config };
}

describe("the WhatsApp session in the database", () => {
  it("auth state survives a restart from the database (no auth folder needed)", async () => {
    const fake = new FakeWhatsApp();
    const first = await start(fake);
    const creds = first.config.auth.creds;
    creds.registered = true;
    creds.me = { id: "6281100000000:3@s.whatsapp.net", name: "Pintu Konseling" };
    fake.socket.emit("creds.update", creds);
    // baileys writes its Signal keys through the key store it was given.
    await first.config.auth.keys.set({
      session: { "6281200000001.0": Buffer.from("signal-session") },
      "pre-key": { "7": { public: Buffer.from("p"), private: Buffer.from("q") } },
    });
    await until(async () => await first.store.hasSession());
    await until(async () => (await databaseAuthState({ prisma: db.prisma, ...keys }).load()).state.creds.registered === true);
    await first.socket.end();

    const second = await start(fake);
    const restored = second.config.auth.creds;
    expect(restored.registered).toBe(true);
    expect(restored.me?.id).toBe("6281100000000:3@s.whatsapp.net");
    expect(restored.registrationId).toBe(creds.registrationId);
    expect(Buffer.from(restored.noiseKey.private)).toEqual(Buffer.from(creds.noiseKey.private));
    const stored = await second.config.auth.keys.get("session", ["6281200000001.0", "6289900000000.0"]);
    expect(Buffer.from(stored["6281200000001.0"]!).toString()).toBe("signal-session");
    expect(stored["6289900000000.0"]).toBeUndefined();
    expect(Buffer.from((await second.config.auth.keys.get("pre-key", ["7"]))["7"]!.private).toString()).toBe("q");

    // Encrypted values, hashed ids: nothing of the session or the number readable in the table.
    const rows = await db.raw.whatsAppAuthKey.findMany();
    for (const row of rows) {
      expect(row.value).toMatch(/^enc:v1:k1:/);
      expect(row.id).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(JSON.stringify(rows)).not.toMatch(/6281200000001|signal-session|Pintu Konseling/);
  });

  it("knows the phone number behind a lid after a restart, from baileys' mapping in the session", async () => {
    const fake = new FakeWhatsApp();
    const first = await start(fake);
    fake.userSends(fake.fromLid(LID, CLIENT), "halo");
    await fake.settled();
    expect(await first.socket.phoneJidForLid(LID)).toBe(CLIENT);
    await first.socket.end();

    const second = await start(fake);
    expect(await second.socket.phoneJidForLid(LID)).toBe(CLIENT);
    expect(await second.socket.phoneJidForLid("111111111111111@lid")).toBeUndefined();
  });

  it("answers a retry receipt for a message sent before the restart (getMessage)", async () => {
    const fake = new FakeWhatsApp();
    const first = await start(fake);
    const sent = await first.socket.sendText(CLIENT, "Jadwal Anda besok pukul 09.00");
    await until(async () => (await first.store.find(sent.id)) !== undefined);
    await first.socket.end();

    await start(fake);
    const content = await fake.requestResend(sent.id, CLIENT);
    expect(content.extendedTextMessage?.text).toBe("Jadwal Anda besok pukul 09.00");
    await expect(fake.requestResend("3EB0UNKNOWN", CLIENT)).rejects.toThrow(/does not have it/);
  });

  it("clears the session when WhatsApp logs the number out, so the next start shows a QR code", async () => {
    const fake = new FakeWhatsApp();
    let loggedOut = 0;
    const first = await start(fake, { onLoggedOut: () => void loggedOut++ });
    fake.socket.emit("creds.update", first.config.auth.creds);
    await until(async () => await first.store.hasSession());
    fake.logOut();
    await until(async () => !(await first.store.hasSession()));
    expect(loggedOut).toBe(1);
  });

  it("copies an older release's session folder in once", async () => {
    const folder = await mkdtemp(join(tmpdir(), "pintu-wa-auth-"));
    try {
      const old = await useMultiFileAuthState(folder);
      old.state.creds.registered = true;
      await old.saveCreds();
      await old.state.keys.set({
        session: { "6281200000001_1.0": Buffer.from("old-session") },
        "lid-mapping": { "6281200000001": "123456789012345", "123456789012345_reverse": "6281200000001" },
        "app-state-sync-key": { "AAAA/BBB=": { keyData: Buffer.from("k"), timestamp: 1 } },
      });
      const store = databaseAuthState({ prisma: db.prisma, ...keys });
      expect(await importAuthFolder(folder, store)).toBe(4);
      expect(await importAuthFolder(folder, store)).toBeNull(); // once: the database has a session now

      const { state } = await store.load();
      expect(state.creds.registered).toBe(true);
      expect(state.creds.registrationId).toBe(old.state.creds.registrationId);
      expect(Buffer.from((await state.keys.get("session", ["6281200000001_1.0"]))["6281200000001_1.0"]!).toString()).toBe("old-session");
      expect((await state.keys.get("lid-mapping", ["123456789012345_reverse"]))["123456789012345_reverse"]).toBe("6281200000001");
      const appKey = (await state.keys.get("app-state-sync-key", ["AAAA/BBB="]))["AAAA/BBB="];
      expect(Buffer.from(appKey!.keyData!).toString()).toBe("k");
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
