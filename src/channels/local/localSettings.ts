// Local mode's one setting: LOCAL_CHANNEL=1 serves the browser chat simulator beside a real channel (without
// a real channel it runs anyway, so a fresh clone shows something).
import { defineChannelSettings } from "../channelSettings.ts";
import { flag } from "../envFields.ts";

export const localSettings = defineChannelSettings({
  variables: { LOCAL_CHANNEL: flag },
  read: (v) => ({ alwaysOn: v.LOCAL_CHANNEL }),
});

/** What config.local holds. */
export type LocalSettings = ReturnType<typeof localSettings.read>;
