// One log line per HTTP request: method, path, status and duration. The path is the route's pattern when one
// matched (/dasbor/masuk/:token, never the token) and never carries the query string; bodies are never logged.
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Logger } from "../logger.ts";

/** The longest unmatched path written as it came (a 404 for a long made-up address). */
const MAX_PATH_CHARS = 200;

/** What a request's line says its path was. */
export function loggedPath(request: Pick<FastifyRequest, "url" | "routeOptions">): string {
  const route = request.routeOptions.url;
  if (route) return route;
  const path = request.url.split("?")[0]!;
  return path.length > MAX_PATH_CHARS ? `${path.slice(0, MAX_PATH_CHARS)}…` : path;
}

/** Adds the access log to a server; server errors (5xx) are logged as errors. */
export function logRequests(server: FastifyInstance, log: Logger): void {
  server.addHook("onResponse", async (request, reply) => {
    const line = { method: request.method, path: loggedPath(request), status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 };
    const msg = `${line.method} ${line.path} ${line.status} in ${line.ms} ms`;
    if (reply.statusCode >= 500) log.error(line, msg);
    else log.info(line, msg);
  });
}
