// Our baileys adapter driven by the fake in place of makeWASocket: login (QR, pairing code), the session
// kept (here on disk; in the database: databaseAuthState.test.ts), reconnects with backoff on every close but those
// no reconnect fixes (401 logged out, 405 client too old, 440 replaced), and errors by cause.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Boom } from "@hapi/boom";
import { DisconnectReason } from "@whiskeysockets/baileys";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { toSocketError } from "../../../src/channels/whatsapp/baileysSocket.ts";
import { DEFAULT_RECONNECT_BACKOFF, reconnectDelayMs } from "../../../src/channels/whatsapp/reconnectBackoff.ts";
import { WhatsAppSocketError } from "../../../src/channels/whatsapp/whatsappSocket.ts";
import { CLIENT, connectFakeSocket, startHarness, until } from "./support/channelHarness.ts";

type Connected = Awaited<ReturnType<typeof connectFakeSocket>>;
let c: Connected | undefined;
let extra: Connected | undefined;
afterEach(async () => {
  await c?.cleanup();
  await extra?.cleanup();
  c = extra = undefined;
});

describe("login", () => {
  it("prints the QR code to the terminal (never the log) and reports it", async () => {
    c = await connectFakeSocket();
    c.fake.showQr("2@QRREF,KEY1,KEY2,SECRET");
    expect(c.printed).toHaveLength(1);
    expect(c.printed[0]).toMatch(/Linked devices/);
    expect(c.printed[0]!.split("\n").length).toBeGreaterThan(10); // the QR drawn in block characters
    expect(c.changes).toContainEqual({ state: "qr", qr: "2@QRREF,KEY1,KEY2,SECRET" });
    expect(c.logs()).not.toContain("QRREF");
  });

  it("asks for a pairing code (once per connection) when a pairing number is configured", async () => {
    c = await connectFakeSocket({ pairingNumber: "0812-1111-2222" });
    c.fake.showQr();
    c.fake.showQr(); // WhatsApp refreshes the QR every ~20 s
    await until(() => c!.changes.some((ch) => ch.state === "pairing_code"));
    expect(c.fake.pairingRequests).toEqual(["6281211112222"]);
    expect(c.printed).toEqual([expect.stringContaining("ABCD-2EFG")]);
    expect(c.changes).toContainEqual({ state: "pairing_code", code: "ABCD2EFG" });
  });

  it("refuses a pairing number that is not a phone number", async () => {
    await expect(connectFakeSocket({ pairingNumber: "saya" })).rejects.toThrow(/pairing number is not usable/);
  });

  it("keeps the session in the auth directory, so a restart logs in without a new QR", async () => {
    c = await connectFakeSocket();
    const first = c.fake.socket.config.auth.creds;
    first.registered = true;
    first.me = { id: "6281100000000:3@s.whatsapp.net", name: "Pintu Konseling" };
    c.fake.socket.emit("creds.update", first);
    const credsFile = join(c.authDir, "creds.json");
    await until(() => existsSync(credsFile) && readFileSync(credsFile, "utf8").includes('"registered":true'));

    extra = await connectFakeSocket({ authDir: c.authDir });
    const restored = extra.fake.socket.config.auth.creds;
    expect(restored.registered).toBe(true);
    expect(restored.registrationId).toBe(first.registrationId);
    expect(Buffer.from(restored.noiseKey.private)).toEqual(Buffer.from(first.noiseKey.private));
  });

  it("configures baileys for a service number: not online on connect, no history, groups and broadcasts ignored", async () => {
    c = await connectFakeSocket();
    const config = c.fake.socket.config;
    expect(config.markOnlineOnConnect).toBe(false);
    expect(config.syncFullHistory).toBe(false);
    expect(config.version).toBeUndefined(); // baileys' built-in version: no fetch from the internet
    expect(config.shouldIgnoreJid?.("120363012345678901@g.us")).toBe(true);
    expect(config.shouldIgnoreJid?.("status@broadcast")).toBe(true);
    expect(config.shouldIgnoreJid?.(CLIENT)).toBe(false);
  });

  it("gives baileys the content of a sent message for its retry requests (getMessage)", async () => {
    c = await connectFakeSocket();
    c.fake.open();
    const sent = await c.socket.sendText(CLIENT, "Jadwal Anda besok pukul 09.00");
    const content = await c.fake.socket.config.getMessage?.({ remoteJid: CLIENT, id: sent.id, fromMe: true });
    expect(content?.extendedTextMessage?.text).toBe("Jadwal Anda besok pukul 09.00");
  });
});

describe("reconnecting", () => {
  it("reconnects after a close with exponential backoff and jitter, and resets once open", async () => {
    c = await connectFakeSocket(); // random() = 0.5 → 3/4 of the capped delay
    c.fake.open();
    c.fake.close(DisconnectReason.connectionLost);
    expect(c.changes.at(-1)).toEqual({ state: "closed", statusCode: 408, reconnectInMs: 1500 });
    await c.clock.advance(1499);
    expect(c.fake.sockets).toHaveLength(1);
    await c.clock.advance(1);
    expect(c.fake.sockets).toHaveLength(2);

    c.fake.close(DisconnectReason.connectionClosed); // failed again before opening
    await c.clock.advance(2999);
    expect(c.fake.sockets).toHaveLength(2);
    await c.clock.advance(1);
    expect(c.fake.sockets).toHaveLength(3);

    c.fake.close(DisconnectReason.unavailableService);
    expect(c.changes.at(-1)).toMatchObject({ reconnectInMs: 6000 });
    await c.clock.advance(6000);
    c.fake.open();
    c.fake.close(DisconnectReason.connectionLost);
    expect(c.changes.at(-1)).toMatchObject({ reconnectInMs: 1500 });
  });

  it.each([
    ["connectionClosed", DisconnectReason.connectionClosed],
    ["connectionLost", DisconnectReason.connectionLost],
    ["badSession", DisconnectReason.badSession],
    ["multideviceMismatch", DisconnectReason.multideviceMismatch],
    ["forbidden", DisconnectReason.forbidden],
    ["unavailableService", DisconnectReason.unavailableService],
  ])("reconnects after %s", async (_name, code) => {
    c = await connectFakeSocket();
    c.fake.open();
    c.fake.close(code);
    await c.clock.advance(DEFAULT_RECONNECT_BACKOFF.initialMs);
    expect(c.fake.sockets).toHaveLength(2);
  });

  it("reconnects at once after 'restart required' (what WhatsApp sends right after a QR login)", async () => {
    c = await connectFakeSocket();
    c.fake.close(DisconnectReason.restartRequired, "Stream Errored (restart required)");
    await c.clock.advance(0);
    expect(c.fake.sockets).toHaveLength(2);
  });

  it("does not reconnect after a log-out: calls onLoggedOut and logs how to log in again", async () => {
    let loggedOut = 0;
    c = await connectFakeSocket({ onLoggedOut: () => void loggedOut++ });
    c.fake.open();
    c.fake.logOut();
    await c.clock.advance(24 * 3600_000);
    expect(c.fake.sockets).toHaveLength(1);
    expect(loggedOut).toBe(1);
    expect(c.changes.at(-1)).toEqual({ state: "logged_out", statusCode: 401 });
    expect(c.logs()).toMatch(/delete the session directory \(WHATSAPP_AUTH_DIR\)/);
    await expect(c.socket.sendText(CLIENT, "x")).rejects.toMatchObject({ kind: "closed" });
  });

  it.each([
    ["405 client too old", 405, "Connection Failure", "client_too_old", /405 client too old.*Update baileys/],
    ["440 connection replaced", DisconnectReason.connectionReplaced, "Stream Errored (conflict)", "connection_replaced", /second instance/],
  ] as const)("stops for good after %s: says why once, never reconnects", async (_name, code, message, reason, logged) => {
    const stops: string[] = [];
    c = await connectFakeSocket({ onStopped: (why) => void stops.push(why) });
    c.fake.open();
    c.fake.close(code, message);
    await c.clock.advance(24 * 3600_000);
    expect(c.fake.sockets).toHaveLength(1);
    expect(c.clock.sleeps).toEqual([]);
    expect(stops).toEqual([reason]);
    expect(c.changes.at(-1)).toEqual({ state: "stopped", statusCode: code, reason });
    expect(c.logs()).toMatch(logged);
    await expect(c.socket.sendText(CLIENT, "x")).rejects.toMatchObject({ kind: "closed" });
  });

  it("after 405 with fetchLatestVersion, tries the latest version once before stopping", async () => {
    const stops: string[] = [];
    let fetched = 0;
    c = await connectFakeSocket({
      fetchLatestVersion: true,
      // baileys' fetchLatestBaileysVersion asks its GitHub; here the version WhatsApp now wants.
      fetchVersion: async () => [2, 3000, ++fetched],
      onStopped: (why) => void stops.push(why),
    });
    expect(c.fake.socket.config.version).toEqual([2, 3000, 1]); // fetched at start
    c.fake.open();
    c.fake.close(405, "Connection Failure");
    await until(() => c!.clock.pending > 0); // at once (0 ms), with the new version
    await c.clock.advance(0);
    expect(c.fake.sockets).toHaveLength(2);
    expect(c.fake.socket.config.version).toEqual([2, 3000, 2]);
    c.fake.close(405, "Connection Failure");
    await until(() => stops.length === 1);
    await c.clock.advance(24 * 3600_000);
    expect(fetched).toBe(2);
    expect(c.fake.sockets).toHaveLength(2);
    expect(stops).toEqual(["client_too_old"]);
  });

  it("tells the channel's onLoggedOut as well", async () => {
    const h = await startHarness();
    try {
      h.fake.logOut();
      await until(() => h.loggedOutCalls() === 1);
      await h.clock.advance(3600_000);
      expect(h.fake.sockets).toHaveLength(1);
    } finally {
      await h.stop();
    }
  });

  it("stays closed after end(), and ignores events of a replaced connection", async () => {
    c = await connectFakeSocket();
    c.fake.open();
    const old = c.fake.socket;
    c.fake.close(DisconnectReason.connectionLost);
    await c.clock.advance(1500);
    const received: unknown[] = [];
    c.socket.onMessages((m) => void received.push(...m));
    old.emit("messages.upsert", { messages: [{ key: { remoteJid: CLIENT, id: "STALE" } }], type: "notify" });
    expect(received).toEqual([]);

    await c.socket.end();
    c.fake.close(DisconnectReason.connectionLost);
    await c.clock.advance(24 * 3600_000);
    expect(c.fake.sockets).toHaveLength(2);
  });

  it("refuses to send while not open", async () => {
    c = await connectFakeSocket();
    await expect(c.socket.sendText(CLIENT, "x")).rejects.toBeInstanceOf(WhatsAppSocketError);
    await expect(c.socket.setTyping(CLIENT, true)).rejects.toMatchObject({ kind: "closed" });
  });
});

describe("backoff and error causes", () => {
  it("waits between half and all of the capped exponential delay, never more than the cap", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), (attempt, r) => {
        const delay = reconnectDelayMs(attempt, DEFAULT_RECONNECT_BACKOFF, () => r);
        const cap = Math.min(DEFAULT_RECONNECT_BACKOFF.maxMs, DEFAULT_RECONNECT_BACKOFF.initialMs * 2 ** attempt);
        expect(delay).toBeGreaterThanOrEqual(Math.floor(cap / 2));
        expect(delay).toBeLessThanOrEqual(cap);
        expect(reconnectDelayMs(attempt + 1, DEFAULT_RECONNECT_BACKOFF, () => r)).toBeGreaterThanOrEqual(delay);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    [new Boom("Connection Closed", { statusCode: 428 }), "closed"],
    [new Boom("Timed Out", { statusCode: 408 }), "timeout"],
    [new Boom("rate-overlimit", { statusCode: 429 }), "rate_limited"],
    [new Boom("not-acceptable", { statusCode: 406 }), "refused"],
    [new Error("Media upload failed on all hosts"), "failed"],
  ])("maps %s to %s without leaking numbers", (error, kind) => {
    expect(toSocketError(error).kind).toBe(kind);
    expect(toSocketError(new Boom("failed for 6281200000001@s.whatsapp.net")).message).not.toMatch(/628120/);
  });
});
