// Moving stored values onto the active key: after a new key is made active (or encryption is switched
// on over plaintext rows), each column is walked in id order, in small batches, re-encrypting what is
// stale. No long transaction: each row is one compare-and-set update, so the service keeps reading and
// writing throughout, and a run that stops half-way is simply run again (rows already on the active
// key are skipped).
import { DecryptionError } from "./decryptionError.ts";
import { decryptBytes, decryptText, encryptBytes, encryptText, type CryptoContext } from "./fieldCrypto.ts";
import type { Keyring } from "./keyring.ts";
import { isEncrypted, keyIdOf } from "./storedFormat.ts";

/** The result of reencryptIfStale: the value to store, and whether it differs from what is stored. */
export interface Reencrypted<V> {
  value: V;
  changed: boolean;
}

/**
 * The stored value re-encrypted under the active key when it was written under another key or in
 * plaintext; unchanged (after checking it decrypts) when it is already on the active key.
 */
export function reencryptIfStale(keyring: Keyring, stored: string, options: CryptoContext): Reencrypted<string>;
export function reencryptIfStale(keyring: Keyring, stored: Uint8Array, options: CryptoContext): Reencrypted<Uint8Array>;
export function reencryptIfStale(keyring: Keyring, stored: string | Uint8Array, options: CryptoContext): Reencrypted<string | Uint8Array> {
  const current = isEncrypted(stored) && keyIdOf(stored, options) === keyring.activeKeyId;
  if (typeof stored === "string") {
    const plaintext = decryptText(keyring, stored, options);
    return current ? { value: stored, changed: false } : { value: encryptText(keyring, plaintext, options), changed: true };
  }
  const plaintext = decryptBytes(keyring, stored, options);
  return current ? { value: stored, changed: false } : { value: encryptBytes(keyring, plaintext, options), changed: true };
}

/** One row of the column being rotated; null values (nullable columns) are skipped. */
export interface RotationRow<V extends string | Uint8Array> {
  id: string;
  value: V | null;
}

/** Counts so far; `lastId` is where a later run may resume (startAfterId). */
export interface RotationProgress {
  /** Rows read. */
  scanned: number;
  /** Rows re-encrypted and written. */
  changed: number;
  /** Rows already on the active key, or null. */
  skipped: number;
  /** Rows the service changed between our read and our write (its write wins; a rerun checks them). */
  conflicted: number;
  /** Rows that could not be decrypted or written (see failures). */
  failed: number;
  lastId: string | null;
}

/** What a rotation run did; `complete` is false when it was stopped before the end of the table. */
export interface RotationReport extends RotationProgress {
  complete: boolean;
  /** Row ids and causes (a DecryptionError reason, or "write_failed: <error name>"), the first 1000. */
  failures: { id: string; reason: string }[];
}

export interface RotateColumnOptions<V extends string | Uint8Array> extends CryptoContext {
  keyring: Keyring;
  /** Up to `limit` rows whose id is greater than `afterId` (from the start when null), in ascending id order. */
  read(afterId: string | null, limit: number): Promise<RotationRow<V>[]>;
  /**
   * Stores `newValue` only if the row still holds `row.value` (a compare-and-set, e.g. updateMany where
   * id and the old value match) and says whether it did: a blind write would undo the service's change.
   */
  write(row: RotationRow<V>, newValue: V): Promise<boolean>;
  /** Rows per read; default 100. */
  batchSize?: number;
  /** Resume after this id (a previous report's lastId); default from the start. */
  startAfterId?: string | null;
  /** Stops the run between rows; the report says complete: false. */
  signal?: AbortSignal;
  /** Pause between batches, leaving the database to the service for a moment; default 0. */
  pauseMs?: number;
  /** Called after every batch. */
  onProgress?(progress: RotationProgress): void;
}

const MAX_FAILURES_LISTED = 1000;

/** Re-encrypts every stale value of one column under the active key, in batches, safe to stop and rerun. */
export async function rotateColumn<V extends string | Uint8Array>(options: RotateColumnOptions<V>): Promise<RotationReport> {
  const batchSize = options.batchSize ?? 100;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError("rotateColumn: batchSize must be a whole number of at least 1");
  const report: RotationReport = {
    scanned: 0,
    changed: 0,
    skipped: 0,
    conflicted: 0,
    failed: 0,
    lastId: options.startAfterId ?? null,
    complete: false,
    failures: [],
  };
  const fail = (id: string, reason: string) => {
    report.failed += 1;
    if (report.failures.length < MAX_FAILURES_LISTED) report.failures.push({ id, reason });
  };

  for (;;) {
    if (options.signal?.aborted) return report;
    const rows = await options.read(report.lastId, batchSize);
    checkBatch(rows, report.lastId, batchSize);
    if (rows.length === 0) return { ...report, complete: true };
    for (const row of rows) {
      if (options.signal?.aborted) return report;
      report.scanned += 1;
      report.lastId = row.id;
      if (row.value === null) {
        report.skipped += 1;
        continue;
      }
      let next: Reencrypted<V>;
      try {
        const value: string | Uint8Array = row.value;
        const c = { context: options.context };
        next = (typeof value === "string" ? reencryptIfStale(options.keyring, value, c) : reencryptIfStale(options.keyring, value, c)) as Reencrypted<V>;
      } catch (error) {
        if (error instanceof DecryptionError) {
          fail(row.id, error.reason);
          continue;
        }
        throw error;
      }
      if (!next.changed) {
        report.skipped += 1;
        continue;
      }
      try {
        if (await options.write(row, next.value)) report.changed += 1;
        else report.conflicted += 1;
      } catch (error) {
        // The error's name only: database errors may quote the values of the failed statement.
        fail(row.id, `write_failed: ${(error as Error)?.name ?? "Error"}`);
      }
    }
    const { complete: _complete, failures: _failures, ...progress } = report;
    options.onProgress?.(progress);
    if (rows.length < batchSize) return { ...report, complete: true };
    if (options.pauseMs) await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
  }
}

/**
 * A read that ignores afterId would loop over the same rows forever. (Order itself is the database's:
 * its collation may differ from JavaScript's string order, so only repetition is checked here.)
 */
function checkBatch(rows: readonly RotationRow<string | Uint8Array>[], afterId: string | null, limit: number): void {
  if (rows.length > limit) throw new Error(`rotateColumn: read returned ${rows.length} rows for a limit of ${limit}`);
  const ids = new Set(rows.map((r) => r.id));
  if (ids.size !== rows.length || (afterId !== null && ids.has(afterId))) {
    throw new Error("rotateColumn: read must return each row once, after afterId, in id order (where id > afterId, order by id)");
  }
}
