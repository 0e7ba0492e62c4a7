// Prisma CLI configuration (generate, migrate diff, migrate deploy for maintainers).
// The product applies migrations itself at start (src/store/migrate.ts); this file lets the
// Prisma CLI run on machines that cannot download Prisma's native engines (shared PRISMA.md):
// engine "js" + a driver adapter make the CLI use the WebAssembly schema engine.
//
// Target: DATABASE_URL=postgresql://... -> PostgreSQL schema + migrations; anything else -> SQLite.
import { defineConfig } from "prisma/config";
import { databaseTargetFromEnv } from "./src/store/databaseTarget.ts";
import { sqliteMigrationAdapter, postgresMigrationAdapter } from "./src/store/migrationAdapters.ts";

const target = databaseTargetFromEnv(process.env);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: target.kind === "postgres" ? "prisma/postgres/schema.prisma" : "prisma/schema.prisma",
  migrations: { path: target.kind === "postgres" ? "prisma/postgres/migrations" : "prisma/migrations" },
  adapter: async () =>
    target.kind === "postgres" ? postgresMigrationAdapter(target.url) : sqliteMigrationAdapter(target.url),
});

// The Wasm schema engine leaves long timers armed after a command is done, so the CLI lingers
// 10-60 s before exiting. Unref long timers in the CLI process only (this file is CLI-only).
{
  const original = globalThis.setTimeout;
  globalThis.setTimeout = ((fn: (...a: unknown[]) => void, ms?: number, ...rest: unknown[]) => {
    const timer = original(fn, ms, ...rest);
    if ((ms ?? 0) >= 5000) timer.unref?.();
    return timer;
  }) as typeof setTimeout;
}
