// Driver adapter factories for the Prisma CLI (migrate diff / deploy / status), with the fixes
// shared PRISMA.md documents for Prisma 6.19.3: multi-statement migration files on the shadow
// database, pg catalog types, and adapter-pg's shadow database lifecycle.
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { patchPgCatalogTypes, pgConnectionFields } from "./postgresConnection.ts";

/** The shadow database replays migration files through one prepared statement; send scripts whole. */
function scriptSafe(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    if (query.args.length === 0) {
      await adapter.executeScript(query.sql);
      return 0;
    }
    return executeRaw(query);
  };
  return adapter;
}

export async function sqliteMigrationAdapter(url: string): Promise<SqlMigrationAwareDriverAdapterFactory> {
  const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
  const file = url.replace(/^file:/, "");
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const factory = new PrismaBetterSQLite3({ url, timeout: 10_000 });
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => factory.connect(),
    connectToShadowDb: async () => scriptSafe(await factory.connectToShadowDb()),
  };
}

export async function postgresMigrationAdapter(url: string): Promise<SqlMigrationAwareDriverAdapterFactory> {
  await patchPgCatalogTypes();
  const pg = (await import("pg")).default;
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const fields = { ...pgConnectionFields(url), allowExitOnIdle: true };
  const factory = new PrismaPg(fields);
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => factory.connect(),
    async connectToShadowDb() {
      const admin = new pg.Pool({ ...fields, max: 1 });
      const name = `prisma_shadow_${globalThis.crypto.randomUUID().replaceAll("-", "")}`;
      await admin.query(`CREATE DATABASE "${name}"`);
      const shadow = await new PrismaPg({ ...fields, database: name }).connect();
      // adapter-pg splits scripts on ";", which breaks dollar-quoted function bodies (triggers):
      // send whole scripts through pg's simple query protocol instead.
      const scripts = new pg.Pool({ ...fields, database: name, max: 1 });
      shadow.executeScript = async (sql) => void (await scripts.query(sql));
      const dispose = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await scripts.end();
        await dispose();
        await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
        await admin.end();
      };
      return scriptSafe(shadow);
    },
  };
}
