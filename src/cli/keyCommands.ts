// `keys new` and `keys rotate`: making a key, and moving every encrypted value (and any value written before
// encryption was on) to the active key, in batches, while the service keeps running and reading.
import type { App } from "../app/openApp.ts";
import { generateKey, nextKeyId, rotateColumn, type EncryptionContext, type RotationReport } from "../privacy/index.ts";
import type { Prisma } from "../store/database.ts";
import { ENCRYPTED_FIELDS } from "../store/encryptedFields.ts";

/** A new random key, and how to add it. */
export function newKeyText(app: App | null): string {
  const id = app ? nextKeyId(app.keys.keyring.keyIds) : "k1";
  return [
    `${id}:${generateKey()}`,
    "",
    `Add it to ENCRYPTION_KEYS (keep the old keys there), set ENCRYPTION_ACTIVE_KEY=${id}, restart every process,`,
    "then run: npm run cli -- keys rotate   (values under old keys stay readable meanwhile).",
  ].join("\n");
}

type Delegate = {
  findMany(args: unknown): Promise<Record<string, unknown>[]>;
  updateMany(args: unknown): Promise<{ count: number }>;
};

/** Re-encrypts every encrypted column under the active key; returns one line per column. */
export async function rotateKeys(app: App, onProgress: (line: string) => void = () => {}): Promise<string> {
  const raw: Prisma = app.db.raw;
  const lines: string[] = [];
  let failed = 0;
  for (const [model, fields] of Object.entries(ENCRYPTED_FIELDS)) {
    const key = model.charAt(0).toLowerCase() + model.slice(1);
    const delegate = (raw as unknown as Record<string, Delegate>)[key]!;
    const idField = model === "CounsellorCalendar" ? "personId" : "id";
    for (const [field, context] of Object.entries(fields) as [string, EncryptionContext][]) {
      const report: RotationReport = await rotateColumn<string | Uint8Array>({
        keyring: app.keys.keyring,
        context,
        batchSize: 200,
        read: async (afterId, limit) =>
          (
            await delegate.findMany({
              where: afterId === null ? {} : { [idField]: { gt: afterId } },
              orderBy: { [idField]: "asc" },
              take: limit,
              select: { [idField]: true, [field]: true },
            })
          ).map((r) => ({ id: String(r[idField]), value: r[field] as string | Uint8Array | null })),
        write: async (row, value) =>
          (
            await delegate.updateMany({
              where: { [idField]: row.id, [field]: row.value },
              data: { [field]: value instanceof Uint8Array ? new Uint8Array(value) : value },
            })
          ).count === 1,
        onProgress: (p) => onProgress(`${context}: ${p.scanned} scanned, ${p.changed} re-encrypted`),
      });
      failed += report.failed;
      lines.push(`${context}: ${report.scanned} values, ${report.changed} re-encrypted under ${app.keys.keyring.activeKeyId}, ${report.conflicted} changed meanwhile (run again), ${report.failed} unreadable`);
    }
  }
  lines.push(failed === 0 ? "Done: every value is under the active key; old keys may be removed once every process runs with the new configuration." : `${failed} values could not be read: keep the old keys and look at the rows listed above.`);
  return lines.join("\n");
}
