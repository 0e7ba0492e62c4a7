// A TCP port that refuses connections until opened, then forwards them to a real server, and can cut every
// connection at once: PostgreSQL "down" and "up" for a test without stopping the shared server.
import { createServer, connect, type Server, type Socket } from "node:net";
import { freshDatabase, PG_URL } from "./databases.ts";

export interface TcpProxy {
  /** The port the proxy listens on when open (reserved at creation). */
  port: number;
  /** Starts accepting and forwarding. */
  open(): Promise<void>;
  /** Stops accepting and cuts every forwarded connection, as a stopped server would. */
  close(): Promise<void>;
}

/** A proxy to target, closed at first (connections to its port are refused). */
export async function createTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  const listen = async (port: number): Promise<Server> => {
    const s = createServer((client) => {
      const upstream = connect(target.port, target.host);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on("error", () => socket.destroy());
        socket.on("close", () => sockets.delete(socket));
      }
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      s.once("error", reject);
      s.listen(port, "127.0.0.1", resolve);
    });
    return s;
  };
  const close = async () => {
    const s = server;
    server = undefined;
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    if (s) await new Promise((resolve) => s.close(resolve));
  };
  // Reserve a free port, then let it go: nothing listens there until open().
  server = await listen(0);
  const port = (server.address() as { port: number }).port;
  await close();
  return {
    port,
    async open() {
      server ??= await listen(port);
    },
    close,
  };
}

/**
 * A fresh database on the test PostgreSQL server (PINTU_TEST_PG_URL), and its URL through a proxy that is closed
 * at first: the server "down" until proxy.open().
 */
export async function proxiedTestDatabase(): Promise<{ proxy: TcpProxy; url: URL }> {
  const server = new URL(PG_URL!);
  const proxy = await createTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
  const url = new URL((await freshDatabase("postgres")).url);
  url.host = `127.0.0.1:${proxy.port}`;
  return { proxy, url };
}
