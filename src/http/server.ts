// The product's HTTP server: /healthz now; the Telegram webhook, local mode and dashboard mount here later.
import Fastify, { type FastifyInstance } from "fastify";
import type { App } from "../app/openApp.ts";
import { planChannels, type ChannelState } from "../channels/channelModules.ts";
import { calendarHealth } from "./calendarHealth.ts";

/**
 * Health: database reachable, flows loaded, each channel's state, and whether the working calendar is complete
 * for the next 120 days of `clock` (a warning: only the database makes it 503).
 */
export function buildHttpServer(app: App, live: { clock: () => Date; channels?: () => ChannelState[] }): FastifyInstance {
  const server = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  server.get("/healthz", async (_request, reply) => {
    let database: { ok: boolean; kind: string; error?: string };
    try {
      await app.db.prisma.organisation.count();
      database = { ok: true, kind: app.db.target.kind };
    } catch (error) {
      database = { ok: false, kind: app.db.target.kind, error: (error as Error).message.split("\n")[0] };
    }
    const body = {
      ok: database.ok,
      database,
      flows: [...app.flows.flows.values()].map((f) => ({ id: f.id, steps: f.steps.length })),
      channels: live.channels ? live.channels() : planChannels(app.config),
      calendar: calendarHealth(app, live.clock()),
    };
    return reply.code(database.ok ? 200 : 503).send(body);
  });
  return server;
}
