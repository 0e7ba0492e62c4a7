// Which keys a process encrypts with. Configured keys (ENCRYPTION_KEYS, HASH_KEY) always; development keys
// (made next to the SQLite file, src/privacy/developmentKeyring.ts) only where no real person's data can arrive:
// local mode on SQLite. With a real chat channel configured or a PostgreSQL database, development keys would
// silently protect real cases with a key lying beside them (or, on PostgreSQL, in whichever folder the
// process happened to start in), so start-up is refused, naming the command that makes keys, unless
// TRIAL_WITHOUT_KEYS=1 says this is a trial.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { planChannels, channelModules } from "../channels/channelModules.ts";
import { ConfigError, type Config } from "../config.ts";
import { createDevelopmentKeyring, DEV_KEYS_FILE, type PrivacyKeys } from "../privacy/index.ts";

/** Keys in use, and where development keys came from when they are used. */
export interface ServiceKeys extends PrivacyKeys {
  /** Set when the keys are development keys: their file, whether this start made it, and whether a trial allowed them. */
  development?: { file: string; created: boolean; trial: boolean };
}

/** Thrown when real data could reach a process that has no configured keys; a ConfigError, so main.ts exits 2 with it. */
export class KeysRequiredError extends ConfigError {
  constructor(
    readonly reasons: string[],
    existingDevelopmentKeys: string | null,
  ) {
    super([
      {
        variable: "ENCRYPTION_KEYS",
        message:
          `required with ${reasons.join(" and with ")}: set ENCRYPTION_KEYS, ENCRYPTION_ACTIVE_KEY and HASH_KEY (make them with: npm run cli -- keys new)` +
          (existingDevelopmentKeys
            ? `. Data already written here under the development keys in ${existingDevelopmentKeys} stays readable only with them: put its "dev1" key in ENCRYPTION_KEYS as dev1:<key> and its "hashKey" in HASH_KEY, then add a new key and run keys rotate`
            : "") +
          ". For a trial without real clients, TRIAL_WITHOUT_KEYS=1 allows development keys",
      },
    ]);
    this.name = "KeysRequiredError";
  }
}

/** Where development keys are kept: beside the SQLite file, else ./data. */
function developmentKeysDir(config: Config): string {
  return config.database.kind === "sqlite" && config.database.file !== ":memory:" ? dirname(config.database.file) : "data";
}

/** Why this configuration may hold real people's data (empty: local mode on SQLite, development keys are fine). */
export function reasonsKeysAreRequired(config: Config): string[] {
  const reasons: string[] = [];
  if (config.database.kind === "postgres") reasons.push("a PostgreSQL DATABASE_URL");
  const real = planChannels(config).filter((s) => s.on && !channelModules.find((m) => m.id === s.channel)?.standIn);
  if (real.length > 0) reasons.push(`a chat channel configured (${real.map((s) => s.channel).join(", ")})`);
  return reasons;
}

/** The configured keys, or development keys where allowed; throws KeysRequiredError where they are not. */
export function chooseServiceKeys(config: Config): ServiceKeys {
  if (config.privacy) return config.privacy;
  const dir = developmentKeysDir(config);
  const reasons = reasonsKeysAreRequired(config);
  if (reasons.length > 0 && !config.trialWithoutKeys) {
    const file = join(dir, DEV_KEYS_FILE);
    throw new KeysRequiredError(reasons, existsSync(file) ? file : null);
  }
  const keys = createDevelopmentKeyring(dir);
  return { keyring: keys.keyring, hashKey: keys.hashKey, development: { file: keys.file, created: keys.created, trial: reasons.length > 0 } };
}
