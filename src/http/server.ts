// The product's HTTP server with /healthz; the channels' webhooks, local mode's page, the dashboard and /metrics mount here.
import Fastify, { type FastifyInstance } from "fastify";
import type { App } from "../app/openApp.ts";
import { planChannels, type ChannelState } from "../channels/channelModules.ts";
import { keysFingerprint } from "../privacy/index.ts";
import { bearerMatches } from "./bearerToken.ts";
import { calendarHealth } from "./calendarHealth.ts";
import { inboundHealth } from "./inboundHealth.ts";
import { databaseErrorCause } from "../store/databaseOutage.ts";

/**
 * Health. Anyone who reaches it learns up (200) or down (503: the database does not answer) and nothing more.
 * With "Authorization: Bearer <HEALTH_TOKEN>" it adds the details: the database, the flows, each channel's
 * state, whether the working calendar is complete for the next 120 days of `clock` (a warning: only the
 * database makes it 503), and which keys this instance encrypts with (their source, ids and a fingerprint, so
 * two instances on one database with different keys are seen at once).
 */
export function buildHttpServer(app: App, live: { clock: () => Date; channels?: () => ChannelState[] }): FastifyInstance {
  const server = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  const token = app.config.healthToken;
  server.get("/healthz", async (request, reply) => {
    let database: { ok: boolean; kind: string; error?: string };
    try {
      await app.db.prisma.organisation.count();
      database = { ok: true, kind: app.db.target.kind };
    } catch (error) {
      database = { ok: false, kind: app.db.target.kind, error: databaseErrorCause(error) };
    }
    const status = database.ok ? "up" : "down";
    reply.code(database.ok ? 200 : 503).header("cache-control", "no-store");
    if (!token || !bearerMatches(request.headers.authorization, token)) return reply.send({ status });
    const { keyring } = app.keys;
    return reply.send({
      status,
      ok: database.ok,
      database,
      flows: [...app.flows.flows.values()].map((f) => ({ id: f.id, steps: f.steps.length })),
      channels: live.channels ? live.channels() : planChannels(app.config),
      calendar: calendarHealth(app, live.clock()),
      inbound: await inboundHealth(app),
      keys: { source: keyring.source, activeKeyId: keyring.activeKeyId, keyIds: keyring.keyIds, fingerprint: keysFingerprint(app.keys) },
    });
  });
  return server;
}
