// GET /dasbor/arsip lists the archived cases a viewer may see (archiveScope.ts), newest first; POST searches
// them by case number, or by client name where the viewer may see names (the case's counsellor). The search
// posts (with the session's form token) so a client's name never sits in a URL, a browser history or a proxy log.
import type { App } from "../../app/openApp.ts";
import type { DashboardTexts } from "../../i18n/dashboard.ts";
import { archiveRights, archiveScopes, archiveWhere } from "./archiveScope.ts";
import { formatWhen } from "./dashboardFormat.ts";
import type { Viewer } from "./dashboardViewer.ts";
import { flowTitle } from "./flowLabels.ts";
import { html } from "./html.ts";
import { formTokenField, renderPage, withLang } from "./pageLayout.ts";

/** How many cases one page lists. */
export const ARCHIVE_PAGE_SIZE = 100;
/** How many of a counsellor's archived cases a name search reads (names are encrypted: matched here, not in SQL). */
const NAME_SCAN_LIMIT = 5000;

/** What was asked: everything, one case number, or words of a client's name. */
export type ArchiveQuery = { kind: "all" } | { kind: "number"; number: number; text: string } | { kind: "name"; words: string[]; text: string };

/** A name as it is compared: no accents, lower case, single spaces. */
export function normaliseName(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
}

/** Reads the search box ("12", "#12", or a name); anything else lists the whole archive. */
export function parseArchiveQuery(raw: unknown): ArchiveQuery {
  const text = typeof raw === "string" ? raw.trim().slice(0, 100) : "";
  const number = /^#?\s*(\d{1,9})$/.exec(text);
  if (number) return { kind: "number", number: Number(number[1]), text };
  const words = normaliseName(text)
    .split(" ")
    .filter((w) => w.length > 0);
  return words.length && normaliseName(text).length >= 2 ? { kind: "name", words, text } : { kind: "all" };
}

/** One archived case as the list shows it; `clientName` only where the viewer may see it. */
export interface ArchiveRow {
  number: number;
  orgId: string;
  flowId: string;
  counsellorName: string | null;
  openedAt: Date;
  closedAt: Date | null;
  mayName: boolean;
  clientName: string | null;
}

/** The archived cases matching a query that the viewer may see; `more` when the page was cut at its size. */
export async function loadArchive(app: App, p: { viewer: Viewer; query: ArchiveQuery }): Promise<{ rows: ArchiveRow[]; more: boolean }> {
  const prisma = app.db.prisma;
  const where = { ...archiveWhere(archiveScopes(p.viewer)), ...(p.query.kind === "number" ? { number: p.query.number } : {}) };
  const found = await prisma.case.findMany({
    where,
    orderBy: { number: "desc" },
    take: p.query.kind === "name" ? NAME_SCAN_LIMIT : ARCHIVE_PAGE_SIZE + 1,
    select: {
      number: true,
      orgId: true,
      flowId: true,
      clientId: true,
      counsellorId: true,
      openedAt: true,
      closedAt: true,
      counsellor: { select: { displayName: true } },
    },
  });
  // The policy has the last word on every row; names are read only for the rows it lets the viewer name.
  const allowed = found
    .map((c) => ({ c, rights: archiveRights(p.viewer, { orgId: c.orgId, clientId: c.clientId, counsellorId: c.counsellorId }) }))
    .filter((x) => x.rights.view && (p.query.kind !== "name" || x.rights.name));
  const nameIds = [...new Set(allowed.filter((x) => x.rights.name).map((x) => x.c.clientId))];
  const clients = nameIds.length
    ? await prisma.person.findMany({ where: { id: { in: nameIds }, erasedAt: null }, select: { id: true, displayName: true } })
    : [];
  const names = new Map(clients.map((c) => [c.id, c.displayName]));
  let rows: ArchiveRow[] = allowed.map(({ c, rights }) => ({
    number: c.number,
    orgId: c.orgId,
    flowId: c.flowId,
    counsellorName: c.counsellor?.displayName ?? null,
    openedAt: c.openedAt,
    closedAt: c.closedAt,
    mayName: rights.name,
    clientName: rights.name ? (names.get(c.clientId) ?? null) : null,
  }));
  if (p.query.kind === "name") {
    const words = p.query.words;
    rows = rows.filter((r) => r.clientName !== null && words.every((w) => normaliseName(r.clientName!).includes(w)));
  }
  return { rows: rows.slice(0, ARCHIVE_PAGE_SIZE), more: rows.length > ARCHIVE_PAGE_SIZE };
}

/** The archive page: the search form, then one section per organisation. */
export async function renderArchivePage(p: { app: App; viewer: Viewer; query: ArchiveQuery; t: DashboardTexts }): Promise<string> {
  const { app, viewer, query, t } = p;
  const { rows, more } = await loadArchive(app, { viewer, query });
  const scopes = archiveScopes(viewer);
  const searchesNames = scopes.some((s) => s.counsellorId);
  const unitWide = scopes.some((s) => !s.counsellorId);
  const text = query.kind === "all" ? "" : query.text;
  const form = html`<form method="post" action="${withLang("/dasbor/arsip", t)}" class="search">
${formTokenField(viewer.formToken)}
<label for="q">${t.searchArchive}</label>
<input type="search" id="q" name="q" value="${text}" maxlength="100" placeholder="${searchesNames ? t.searchNumberOrName : t.searchNumber}">
<button type="submit">${t.searchButton}</button>
</form>
${unitWide ? html`<p class="muted">${t.namesOnlyForCounsellor}</p>` : ""}`;

  const sections = scopes.map((scope) => {
    const organisation = app.flows.organisations.get(scope.orgId);
    const mine = rows.filter((r) => r.orgId === scope.orgId);
    const names = mine.some((r) => r.mayName);
    const body = mine.length
      ? html`<div class="scroll"><table class="archive">
<thead><tr><th>${t.caseNo}</th>${names ? html`<th>${t.clientName}</th>` : ""}<th>${t.flow}</th><th>${t.counsellor}</th><th>${t.opened}</th><th>${t.closed}</th></tr></thead>
<tbody>${mine.map(
          (r) => html`<tr data-case="${r.number}">
<td><a href="${withLang(`/dasbor/kasus/${r.number}`, t)}">#${r.number}</a></td>
${names ? html`<td class="text">${r.clientName ?? t.none}</td>` : ""}
<td class="text">${flowTitle(app, r.flowId, t)}</td>
<td>${r.counsellorName ?? t.none}</td>
<td class="when">${formatWhen(r.openedAt, organisation?.calendar, t)}</td>
<td class="when">${formatWhen(r.closedAt, organisation?.calendar, t)}</td>
</tr>`,
        )}</tbody>
</table></div>`
      : html`<p class="muted">${query.kind === "all" ? t.noArchived : t.noArchiveMatch({ query: query.text })}</p>`;
    return html`<section class="org" data-org="${scope.orgId}"><h2>${organisation?.name ?? scope.orgId}</h2>
<p class="muted">${scope.counsellorId ? t.archiveOfYours : t.archiveOfUnit}</p>
${body}</section>`;
  });
  const body = html`${form}${sections.length ? sections : html`<p>${t.noOrganisations}</p>`}${more ? html`<p class="muted">${t.archiveShowing({ count: ARCHIVE_PAGE_SIZE })}</p>` : ""}
<p class="actions"><a href="${withLang("/dasbor", t)}">← ${t.home}</a></p>`;
  return renderPage({ t, title: t.archiveTitle, path: "/dasbor/arsip", viewer, body });
}
