// Configured encryption keys for tests that start the service with a real channel (the fake Bot API, Dovecot)
// or on PostgreSQL, where development keys are refused (src/app/serviceKeys.ts). Random per test process; a
// restart in the same test reuses them with the rest of its environment.
import { randomBytes } from "node:crypto";

export const TEST_KEYS_ENV: Readonly<Record<"ENCRYPTION_KEYS" | "ENCRYPTION_ACTIVE_KEY" | "HASH_KEY", string>> = Object.freeze({
  ENCRYPTION_KEYS: `k1:${randomBytes(32).toString("base64")}`,
  ENCRYPTION_ACTIVE_KEY: "k1",
  HASH_KEY: randomBytes(32).toString("base64"),
});
