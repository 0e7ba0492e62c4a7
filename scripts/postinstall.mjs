// Generates both Prisma clients (SQLite and PostgreSQL) after `npm install` / `npm ci`, then builds dist/
// (scripts/build.mjs), so a fresh clone has runnable JavaScript after `npm ci` (`npm start` rebuilds anyway).
// Prisma's native engines are never needed: the schemas use engineType "client" (see shared PRISMA.md).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

if (!existsSync("prisma/schema.prisma")) process.exit(0);
const run = (args) => execFileSync(process.execPath, ["node_modules/prisma/build/index.js", ...args], { stdio: "inherit" });
execFileSync(process.execPath, ["scripts/derive-postgres-schema.mjs"], { stdio: "inherit" });
run(["generate", "--schema", "prisma/schema.prisma"]);
run(["generate", "--schema", "prisma/postgres/schema.prisma"]);
execFileSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
