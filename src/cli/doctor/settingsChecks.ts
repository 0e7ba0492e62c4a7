// The doctor's checks of the configuration itself: the settings file, the keys, the webhook, the public address
// and the local page. Nothing here touches the database.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { planChannels } from "../../channels/channelModules.ts";
import type { Config } from "../../config.ts";
import type { EnvFileRead } from "../../envFile.ts";
import { DEV_KEYS_FILE, HashKey } from "../../privacy/index.ts";
import { fix, ok, warn, type Finding } from "./finding.ts";

/** The settings file: found, not readable by every user, without names the product does not read. */
export function checkSettingsFile(settings: EnvFileRead | undefined, cwd: string): Finding[] {
  if (!settings) return [];
  if (!settings.file)
    return [warn("settings", `no .env in ${cwd} and no PINTU_ENV_FILE: settings come from the environment alone (the service reads the same)`)];
  const findings: Finding[] = [];
  const mode = settings.mode ?? 0;
  // Readable by its owner and group is fine (deploy/README.md: root:pintu, 0640); by everyone else it is not.
  if ((mode & 0o007) !== 0) {
    findings.push(
      fix(
        "settings",
        `${settings.file} can be read by every user (mode ${mode.toString(8).padStart(4, "0")}); it holds the keys: chmod 640 ${settings.file} (owner root, group of the service's user)`,
      ),
    );
  } else {
    findings.push(
      ok("settings", `read ${settings.file} (${settings.applied.length + settings.keptFromEnvironment.length} settings), not readable by other users`),
    );
  }
  if (settings.unknown.length)
    findings.push(warn("settings", `${settings.file} sets names this product does not read (misspelt?): ${settings.unknown.join(", ")}`));
  return findings;
}

/** The development key file a process on this configuration would use: beside the SQLite file, else ./data. */
function developmentKeysFile(config: Config, cwd: string): string {
  return config.database.kind === "sqlite" ? join(dirname(config.database.file), DEV_KEYS_FILE) : join(cwd, "data", DEV_KEYS_FILE);
}

/** The development keys in that file, when there is one that reads. */
function readDevelopmentKeys(file: string): { keys: Record<string, string>; hashKey: string } | null {
  if (!existsSync(file)) return null;
  try {
    const json = JSON.parse(readFileSync(file, "utf8")) as { keys?: Record<string, string>; hashKey?: string };
    return json.keys && json.hashKey ? { keys: json.keys, hashKey: json.hashKey } : null;
  } catch {
    return null;
  }
}

/** ENCRYPTION_KEYS and HASH_KEY: set, and none of them a development key (which lies beside the data it protects). */
export function checkKeys(config: Config, cwd: string): Finding[] {
  const make = "make them with npm run cli -- keys new (and keys new --hash), put them in the settings file and keep a copy apart from the backups";
  if (!config.privacy) {
    return [
      fix("keys", `ENCRYPTION_KEYS and ENCRYPTION_ACTIVE_KEY are not set: data would be encrypted with development keys kept beside it; ${make}`),
      fix("hash key", "HASH_KEY is not set (it keys the lookups of NPP, NIP, phone and email): npm run cli -- keys new --hash"),
    ];
  }
  const { keyring, hashKey } = config.privacy;
  const file = developmentKeysFile(config, cwd);
  const dev = readDevelopmentKeys(file);
  const isDevelopment = (id: string) => dev !== null && Object.values(dev.keys).some((key) => keyring.keyFor(id)?.export().equals(Buffer.from(key, "base64")));
  const findings: Finding[] = [];
  const devIds = keyring.keyIds.filter(isDevelopment);
  if (devIds.includes(keyring.activeKeyId)) {
    findings.push(
      fix(
        "keys",
        `the active key ${keyring.activeKeyId} is a development key (from ${file}, beside the data): add a new key as the active one (${make}), then npm run cli -- keys rotate`,
      ),
    );
  } else if (devIds.length) {
    findings.push(
      warn(
        "keys",
        `ENCRYPTION_KEYS still holds the development key ${devIds.join(", ")}: once npm run cli -- keys rotate has run, remove it and move ${file} off this machine`,
      ),
    );
  } else {
    findings.push(ok("keys", `ENCRYPTION_KEYS: ${keyring.keyIds.length} key(s), active ${keyring.activeKeyId}; no development key`));
  }
  const probe = "doctor";
  if (dev && new HashKey(Buffer.from(dev.hashKey, "base64")).hmacHex(probe) === hashKey.hmacHex(probe)) {
    findings.push(
      fix(
        "hash key",
        `HASH_KEY is the development hash key from ${file}, which lies beside the data: keep that file's copy with the key backups, off this machine`,
      ),
    );
  } else {
    findings.push(ok("hash key", "HASH_KEY is set"));
  }
  return findings;
}

/** Telegram's webhook: with its secret and on https, or long polling (one instance). */
export function checkWebhook(config: Config): Finding {
  const telegram = config.telegram;
  if (!telegram.token) return ok("webhook", "Telegram is off: no webhook to protect");
  if (!telegram.webhookUrl) {
    return warn(
      "webhook",
      "Telegram long-polls: fine for one instance; several instances behind a proxy need TELEGRAM_WEBHOOK_URL (https) and TELEGRAM_WEBHOOK_SECRET",
    );
  }
  if (!telegram.webhookUrl.startsWith("https://"))
    return fix("webhook", `TELEGRAM_WEBHOOK_URL is ${telegram.webhookUrl}: Telegram only calls https:// addresses`);
  return ok("webhook", `Telegram webhook at ${new URL(telegram.webhookUrl).origin}/… with its secret (TELEGRAM_WEBHOOK_SECRET)`);
}

/** PUBLIC_BASE_URL: the https address dashboard links point at. */
export function checkPublicUrl(config: Config): Finding {
  const url = config.http.publicBaseUrl;
  if (!url) {
    return fix(
      "public URL",
      `PUBLIC_BASE_URL is not set: dashboard login links would point at http://${config.http.host}:${config.http.port}; set the https address people reach (deploy/README.md)`,
    );
  }
  if (!url.startsWith("https://"))
    return fix("public URL", `PUBLIC_BASE_URL is ${url}: links sent in chats must be https:// (nginx with TLS, deploy/README.md)`);
  return ok("public URL", `PUBLIC_BASE_URL is ${url}`);
}

/** The local browser chat (demo staff, no login): never on a production server. */
export function checkLocalPage(config: Config): Finding {
  const local = planChannels(config).find((s) => s.channel === "local");
  if (!local?.on) return ok("local page", "off");
  return config.local.alwaysOn
    ? fix("local page", "LOCAL_CHANNEL=1: the browser chat simulator (demo staff, no login) runs beside the real channels; unset it")
    : fix(
        "local page",
        "no chat channel is configured, so the service would run the browser chat simulator (demo staff, no login): configure Telegram, WhatsApp or email",
      );
}
