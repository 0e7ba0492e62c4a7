// The settings file: `.env` in the working directory, or the file PINTU_ENV_FILE names, read into the
// environment before src/config.ts parses it, by the service and the admin command line alike. Node's own
// dotenv parser reads it (util.parseEnv: the parser behind `node --env-file`), so quoted values keep their
// spaces and `#`, and a line the shell would split (CRISIS_PHRASES=bunuh diri,ingin mati) is one value.
// A variable already set in the process's environment wins over the file, as with `node --env-file` and
// systemd's EnvironmentFile, so one setting can be overridden for one run without editing the file.
import { readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { parseEnv } from "node:util";
import { configVariables } from "./config.ts";

/** Names the product reads besides its settings: the file's own name (in the environment only). */
const ENV_FILE_VARIABLE = "PINTU_ENV_FILE";

/** What was read, for the start-up line and `doctor`. */
export interface EnvFileRead {
  /** The file read (absolute), or null when there is no `.env` and PINTU_ENV_FILE is unset. */
  file: string | null;
  /** The variables the file set. */
  applied: string[];
  /** The variables the file also sets but the environment already had: the environment's value is used. */
  keptFromEnvironment: string[];
  /** Names in the file that are no setting of this product (a misspelling, or a setting of another version). */
  unknown: string[];
  /** The file's permission bits (0o600), or null without a file. */
  mode: number | null;
}

/** The settings file named by PINTU_ENV_FILE cannot be read; start-up stops (exit 2) with this message. */
export class EnvFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EnvFileError";
  }
}

/**
 * Reads the settings file into `env` (process.env by default): PINTU_ENV_FILE when set (it must exist), else
 * `.env` in `cwd` when there is one. Returns what it did; never overwrites a variable `env` already has.
 */
export function readEnvFile(env: Record<string, string | undefined> = process.env, cwd: string = process.cwd()): EnvFileRead {
  const named = env[ENV_FILE_VARIABLE]?.trim();
  const file = resolve(cwd, named || ".env");
  let text: string;
  let mode: number;
  try {
    mode = statSync(file).mode & 0o777;
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!named && code === "ENOENT") return { file: null, applied: [], keptFromEnvironment: [], unknown: [], mode: null };
    throw new EnvFileError(`${named ? `${ENV_FILE_VARIABLE}=${named}: ` : ""}cannot read the settings file ${file} (${code ?? (error as Error).message})`);
  }
  const values = parseEnv(text);
  const known = new Set(configVariables().map((v) => v.name));
  const read: EnvFileRead = { file, applied: [], keptFromEnvironment: [], unknown: [], mode };
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    if (!known.has(name)) read.unknown.push(name);
    if (env[name] !== undefined) {
      read.keptFromEnvironment.push(name);
      continue;
    }
    env[name] = value;
    read.applied.push(name);
  }
  return read;
}

/** One line saying where the settings came from, for the service's start and `doctor`. */
export function describeEnvFile(read: EnvFileRead, cwd: string = process.cwd()): string {
  if (!read.file) return `settings: no .env in ${cwd} and no ${ENV_FILE_VARIABLE}: environment variables and defaults only`;
  const parts = [`settings: read ${read.file} (${read.applied.length} set`];
  if (read.keptFromEnvironment.length) parts.push(`; the environment's own value kept for ${read.keptFromEnvironment.join(", ")}`);
  parts.push(")");
  if (read.unknown.length) parts.push(`; not settings of this product, ignored: ${read.unknown.join(", ")}`);
  return parts.join("");
}
