// Hands a message to a running service and, when it is kept to be handled later (an over-long message's parts, or one
// over the sender's pace), runs the service's inbound backlog until the chat has nothing waiting: so a test that
// looks at what one message did sees it all. A message kept because its handling failed is left as it is (the
// caller decides whether that is a problem: it is retried later, with backoff).
import type { InboundMessage } from "../../src/channels/inboundMessage.ts";
import type { Service } from "../../src/app/startService.ts";
import type { InboundOutcome } from "../../src/dialogs/handleInbound.ts";
import type { Prisma } from "../../src/store/database.ts";

export async function handleNow(service: Service, prisma: Prisma, msg: InboundMessage): Promise<InboundOutcome> {
  const outcome = await service.handleInbound(msg);
  if (!outcome.kept || outcome.kept === "failed") return outcome;
  const waiting = () => prisma.inboundQueue.count({ where: { channel: msg.channel, address: msg.address, status: "waiting", attempts: 0 } });
  for (let pass = 0; pass < 100 && (await waiting()) > 0; pass++) await service.inboundBacklog.runOnce();
  return outcome;
}
