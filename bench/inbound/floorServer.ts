// The floor: a bare Node http server that does what any webhook design must (read the body, parse the
// JSON, one SQLite insert, answer 200) and nothing else. Same SQLite settings as the product (WAL,
// synchronous=NORMAL). Runs as a child process of the benchmark, like the product.
import http from "node:http";
import Database from "better-sqlite3";

const file = process.env.BENCH_FLOOR_DB;
if (!file || !process.send) throw new Error("floorServer runs as a child of the benchmark (BENCH_FLOOR_DB and an IPC channel)");

const db = new Database(file);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = NORMAL");
db.exec("CREATE TABLE IF NOT EXISTS updates (id INTEGER PRIMARY KEY, body TEXT NOT NULL, receivedAt TEXT NOT NULL)");
const insert = db.prepare("INSERT INTO updates (id, body, receivedAt) VALUES (?, ?, ?)");

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    try {
      const body = Buffer.concat(chunks).toString("utf8");
      const update = JSON.parse(body) as { update_id: number };
      insert.run(update.update_id, body, new Date().toISOString());
      res.writeHead(200).end();
    } catch {
      res.writeHead(500).end();
    }
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, "127.0.0.1", () => process.send!({ type: "ready", port: (server.address() as { port: number }).port }));
process.on("disconnect", () => process.exit(0));
process.on("SIGTERM", () => process.exit(0));
