// Rotation against a real database through Prisma: Case.intakeJson written under k1 is moved to k2 in
// small batches while a second connection keeps reading and decrypting every case and the service keeps
// editing some of them. Every value stays readable throughout, and all end on k2.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/store/database.ts";
import { openCase } from "../../src/store/caseRepository.ts";
import { decryptBytes, decryptText, encryptBytes, encryptText, keyIdOf } from "../../src/privacy/fieldCrypto.ts";
import { rotateColumn } from "../../src/privacy/rotation.ts";
import { DB_KINDS, canTest, freshDatabase } from "../support/databases.ts";
import { miniFlow, miniOrg, seedMiniUnit } from "../support/miniFlow.ts";
import { ringPair } from "./support.ts";

const flowCtx = { flow: miniFlow, organisation: miniOrg };
const intake = { context: "Case.intakeJson" };
const CASES = 60;

describe.each(DB_KINDS)("rotating Case.intakeJson on %s", (kind) => {
  if (!canTest(kind)) return void it.skip("PostgreSQL: set PINTU_TEST_PG_URL (.ci/run does)", () => {});
  let db: Database;
  let reader: Database;
  const { k1Only, k2Active, k2Only } = ringPair();

  beforeAll(async () => {
    const target = await freshDatabase(kind);
    db = await openDatabase(target);
    reader = await openDatabase(target, { migrate: false }); // another connection, as another process would have
  });
  afterAll(async () => {
    await reader?.close();
    await db?.close();
  });

  it("keeps every case readable during the rotation, lets the service's edits win, and ends with all on k2", async () => {
    const people = await seedMiniUnit(db.prisma);
    const at = new Date("2026-11-30T08:00:00+07:00");
    /** Every plaintext each case has ever had: a reader may see any of them, the end state is the last. */
    const versions = new Map<string, string[]>();
    for (let i = 0; i < CASES; i++) {
      const json = JSON.stringify({ nama: `Klien ${i}`, npp: `31.${String(i).padStart(4, "0")}`, keluhan: "sulit tidur 😟" });
      const c = await openCase(db.prisma, flowCtx, {
        clientId: people.client,
        counsellorId: people.konselor,
        intakeJson: encryptText(k1Only, json, intake),
        at,
      });
      versions.set(c.id, [json]);
    }
    const ids = [...versions.keys()].sort();

    let rotating = true;
    let readerPasses = 0;
    let readDuringRotation = 0;
    const readerLoop = (async () => {
      while (rotating) {
        const rows = await reader.prisma.case.findMany({ select: { id: true, intakeJson: true } });
        for (const row of rows) {
          // The service's ring: holds k1 and k2 (k2 active) from the moment rotation starts.
          expect(versions.get(row.id)).toContain(decryptText(k2Active, row.intakeJson, intake));
          readDuringRotation += 1;
        }
        readerPasses += 1;
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    })();
    const editorLoop = (async () => {
      // The service edits every seventh case meanwhile, writing with the active key as it always does.
      for (const id of ids.filter((_, i) => i % 7 === 3)) {
        const json = JSON.stringify({ nama: "diubah", id });
        versions.get(id)!.push(json);
        await db.prisma.case.update({ where: { id }, data: { intakeJson: encryptText(k2Active, json, intake) } });
        await new Promise((resolve) => setTimeout(resolve, 3));
      }
    })();

    const progress: number[] = [];
    const report = await rotateColumn({
      ...intake,
      keyring: k2Active,
      batchSize: 5,
      pauseMs: 2,
      read: async (afterId, limit) =>
        (
          await db.prisma.case.findMany({
            where: afterId === null ? {} : { id: { gt: afterId } },
            orderBy: { id: "asc" },
            take: limit,
            select: { id: true, intakeJson: true },
          })
        ).map((r) => ({ id: r.id, value: r.intakeJson })),
      write: async (row, value) => {
        if (row.id === ids[11]) {
          // The service saves this case between rotation's read and its write: rotation must not undo that.
          const json = JSON.stringify({ nama: "disimpan saat rotasi" });
          versions.get(row.id)!.push(json);
          await reader.prisma.case.update({ where: { id: row.id }, data: { intakeJson: encryptText(k2Active, json, intake) } });
        }
        return (await db.prisma.case.updateMany({ where: { id: row.id, intakeJson: row.value! }, data: { intakeJson: value } })).count === 1;
      },
      onProgress: (p) => progress.push(p.scanned),
    });
    await editorLoop;
    rotating = false;
    await readerLoop;

    expect(report.complete).toBe(true);
    expect(report.failed).toBe(0);
    expect(report.scanned).toBe(CASES);
    expect(report.conflicted).toBeGreaterThanOrEqual(1);
    expect(report.changed + report.skipped + report.conflicted).toBe(CASES);
    expect(progress.length).toBe(Math.ceil(CASES / 5));
    expect(readerPasses).toBeGreaterThan(3); // the reader really ran alongside
    expect(readDuringRotation).toBeGreaterThan(3 * CASES);

    const rows = await db.prisma.case.findMany({ select: { id: true, intakeJson: true } });
    expect(rows).toHaveLength(CASES);
    for (const row of rows) {
      expect(keyIdOf(row.intakeJson)).toBe("k2");
      expect(decryptText(k2Only, row.intakeJson, { ...intake, acceptPlaintext: false })).toBe(versions.get(row.id)!.at(-1));
    }

    // Run again: nothing left to do. (Above, a ring of k2 alone read everything: k1 can be retired.)
    const again = await rotateColumn({
      ...intake,
      keyring: k2Active,
      read: async (afterId, limit) =>
        (await db.prisma.case.findMany({ where: afterId === null ? {} : { id: { gt: afterId } }, orderBy: { id: "asc" }, take: limit })).map((r) => ({
          id: r.id,
          value: r.intakeJson,
        })),
      write: async () => {
        throw new Error("nothing should be written");
      },
    });
    expect(again).toMatchObject({ complete: true, changed: 0, skipped: CASES, failed: 0 });
  }, 60_000);

  it("rotates a Bytes column (StoredFile.bytes) with a compare-and-set on the bytes", async () => {
    const file = { context: "StoredFile.bytes" };
    const contents = [Buffer.from("%PDF-1.7 laporan"), Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x01])];
    await db.prisma.storedFile.create({ data: { bytes: encryptBytes(k1Only, contents[0]!, file), size: contents[0]!.length } });
    await db.prisma.storedFile.create({ data: { bytes: new Uint8Array(contents[1]!), size: contents[1]!.length } }); // from before encryption
    const report = await rotateColumn({
      ...file,
      keyring: k2Active,
      read: async (afterId, limit) =>
        (
          await db.prisma.storedFile.findMany({
            where: afterId === null ? {} : { id: { gt: afterId } },
            orderBy: { id: "asc" },
            take: limit,
            select: { id: true, bytes: true },
          })
        ).map((r) => ({ id: r.id, value: r.bytes })),
      write: async (row, value) =>
        (await db.prisma.storedFile.updateMany({ where: { id: row.id, bytes: row.value! }, data: { bytes: new Uint8Array(value) } })).count === 1,
    });
    expect(report).toMatchObject({ complete: true, changed: 2, failed: 0, conflicted: 0 });
    const rows = await db.prisma.storedFile.findMany({ orderBy: { createdAt: "asc" } });
    const plain = rows.map((r) => {
      expect(keyIdOf(r.bytes)).toBe("k2");
      return decryptBytes(k2Active, r.bytes, file);
    });
    expect(plain.map((b) => b.toString("hex")).sort()).toEqual(contents.map((b) => b.toString("hex")).sort());
  });
});
