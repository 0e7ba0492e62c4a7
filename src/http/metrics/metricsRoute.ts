// GET /metrics for a Prometheus scraper. With METRICS_TOKEN set it asks for "Authorization: Bearer <token>";
// either way the proxy in front keeps /metrics internal (deploy/README.md).
import type { FastifyInstance } from "fastify";
import { bearerMatches } from "../bearerToken.ts";
import type { ServiceMetrics } from "./serviceMetrics.ts";

/** Serves the service's metrics at /metrics. */
export function mountMetrics(server: FastifyInstance, p: { metrics: ServiceMetrics; token?: string }): void {
  server.get("/metrics", async (request, reply) => {
    if (p.token && !bearerMatches(request.headers.authorization, p.token)) {
      return reply.code(401).header("www-authenticate", 'Bearer realm="metrics"').send("/metrics needs Authorization: Bearer <METRICS_TOKEN>\n");
    }
    const { contentType, text } = await p.metrics.scrape();
    return reply.header("content-type", contentType).header("cache-control", "no-store").send(text);
  });
}
