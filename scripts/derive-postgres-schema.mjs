// Derives prisma/postgres/schema.prisma from prisma/schema.prisma, the single source of truth.
// Only the datasource provider, its placeholder URL and the client output differ.
// `node scripts/derive-postgres-schema.mjs --check` exits 1 when the committed file is stale.
import { readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";

export function derivePostgresSchema(source) {
  const header = "// GENERATED from prisma/schema.prisma by scripts/derive-postgres-schema.mjs. Do not edit.\n";
  const out = source
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('url      = "file:./placeholder.db"', 'url      = "postgresql://placeholder@localhost/placeholder"')
    .replace('output          = "../src/generated/prisma"', 'output          = "../../src/generated/prisma-pg"');
  if (out === source) throw new Error("derive-postgres-schema: no replacement applied; did the datasource block change?");
  return header + out;
}

const target = "prisma/postgres/schema.prisma";
if (import.meta.url === `file://${process.argv[1]}`) {
  const derived = derivePostgresSchema(readFileSync("prisma/schema.prisma", "utf8"));
  if (process.argv.includes("--check")) {
    const current = existsSync(target) ? readFileSync(target, "utf8") : "";
    if (current !== derived) {
      console.error(`${target} is stale: run npm run db:derive`);
      process.exit(1);
    }
  } else {
    mkdirSync("prisma/postgres", { recursive: true });
    writeFileSync(target, derived);
  }
}
