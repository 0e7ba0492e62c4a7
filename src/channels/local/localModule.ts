// Local mode as the service sees it: the browser chat simulator edits its messages in place and takes the
// intake a question at a time. It stands in when no real channel is configured (a fresh clone must still show
// something) and runs beside them with LOCAL_CHANNEL=1; when it stays off, its demo staff are retired.
import { defineChannelModule } from "../channelModule.ts";
import type { LocalMode } from "./startLocalMode.ts";

export const localModule = defineChannelModule({
  id: "local",
  capabilities: { canEdit: true, toasts: false, formIntake: false, threadsReplies: false },
  sendLimits: () => ({ perChatIntervalMs: 0, globalPerSecond: 1000 }),
  standIn: true,
  plan: (config, { othersWanted }) =>
    config.localChannel || !othersWanted
      ? { on: true, reason: config.localChannel ? "starting (LOCAL_CHANNEL=1)" : "starting: no other chat channel is configured" }
      : { on: false, reason: "a chat channel is configured; set LOCAL_CHANNEL=1 to add the browser chat simulator" },
  logName: "local mode",
  async start(context): Promise<LocalMode> {
    const { startLocalMode } = await import("./startLocalMode.ts");
    return startLocalMode({
      app: context.app,
      server: context.http,
      handleInbound: context.handleInbound,
      log: context.log,
      fileStore: context.fileStore,
      besideRealChannel: context.othersWanted,
    });
  },
  async stayOff({ app }) {
    const { retireDemoStaff } = await import("./demoStaff.ts");
    await retireDemoStaff(app.db.prisma);
    return "another chat channel runs; set LOCAL_CHANNEL=1 to add the browser chat simulator";
  },
});
