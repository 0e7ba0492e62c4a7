// The frame around every dashboard page: document head, the viewer's bar (name, language, logout) and
// the simple message pages (not logged in, bad link, not found) that share it.
import type { FastifyReply } from "fastify";
import type { DashboardTexts } from "../../i18n/dashboard.ts";
import { FORM_TOKEN_FIELD } from "./formToken.ts";
import { html, type SafeHtml } from "./html.ts";

/** Where the stylesheet is served (no session needed: it holds no data). */
export const STYLESHEET_PATH = "/dasbor/aset/dasbor.css";

/** `path` with the page language kept (only English is marked; Bahasa Indonesia is the default). */
export function withLang(path: string, t: DashboardTexts): string {
  if (t.lang !== "en") return path;
  return `${path}${path.includes("?") ? "&" : "?"}lang=en`;
}

/** Who is logged in, as the page's bar needs them: their name and their session's form token. */
export interface PageViewer {
  name: string | null;
  formToken: string;
}

/** A form's hidden token field (every dashboard form posts one; see formToken.ts). */
export function formTokenField(token: string): SafeHtml {
  return html`<input type="hidden" name="${FORM_TOKEN_FIELD}" value="${token}">`;
}

/** A whole page: head, the top bar (with the archive link and logout when someone is logged in), then `body`. */
export function renderPage(p: { t: DashboardTexts; title: string; path: string; viewer?: PageViewer; body: SafeHtml }): string {
  const { t } = p;
  const otherLang = t.lang === "en" ? p.path : `${p.path}${p.path.includes("?") ? "&" : "?"}lang=en`;
  const account = p.viewer
    ? html`<a href="${withLang("/dasbor/arsip", t)}">${t.archiveLink}</a>
<span class="who">${p.viewer.name ? t.signedInAs({ name: p.viewer.name }) : ""}</span>
<form method="post" action="${withLang("/dasbor/keluar", t)}" class="logout">${formTokenField(p.viewer.formToken)}<button type="submit">${t.logout}</button></form>`
    : "";
  return html`<!doctype html>
<html lang="${t.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>${p.title} · ${t.title}</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body>
<header class="bar">
<a class="brand" href="${withLang("/dasbor", t)}">${t.title}</a>
<nav class="account"><a href="${otherLang}" hreflang="${t.lang === "en" ? "id" : "en"}">${t.switchLanguage}</a>${account}</nav>
</header>
<main>
<h1>${p.title}</h1>
${p.body}
</main>
</body>
</html>`.text;
}

/** A short page with a title and paragraphs, sent with `status` (401, 403, 404, 409...). */
export function sendMessagePage(
  reply: FastifyReply,
  p: { t: DashboardTexts; status: number; title: string; lines: string[]; path: string; viewer?: PageViewer },
) {
  const body = html`${p.lines.map((line) => html`<p>${line}</p>`)}`;
  return reply
    .code(p.status)
    .type("text/html; charset=utf-8")
    .send(renderPage({ t: p.t, title: p.title, path: p.path, viewer: p.viewer, body }));
}

/** Sends a rendered page with 200. */
export function sendPage(reply: FastifyReply, page: string) {
  return reply.code(200).type("text/html; charset=utf-8").send(page);
}
