// Chat addresses at rest (issue 15 item 7): a Telegram chat id, a WhatsApp JID or an email address says who talks to a
// counselling service, so no table keeps one readable. Each of the six tables that name a chat keeps the address
// encrypted in `addressEnc` and, in `address`, its keyed hash (lookupHash kind "chat"), which equality lookups,
// unique keys and grouping still work on. The product's database client does this in its query extension: the rest
// of the code reads and writes plain addresses. Only equality is possible on an address (=, in, notIn, not).
import { decryptText, encryptText, isEncrypted, lookupHash, type HashKey, type Keyring } from "../privacy/index.ts";

/** The models with a chat address (the field is called `address` in each, and nowhere else). */
export const ADDRESS_MODELS = ["ChannelIdentity", "Outbox", "DialogState", "InboundQueue", "ChatMenu", "ChannelContact"] as const;
export type AddressModel = (typeof ADDRESS_MODELS)[number];

const CONTEXT = "Chat.address" as const;

/** What turns an address into its lookup hash and its stored ciphertext, and back. */
export interface AddressSealer {
  hash(address: string): string;
  seal(address: string): string;
  open(stored: string): string;
}

/** A sealer over the service's keys. */
export function addressSealer(keys: { keyring: Keyring; hashKey: HashKey }): AddressSealer {
  return {
    hash: (address) => lookupHash(keys.hashKey, "chat", address),
    seal: (address) => encryptText(keys.keyring, address, { context: CONTEXT }),
    open: (stored) => decryptText(keys.keyring, stored, { context: CONTEXT }),
  };
}

/** Thrown for a query that compares an address other than by equality (a hash has no prefix or order). */
export class AddressFilterError extends Error {
  constructor(operator: string) {
    super(`A chat address is stored as a keyed hash: it can be compared by equality only, not with "${operator}".`);
    this.name = "AddressFilterError";
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof Uint8Array);

const EQUALITY_FILTERS = new Set(["equals", "in", "notIn", "not"]);

function hashFilter(s: AddressSealer, filter: unknown): unknown {
  if (typeof filter === "string") return s.hash(filter);
  if (Array.isArray(filter)) return filter.map((f) => hashFilter(s, f));
  if (!isPlainObject(filter)) return filter;
  const out: Record<string, unknown> = {};
  for (const [op, v] of Object.entries(filter)) {
    if (!EQUALITY_FILTERS.has(op)) throw new AddressFilterError(op);
    out[op] = hashFilter(s, v);
  }
  return out;
}

function rewriteWhere(s: AddressSealer, where: unknown): unknown {
  if (Array.isArray(where)) return where.map((w) => rewriteWhere(s, w));
  if (!isPlainObject(where)) return where;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(where)) out[key] = key === "address" ? hashFilter(s, v) : rewriteWhere(s, v);
  return out;
}

/** Keys whose values name no address to rewrite (an order, the fields to group by, counts, paging). */
const UNTOUCHED_KEYS = new Set(["orderBy", "by", "having", "distinct", "omit", "_count", "_min", "_max", "_sum", "_avg", "take", "skip"]);

/** Keys under which a nested query names rows (a filter), not values to write. */
const WHERE_KEYS = new Set(["where", "cursor", "connect", "disconnect", "delete", "deleteMany", "set"]);

function rewriteData(s: AddressSealer, node: unknown): unknown {
  if (Array.isArray(node)) return node.map((n) => rewriteData(s, n));
  if (!isPlainObject(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(node)) {
    if (key === "address") {
      const value = isPlainObject(v) && "set" in v ? v.set : v;
      if (typeof value === "string") {
        out.address = s.hash(value);
        out.addressEnc = s.seal(value);
      } else if (v === true && !("addressEnc" in node)) {
        // select: { address: true } — the address is read from its ciphertext.
        out.address = true;
        out.addressEnc = true;
      } else out.address = v;
    } else if (UNTOUCHED_KEYS.has(key)) out[key] = v;
    else if (WHERE_KEYS.has(key) && (isPlainObject(v) || Array.isArray(v))) out[key] = rewriteWhere(s, v);
    else out[key] = rewriteData(s, v);
  }
  return out;
}

/**
 * The query args with every address (in filters, in written data, however nested) replaced by its hash, written data
 * given the encrypted address beside it, and selections of an address extended to its ciphertext.
 */
export function sealAddressArgs(s: AddressSealer, args: Record<string, unknown>): Record<string, unknown> {
  return rewriteData(s, args) as Record<string, unknown>;
}

/** A query result with each address read back from its ciphertext (rows written before sealing keep theirs). */
export function openAddresses(s: AddressSealer, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => openAddresses(s, v));
  if (!isPlainObject(value)) return value;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (key !== "addressEnc") out[key] = typeof v === "object" ? openAddresses(s, v) : v;
  if ("addressEnc" in value && typeof value.addressEnc === "string" && isEncrypted(value.addressEnc)) out.address = s.open(value.addressEnc);
  return out;
}
