// The staff dashboard on the service's HTTP server, under /dasbor: every page needs a session (no anonymous
// access), every answer carries the security headers, and every case or document is checked with the policy.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { decide } from "../../core/policy.ts";
import { dashboardTextsFor, type DashboardTexts } from "../../i18n/dashboard.ts";
import { parseArchiveQuery, renderArchivePage } from "./archivePage.ts";
import { caseTarget, findCaseByNumber, renderCasePage } from "./casePage.ts";
import { recordCaseView, recordRefusal } from "./dashboardAudit.ts";
import type { DashboardDeps } from "./dashboardDeps.ts";
import { DASHBOARD_CSS } from "./dashboardStyle.ts";
import { viewerOf, type Viewer } from "./dashboardViewer.ts";
import { sendDocument } from "./documentDownload.ts";
import { refusedPost, sendRefusedPost } from "./formPostGuard.ts";
import { renderHomePage } from "./homePage.ts";
import { registerLoginRoutes } from "./loginRoutes.ts";
import { sendMessagePage, sendPage, STYLESHEET_PATH } from "./pageLayout.ts";
import { renderRecapCsv } from "./recapCsv.ts";
import { recapRowsForViewer } from "./recapRows.ts";
import { applySecurityHeaders } from "./securityHeaders.ts";
import { mountTransportSecurity, plainHttpWarning } from "../transportSecurity.ts";

type Handler = (request: FastifyRequest, reply: FastifyReply, ctx: { viewer: Viewer; t: DashboardTexts }) => Promise<unknown>;

const textsOf = (request: FastifyRequest) => dashboardTextsFor((request.query as { lang?: string } | undefined)?.lang);

/** Wraps a handler so it runs only for a logged-in staff member; everyone else gets 401 (or 403 without a staff role). */
function withViewer(deps: DashboardDeps, handler: Handler) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const t = textsOf(request);
    const lookup = await viewerOf(deps, request);
    if (lookup.kind === "anonymous")
      return sendMessagePage(reply, { t, status: 401, title: t.notLoggedInTitle, lines: [t.notLoggedIn, t.howToLogin], path: "/dasbor" });
    if (lookup.kind === "noRole") return sendMessagePage(reply, { t, status: 403, title: t.noRoleTitle, lines: [t.noRole], path: "/dasbor" });
    return handler(request, reply, { viewer: lookup.viewer, t });
  };
}

/** The date (YYYY-MM-DD) in the first organisation's zone, for file names. */
function localDate(deps: DashboardDeps, now: Date): string {
  const zone = deps.app.flows.organisations.values().next().value?.calendar.timeZone ?? "Asia/Jakarta";
  return new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** Mounts the dashboard's routes under /dasbor (call before the server listens). */
export function mountDashboard(server: FastifyInstance, deps: DashboardDeps): void {
  const log = deps.log.child({ module: "dashboard" });
  // Staff reach this server for the dashboard: over https, every answer (not only /dasbor's) says to stay on it.
  mountTransportSecurity(server, deps.app.config);
  const plainHttp = plainHttpWarning(deps.app.config);
  if (plainHttp) log.warn(plainHttp);
  void server.register(
    async (scope) => {
      scope.addHook("onSend", async (_request, reply, payload) => {
        applySecurityHeaders(reply);
        return payload;
      });
      // The forms post urlencoded; only their token field is read (see formToken.ts).
      if (!scope.hasContentTypeParser("application/x-www-form-urlencoded")) {
        scope.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string", bodyLimit: 4096 }, (_request, body, done) =>
          done(null, Object.fromEntries(new URLSearchParams(typeof body === "string" ? body : body.toString("utf8")))),
        );
      }
      scope.setErrorHandler(async (error, request, reply) => {
        // The error's name and code only: a database message can quote values.
        log.error(
          { err: { name: (error as Error).name, code: (error as { code?: string }).code }, route: request.routeOptions.url },
          "dashboard request failed",
        );
        const t = textsOf(request);
        return sendMessagePage(reply, { t, status: 500, title: t.errorTitle, lines: [t.error], path: "/dasbor" });
      });
      scope.setNotFoundHandler(
        withViewer(deps, async (_request, reply, { viewer, t }) =>
          sendMessagePage(reply, { t, status: 404, title: t.notFoundTitle, lines: [t.notFound], path: "/dasbor", viewer }),
        ),
      );

      scope.get(STYLESHEET_PATH.slice("/dasbor".length), async (_request, reply) => reply.type("text/css; charset=utf-8").send(DASHBOARD_CSS));
      registerLoginRoutes(scope, deps);

      scope.get(
        "/",
        withViewer(deps, async (_request, reply, { viewer, t }) => sendPage(reply, await renderHomePage(deps, { viewer, t }))),
      );

      scope.get(
        "/arsip",
        withViewer(deps, async (_request, reply, { viewer, t }) =>
          sendPage(reply, await renderArchivePage({ app: deps.app, viewer, query: { kind: "all" }, t })),
        ),
      );
      scope.post(
        "/arsip",
        withViewer(deps, async (request, reply, { viewer, t }) => {
          const why = refusedPost(request, { publicBaseUrl: deps.app.config.http.publicBaseUrl, expected: viewer.formToken });
          if (why) return sendRefusedPost(reply, { t, why });
          const query = parseArchiveQuery((request.body as Record<string, unknown> | undefined)?.q);
          return sendPage(reply, await renderArchivePage({ app: deps.app, viewer, query, t }));
        }),
      );

      scope.get(
        "/kasus/:number",
        withViewer(deps, async (request, reply, { viewer, t }) => {
          const notFound = () => sendMessagePage(reply, { t, status: 404, title: t.notFoundTitle, lines: [t.notFound], path: "/dasbor", viewer });
          const { number } = request.params as { number: string };
          if (!/^\d{1,9}$/.test(number)) return notFound();
          const found = await findCaseByNumber(deps.app, Number(number));
          if (!found) return notFound();
          const verdict = decide({ subject: viewer.subject, action: "case.view", case: caseTarget(found) });
          if (!verdict.allowed) {
            await recordRefusal(deps, { viewer, caseId: found.id, action: "case.view", because: verdict.because });
            return notFound();
          }
          await recordCaseView(deps, { viewer, caseId: found.id });
          return sendPage(reply, await renderCasePage({ app: deps.app, found, viewer, now: deps.clock(), t }));
        }),
      );

      scope.get(
        "/dokumen/:id",
        withViewer(deps, async (request, reply, { viewer, t }) => sendDocument(deps, { reply, id: (request.params as { id: string }).id, viewer, t })),
      );

      scope.get(
        "/rekap.csv",
        withViewer(deps, async (_request, reply, { viewer, t }) => {
          const now = deps.clock();
          const rows = await recapRowsForViewer(deps, { viewer, now, t });
          return reply
            .code(200)
            .header("content-type", "text/csv; charset=utf-8")
            .header("content-disposition", `attachment; filename="rekap-${localDate(deps, now)}.csv"`)
            .send(renderRecapCsv(rows));
        }),
      );
    },
    { prefix: "/dasbor" },
  );
}
