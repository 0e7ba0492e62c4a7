// An older release kept the WhatsApp session in a folder (WHATSAPP_AUTH_DIR, baileys' useMultiFileAuthState). On the
// first start with the session in the database, that folder is copied in once, so the number stays linked. File names
// are baileys' `${category}-${id}.json` with "/" written "__" and ":" written "-" (fixFileName in
// src/Utils/use-multi-file-auth-state.ts); the ids we need (phone and lid users, Signal addresses, base64 key ids)
// contain neither "-" nor "__" of their own, so the names read back.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { BufferJSON, type SignalDataSet } from "@whiskeysockets/baileys";
import type { DatabaseAuthState } from "./databaseAuthState.ts";

/** baileys' key categories (SignalDataTypeMap, src/Types/Auth.ts), longest first so "sender-key-memory" wins over "sender-key". */
const CATEGORIES = [
  "app-state-sync-version",
  "app-state-sync-key",
  "sender-key-memory",
  "identity-key",
  "lid-mapping",
  "device-list",
  "sender-key",
  "pre-key",
  "session",
  "tctoken",
] as const;

/** Copies a session folder into the database store when the store has none; returns how many keys were copied, or null. */
export async function importAuthFolder(folder: string, store: DatabaseAuthState): Promise<number | null> {
  if (await store.hasSession()) return null;
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return null; // no folder: nothing to import
  }
  if (!names.includes("creds.json")) return null;
  const readJson = async (name: string): Promise<unknown> => JSON.parse(await readFile(join(folder, name), "utf8"), BufferJSON.reviver);

  const { state, saveCreds } = await store.load();
  const data: Record<string, Record<string, unknown>> = {};
  let count = 0;
  for (const name of names) {
    if (!name.endsWith(".json") || name === "creds.json") continue;
    const category = CATEGORIES.find((c) => name.startsWith(`${c}-`));
    if (!category) continue;
    const id = name
      .slice(category.length + 1, -".json".length)
      .replace(/__/g, "/")
      .replace(/-/g, ":");
    const values = data[category] ?? {};
    values[id] = await readJson(name);
    data[category] = values;
    count++;
  }
  await state.keys.set(data as SignalDataSet);
  Object.assign(state.creds, await readJson("creds.json"));
  await saveCreds(); // last: a session counts as saved only once its keys are in
  return count;
}
