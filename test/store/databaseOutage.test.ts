// What counts as "the database cannot be reached" (src/store/databaseOutage.ts), and its cause in one line.
import { describe, expect, it } from "vitest";
import { databaseErrorCause, unreachableCause } from "../../src/store/databaseOutage.ts";
import { parseDatabaseUrl } from "../../src/store/databaseTarget.ts";

const target = parseDatabaseUrl("postgresql://pintu@10.0.0.5:5432/pintu");
/** A Prisma error as the client throws it for a server that does not answer (shape seen with adapter-pg 6.19.3). */
const prismaUnreachable = Object.assign(
  new Error(
    "\nInvalid `prisma.organisation.count()` invocation in\n/srv/x.ts:12:3\n\n→ 12 prisma.organisation.count(\nCan't reach database server at 10.0.0.5:5432",
  ),
  {
    code: "P1001",
    meta: { driverAdapterError: { cause: { kind: "DatabaseNotReachable", host: "10.0.0.5", port: 5432 } } },
  },
);

describe("unreachableCause", () => {
  it("names Prisma's, the driver's, Node's and PostgreSQL's words for an unreachable server in one line", () => {
    expect(unreachableCause(prismaUnreachable)).toBe("Can't reach database server at 10.0.0.5:5432");
    expect(unreachableCause(Object.assign(new Error("connect ECONNREFUSED 10.0.0.5:5432"), { code: "ECONNREFUSED" }))).toBe(
      "connect ECONNREFUSED 10.0.0.5:5432",
    );
    expect(unreachableCause(Object.assign(new Error("the database system is starting up"), { code: "57P03" }))).toBe("the database system is starting up");
    expect(
      unreachableCause(
        "\nInvalid `prisma.$queryRawUnsafe()` invocation:\n\n\nRaw query failed. Code: `N/A`. Message: `Can't reach database server at 10.0.0.5:5432`",
      ),
    ).toBe("Can't reach database server at 10.0.0.5:5432");
    expect(unreachableCause("Client has encountered a connection error and is not queryable")).toBe(
      "Client has encountered a connection error and is not queryable",
    );
  });

  it("takes a socket error in a message for the database's only when it names the database's host", () => {
    expect(unreachableCause("connect ECONNREFUSED 10.0.0.5:5432", target)).toBe("connect ECONNREFUSED 10.0.0.5:5432");
    expect(unreachableCause("request to https://api.telegram.org failed, reason: connect ECONNREFUSED 149.154.167.220:443", target)).toBeNull();
  });

  it("is null for other failures: a unique key, a refused password, a bug", () => {
    expect(unreachableCause(Object.assign(new Error("Unique constraint failed on the fields: (`number`)"), { code: "P2002" }))).toBeNull();
    expect(unreachableCause(Object.assign(new Error('password authentication failed for user "pintu"'), { code: "28P01" }))).toBeNull();
    expect(unreachableCause(new TypeError("x is undefined"))).toBeNull();
  });
});

describe("databaseErrorCause", () => {
  it("gives /healthz one line, never Prisma's empty first line", () => {
    expect(databaseErrorCause(prismaUnreachable)).toBe("Can't reach database server at 10.0.0.5:5432");
    expect(databaseErrorCause(new Error("\nInvalid `prisma.organisation.count()` invocation:\n\n\nno such table: main.Organisation"))).toBe(
      "no such table: main.Organisation",
    );
  });
});
