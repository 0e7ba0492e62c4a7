// The whole product in-process in local mode (LOCAL_CHANNEL=1, no other channel) on a fresh SQLite database,
// driven over HTTP exactly as the local page drives it: posts to /local/send, transcripts from /local/state,
// live changes from the /local/events stream.
import { openApp, type App } from "../../src/app/openApp.ts";
import { startService, type Service, type ServiceOptions } from "../../src/app/startService.ts";
import type { LocalEntryView, LocalEvent } from "../../src/channels/local/localHub.ts";
import { LOCAL_PAGE_COOKIE } from "../../src/http/localPageAccess.ts";
import { createLogger } from "../../src/logger.ts";
import { freshDatabase } from "../support/databases.ts";
import { TEST_HEALTH_TOKEN } from "../support/health.ts";

export interface LocalWorld {
  app: App;
  service: Service;
  env: Record<string, string>;
  /** The server's root (the base of the page's routes). */
  url: string;
  /** The page's address with this process's token, as printed at start-up. */
  pageUrl: string;
  /** The Cookie header the page's own requests carry once it was opened (the token). */
  cookie: string;
  /** fetch() of a path under the root as the page's script does it: with the page's cookie. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** Posts what the page would post; resolves with the HTTP status and JSON answer. */
  post(body: Record<string, unknown>): Promise<{ status: number; body: { ok: boolean; error?: string; toast?: string; duplicate?: boolean } }>;
  /** The pane's transcript as the page gets it. */
  entries(pane: string): Promise<LocalEntryView[]>;
  /** Waits until the pane has a bot message matching `pattern`, after the first `after` entries. */
  waitFor(pane: string, pattern: RegExp, options?: { after?: number; timeoutMs?: number }): Promise<LocalEntryView>;
  count(pane: string): Promise<number>;
  /** `pane` types `text`; resolves with the next bot message to `who` (default `pane`) matching `expected`. */
  say(pane: string, text: string, expected: RegExp, who?: string, extra?: Record<string, unknown>): Promise<LocalEntryView>;
  /** `pane` presses the button labelled `label` on its latest message that has it. */
  tap(pane: string, label: string, expected: RegExp, who?: string): Promise<LocalEntryView>;
  /** The opaque id of the latest button labelled `label` in a pane. */
  buttonId(pane: string, label: string): Promise<string>;
  /** Listens to the page's event stream. */
  listen(): Promise<{ events: LocalEvent[]; close(): void }>;
  restart(env?: Record<string, string>): Promise<void>;
  close(): Promise<void>;
}

export async function startLocalWorld(p: { env?: Record<string, string>; service?: Partial<ServiceOptions> } = {}): Promise<LocalWorld> {
  const target = await freshDatabase("sqlite");
  const env: Record<string, string> = {
    DATABASE_URL: target.url,
    HTTP_PORT: "0",
    LOG_LEVEL: "silent",
    LOCAL_CHANNEL: "1",
    DEADLINE_CHECK_SECONDS: "3600",
    INBOUND_BURST: "10000",
    HEALTH_TOKEN: TEST_HEALTH_TOKEN,
    ...p.env,
  };
  const log = createLogger("silent");
  const options: ServiceOptions = { log, deadlines: false, dispatcher: { baseBackoffMs: 50, pollMs: 100 }, ...p.service };
  let app = await openApp({ env });
  let service = await startService(app, options);
  let stopped = false;
  const base = () => `http://127.0.0.1:${service.port}`;

  const world: LocalWorld = {
    get app() {
      return app;
    },
    get service() {
      return service;
    },
    env,
    get url() {
      return `${base()}/`;
    },
    get pageUrl() {
      return service.local!.pageUrl;
    },
    get cookie() {
      return `${LOCAL_PAGE_COOKIE}=${new URL(service.local!.pageUrl).searchParams.get("token")}`;
    },
    fetch(path, init = {}) {
      return fetch(`${base()}${path}`, { ...init, headers: { ...(init.headers as Record<string, string> | undefined), cookie: world.cookie } });
    },
    async post(body) {
      const response = await world.fetch("/local/send", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      return { status: response.status, body: (await response.json()) as { ok: boolean; error?: string } };
    },
    async entries(pane) {
      const snapshot = (await (await world.fetch("/local/state")).json()) as Extract<LocalEvent, { type: "snapshot" }>;
      return snapshot.panes.find((x) => x.pane === pane)?.entries ?? [];
    },
    async count(pane) {
      return (await world.entries(pane)).length;
    },
    async waitFor(pane, pattern, options = {}) {
      const deadline = Date.now() + (options.timeoutMs ?? 8000);
      for (;;) {
        const list = await world.entries(pane);
        const found = list.slice(options.after ?? 0).find((e) => e.from === "bot" && pattern.test(e.text));
        if (found) return found;
        if (Date.now() > deadline) {
          const seen = list.map((e) => `  - ${e.from}: ${(e.pressed ?? e.text).slice(0, 140).replace(/\n/g, " ⏎ ")}`);
          throw new Error(`pane ${pane}: no bot message matching ${pattern} within the time. Messages so far:\n${seen.join("\n")}`);
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async say(pane, text, expected, who = pane, extra = {}) {
      const after = await world.count(who);
      const answer = await world.post({ pane, text, ...extra });
      if (!answer.body.ok) throw new Error(`pane ${pane}: the post was refused (${answer.status}): ${answer.body.error}`);
      return world.waitFor(who, expected, { after });
    },
    async buttonId(pane, label) {
      const list = await world.entries(pane);
      for (const e of [...list].reverse()) {
        const button = e.buttons.find((b) => b.label === label);
        if (button) return button.id;
      }
      throw new Error(`pane ${pane}: no message with a button "${label}"`);
    },
    async tap(pane, label, expected, who = pane) {
      const after = await world.count(who);
      const answer = await world.post({ pane, buttonId: await world.buttonId(pane, label) });
      if (!answer.body.ok) throw new Error(`pane ${pane}: pressing "${label}" was refused (${answer.status}): ${answer.body.error}`);
      return world.waitFor(who, expected, { after });
    },
    async listen() {
      const events: LocalEvent[] = [];
      const controller = new AbortController();
      const response = await world.fetch("/local/events", { signal: controller.signal });
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      void (async () => {
        try {
          for (;;) {
            const { value, done } = await reader.read();
            if (done) return;
            buffer += value;
            for (let cut = buffer.indexOf("\n\n"); cut >= 0; cut = buffer.indexOf("\n\n")) {
              const block = buffer.slice(0, cut);
              buffer = buffer.slice(cut + 2);
              const data = block
                .split("\n")
                .filter((l) => l.startsWith("data: "))
                .map((l) => l.slice(6))
                .join("\n");
              if (data) events.push(JSON.parse(data) as LocalEvent);
            }
          }
        } catch {
          // aborted
        }
      })();
      while (events.length === 0) await new Promise((r) => setTimeout(r, 10));
      return { events, close: () => controller.abort() };
    },
    async restart(newEnv) {
      if (!stopped) {
        await service.stop();
        await app.close();
      }
      if (newEnv) {
        for (const key of Object.keys(env)) if (key !== "DATABASE_URL") delete env[key];
        Object.assign(env, newEnv);
      }
      app = await openApp({ env });
      service = await startService(app, options);
      stopped = false;
    },
    async close() {
      if (stopped) return;
      stopped = true;
      await service.stop();
      await app.close();
    },
  };
  return world;
}

/** A praja registers in a client pane through the whole intake; resolves with the case number. */
export async function registerPraja(w: LocalWorld, pane: string, p: { name?: string; keluhan?: string } = {}): Promise<number> {
  await w.say(pane, "/start", /Apakah Anda setuju\?/);
  await w.tap(pane, "Setuju", /mendaftar sebagai/);
  await w.tap(pane, "Praja", /nama lengkap/);
  await w.say(pane, p.name ?? "Ana Putri", /NPP/);
  await w.say(pane, "310456", /Tingkat/);
  await w.tap(pane, "II", /kelas/);
  await w.say(pane, "Kelas A1", /kampus/i);
  await w.tap(pane, "Jatinangor", /Nomor HP/);
  await w.tap(pane, "Lewati", /email/i);
  await w.tap(pane, "Lewati", /keluhan/);
  await w.say(pane, p.keluhan ?? "Sulit tidur sejak ujian.", /Tercatat/);
  await w.tap(pane, "Selesai", /Periksa data/);
  const opened = await w.tap(pane, "Kirim", /Kasus #\d+/);
  return Number(/Kasus #(\d+)/.exec(opened.text)![1]);
}
