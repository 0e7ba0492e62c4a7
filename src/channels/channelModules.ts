// The one list of channels. Adding a channel is a folder under src/channels/ with its module and its starter, a
// line here and a line in channelStarters.ts (the compiler asks for it); the Channel union, its settings in the
// configuration (and src/config.ts's check of them), the status lines, the outbox's pace, the start-up notices
// and the capabilities the dialogs ask for follow.
import { NO_CAPABILITIES, type ChannelCapabilities, type ChannelPlan, type ChannelSeams, type StartupNotice } from "./channelModule.ts";
import { emailModule } from "./email/emailModule.ts";
import { localModule } from "./local/localModule.ts";
import { telegramModule } from "./telegram/telegramModule.ts";
import { whatsappModule } from "./whatsapp/whatsappModule.ts";
import type { Locale } from "../i18n/index.ts";

/** Every channel, in the order they start, are listed on /healthz and are stopped. */
export const channelModules = [telegramModule, whatsappModule, emailModule, localModule] as const;

export type ChannelModules = (typeof channelModules)[number];
export type Channel = ChannelModules["id"];
export const CHANNELS = channelModules.map((m) => m.id) as [Channel, ...Channel[]];

/** Each channel's settings under its id (config.telegram), typed from what its module's settings read. */
export type ChannelConfigs = { [M in ChannelModules as M["id"]]: ReturnType<M["settings"]["read"]> };

const capabilities = new Map<string, ChannelCapabilities>(channelModules.map((m) => [m.id, m.capabilities]));

/** What a channel can do (a stored row's channel may be one this release no longer has: it can do nothing special). */
export function capabilitiesOf(channel: string): ChannelCapabilities {
  return capabilities.get(channel) ?? NO_CAPABILITIES;
}

/** One line per channel saying whether it is on, and why not when it is off. */
export interface ChannelState extends ChannelPlan {
  channel: Channel;
}

/** What each channel will do with this configuration, before anything is started (stand-ins after the others). */
export function planChannels(config: ChannelConfigs, seams: ChannelSeams = {}): ChannelState[] {
  const plans = new Map<Channel, ChannelPlan>();
  for (const m of channelModules) if (!m.standIn) plans.set(m.id, m.plan(config, { seams, othersWanted: false }));
  const othersWanted = [...plans.values()].some((p) => p.on);
  for (const m of channelModules) if (m.standIn) plans.set(m.id, m.plan(config, { seams, othersWanted }));
  return channelModules.map((m) => ({ channel: m.id, ...plans.get(m.id)! }));
}

/** The notices of the channels that run (local mode's page address), for the composition root to keep last. */
export async function startupNotices(states: ChannelState[], where: { host: string; port: number; locale: Locale }): Promise<StartupNotice[]> {
  const notices: StartupNotice[] = [];
  for (const m of channelModules) {
    if (m.startupNotice && states.some((s) => s.channel === m.id && s.on)) notices.push(await m.startupNotice(where));
  }
  return notices;
}
