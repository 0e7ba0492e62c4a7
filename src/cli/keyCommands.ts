// `keys new` and `keys rotate`: making a key (the next free id of the configured ring, or the HASH_KEY), and
// moving every encrypted value (and any value written before encryption was on) to the active key, in
// batches, while the service keeps running and reading.
import type { App } from "../app/openApp.ts";
import { ConfigError, type Config } from "../config.ts";
import { generateKey, nextKeyId, rotateColumn, type EncryptionContext, type RotationReport } from "../privacy/index.ts";
import type { Prisma } from "../store/database.ts";
import { ADDRESS_MODELS } from "../store/chatAddresses.ts";
import { ENCRYPTED_FIELDS } from "../store/encryptedFields.ts";

const BACKUP_NOTE =
  "Keep a copy of every key and of HASH_KEY somewhere safe and apart from the database backups (a password manager, a sealed envelope): a backup cannot be read without them, and whoever holds both holds the data.";

/** What `keys new` needs to know of the configured keys. */
export interface ConfiguredKeys {
  /** The ids in ENCRYPTION_KEYS; empty when none are configured (development keys). */
  keyIds: readonly string[];
  hashKeySet: boolean;
}

/**
 * The configured keys, read through the one config module. A configuration whose only problem is HASH_KEY
 * (ENCRYPTION_KEYS set, HASH_KEY not yet, the message sending people here) yields that problem; others throw.
 */
export function configuredKeys(load: () => Config): ConfiguredKeys & { hashKeyProblems: string[] } {
  try {
    const privacy = load().privacy;
    return { keyIds: privacy?.keyring.keyIds ?? [], hashKeySet: Boolean(privacy), hashKeyProblems: [] };
  } catch (error) {
    if (!(error instanceof ConfigError) || !error.problems.every((p) => p.variable === "HASH_KEY")) throw error;
    return { keyIds: [], hashKeySet: false, hashKeyProblems: error.problems.map((p) => `HASH_KEY: ${p.message}`) };
  }
}

/** A new HASH_KEY and when (not) to use it. */
function newHashKeyText(keys: ConfiguredKeys): string {
  return [
    `HASH_KEY=${generateKey()}`,
    "",
    keys.hashKeySet
      ? "HASH_KEY is already set here. Do NOT replace it on an installation that holds data: NPP, NIP, phone and email are found by their hash under it, and a new key finds none of them."
      : "Put this line in the service's .env (HASH_KEY is set once, when the installation is made; it is never rotated).",
    BACKUP_NOTE,
  ].join("\n");
}

/**
 * `keys new`: with keys configured, the next free id in the k1, k2, ... series and how to rotate to it; without,
 * the three settings of a new installation. `hash: true` makes only a HASH_KEY.
 */
export function newKeyText(keys: ConfiguredKeys & { hashKeyProblems?: string[] }, options: { hash?: boolean } = {}): string {
  if (keys.hashKeyProblems?.length) return [...keys.hashKeyProblems, "", newHashKeyText(keys)].join("\n");
  if (options.hash) return newHashKeyText(keys);
  if (keys.keyIds.length === 0) {
    return [
      "No encryption keys are configured. Put these three lines in the service's .env (without keys the service",
      "starts only for a trial, on development keys kept next to the database file):",
      "",
      `ENCRYPTION_KEYS=k1:${generateKey()}`,
      "ENCRYPTION_ACTIVE_KEY=k1",
      `HASH_KEY=${generateKey()}`,
      "",
      "Data written under the development keys does not stay readable under new ones: set these before real data",
      `comes in. ${BACKUP_NOTE}`,
    ].join("\n");
  }
  const id = nextKeyId(keys.keyIds);
  return [
    `${id}:${generateKey()}`,
    "",
    `Add it to ENCRYPTION_KEYS after the keys there now (${keys.keyIds.join(", ")}; keep them), set ENCRYPTION_ACTIVE_KEY=${id}, restart every process,`,
    "then run: npm run cli -- keys rotate   (values under old keys stay readable meanwhile).",
    BACKUP_NOTE,
  ].join("\n");
}

type Delegate = {
  findMany(args: unknown): Promise<Record<string, unknown>[]>;
  updateMany(args: unknown): Promise<{ count: number }>;
};

/** One encrypted column to rotate: its model's delegate, the fields that order and identify a row, and its context. */
interface RotatedColumn {
  delegate: string;
  /** One field (the id), or two (ChannelContact has no id: its address hash, then its channel; WhatsAppAuthKey: category, id). */
  key: [string] | [string, string];
  field: string;
  context: EncryptionContext;
}

const delegateOf = (model: string) => model.charAt(0).toLowerCase() + model.slice(1);

/** Every encrypted column: those of ENCRYPTED_FIELDS, and the chat addresses' ciphertexts (addressEnc). */
function rotatedColumns(): RotatedColumn[] {
  const columns: RotatedColumn[] = Object.entries(ENCRYPTED_FIELDS).flatMap(([model, fields]) =>
    (Object.entries(fields) as [string, EncryptionContext][]).map(([field, context]) => ({
      delegate: delegateOf(model),
      key: [model === "CounsellorCalendar" ? "personId" : "id"] as [string],
      field,
      context,
    })),
  );
  for (const model of ADDRESS_MODELS) {
    const key: RotatedColumn["key"] = model === "ChannelContact" ? ["address", "channel"] : ["id"];
    columns.push({ delegate: delegateOf(model), key, field: "addressEnc", context: "Chat.address" });
  }
  // The WhatsApp session (src/channels/whatsapp/databaseAuthState.ts): written outside the query extension, keyed by category and id.
  columns.push({ delegate: "whatsAppAuthKey", key: ["category", "id"], field: "value", context: "WhatsAppAuthKey.value" });
  return columns;
}

const SEP = "\u0000";
/** The rows after `afterId` in key order (for a two-field key: a greater first field, or the same and a greater second). */
function afterKey(key: RotatedColumn["key"], afterId: string | null): Record<string, unknown> {
  if (afterId === null) return {};
  if (key.length === 1) return { [key[0]]: { gt: afterId } };
  const [a, b] = afterId.split(SEP);
  return { OR: [{ [key[0]]: { gt: a } }, { [key[0]]: a, [key[1]]: { gt: b } }] };
}

/** Re-encrypts every encrypted column under the active key; returns one line per column. */
export async function rotateKeys(app: App, onProgress: (line: string) => void = () => {}): Promise<string> {
  const raw: Prisma = app.db.raw;
  const lines: string[] = [];
  let failed = 0;
  for (const { delegate: name, key, field, context } of rotatedColumns()) {
    const delegate = (raw as unknown as Record<string, Delegate>)[name]!;
    const idOf = (r: Record<string, unknown>) => key.map((k) => String(r[k])).join(SEP);
    const whereId = (id: string) => Object.fromEntries(key.map((k, i) => [k, id.split(SEP)[i]]));
    const report: RotationReport = await rotateColumn<string | Uint8Array>({
      keyring: app.keys.keyring,
      context,
      batchSize: 200,
      read: async (afterId, limit) =>
        (
          await delegate.findMany({
            where: afterKey(key, afterId),
            orderBy: key.map((k) => ({ [k]: "asc" })),
            take: limit,
            select: { ...Object.fromEntries(key.map((k) => [k, true])), [field]: true },
          })
        ).map((r) => ({ id: idOf(r), value: r[field] as string | Uint8Array | null })),
      write: async (row, value) =>
        (
          await delegate.updateMany({
            where: { ...whereId(row.id), [field]: row.value },
            data: { [field]: value instanceof Uint8Array ? new Uint8Array(value) : value },
          })
        ).count === 1,
      onProgress: (p) => onProgress(`${context}: ${p.scanned} scanned, ${p.changed} re-encrypted`),
    });
    failed += report.failed;
    lines.push(
      `${context}${field === "addressEnc" ? ` (${name})` : ""}: ${report.scanned} values, ${report.changed} re-encrypted under ${app.keys.keyring.activeKeyId}, ${report.conflicted} changed meanwhile (run again), ${report.failed} unreadable`,
    );
  }
  lines.push(
    failed === 0
      ? "Done: every value is under the active key; old keys may be removed once every process runs with the new configuration."
      : `${failed} values could not be read: keep the old keys and look at the rows listed above.`,
  );
  return lines.join("\n");
}
