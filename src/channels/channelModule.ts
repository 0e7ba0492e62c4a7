// What every channel declares to the rest of the product: its settings (read by src/config.ts), what it can do
// with a message (the dialogs and the outbox ask for these, never for a channel's name), how fast it may send
// and whether the configuration turns it on. How it starts is its starter (channelStart.ts), kept apart so the
// configuration, the store and the dialogs can read the list of modules without reaching the code that runs a
// channel. The lists are channelModules.ts and channelStarters.ts; each channel lives in its folder.
import type { z } from "zod";
import type { Locale } from "../i18n/index.ts";
import type { RateLimits } from "../notify/sendRateLimiter.ts";
import type { ChannelSettings } from "./channelSettings.ts";

/** What a channel can do; the dialogs and the store decide on these, never on the channel's name. */
export interface ChannelCapabilities {
  /** A sent message can be edited in place (a task's text becomes its outcome instead of a second message). */
  canEdit: boolean;
  /** A button press can be answered with a short toast (Telegram's answerCallbackQuery) instead of a message. */
  toasts: boolean;
  /** The intake is one form filled in by reply, not a question per message. */
  formIntake: boolean;
  /** Replies thread on the message they answer (a reply-to id and a "Re:" subject). */
  threadsReplies: boolean;
}

/** What a channel that is not in the list can do: nothing special. */
export const NO_CAPABILITIES: ChannelCapabilities = { canEdit: false, toasts: false, formIntake: false, threadsReplies: false };

/**
 * What the service was started with beyond the configuration, for a channel to read: test seams such as a
 * fake socket. Each channel adds its own fields from its folder (declaration merging), none is named here.
 */
// biome-ignore lint/suspicious/noEmptyInterface: an interface (not a type alias) so each channel's folder can merge its fields in
export interface ChannelSeams {}

/** Whether a channel runs with this configuration, and why (or why not), before anything starts. */
export interface ChannelPlan {
  on: boolean;
  reason: string;
}

/** The part of the configuration a channel reads: its own settings, under its id (config.telegram). */
export type OwnSettings<Id extends string, Settings> = { readonly [K in Id]: Settings };

/** A line to keep last among the start-up lines while the channel runs, with the log fields it carries. */
export interface StartupNotice {
  fields: Record<string, unknown>;
  line: string;
}

/** One channel: its settings, capabilities, send pace and when it runs. */
export interface ChannelModule<Id extends string = string, Settings = unknown> {
  id: Id;
  /** The environment variables it reads and what it makes of them (config.<id>); mirrored in .env.example. */
  settings: ChannelSettings<z.core.$ZodShape, Settings>;
  capabilities: ChannelCapabilities;
  /** The pace the outbox keeps on this channel (the sender may add its own, e.g. WhatsApp's typing). */
  sendLimits(config: OwnSettings<Id, Settings>): RateLimits;
  /** Whether to start it and why; `othersWanted` says whether a channel that is no stand-in runs too. */
  plan(config: OwnSettings<Id, Settings>, p: { seams: ChannelSeams; othersWanted: boolean }): ChannelPlan;
  /** A stand-in (the browser simulator) is planned after the others, and does not count as another channel. */
  standIn?: boolean;
  /** What the start-up failure reason adds after the error ("check TELEGRAM_BOT_TOKEN ..."). */
  startFailureHint?: string;
  /** How log lines name it ("email channel", "local mode"). */
  logName: string;
  /**
   * What a person starting the service should see last while it runs, also after late lines of channels still
   * connecting (local mode: the page's address); `host` and `port` are where the HTTP server listens.
   */
  startupNotice?(where: { host: string; port: number; locale: Locale }): Promise<StartupNotice>;
}

/** Keeps a module's id a literal type (so the list yields the Channel union) and checks its shape. */
export function defineChannelModule<const Id extends string, Settings>(module: ChannelModule<Id, Settings>): ChannelModule<Id, Settings> {
  return module;
}
