// Keyrings for the privacy tests: fixed ids, random keys.
import { randomBytes } from "node:crypto";
import { Keyring } from "../../src/privacy/keyring.ts";
import { HashKey } from "../../src/privacy/keyedHash.ts";

/** A keyring holding the given ids (fresh random keys), the first active unless named. */
export function testKeyring(ids: string[] = ["k1"], active = ids[0]!): Keyring {
  return new Keyring({ keys: ids.map((id) => ({ id, key: randomBytes(32) })), activeKeyId: active });
}

/** The same key bytes seen by rings at each stage of a rotation: k1 alone, k2 added, k2 active, k1 retired. */
export function ringPair(): { k1Only: Keyring; k1k2: Keyring; k2Active: Keyring; k2Only: Keyring } {
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);
  return {
    k1Only: new Keyring({ keys: [{ id: "k1", key: k1 }], activeKeyId: "k1" }),
    k1k2: new Keyring({
      keys: [
        { id: "k1", key: k1 },
        { id: "k2", key: k2 },
      ],
      activeKeyId: "k1",
    }),
    k2Active: new Keyring({
      keys: [
        { id: "k1", key: k1 },
        { id: "k2", key: k2 },
      ],
      activeKeyId: "k2",
    }),
    k2Only: new Keyring({ keys: [{ id: "k2", key: k2 }], activeKeyId: "k2" }),
  };
}

/** A fresh hash key. */
export const testHashKey = (): HashKey => new HashKey(randomBytes(32));
