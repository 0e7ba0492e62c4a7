// Encryption at rest of the columns that hold counselling data, for every query in one place: a Prisma
// query extension encrypts those fields on every write (create, update, upsert, createMany…) and decrypts
// them in every result, nested includes too. The rest of the code reads and writes plain values.
// Values written before encryption was switched on (plaintext) are still read; `keys rotate` encrypts them.
import { decryptBytes, decryptText, encryptBytes, encryptText, isEncrypted, type Keyring } from "../privacy/index.ts";
import type { EncryptionContext } from "../privacy/index.ts";

/** Encrypted columns per model, with their context (bound into each value). */
export const ENCRYPTED_FIELDS: Record<string, Record<string, EncryptionContext>> = {
  Case: { intakeJson: "Case.intakeJson" },
  Message: { text: "Message.text", attachJson: "Message.attachJson" },
  StepRun: { note: "StepRun.note" },
  DialogState: { stateJson: "DialogState.stateJson" },
  Outbox: { payloadJson: "Outbox.payloadJson" },
  InboundQueue: { messageJson: "InboundQueue.messageJson" },
  PurgeRequest: { targetJson: "PurgeRequest.targetJson" },
  Person: { displayName: "Person.displayName" },
  StoredFile: { name: "StoredFile.name", bytes: "StoredFile.bytes" },
  CounsellorCalendar: { refreshToken: "CounsellorCalendar.refreshToken" },
  Document: { content: "Document.content" },
  Appointment: { meetUrl: "Appointment.meetUrl", meetingCode: "Appointment.meetingCode" },
  InviteCode: { usedBy: "InviteCode.usedBy" },
};

/** Field name → context, for decrypting results where nested objects do not say their model. */
const CONTEXT_BY_FIELD = new Map<string, EncryptionContext>(Object.values(ENCRYPTED_FIELDS).flatMap((fields) => Object.entries(fields)));
const BYTES_CONTEXTS = new Set<EncryptionContext>(["Document.content", "StoredFile.bytes"]);
const WRITE_OPERATIONS = new Set(["create", "createMany", "createManyAndReturn", "update", "updateMany", "updateManyAndReturn", "upsert"]);

function encryptValue(keyring: Keyring, value: unknown, context: EncryptionContext): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === "object" && value !== null && !(value instanceof Uint8Array) && "set" in value) {
    return { ...(value as object), set: encryptValue(keyring, (value as { set: unknown }).set, context) };
  }
  if (BYTES_CONTEXTS.has(context) && value instanceof Uint8Array) return isEncrypted(value) ? value : encryptBytes(keyring, value, { context });
  if (typeof value === "string") return isEncrypted(value) ? value : encryptText(keyring, value, { context });
  return value;
}

function encryptData(keyring: Keyring, model: string, data: unknown): unknown {
  const fields = ENCRYPTED_FIELDS[model];
  if (!fields || !data || typeof data !== "object") return data;
  if (Array.isArray(data)) return data.map((d) => encryptData(keyring, model, d));
  const out: Record<string, unknown> = { ...(data as Record<string, unknown>) };
  for (const [field, context] of Object.entries(fields)) if (field in out) out[field] = encryptValue(keyring, out[field], context);
  return out;
}

/** The query args with the model's encrypted fields encrypted. */
export function encryptArgs(keyring: Keyring, model: string, operation: string, args: Record<string, unknown>): Record<string, unknown> {
  if (!WRITE_OPERATIONS.has(operation) || !ENCRYPTED_FIELDS[model]) return args;
  const next = { ...args };
  if ("data" in next) next.data = encryptData(keyring, model, next.data);
  if (operation === "upsert") {
    next.create = encryptData(keyring, model, next.create);
    next.update = encryptData(keyring, model, next.update);
  }
  return next;
}

/** A query result with every encrypted field decrypted, however deep it is nested. */
export function decryptResult(keyring: Keyring, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => decryptResult(keyring, v));
  if (!value || typeof value !== "object" || value instanceof Date || value instanceof Uint8Array) return value;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const context = CONTEXT_BY_FIELD.get(key);
    if (context && typeof v === "string" && isEncrypted(v)) out[key] = decryptText(keyring, v, { context });
    else if (context && v instanceof Uint8Array && isEncrypted(v)) out[key] = new Uint8Array(decryptBytes(keyring, v, { context }));
    else out[key] = typeof v === "object" ? decryptResult(keyring, v) : v;
  }
  return out;
}
