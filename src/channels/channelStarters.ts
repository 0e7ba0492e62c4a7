// How each listed channel starts, by id. Only the service reads this list (src/app/startService.ts); the
// configuration, the store and the dialogs read channelModules.ts, which reaches no code that runs a channel.
// A channel in channelModules.ts without a starter here is a compile error.
import type { Channel } from "./channelModules.ts";
import type { ChannelStarter } from "./channelStart.ts";
import { emailStarter } from "./email/emailStarter.ts";
import { localStarter } from "./local/localStarter.ts";
import { telegramStarter } from "./telegram/telegramStarter.ts";
import { whatsappStarter } from "./whatsapp/whatsappStarter.ts";

export const channelStarters = {
  telegram: telegramStarter,
  whatsapp: whatsappStarter,
  email: emailStarter,
  local: localStarter,
} satisfies { [Id in Channel]: ChannelStarter };

export type ChannelStarters = typeof channelStarters;
