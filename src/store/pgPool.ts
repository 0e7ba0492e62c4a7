// The PostgreSQL connection pool under Prisma's driver adapter, made to survive an outage. Two things in
// pg 8.23 + @prisma/adapter-pg 6.19.3 would otherwise stop the service for good after PostgreSQL restarts:
// - a connection that breaks inside an interactive transaction is never given back to the pool (Prisma's
//   transaction manager takes the failed COMMIT for a finished transaction and calls neither commit nor
//   rollback on the adapter), so each outage with work in flight keeps a pool slot forever; after `max` of
//   them every query waits for a slot that never comes, and closing the pool waits for them too;
// - waiting for a connection has no bound by default, so a server that drops packets hangs the caller.
// So a connection whose socket ends while it is lent out is removed from the pool at once (later releases of
// it do nothing), and taking a connection gives up after CONNECT_TIMEOUT_MS.
import pg from "pg";
import { pgConnectionFields } from "./postgresConnection.ts";

/** How long taking a connection (from the pool or a new one) may take. */
const CONNECT_TIMEOUT_MS = 10_000;

/** A pool for the runtime client: `max` connections, broken ones dropped even while lent out. */
export function createPgPool(url: string, max: number): pg.Pool {
  const pool = new pg.Pool({ ...pgConnectionFields(url), max, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, keepAlive: true });
  pool.on("acquire", (client) => {
    const lent = client as pg.PoolClient;
    const dropBroken = () => {
      const release = lent.release;
      lent.release = () => {}; // the adapter may still try: the pool has already let it go
      release?.call(lent, new Error("connection ended while in use"));
    };
    const returned = (_error: Error | undefined, released: pg.PoolClient) => {
      if (released !== lent) return;
      lent.removeListener("end", dropBroken);
      pool.removeListener("release", returned);
    };
    lent.once("end", dropBroken);
    pool.on("release", returned);
  });
  return pool;
}
