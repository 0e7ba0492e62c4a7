// A channel's part of the configuration: the environment variables it reads (one zod schema each, mirrored in
// .env.example), the checks between them, and the settings it makes of them. src/config.ts composes every
// listed channel's part with its own variables, so a channel's setting is added in the channel's folder.
// Imports nothing but zod (and envFields.ts, zod only), so config.ts can read these before anything else.
import type { z } from "zod";

/** Where a check between variables reports a problem; `path` is the variable it names. */
export interface SettingsIssues {
  addIssue(issue: { code: "custom"; path: string[]; message: string }): void;
}

/** The checked values of a channel's variables, by variable name. */
export type SettingsValues<Variables extends z.core.$ZodShape> = z.output<z.ZodObject<Variables>>;

/** What a channel declares about its settings; `Settings` is what `config.<channel id>` holds. */
export interface ChannelSettings<Variables extends z.core.$ZodShape = z.core.$ZodShape, Settings = unknown> {
  /** The variables it reads, each with its own schema (a wrong value is reported under the variable's name). */
  variables: Variables;
  /** Checks across its variables, run once each has parsed (a webhook URL needs its secret). */
  check?(values: SettingsValues<Variables>, issues: SettingsIssues): void;
  /** Its settings, made from its checked variables. */
  read(values: SettingsValues<Variables>): Settings;
  /**
   * How ADMIN_CONTACTS names an address on this channel (`example` in the error's list) and the address an
   * entry stands for, undefined when it is not one; absent = operational alerts do not go to this channel.
   */
  adminAddress?: { example: string; parse(address: string): string | undefined };
}

/** Keeps a channel's variables and settings typed (config.<channel id> is typed from `read`). */
export function defineChannelSettings<const Variables extends z.core.$ZodShape, Settings>(
  settings: ChannelSettings<Variables, Settings>,
): ChannelSettings<Variables, Settings> {
  return settings;
}
