// The local demo page on the product's HTTP server: a server-rendered shell (one pane per person), a small
// script and stylesheet, a Server-Sent Events stream of transcript changes, and the page's posts handed
// to the local channel. Everything a person or the bot wrote reaches the page as JSON and is shown as text.
import { readFileSync } from "node:fs";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ServerResponse } from "node:http";
import type { LocalChannel } from "../channels/local/localChannel.ts";
import type { LocalHub } from "../channels/local/localHub.ts";
import { parseClientPane } from "../channels/local/localPanes.ts";
import { LOCAL_MAX_FILE_BYTES } from "../channels/local/localToInbound.ts";
import { localTextsFor, type LocalTexts } from "../i18n/local.ts";
import type { FileStore } from "../notify/fileStore.ts";
import { checkLocalRequest, hostAllowed, localPageCookie, tokenInAddress, type LocalPageAccess, type LocalRefusal } from "./localPageAccess.ts";

/** A demo staff member's pane as the shell shows it. */
export interface LocalPageStaff {
  pane: string;
  name: string;
  label: string;
  label_en?: string;
}

/** One organisation's tab: its client panes' name and its demo staff. */
export interface LocalPageOrg {
  id: string;
  name: string;
  /** The kind of client who opens cases here from the chat ("praja", "klien"...), for pane titles. */
  clientKind: string;
  staff: LocalPageStaff[];
}

/** What the page's routes read and call. */
export interface LocalPageOptions {
  hub: LocalHub;
  channel: LocalChannel;
  fileStore: FileStore;
  orgs: LocalPageOrg[];
  /** The token, host names and cookie flags every request is checked against (localPageAccess.ts). */
  access: LocalPageAccess;
}

// Beside this file (src/http/static/) under tsx; dist/static/ once bundled into dist/main.js or dist/cli.js,
// where scripts/build.mjs copies the folder.
const STATIC_DIR = new URL("./static/", import.meta.url);
const SCRIPT = readFileSync(new URL("local.js", STATIC_DIR), "utf8");
const STYLE = readFileSync(new URL("local.css", STATIC_DIR), "utf8");
const FAVICON = readFileSync(new URL("favicon.svg", STATIC_DIR));

const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; media-src 'self'; connect-src 'self'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const INLINE_IMAGE = /^image\/(png|jpeg|gif|webp)$/i;

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

function paneHtml(p: { pane: string; org: string; kind: "client" | "staff"; title: string; subtitle: string; t: LocalTexts }): string {
  const { t } = p;
  const badge = p.kind === "staff" ? ` <span class="badge">${escapeHtml(t.demoBadge)}</span>` : "";
  const start = p.kind === "client" ? `<button type="button" class="start">${escapeHtml(t.start)}</button>` : "";
  return `<article class="pane" data-pane="${escapeHtml(p.pane)}" data-org="${escapeHtml(p.org)}" data-kind="${p.kind}">
<header><h3>${escapeHtml(p.title)}${badge}</h3><p class="who">${escapeHtml(p.subtitle)}</p>${start}</header>
<ol class="log" aria-live="polite" data-empty="${escapeHtml(p.kind === "client" ? t.emptyClient : t.emptyStaff)}"></ol>
<p class="status" role="status"></p>
<form class="compose">
<div class="replying" hidden><span class="replying-text"></span><button type="button" class="cancel-reply">${escapeHtml(t.cancelReply)}</button></div>
<div class="file-chosen" hidden></div>
<div class="row"><textarea name="text" rows="1" placeholder="${escapeHtml(t.placeholder)}" aria-label="${escapeHtml(t.placeholder)}"></textarea>
<label class="attach" title="${escapeHtml(t.attach)}"><span aria-hidden="true">${escapeHtml(t.attachShort)}</span><span class="sr">${escapeHtml(t.attach)}</span><input type="file" name="file"></label>
<button type="submit">${escapeHtml(t.send)}</button></div>
</form>
</article>`;
}

/** The page shell: header, one tab per organisation, a pane per client and per demo staff person. */
export function renderLocalShell(p: { orgs: LocalPageOrg[]; clientPanes: string[]; lang: "id" | "en" }): string {
  const t = localTextsFor(p.lang);
  const kindLabel = (kind: string) => t.clientKinds[kind] ?? t.clientKinds.klien!;
  const tabs = p.orgs
    .map(
      (o, i) =>
        `<button type="button" role="tab" class="tab" data-tab="${escapeHtml(o.id)}" aria-selected="${i === 0}">${escapeHtml(o.id.toUpperCase())}</button>`,
    )
    .join("");
  const sections = p.orgs
    .map((o, i) => {
      const kind = kindLabel(o.clientKind);
      const clients = p.clientPanes
        .map((pane) => ({ pane, c: parseClientPane(pane) }))
        .filter((x) => x.c?.orgId === o.id)
        .sort((a, b) => a.c!.n - b.c!.n)
        .map((x) => paneHtml({ pane: x.pane, org: o.id, kind: "client", title: t.clientTitle({ kind, n: x.c!.n }), subtitle: t.clientRole, t }));
      const staff = o.staff.map((s) =>
        paneHtml({ pane: s.pane, org: o.id, kind: "staff", title: s.name, subtitle: (p.lang === "en" ? s.label_en : undefined) ?? s.label, t }),
      );
      return `<section class="org" data-org="${escapeHtml(o.id)}" data-client-kind="${escapeHtml(kind)}"${i === 0 ? "" : " hidden"}>
<div class="org-head"><h2>${escapeHtml(o.name)}</h2><button type="button" class="new-client">${escapeHtml(t.newClient({ kind }))}</button></div>
<div class="panes">
${[...clients, ...staff].join("\n")}
</div></section>`;
    })
    .join("\n");
  const labels = JSON.stringify({
    lang: t.lang,
    reply: t.reply,
    replyingTo: t.replyingTo,
    attached: t.attached,
    pressed: t.pressed,
    edited: t.edited,
    you: t.you,
    bot: t.bot,
    connected: t.connected,
    reconnecting: t.reconnecting,
    sendFailed: t.sendFailed,
    fileTooLarge: t.fileTooLarge({ maxKb: LOCAL_MAX_FILE_BYTES / 1024 }),
    maxFileBytes: LOCAL_MAX_FILE_BYTES,
    emptyClient: t.emptyClient,
    clientRole: t.clientRole,
    start: t.start,
    demoBadge: t.demoBadge,
  }).replace(/</g, "\\u003c");
  return `<!doctype html>
<html lang="${t.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t.title)}</title>
<link rel="icon" href="/local/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/local/local.css">
</head>
<body>
<header class="banner">
<div><h1>${escapeHtml(t.heading)} <span class="badge">${escapeHtml(t.demoBadge)}</span></h1>
<p class="notice">${escapeHtml(t.demoNotice)}</p></div>
<div class="banner-side"><a class="lang" href="${escapeHtml(t.switchLanguageHref)}">${escapeHtml(t.switchLanguage)}</a><span class="conn" role="status"></span></div>
</header>
<noscript><p class="notice">${escapeHtml(t.noScript)}</p></noscript>
<nav class="tabs" role="tablist" aria-label="${escapeHtml(t.tabsLabel)}">${tabs}</nav>
<main>
${sections}
</main>
<script type="application/json" id="labels">${labels}</script>
<script type="module" src="/local/local.js"></script>
</body>
</html>`;
}

/** What a refused request is told (never the token): a reason a person can act on. */
const REFUSED: Record<Exclude<LocalRefusal, null>, { status: number; error: string }> = {
  "foreign-host": { status: 403, error: "this page answers only to the address it was started at (127.0.0.1, localhost, HTTP_HOST or PUBLIC_BASE_URL)" },
  "foreign-origin": { status: 403, error: "requests to the local page must come from the page itself" },
  "no-token": { status: 401, error: "open the local page from the full address printed at start-up (with ?token=...)" },
};

/** The page without its token: where to find the full address, and nothing else. */
function tokenNeededPage(lang: "id" | "en"): string {
  const t = localTextsFor(lang);
  return `<!doctype html>
<html lang="${t.lang}"><head><meta charset="utf-8"><title>${escapeHtml(t.tokenNeededTitle)}</title></head>
<body><h1>${escapeHtml(t.tokenNeededTitle)}</h1><p>${escapeHtml(t.tokenNeeded)}</p></body></html>`;
}

/** Mounts the page and its endpoints on the server; returns a function ending every open event stream. */
export function registerLocalPage(server: FastifyInstance, options: LocalPageOptions): () => void {
  const { hub, channel, access } = options;
  const streams = new Set<ServerResponse>();
  const endStreams = () => {
    for (const res of streams) res.end();
    streams.clear();
  };
  server.addHook("preClose", async () => endStreams());

  /** Refuses a request that may not read or change the page's state (answered here); true when it may. */
  const admitted = (request: FastifyRequest, reply: FastifyReply): boolean => {
    const why = checkLocalRequest(request, access);
    if (why === null) return true;
    void reply.code(REFUSED[why].status).header("cache-control", "no-store").send({ ok: false, error: REFUSED[why].error });
    return false;
  };
  /** The page's own files hold no state: only the Host is checked (a rebinding page gets nothing). */
  const servedHere = (request: FastifyRequest, reply: FastifyReply): boolean => {
    if (hostAllowed(request.headers.host, access)) return true;
    void reply.code(403).send({ ok: false, error: REFUSED["foreign-host"].error });
    return false;
  };

  server.get("/", async (request, reply) => {
    const lang = (request.query as { lang?: string }).lang === "en" ? "en" : "id";
    // The shell holds no state (the transcripts come from /local/state), so a link from elsewhere may open it:
    // the Host and the token are checked, not where the navigation started.
    const why = checkLocalRequest(request, access, { tokenFromAddress: true, anyOrigin: true });
    reply.header("x-content-type-options", "nosniff").header("referrer-policy", "no-referrer").header("cache-control", "no-store");
    if (why === "no-token")
      return reply.code(401).header("content-type", "text/html; charset=utf-8").header("content-security-policy", PAGE_CSP).send(tokenNeededPage(lang));
    if (why !== null) return reply.code(REFUSED[why].status).send({ ok: false, error: REFUSED[why].error });
    // The token came in the address: from now on the cookie carries it (the page's script drops it from the address).
    if (tokenInAddress(request) !== undefined) reply.header("set-cookie", localPageCookie(access));
    const clientPanes = hub.panes().filter((pane) => parseClientPane(pane) !== null);
    return reply
      .header("content-type", "text/html; charset=utf-8")
      .header("content-security-policy", PAGE_CSP)
      .send(renderLocalShell({ orgs: options.orgs, clientPanes, lang }));
  });
  server.get("/local/local.js", async (request, reply) => {
    if (!servedHere(request, reply)) return reply;
    return reply.header("content-type", "text/javascript; charset=utf-8").header("cache-control", "no-cache").send(SCRIPT);
  });
  server.get("/local/local.css", async (request, reply) => {
    if (!servedHere(request, reply)) return reply;
    return reply.header("content-type", "text/css; charset=utf-8").header("cache-control", "no-cache").send(STYLE);
  });
  // The page names its icon; /favicon.ico is what browsers and tools ask for without reading the page.
  const sendFavicon = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!servedHere(request, reply)) return reply;
    return reply
      .header("content-type", "image/svg+xml")
      .header("x-content-type-options", "nosniff")
      .header("cache-control", "public, max-age=86400")
      .send(FAVICON);
  };
  server.get("/local/favicon.svg", sendFavicon);
  server.get("/favicon.ico", sendFavicon);
  server.get("/local/state", async (request, reply) => {
    if (!admitted(request, reply)) return reply;
    return reply.header("cache-control", "no-store").send(hub.snapshot());
  });

  server.get("/local/events", (request, reply) => {
    if (!admitted(request, reply)) return reply;
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    });
    const write = (event: unknown) => res.write(`data: ${JSON.stringify(event)}\n\n`);
    res.write("retry: 1500\n\n");
    write(hub.snapshot());
    const unsubscribe = hub.subscribe(write);
    const ping = setInterval(() => res.write(": ping\n\n"), 15_000);
    streams.add(res);
    request.raw.on("close", () => {
      clearInterval(ping);
      unsubscribe();
      streams.delete(res);
    });
  });

  server.post("/local/send", { bodyLimit: Math.ceil(LOCAL_MAX_FILE_BYTES * 1.4) + 16_384 }, async (request, reply) => {
    if (!admitted(request, reply)) return reply;
    const receipt = await channel.receive(request.body);
    return reply.code(receipt.status).send(receipt.body);
  });

  server.post("/local/panes", async (request, reply) => {
    if (!admitted(request, reply)) return reply;
    const org = (request.body as { org?: unknown } | null)?.org;
    const pane = typeof org === "string" ? channel.openClientPane(org) : null;
    if (!pane) return reply.code(404).send({ ok: false, error: "unknown organisation; see flows/organisations.yaml" });
    return reply.send({ ok: true, pane });
  });

  server.get("/local/files/:pane/:entry/:index", async (request, reply) => {
    if (!admitted(request, reply)) return reply;
    const { pane, entry, index } = request.params as { pane: string; entry: string; index: string };
    const attachment = hub.find(pane, entry)?.attachments[Number(index)];
    if (!attachment) return reply.code(404).send({ error: "no such attachment in this pane" });
    let file;
    try {
      file = await options.fileStore.load(attachment.ref);
    } catch (error) {
      return reply.code(404).send({ error: `the file is no longer available (${(error as Error).message})` });
    }
    const type = file.mimeType ?? attachment.mimeType ?? "application/octet-stream";
    const inline = INLINE_IMAGE.test(type);
    const name = encodeURIComponent(file.name ?? attachment.name);
    return reply
      .header("content-type", inline ? type : "application/octet-stream")
      .header("content-disposition", `${inline ? "inline" : "attachment"}; filename*=UTF-8''${name}`)
      .header("content-security-policy", "default-src 'none'; sandbox")
      .header("x-content-type-options", "nosniff")
      .header("cache-control", "private, max-age=3600")
      .send(file.bytes);
  });

  return endStreams;
}
