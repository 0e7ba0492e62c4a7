// The chat addresses stored before they were sealed (an instance upgraded past migration
// 20270101000000_sealed_chat_addresses): each such row gets its address encrypted and its address column replaced by
// the keyed hash, a batch at a time, with a compare-and-set write. Run at every start (openApp) before anything reads an
// address: rerunnable, and a no-op (one query per table) once every row is sealed.
import type { AddressModel, AddressSealer } from "./chatAddresses.ts";
import type { Prisma } from "./database.ts";

type Row = { address: string; channel: string; id?: string };
type Delegate = {
  findMany(args: unknown): Promise<Row[]>;
  updateMany(args: unknown): Promise<{ count: number }>;
};

/** The delegate of each address model on the raw client (no query extension: values as stored). */
const DELEGATES: Record<AddressModel, string> = {
  ChannelIdentity: "channelIdentity",
  Outbox: "outbox",
  DialogState: "dialogState",
  InboundQueue: "inboundQueue",
  ChatMenu: "chatMenu",
  ChannelContact: "channelContact",
};

/** How many rows of each table were sealed, and which could not be (a duplicate of a row sealed meanwhile). */
export interface SealReport {
  sealed: Record<string, number>;
  failed: { model: string; reason: string }[];
}

/** Seals every address still stored in clear; `raw` is the client without the encryption layer. */
export async function sealStoredAddresses(raw: Prisma, sealer: AddressSealer, options: { batchSize?: number } = {}): Promise<SealReport> {
  const batchSize = options.batchSize ?? 200;
  const report: SealReport = { sealed: {}, failed: [] };
  for (const [model, name] of Object.entries(DELEGATES)) {
    const delegate = (raw as unknown as Record<string, Delegate>)[name]!;
    const hasId = model !== "ChannelContact";
    let sealed = 0;
    const skipped = new Set<string>();
    for (;;) {
      const rows = await delegate.findMany({
        where: { addressEnc: null },
        select: hasId ? { id: true, channel: true, address: true } : { channel: true, address: true },
        orderBy: hasId ? { id: "asc" } : [{ channel: "asc" }, { address: "asc" }],
        take: batchSize + skipped.size,
      });
      const todo = rows.filter((r) => !skipped.has(r.id ?? `${r.channel}\u0000${r.address}`)).slice(0, batchSize);
      if (todo.length === 0) break;
      for (const row of todo) {
        const where = hasId ? { id: row.id, addressEnc: null } : { channel: row.channel, address: row.address, addressEnc: null };
        try {
          sealed += (await delegate.updateMany({ where, data: { address: sealer.hash(row.address), addressEnc: sealer.seal(row.address) } })).count;
        } catch (error) {
          skipped.add(row.id ?? `${row.channel}\u0000${row.address}`);
          report.failed.push({ model, reason: (error as { code?: string }).code ?? (error as Error).name });
        }
      }
    }
    report.sealed[model] = sealed;
  }
  return report;
}
