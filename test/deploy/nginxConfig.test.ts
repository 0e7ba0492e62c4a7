// deploy/nginx-pintu-konseling.conf run by a real nginx (on unix sockets, with a throwaway certificate, in front
// of a stand-in for the service): /metrics and /healthz are refused from outside however they are spelled, the
// rest reaches the service over TLS, and plain http moves to https. Skipped, saying why, without nginx or openssl.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, request as httpRequest, type Server } from "node:http";
import { request as httpsRequest } from "node:https";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const has = (command: string) => spawnSync("sh", ["-c", `command -v ${command}`]).status === 0;
const NGINX = spawnSync("sh", ["-c", "command -v nginx || ls /usr/sbin/nginx"], { encoding: "utf8" }).stdout.trim().split("\n")[0] ?? "";

async function waitForSocket(path: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(path, () => {
        socket.end();
        resolve(true);
      }).on("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`nothing listens on ${path}`);
}

function get(p: { tls: boolean; socketPath: string; path: string }): Promise<{ status: number; body: string; location?: string }> {
  return new Promise((resolve, reject) => {
    const options = {
      socketPath: p.socketPath,
      path: p.path,
      headers: { host: "konseling.example.ac.id" },
      servername: "konseling.example.ac.id",
      rejectUnauthorized: false,
    };
    const req = (p.tls ? httpsRequest : httpRequest)(options, (res) => {
      let body = "";
      res.setEncoding("utf8").on("data", (d: string) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, location: res.headers.location }));
    });
    req.on("error", reject).end();
  });
}

describe("the nginx example", () => {
  if (!NGINX || !has("openssl")) return void it.skip("nginx or openssl is not installed here (Debian packages: nginx, openssl)", () => {});

  const dir = mkdtempSync(join(tmpdir(), "pintu-nginx-"));
  let upstream: Server;
  let nginx: ChildProcess | undefined;
  const httpSocket = join(dir, "http.sock");
  const httpsSocket = join(dir, "https.sock");

  beforeAll(async () => {
    upstream = createServer((req, res) => res.end(`service saw ${req.url}`));
    await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
    const servicePort = (upstream.address() as { port: number }).port;
    const cert = spawnSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        join(dir, "key.pem"),
        "-out",
        join(dir, "cert.pem"),
        "-days",
        "2",
        "-subj",
        "/CN=konseling.example.ac.id",
      ],
      { encoding: "utf8" },
    );
    expect(cert.status, cert.stderr).toBe(0);
    const site = readFileSync("deploy/nginx-pintu-konseling.conf", "utf8")
      .replace("server 127.0.0.1:8080;", `server 127.0.0.1:${servicePort};`)
      .replace(/^\s*listen \[::\]:.*$/gm, "")
      .replace("listen 80;", `listen unix:${httpSocket};`)
      .replace("listen 443 ssl http2;", `listen unix:${httpsSocket} ssl http2;`)
      .replace("/etc/letsencrypt/live/konseling.example.ac.id/fullchain.pem", join(dir, "cert.pem"))
      .replace("/etc/letsencrypt/live/konseling.example.ac.id/privkey.pem", join(dir, "key.pem"))
      .replace("root /var/www/html;", `root ${dir};`);
    writeFileSync(join(dir, "site.conf"), site);
    for (const sub of ["body", "proxy", "fastcgi", "uwsgi", "scgi"]) mkdirSync(join(dir, sub));
    const temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]
      .map((k, i) => `${k}_temp_path ${join(dir, ["body", "proxy", "fastcgi", "uwsgi", "scgi"][i]!)};`)
      .join(" ");
    writeFileSync(
      join(dir, "nginx.conf"),
      `daemon off; master_process off; pid ${join(dir, "nginx.pid")}; error_log ${join(dir, "error.log")};\n` +
        `events { worker_connections 64; }\nhttp { access_log off; ${temp}\ninclude ${join(dir, "site.conf")};\n}\n`,
    );
    const check = spawnSync(NGINX, ["-t", "-c", join(dir, "nginx.conf")], { encoding: "utf8" });
    expect(check.status, check.stderr).toBe(0);
    nginx = spawn(NGINX, ["-c", join(dir, "nginx.conf")], { stdio: "ignore" });
    await waitForSocket(httpsSocket);
  });

  afterAll(async () => {
    if (nginx && nginx.exitCode === null) {
      const exited = new Promise((resolve) => nginx!.on("exit", resolve));
      nginx.kill("SIGQUIT");
      await exited;
    }
    await new Promise((resolve) => upstream?.close(resolve));
  });

  it("refuses /metrics and /healthz from outside, however they are spelled", async () => {
    for (const path of ["/metrics", "/metrics?x=1", "/healthz", "/healthz?details=1", "//metrics", "/%6detrics", "/./healthz"]) {
      const answer = await get({ tls: true, socketPath: httpsSocket, path });
      expect(answer.status, path).toBe(403);
      expect(answer.body).not.toContain("service saw");
    }
  });

  it("passes everything else to the service over TLS, and sends plain http to https", async () => {
    expect(await get({ tls: true, socketPath: httpsSocket, path: "/dasbor?x=1" })).toMatchObject({ status: 200, body: "service saw /dasbor?x=1" });
    expect(await get({ tls: true, socketPath: httpsSocket, path: "/telegram/secret-path" })).toMatchObject({
      status: 200,
      body: "service saw /telegram/secret-path",
    });
    const plain = await get({ tls: false, socketPath: httpSocket, path: "/dasbor" });
    expect(plain.status).toBe(301);
    expect(plain.location).toBe("https://konseling.example.ac.id/dasbor");
  });
});
