// How local mode starts, and what happens when it stays off (its demo staff are retired).
import type { ChannelStarter } from "../channelStart.ts";
import type { LocalMode } from "./startLocalMode.ts";

export const localStarter: ChannelStarter<LocalMode> = {
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
};
