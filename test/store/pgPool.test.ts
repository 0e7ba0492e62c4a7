// The PostgreSQL pool after outages with transactions in flight (src/store/pgPool.ts): without it, each cut
// connection inside an interactive transaction kept a pool slot forever, and after two such outages every query
// waited for good. Through a TCP proxy that cuts every connection at once (the test server keeps running).
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/store/database.ts";
import { parseDatabaseUrl } from "../../src/store/databaseTarget.ts";
import { pgConnectionFields } from "../../src/store/postgresConnection.ts";
import { canTest, PG_URL } from "../support/databases.ts";
import { proxiedTestDatabase, type TcpProxy } from "../support/tcpProxy.ts";
import { waitFor } from "../support/waitFor.ts";

/** How many of the test's pg_sleep queries the server is running in the database, asked directly (not through the proxy). */
async function sleepers(database: string, marker: string): Promise<number> {
  const client = new pg.Client(pgConnectionFields(PG_URL!));
  await client.connect();
  try {
    const result = await client.query<{ n: string }>("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1 AND query = $2", [database, marker]);
    return Number(result.rows[0]!.n);
  } finally {
    await client.end();
  }
}

describe.skipIf(!canTest("postgres"))("the PostgreSQL pool", () => {
  let proxy: TcpProxy | undefined;
  let db: Database | undefined;
  afterAll(async () => {
    await db?.close();
    await proxy?.close();
  });

  it("gives back the slots of connections cut inside transactions, so it still serves ten at once after three outages", async () => {
    const proxied = await proxiedTestDatabase();
    proxy = proxied.proxy;
    const url = proxied.url;
    await proxy.open();
    const target = parseDatabaseUrl(url.toString());
    db = await openDatabase(target, { migrate: false });
    const prisma = db.raw;
    for (let outage = 0; outage < 3; outage++) {
      // Five transactions each hold a connection (pg_sleep) when every connection is cut.
      const marker = `SELECT pg_sleep(5)::text AS outage_${outage}`;
      let started = 0;
      const inFlight = Array.from({ length: 5 }, () =>
        prisma
          .$transaction(async (tx) => {
            started++;
            await tx.$queryRawUnsafe(marker);
          })
          .then(
            () => "committed",
            () => "failed",
          ),
      );
      await waitFor("five transactions sleeping on the server", async () => started === 5 && (await sleepers(url.pathname.slice(1), marker)) === 5, 10_000);
      await proxy.close();
      expect(await Promise.all(inFlight)).toEqual(Array(5).fill("failed"));
      await proxy.open();
    }
    const results = await Promise.all(
      Array.from({ length: 10 }, () => prisma.$transaction(async (tx) => tx.$queryRawUnsafe<{ n: number }[]>("SELECT 1 AS n"))),
    );
    expect(results.map((r) => r[0]!.n)).toEqual(Array(10).fill(1));
    await db.close(); // closing no longer waits for connections lost in the outages
    db = undefined;
  }, 60_000);
});
