// Opens the product's database: the embedded SQLite file by default, PostgreSQL when DATABASE_URL says so.
// Both use Prisma 6.19.3 with driver adapters (no native engines); the two generated clients have the
// same models, so the rest of the code is typed against one of them.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "../generated/prisma/client.ts";
import type { DatabaseTarget } from "./databaseTarget.ts";
import { applyMigrations } from "./migrate.ts";
import type { HashKey, Keyring } from "../privacy/index.ts";
import { addressSealer, openAddresses, sealAddressArgs } from "./chatAddresses.ts";
import { decryptResult, encryptArgs } from "./encryptedFields.ts";

export type Prisma = PrismaClient;
/** What a transaction callback receives. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export interface Database {
  /** The client the product uses: sensitive columns encrypted on write and decrypted on read. */
  prisma: Prisma;
  /** The same database without the encryption layer: stored values as they are (key rotation, dumps). */
  raw: Prisma;
  target: DatabaseTarget;
  close(): Promise<void>;
}

/** How long a writer waits for another process (the CLI, a second instance) to release SQLite. */
const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/**
 * SQLite transactions start as "BEGIN IMMEDIATE" so a writer takes the write lock up front and waits
 * (busy timeout) for another process, instead of failing later with SQLITE_BUSY on lock upgrade.
 */
function sqliteFactory(url: string): SqlDriverAdapterFactory {
  return {
    provider: "sqlite",
    adapterName: "@prisma/adapter-better-sqlite3",
    async connect() {
      const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
      const adapter = await new PrismaBetterSQLite3({ url, timeout: SQLITE_BUSY_TIMEOUT_MS }).connect();
      const client = (adapter as unknown as { client: import("better-sqlite3").Database }).client;
      client.pragma("journal_mode = WAL");
      client.pragma("synchronous = NORMAL");
      client.pragma("foreign_keys = ON");
      // Deleted and overwritten values are zeroed in the file, so an erasure leaves no readable remnant in free pages.
      client.pragma("secure_delete = ON");
      const prepare = client.prepare.bind(client);
      client.prepare = ((sql: string) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql)) as typeof client.prepare;
      return adapter;
    },
  };
}

/**
 * Opens (creating and migrating when asked) the database a target names; with a keyring, sensitive columns are encrypted,
 * and with the hash key too, chat addresses are kept as keyed hashes beside their ciphertext (src/store/chatAddresses.ts).
 */
export async function openDatabase(target: DatabaseTarget, options: { migrate?: boolean; keyring?: Keyring; hashKey?: HashKey } = {}): Promise<Database> {
  if (options.migrate ?? true) await applyMigrations(target);
  let adapter: SqlDriverAdapterFactory;
  if (target.kind === "sqlite") {
    if (target.file !== ":memory:") mkdirSync(dirname(target.file), { recursive: true });
    adapter = sqliteFactory(target.url);
  } else {
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const { createPgPool } = await import("./pgPool.ts");
    adapter = new PrismaPg(createPgPool(target.url, 10), { disposeExternalPool: true });
  }
  // The PostgreSQL client is generated from a schema derived from the same models (see
  // scripts/derive-postgres-schema.mjs); it differs only in its SQL dialect.
  const prisma =
    target.kind === "sqlite"
      ? new PrismaClient({ adapter })
      : (new (await import("../generated/prisma-pg/client.ts")).PrismaClient({ adapter }) as unknown as PrismaClient);
  await prisma.$connect();
  const keyring = options.keyring;
  const sealer = keyring && options.hashKey ? addressSealer({ keyring, hashKey: options.hashKey }) : undefined;
  const client = keyring
    ? (prisma.$extends({
        name: "encrypted-fields",
        query: {
          $allModels: {
            async $allOperations({ model, operation, args, query }) {
              const sealed = sealer ? sealAddressArgs(sealer, args as Record<string, unknown>) : (args as Record<string, unknown>);
              const result = await query(encryptArgs(keyring, model, operation, sealed) as typeof args);
              const opened = decryptResult(keyring, result);
              return (sealer ? openAddresses(sealer, opened) : opened) as typeof result;
            },
          },
        },
      }) as unknown as PrismaClient)
    : prisma;
  return { prisma: client, raw: prisma, target, close: () => prisma.$disconnect() };
}
