// Rotation in memory: every value ends on the active key with its plaintext unchanged, whatever the
// batch size, wherever a run is stopped, however often it is run again; the service's own writes win.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decryptBytes, decryptText, encryptBytes, encryptText, keyIdOf } from "../../src/privacy/fieldCrypto.ts";
import { reencryptIfStale, rotateColumn, type RotationRow } from "../../src/privacy/rotation.ts";
import { ringPair } from "./support.ts";

const ctx = { context: "Message.text" };

/** A table in memory with the two calls rotateColumn needs (ordered read after an id, compare-and-set write). */
class MemoryTable<V extends string | Uint8Array> {
  readonly rows = new Map<string, V | null>();
  reads = 0;

  constructor(values: (V | null)[]) {
    for (const [i, v] of values.entries()) this.rows.set(`row${String(i).padStart(5, "0")}`, v);
  }

  async read(afterId: string | null, limit: number): Promise<RotationRow<V>[]> {
    this.reads += 1;
    await Promise.resolve();
    return [...this.rows.keys()]
      .sort()
      .filter((id) => afterId === null || id > afterId)
      .slice(0, limit)
      .map((id) => ({ id, value: this.rows.get(id)! }));
  }

  async write(row: RotationRow<V>, value: V): Promise<boolean> {
    await Promise.resolve();
    if (this.rows.get(row.id) !== row.value) return false;
    this.rows.set(row.id, value);
    return true;
  }
}

describe("reencryptIfStale", () => {
  const { k1Only, k2Active } = ringPair();

  it("re-encrypts values under another key and plaintext, leaves values on the active key alone", () => {
    const old = encryptText(k1Only, "lama", ctx);
    const moved = reencryptIfStale(k2Active, old, ctx);
    expect(moved.changed).toBe(true);
    expect(keyIdOf(moved.value)).toBe("k2");
    expect(decryptText(k2Active, moved.value, ctx)).toBe("lama");

    const legacy = reencryptIfStale(k2Active, "plaintext lama", ctx);
    expect(legacy.changed).toBe(true);
    expect(decryptText(k2Active, legacy.value, { ...ctx, acceptPlaintext: false })).toBe("plaintext lama");

    expect(reencryptIfStale(k2Active, moved.value, ctx)).toEqual({ value: moved.value, changed: false });
  });

  it("does the same for bytes", () => {
    const old = encryptBytes(k1Only, Buffer.from("foto"), { context: "StoredFile.bytes" });
    const moved = reencryptIfStale(k2Active, old, { context: "StoredFile.bytes" });
    expect(moved.changed).toBe(true);
    expect(keyIdOf(moved.value)).toBe("k2");
    expect(decryptBytes(k2Active, moved.value, { context: "StoredFile.bytes" }).toString()).toBe("foto");
    expect(reencryptIfStale(k2Active, moved.value, { context: "StoredFile.bytes" }).changed).toBe(false);
  });

  it("refuses to move a value that does not decrypt (it would be lost under a new key)", () => {
    const stored = encryptText(k1Only, "x", ctx);
    expect(() => reencryptIfStale(k2Active, stored, { context: "StepRun.note" })).toThrow(/does not authenticate/);
    expect(() => reencryptIfStale(k2Active, `${encryptText(k2Active, "x", ctx)}AA`, ctx)).toThrow(/enc:v1/);
  });
});

describe("rotateColumn", () => {
  it("moves every row to the active key, counting changed and skipped, and a second run changes nothing", async () => {
    const { k1Only, k2Active } = ringPair();
    const plaintexts = Array.from({ length: 23 }, (_, i) => `pesan ${i}`);
    const table = new MemoryTable<string>(
      plaintexts.map((p, i) => (i % 5 === 0 ? null : i % 3 === 0 ? p : i % 3 === 1 ? encryptText(k1Only, p, ctx) : encryptText(k2Active, p, ctx))),
    );
    const progress: number[] = [];
    const report = await rotateColumn({
      ...ctx,
      keyring: k2Active,
      batchSize: 4,
      read: (a, l) => table.read(a, l),
      write: (r, v) => table.write(r, v),
      onProgress: (p) => progress.push(p.scanned),
    });
    const nulls = plaintexts.filter((_, i) => i % 5 === 0).length;
    const onK2 = plaintexts.filter((_, i) => i % 5 !== 0 && i % 3 === 2).length;
    expect(report).toMatchObject({
      complete: true,
      scanned: 23,
      changed: 23 - nulls - onK2,
      skipped: nulls + onK2,
      failed: 0,
      conflicted: 0,
      lastId: "row00022",
    });
    expect(progress).toEqual([4, 8, 12, 16, 20, 23]);
    for (const [id, value] of table.rows) {
      const i = Number(id.slice(3));
      if (value === null) continue;
      expect(keyIdOf(value)).toBe("k2");
      expect(decryptText(k2Active, value, ctx)).toBe(plaintexts[i]);
    }
    const again = await rotateColumn({ ...ctx, keyring: k2Active, batchSize: 4, read: (a, l) => table.read(a, l), write: (r, v) => table.write(r, v) });
    expect(again).toMatchObject({ complete: true, scanned: 23, changed: 0, skipped: 23 });
  });

  it("ends with every value on the active key and unchanged, for any table, batch size and stopping point (stop, then run again)", async () => {
    let stoppedEarly = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.option(fc.string({ maxLength: 30 }), { nil: null }), { maxLength: 40 }),
        fc.array(fc.constantFrom("plain", "k1", "k2"), { minLength: 40, maxLength: 40 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 0, max: 99 }),
        fc.boolean(),
        async (plaintexts, origins, batchSize, stopPercent, resume) => {
          // Stop somewhere inside the table (a fixed row count would often fall past the end of a short one).
          const stopAfter = Math.floor((stopPercent * plaintexts.length) / 100);
          const { k1k2, k2Active } = ringPair();
          const table = new MemoryTable<string>(
            plaintexts.map((p, i) => (p === null ? null : origins[i] === "plain" ? p : encryptText(origins[i] === "k1" ? k1k2 : k2Active, p, ctx))),
          );
          const run = (signal?: AbortSignal, startAfterId?: string | null) =>
            rotateColumn({ ...ctx, keyring: k2Active, batchSize, signal, startAfterId, read: (a, l) => table.read(a, l), write: (r, v) => table.write(r, v) });
          // First run: stopped once it has read `stopAfter` rows (checked between rows).
          const stop = new AbortController();
          let reads = 0;
          const first = await rotateColumn({
            ...ctx,
            keyring: k2Active,
            batchSize,
            signal: stop.signal,
            read: async (a, l) => {
              const rows = await table.read(a, l);
              reads += rows.length;
              if (reads >= stopAfter) stop.abort();
              return rows;
            },
            write: (r, v) => table.write(r, v),
          });
          expect(first.failed).toBe(0);
          if (!first.complete) stoppedEarly += 1;
          // Meanwhile every value is readable with the ring that holds both keys.
          for (const [id, value] of table.rows) if (value !== null) expect(decryptText(k2Active, value, ctx)).toBe(plaintexts[Number(id.slice(3))]);
          const second = await run(undefined, resume && !first.complete ? first.lastId : null);
          expect(second.complete).toBe(true);
          for (const [id, value] of table.rows) {
            const expected = plaintexts[Number(id.slice(3))];
            if (expected === null) expect(value).toBeNull();
            else {
              expect(keyIdOf(value!)).toBe("k2");
              expect(decryptText(k2Active, value!, ctx)).toBe(expected);
            }
          }
          const third = await run();
          expect(third.changed).toBe(0);
        },
      ),
      { numRuns: 250 },
    );
    expect(stoppedEarly).toBeGreaterThan(150); // the stop-and-rerun path was really taken (about 220 of 250)
  });

  it("lets the service's write win when it changes a row between rotation's read and write", async () => {
    const { k1Only, k2Active } = ringPair();
    const table = new MemoryTable<string>(["a", "b", "c"].map((p) => encryptText(k1Only, p, ctx)));
    const report = await rotateColumn({
      ...ctx,
      keyring: k2Active,
      read: (a, l) => table.read(a, l),
      write: async (row, value) => {
        if (row.id === "row00001") table.rows.set("row00001", encryptText(k2Active, "b (edited by the service)", ctx));
        return table.write(row, value);
      },
    });
    expect(report).toMatchObject({ changed: 2, conflicted: 1, failed: 0, complete: true });
    expect(decryptText(k2Active, table.rows.get("row00001")!, ctx)).toBe("b (edited by the service)");
  });

  it("counts rows it cannot read as failed (with id and cause, never the value) and goes on", async () => {
    const { k1Only, k2Active } = ringPair();
    const stranger = ringPair().k2Active;
    const table = new MemoryTable<string>([
      encryptText(k1Only, "ok 1", ctx),
      `${encryptText(k1Only, "damaged", ctx).slice(0, -4)}AAAA`,
      encryptText(stranger, "other key under the same id", ctx),
      "enc:v1:k7:" + Buffer.alloc(40).toString("base64url"),
      "enc: a legacy plaintext that starts like a ciphertext",
      encryptText(k1Only, "ok 2", ctx),
    ]);
    const report = await rotateColumn({ ...ctx, keyring: k2Active, read: (a, l) => table.read(a, l), write: (r, v) => table.write(r, v) });
    expect(report).toMatchObject({ scanned: 6, changed: 2, failed: 4, complete: true });
    expect(report.failures).toEqual([
      { id: "row00001", reason: "authentication_failed" },
      { id: "row00002", reason: "authentication_failed" },
      { id: "row00003", reason: "unknown_key" },
      { id: "row00004", reason: "malformed" },
    ]);
  });

  it("counts a failed write and goes on, recording the error's name only", async () => {
    const { k1Only, k2Active } = ringPair();
    const table = new MemoryTable<string>(["a", "b"].map((p) => encryptText(k1Only, p, ctx)));
    const report = await rotateColumn({
      ...ctx,
      keyring: k2Active,
      read: (a, l) => table.read(a, l),
      write: async (row, value) => {
        if (row.id === "row00000") throw new TypeError(`database said: ${row.value}`);
        return table.write(row, value);
      },
    });
    expect(report).toMatchObject({ changed: 1, failed: 1, failures: [{ id: "row00000", reason: "write_failed: TypeError" }] });
  });

  it("rotates a bytes column", async () => {
    const { k1Only, k2Active } = ringPair();
    const files = [Buffer.from("%PDF-1.7"), Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.alloc(0)];
    const table = new MemoryTable<Uint8Array>([encryptBytes(k1Only, files[0]!, { context: "StoredFile.bytes" }), files[1]!, files[2]!]);
    const report = await rotateColumn({ context: "StoredFile.bytes", keyring: k2Active, read: (a, l) => table.read(a, l), write: (r, v) => table.write(r, v) });
    expect(report).toMatchObject({ changed: 3, complete: true });
    [...table.rows.values()].forEach((v, i) => {
      expect(keyIdOf(v!)).toBe("k2");
      expect(decryptBytes(k2Active, v!, { context: "StoredFile.bytes" }).equals(files[i]!)).toBe(true);
    });
  });

  it("refuses a read that ignores afterId instead of looping forever", async () => {
    const { k2Active } = ringPair();
    const table = new MemoryTable<string>(["a", "b", "c"]);
    await expect(
      rotateColumn({ ...ctx, keyring: k2Active, batchSize: 2, read: (_afterId, l) => table.read(null, l), write: (r, v) => table.write(r, v) }),
    ).rejects.toThrow(/read must return each row once, after afterId/);
  });
});
