/** Which database a URL points at: the embedded SQLite file (default) or PostgreSQL. */
export type DatabaseTarget = { kind: "sqlite"; url: string; file: string } | { kind: "postgres"; url: string };

export const DEFAULT_SQLITE_URL = "file:./data/pintu.db";

/** Parses a DATABASE_URL value; empty means the embedded SQLite default. */
export function parseDatabaseUrl(url: string | undefined): DatabaseTarget {
  const value = url?.trim() || DEFAULT_SQLITE_URL;
  if (/^postgres(ql)?:\/\//i.test(value)) return { kind: "postgres", url: value };
  if (value.startsWith("file:")) return { kind: "sqlite", url: value, file: value.slice("file:".length) };
  throw new Error(`DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL); got "${value.split(":")[0]}:..."`);
}

/** For tooling that runs before the app config exists (the Prisma CLI config). */
export function databaseTargetFromEnv(env: Record<string, string | undefined>): DatabaseTarget {
  return parseDatabaseUrl(env.DATABASE_URL);
}
