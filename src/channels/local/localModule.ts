// Local mode as the service sees it: the browser chat simulator edits its messages in place and takes the
// intake a question at a time. It stands in when no real channel is configured (a fresh clone must still show
// something) and runs beside them with LOCAL_CHANNEL=1; when it stays off, its demo staff are retired. While it
// runs, the page's address is the last start-up line a person sees.
import { defineChannelModule } from "../channelModule.ts";
import { localSettings } from "./localSettings.ts";

export const localModule = defineChannelModule({
  id: "local",
  settings: localSettings,
  capabilities: { canEdit: true, toasts: false, formIntake: false, threadsReplies: false },
  sendLimits: () => ({ perChatIntervalMs: 0, globalPerSecond: 1000 }),
  standIn: true,
  plan: (config, { othersWanted }) =>
    config.local.alwaysOn || !othersWanted
      ? { on: true, reason: config.local.alwaysOn ? "starting (LOCAL_CHANNEL=1)" : "starting: no other chat channel is configured" }
      : { on: false, reason: "a chat channel is configured; set LOCAL_CHANNEL=1 to add the browser chat simulator" },
  logName: "local mode",
  async startupNotice({ host, port, locale }) {
    const [{ localPageUrl }, { localTextsFor }] = await Promise.all([import("./localPageUrl.ts"), import("../../i18n/local.ts")]);
    const url = localPageUrl({ host, port });
    return { fields: { localPage: url }, line: localTextsFor(locale).startupLine({ url }) };
  },
});
