// Telling "the database cannot be reached" (wait and try again: it is being restarted, the network is down)
// from every other failure (a bad query, a refused password: a person must act), and naming the cause in one
// line. Prisma wraps a connection failure in a many-line message ("Invalid `prisma.x.findMany()` invocation
// ... Can't reach database server at host:port"); the driver adapter's error kind and Node's socket error
// codes say the same thing more plainly, so those are read first.
import type { DatabaseTarget } from "./databaseTarget.ts";
import { pgConnectionFields } from "./postgresConnection.ts";

/** Prisma's codes for a server that cannot be reached, timed out, closed the connection, or a pool with no free connection. */
const PRISMA_UNREACHABLE = new Set(["P1001", "P1002", "P1017", "P2024"]);
/** @prisma/adapter-pg's error kinds for the same. */
const ADAPTER_UNREACHABLE = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
/** Node's socket errors. */
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "EPIPE"]);
/** PostgreSQL's: shut down by an administrator, crash shutdown, starting up, too many connections. */
const PG_CODES = new Set(["57P01", "57P02", "57P03", "53300"]);
/** The same, in the text of a message that lost its error object (a log line's `err`). */
const UNREACHABLE_TEXT = new RegExp(
  [
    "Can't reach database server",
    "DatabaseNotReachable",
    "Server has closed the connection",
    "Timed out fetching a new connection from the connection pool",
    "Connection terminated",
    "Client has encountered a connection error and is not queryable",
    // What Prisma says of a transaction whose connection was cut under it.
    "A rollback cannot be executed on a committed transaction",
    "terminating connection due to administrator command",
    "the database system is (starting up|shutting down|in recovery mode)",
    "sorry, too many clients already",
  ].join("|"),
);

/** The last line that says something: Prisma puts the cause after its code excerpt. */
function lastLine(text: string): string {
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  const line = lines.at(-1) ?? "";
  // $queryRaw wraps the driver's message: Raw query failed. Code: `N/A`. Message: `Can't reach database server at ...`
  return /Message: `(.*)`$/.exec(line)?.[1] ?? line;
}

/** "127.0.0.1:5432" for a PostgreSQL target (what socket errors name), else null. */
function serverAddress(target: DatabaseTarget | undefined): string | null {
  if (target?.kind !== "postgres") return null;
  const { host, port } = pgConnectionFields(target.url);
  return `${host}:${port}`;
}

/**
 * One line naming why the database cannot be reached, or null when `error` is some other failure. A plain
 * socket error ("connect ECONNREFUSED 10.0.0.5:5432") counts only when it names the database's own address
 * (with `target`), since the same words from a chat platform are not the database's.
 */
export function unreachableCause(error: unknown, target?: DatabaseTarget): string | null {
  if (typeof error === "string") {
    if (UNREACHABLE_TEXT.test(error)) return lastLine(error);
    const address = serverAddress(target);
    const socket = /\b(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN)\b/.exec(error);
    return socket && address && error.includes(address.split(":")[0]!) ? lastLine(error) : null;
  }
  if (!(error instanceof Error)) return null;
  const e = error as Error & { code?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: string } } }; cause?: unknown };
  const code = typeof e.code === "string" ? e.code : "";
  const adapterKind = e.meta?.driverAdapterError?.cause?.kind ?? "";
  if (PRISMA_UNREACHABLE.has(code) || ADAPTER_UNREACHABLE.has(adapterKind) || SOCKET_CODES.has(code) || PG_CODES.has(code)) return lastLine(e.message) || code;
  if (UNREACHABLE_TEXT.test(e.message)) return lastLine(e.message);
  if (e.cause !== undefined && e.cause !== error) return unreachableCause(e.cause, target);
  return null;
}

/** One line for any database failure (what /healthz shows): the unreachable cause, else the message's last line. */
export function databaseErrorCause(error: unknown): string {
  const cause = unreachableCause(error);
  if (cause) return cause;
  const message = error instanceof Error ? error.message : String(error);
  return lastLine(message) || (error instanceof Error ? error.name : "unknown error");
}
