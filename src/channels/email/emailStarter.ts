// How the email channel starts: imapflow, mailparser and nodemailer (some 30 MB) are loaded only then.
import type { ChannelStarter } from "../channelStart.ts";
import type { EmailChannel } from "./startEmailChannel.ts";

export const emailStarter: ChannelStarter<EmailChannel> = {
  async start(context): Promise<EmailChannel> {
    const { startEmailChannel } = await import("./startEmailChannel.ts");
    return startEmailChannel({
      config: context.app.config.email,
      prisma: context.app.db.prisma,
      fileStore: context.fileStore,
      handleInbound: context.handleInbound,
      log: context.log,
      afterQueue: context.kickOutbox,
      reconnect: context.seams.emailReconnect,
      hashKey: context.app.keys.hashKey,
      orgIds: context.app.flows.organisations.keys(),
      clock: context.clock,
      alertAdmins: context.alertAdmins,
    });
  },
};
