// POSTs Telegram updates to a webhook over keep-alive connections, the way Telegram delivers them
// (JSON body, the secret token header), and times each request from write to complete answer.
import http from "node:http";
import { performance } from "node:perf_hooks";

export interface WebhookClient {
  /** Sends one update; resolves with the HTTP status and the milliseconds it took. */
  post(update: unknown): Promise<{ status: number; ms: number }>;
  close(): void;
}

/** A client for `url` keeping up to `maxSockets` connections open. */
export function createWebhookClient(url: string, p: { secret?: string; maxSockets: number }): WebhookClient {
  const target = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: p.maxSockets, maxFreeSockets: p.maxSockets });
  return {
    post(update) {
      const body = Buffer.from(JSON.stringify(update));
      return new Promise((resolve, reject) => {
        const t = performance.now();
        const req = http.request(
          {
            agent,
            host: target.hostname,
            port: target.port,
            path: target.pathname,
            method: "POST",
            headers: {
              "content-type": "application/json",
              "content-length": body.length,
              ...(p.secret ? { "x-telegram-bot-api-secret-token": p.secret } : {}),
            },
          },
          (res) => {
            res.resume();
            res.once("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t }));
            res.once("error", reject);
          },
        );
        req.once("error", reject);
        req.end(body);
      });
    },
    close: () => agent.destroy(),
  };
}
