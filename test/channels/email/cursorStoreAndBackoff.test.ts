// The small pieces under the listener: cursor stores survive a restart, backoff grows, jitters and caps.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createJsonFileCursorStore } from "../../../src/channels/email/jsonFileCursorStore.ts";
import { createMemoryCursorStore } from "../../../src/channels/email/mailCursorStore.ts";
import { reconnectDelay } from "../../../src/channels/email/reconnectDelay.ts";

describe("mail cursor stores", () => {
  it("memory: returns copies, per mailbox", async () => {
    const store = createMemoryCursorStore();
    expect(await store.load("INBOX")).toBeNull();
    const cursor = { uidValidity: "17", lastUid: 3 };
    await store.save("INBOX", cursor);
    cursor.lastUid = 99;
    expect(await store.load("INBOX")).toEqual({ uidValidity: "17", lastUid: 3 });
    expect(await store.load("Lain")).toBeNull();
  });

  it("JSON file: survives a new instance, keeps other mailboxes, refuses a damaged file with its path", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "pintu-cursor-")), "sub", "cursors.json");
    const a = createJsonFileCursorStore(path);
    await Promise.all([a.save("INBOX", { uidValidity: "17", lastUid: 3 }), a.save("Konseling", { uidValidity: "5", lastUid: 1 })]);
    await a.save("INBOX", { uidValidity: "17", lastUid: 4 });
    const b = createJsonFileCursorStore(path);
    expect(await b.load("INBOX")).toEqual({ uidValidity: "17", lastUid: 4 });
    expect(await b.load("Konseling")).toEqual({ uidValidity: "5", lastUid: 1 });
    expect(JSON.parse(readFileSync(path, "utf8"))).toHaveProperty("INBOX");
    writeFileSync(path, JSON.stringify({ INBOX: { uidValidity: 17 } }));
    await expect(b.load("INBOX")).rejects.toThrow(path);
  });
});

describe("reconnectDelay", () => {
  it("doubles from the initial delay, stays within [cap/2, cap] and never passes the maximum", () => {
    const opts = { initialMs: 1_000, maxMs: 60_000 };
    expect(reconnectDelay(0, { ...opts, random: () => 0 })).toBe(500);
    expect(reconnectDelay(0, { ...opts, random: () => 1 })).toBe(1_000);
    expect(reconnectDelay(3, { ...opts, random: () => 1 })).toBe(8_000);
    expect(reconnectDelay(50, { ...opts, random: () => 1 })).toBe(60_000);
    for (let attempt = 0; attempt < 12; attempt++) {
      const d = reconnectDelay(attempt, opts);
      const cap = Math.min(60_000, 1_000 * 2 ** attempt);
      expect(d).toBeGreaterThanOrEqual(cap / 2);
      expect(d).toBeLessThanOrEqual(cap);
    }
  });
});
