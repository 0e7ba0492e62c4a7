// How the WhatsApp channel starts: baileys (some 65 MB) is loaded only then.
import type { ChannelStarter } from "../channelStart.ts";
import type { WhatsAppRuntime } from "./startWhatsApp.ts";

export const whatsappStarter: ChannelStarter<WhatsAppRuntime> = {
  async start(context): Promise<WhatsAppRuntime> {
    const { startWhatsApp } = await import("./startWhatsApp.ts");
    return startWhatsApp({
      config: context.app.config.whatsapp,
      prisma: context.app.db.prisma,
      fileStore: context.fileStore,
      handleInbound: context.handleInbound,
      alertAdmins: context.alertAdmins,
      clock: context.clock,
      log: context.log,
      keys: context.app.keys,
      socket: context.seams.whatsappSocket,
      baileys: context.seams.whatsappBaileys,
    });
  },
};
