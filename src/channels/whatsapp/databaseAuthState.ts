// The WhatsApp login session in our database instead of a folder. baileys' own folder store says of itself "I wouldn't
// endorse this for any production level use ... Would recommend writing an auth state for use with a proper SQL or
// No-SQL DB" (src/Utils/use-multi-file-auth-state.ts); this is that store, in the WhatsAppAuthKey table: the
// credentials, the Signal key store by baileys' key type (SignalDataTypeMap in src/Types/Auth.ts, "lid-mapping"
// included, so who stands behind a lid survives a restart), and our sent messages for retry receipts. Every value is
// baileys' BufferJSON, encrypted at rest under the context "WhatsAppAuthKey.value"; every id is a keyed hash, since
// baileys' ids name people (a "lid-mapping" id is a phone number, a "session" id a phone or lid user) and baileys
// only ever asks for ids it already knows.
import { BufferJSON, initAuthCreds, proto, type AuthenticationCreds, type SignalDataSet, type SignalDataTypeMap } from "@whiskeysockets/baileys";
import { decryptText, encryptText, type EncryptionContext, type HashKey, type Keyring } from "../../privacy/index.ts";
import type { Prisma } from "../../store/database.ts";
import type { AuthStateStore, SentMessageStore } from "./baileysSocket.ts";

const CONTEXT = { context: "WhatsAppAuthKey.value" } as const satisfies { context: EncryptionContext };
const CREDS = { category: "creds", id: "creds" } as const;
const SENT = "sent-message";
/** A retry receipt comes within minutes; a week covers a phone that was off for days. */
const SENT_KEPT_MS = 7 * 24 * 3600_000;
const PRUNE_EVERY_MS = 3600_000;

/** The auth state and the sent-message store, both in the WhatsAppAuthKey table. */
export interface DatabaseAuthState extends AuthStateStore, SentMessageStore {
  /** Whether a session (credentials) is saved at all. */
  hasSession(): Promise<boolean>;
}

/** Creates the database-backed session store; `now` dates the pruning of old sent messages. */
export function databaseAuthState(p: { prisma: Prisma; keyring: Keyring; hashKey: HashKey; now?: () => Date }): DatabaseAuthState {
  const { prisma, keyring, hashKey } = p;
  /** The stored id: a keyed hash of category and id, so no phone number or lid is readable in the table. */
  const rowId = (category: string, id: string) => hashKey.hmacHex(`whatsapp-auth:v1\u0000${category}\u0000${id}`);
  const now = p.now ?? (() => new Date());
  let prunedAt = 0;

  const seal = (value: unknown) => encryptText(keyring, JSON.stringify(value, BufferJSON.replacer), CONTEXT);
  const unseal = (stored: string): unknown => JSON.parse(decryptText(keyring, stored, { ...CONTEXT, acceptPlaintext: false }), BufferJSON.reviver);

  const upsert = (category: string, id: string, value: unknown) => {
    const sealed = seal(value);
    const key = { category, id: rowId(category, id) };
    return prisma.whatsAppAuthKey.upsert({ where: { category_id: key }, create: { ...key, value: sealed }, update: { value: sealed } });
  };

  async function write(category: string, id: string, value: unknown): Promise<void> {
    await upsert(category, id, value);
  }

  async function read(category: string, id: string): Promise<unknown> {
    const row = await prisma.whatsAppAuthKey.findUnique({ where: { category_id: { category, id: rowId(category, id) } } });
    return row ? unseal(row.value) : undefined;
  }

  async function pruneSentMessages(): Promise<void> {
    const at = now().getTime();
    if (at - prunedAt < PRUNE_EVERY_MS) return;
    prunedAt = at;
    await prisma.whatsAppAuthKey.deleteMany({ where: { category: SENT, updatedAt: { lt: new Date(at - SENT_KEPT_MS) } } });
  }

  return {
    async load() {
      const creds = ((await read(CREDS.category, CREDS.id)) as AuthenticationCreds | undefined) ?? initAuthCreds();
      return {
        state: {
          creds,
          keys: {
            async get<T extends keyof SignalDataTypeMap>(type: T, ids: string[]) {
              const found: { [id: string]: SignalDataTypeMap[T] } = {};
              if (ids.length === 0) return found;
              const asked = new Map(ids.map((id) => [rowId(type, id), id]));
              const rows = await prisma.whatsAppAuthKey.findMany({ where: { category: type, id: { in: [...asked.keys()] } } });
              for (const row of rows) {
                const value = unseal(row.value);
                // As baileys' own store does: the app-state key is a protobuf object, not plain JSON.
                found[asked.get(row.id)!] = (
                  type === "app-state-sync-key" ? proto.Message.AppStateSyncKeyData.fromObject(value as object) : value
                ) as SignalDataTypeMap[T];
              }
              return found;
            },
            async set(data: SignalDataSet) {
              const writes = [];
              for (const [category, values] of Object.entries(data)) {
                for (const [id, value] of Object.entries(values ?? {})) {
                  writes.push(
                    value === null || value === undefined
                      ? prisma.whatsAppAuthKey.deleteMany({ where: { category, id: rowId(category, id) } })
                      : upsert(category, id, value),
                  );
                }
              }
              // All of one update or none: a half-written Signal session cannot decrypt anything.
              if (writes.length > 0) await prisma.$transaction(writes);
            },
          },
        },
        saveCreds: () => write(CREDS.category, CREDS.id, creds),
      };
    },
    async clear() {
      await prisma.whatsAppAuthKey.deleteMany({});
    },
    async hasSession() {
      return (await prisma.whatsAppAuthKey.count({ where: { category: CREDS.category, id: rowId(CREDS.category, CREDS.id) } })) > 0;
    },
    async save(id, message) {
      await write(SENT, id, Buffer.from(proto.Message.encode(message).finish()).toString("base64"));
      await pruneSentMessages();
    },
    async find(id) {
      const value = await read(SENT, id);
      return typeof value === "string" ? proto.Message.decode(Buffer.from(value, "base64")) : undefined;
    },
  };
}
