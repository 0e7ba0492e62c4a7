// Where an inbound update's time goes, in isolation: the same statements through the product's Prisma
// client (driver adapter, query compiler) and straight through better-sqlite3, on a migrated SQLite file.
// Explains the gap between the product and the bare floor with numbers rather than guesses.
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { openDatabase } from "../../src/store/database.ts";
import { freshBenchDatabase } from "../support/benchDatabase.ts";
import { progress } from "../support/progress.ts";
import { round } from "../support/stats.ts";

export interface PrismaOverhead {
  operations: number;
  /** Microseconds per operation. */
  prismaFindUniqueUs: number | null;
  rawSelectUs: number | null;
  prismaCreateUs: number | null;
  rawInsertUs: number | null;
  /** An interactive transaction ($transaction(async tx => ...)) holding one findUnique and one create. */
  prismaTransactionUs: number | null;
  /** The same two statements in BEGIN IMMEDIATE ... COMMIT through better-sqlite3. */
  rawTransactionUs: number | null;
}

async function perOp(n: number, fn: (i: number) => unknown): Promise<number> {
  for (let i = 0; i < Math.min(200, n); i++) await fn(-1 - i); // warm up
  const t = performance.now();
  for (let i = 0; i < n; i++) await fn(i);
  return ((performance.now() - t) * 1000) / n;
}

/** Times `operations` of each kind (SQLite, this process). */
export async function measurePrismaOverhead(operations: number): Promise<PrismaOverhead> {
  progress("inbound diagnostics", `Prisma vs better-sqlite3, ${operations} operations each`);
  const bench = await freshBenchDatabase("sqlite");
  const db = await openDatabase(bench.target);
  const raw = new Database(bench.target.kind === "sqlite" ? bench.target.file : "");
  raw.pragma("journal_mode = WAL");
  raw.pragma("synchronous = NORMAL");
  try {
    const prisma = db.prisma;
    const select = raw.prepare('SELECT "key" FROM "ProcessedInbound" WHERE "key" = ?');
    const insert = raw.prepare('INSERT INTO "ProcessedInbound" ("key", "createdAt") VALUES (?, ?)');
    const result: PrismaOverhead = {
      operations,
      prismaFindUniqueUs: round(await perOp(operations, (i) => prisma.processedInbound.findUnique({ where: { key: `a${i}` }, select: { key: true } })), 1),
      rawSelectUs: round(await perOp(operations, (i) => select.get(`a${i}`)), 1),
      prismaCreateUs: round(await perOp(operations, (i) => prisma.processedInbound.create({ data: { key: `p${i}` } })), 1),
      rawInsertUs: round(await perOp(operations, (i) => insert.run(`r${i}`, new Date().toISOString())), 1),
      prismaTransactionUs: round(
        await perOp(operations, (i) =>
          prisma.$transaction(async (tx) => {
            await tx.processedInbound.findUnique({ where: { key: `t${i}` }, select: { key: true } });
            await tx.processedInbound.create({ data: { key: `t${i}` } });
          }),
        ),
        1,
      ),
      rawTransactionUs: round(
        await perOp(operations, (i) => {
          raw.prepare("BEGIN IMMEDIATE").run();
          select.get(`u${i}`);
          insert.run(`u${i}`, new Date().toISOString());
          raw.prepare("COMMIT").run();
        }),
        1,
      ),
    };
    progress(
      "inbound diagnostics",
      `findUnique ${result.prismaFindUniqueUs} µs vs ${result.rawSelectUs} µs raw; transaction ${result.prismaTransactionUs} µs vs ${result.rawTransactionUs} µs raw`,
    );
    return result;
  } finally {
    raw.close();
    await db.close();
    await bench.dispose();
  }
}
