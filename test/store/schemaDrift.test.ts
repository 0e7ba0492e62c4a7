// The PostgreSQL schema is derived from the SQLite one; both migration folders must build exactly
// the models in the schema, and our in-process migration runner must leave Prisma's own bookkeeping
// in a state `prisma migrate status` accepts.
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
// @ts-expect-error plain ESM script without types
import { derivePostgresSchema } from "../../scripts/derive-postgres-schema.mjs";
import { applyMigrations, migrationsDir, readMigrations } from "../../src/store/migrate.ts";
import { DB_KINDS, canTest, freshDatabase, type DbKind } from "../support/databases.ts";

const prismaCli = (args: string[], databaseUrl: string) =>
  spawnSync(process.execPath, ["node_modules/prisma/build/index.js", ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
    timeout: 120_000,
  });

describe("schema drift", () => {
  it("prisma/postgres/schema.prisma is exactly what the derivation script makes", () => {
    const derived = derivePostgresSchema(readFileSync("prisma/schema.prisma", "utf8"));
    expect(readFileSync("prisma/postgres/schema.prisma", "utf8")).toBe(derived);
    expect(() => execFileSync(process.execPath, ["scripts/derive-postgres-schema.mjs", "--check"])).not.toThrow();
  });

  const paths: Record<DbKind, { schema: string; migrations: string }> = {
    sqlite: { schema: "prisma/schema.prisma", migrations: "prisma/migrations" },
    postgres: { schema: "prisma/postgres/schema.prisma", migrations: "prisma/postgres/migrations" },
  };

  for (const kind of DB_KINDS) {
    it.skipIf(!canTest(kind))(
      `${kind}: the migrations build exactly the schema's models, and migrate status agrees with our runner`,
      async () => {
        const target = await freshDatabase(kind);
        const diff = prismaCli(
          ["migrate", "diff", "--from-migrations", paths[kind].migrations, "--to-schema-datamodel", paths[kind].schema, "--exit-code"],
          target.url,
        );
        expect(diff.stdout + diff.stderr).toMatch(/No difference detected/);
        expect(diff.status).toBe(0);

        expect(await applyMigrations(target)).toEqual(readMigrations(migrationsDir(kind)).map((m) => m.name));
        expect(await applyMigrations(target)).toEqual([]);
        const status = prismaCli(["migrate", "status"], target.url);
        expect(status.stdout).toMatch(/Database schema is up to date/);
      },
      120_000,
    );
  }
});
