// PostgreSQL connection details shared by the runtime client and the migration tooling.

/** Discrete pg fields from a URL (pg lets connectionString override `database`, which breaks shadow DBs). */
export function pgConnectionFields(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.slice(1)),
  };
}

// @prisma/adapter-pg 6.19.3 cannot map the catalog types (`name`, `"char"`, ...) that schema
// introspection queries return. Report them as text / text[] (shared PRISMA.md, problem 2).
const AS_TEXT = new Set([18, 19, 24, 28, 194, 2205, 2206]);
const AS_TEXT_ARRAY = new Set([1002, 1003]);

export async function patchPgCatalogTypes(): Promise<void> {
  const pg = (await import("pg")).default;
  const proto = pg.Client.prototype as unknown as Record<string, unknown> & { query: (...a: unknown[]) => unknown };
  if (proto.__catalogTypesAsText) return;
  proto.__catalogTypesAsText = true;
  const query = proto.query;
  const fix = (res: unknown) => {
    for (const r of Array.isArray(res) ? res : [res]) {
      for (const f of (r as { fields?: { dataTypeID: number }[] } | undefined)?.fields ?? []) {
        if (AS_TEXT.has(f.dataTypeID)) f.dataTypeID = 25;
        else if (AS_TEXT_ARRAY.has(f.dataTypeID)) f.dataTypeID = 1009;
      }
    }
    return res;
  };
  proto.query = function (this: unknown, ...args: unknown[]) {
    const i = args.findIndex((a) => typeof a === "function");
    if (i >= 0) {
      const cb = args[i] as (err: unknown, res: unknown) => void;
      args[i] = (err: unknown, res: unknown) => cb(err, err ? res : fix(res));
      return query.apply(this, args);
    }
    const ret = query.apply(this, args) as unknown;
    return ret && typeof (ret as Promise<unknown>).then === "function" ? (ret as Promise<unknown>).then(fix) : ret;
  };
}
