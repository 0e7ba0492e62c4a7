// Logging in and out of the dashboard: a one-time link from the chat becomes an expiring session cookie;
// logging out ends the session. Tokens never reach a log line.
import type { FastifyInstance, FastifyRequest } from "fastify";
import { dashboardTextsFor } from "../../i18n/dashboard.ts";
import { endWebSession, peekLoginToken, redeemLoginToken, startWebSession } from "../../store/webLogins.ts";
import type { DashboardDeps } from "./dashboardDeps.ts";
import { sessionTokenOf, viewerForPerson, viewerOf } from "./dashboardViewer.ts";
import { html } from "./html.ts";
import { renderPage, sendMessagePage, sendPage, withLang } from "./pageLayout.ts";
import { clearedSessionCookie, sessionCookie } from "./sessionCookie.ts";

/** Whether cookies must be Secure: the dashboard is reached over https. */
export function wantsSecureCookie(deps: DashboardDeps): boolean {
  return (deps.app.config.http.publicBaseUrl ?? "").startsWith("https:");
}

/**
 * A form post from another site is refused (the SameSite cookie already stops it; this says so plainly).
 * Behind a reverse proxy the Host header may be the upstream's, so the public address counts as this site too.
 */
function fromThisSite(request: FastifyRequest, publicBaseUrl: string | undefined): boolean {
  const origin = request.headers.origin;
  if (!origin || origin === "null") return !origin;
  try {
    const from = new URL(origin);
    if (from.host === request.headers.host) return true;
    return publicBaseUrl ? from.origin === new URL(publicBaseUrl).origin : false;
  } catch {
    return false;
  }
}

/**
 * Registers GET and POST /masuk/:token and POST /keluar on the dashboard's scope.
 * Opening the link only shows a button: chat apps and mail scanners fetch links to preview them, and a
 * GET that spent the token would leave the staff member with a dead link. The POST from that page logs in.
 */
export function registerLoginRoutes(scope: FastifyInstance, deps: DashboardDeps): void {
  const prisma = deps.app.db.prisma;
  const langOf = (request: FastifyRequest) => (request.query as { lang?: string } | undefined)?.lang;

  scope.get("/masuk/:token", async (request, reply) => {
    const t = dashboardTextsFor(langOf(request));
    const { token } = request.params as { token: string };
    const personId = await peekLoginToken(prisma, { token, now: deps.clock() });
    if (!personId) return sendMessagePage(reply, { t, status: 401, title: t.badLinkTitle, lines: [t.badLink, t.howToLogin], path: "/dasbor" });
    const body = html`<p>${t.loginConfirm}</p>
<form method="post" action="${withLang(`/dasbor/masuk/${token}`, t)}"><button type="submit">${t.loginButton}</button></form>`;
    reply.header("cache-control", "no-store");
    return sendPage(reply, renderPage({ t, title: t.loginTitle, path: "/dasbor", body }));
  });

  scope.post("/masuk/:token", async (request, reply) => {
    const t = dashboardTextsFor(langOf(request));
    if (!fromThisSite(request, deps.app.config.http.publicBaseUrl)) return sendMessagePage(reply, { t, status: 403, title: t.noRoleTitle, lines: [t.foreignPost], path: "/dasbor" });
    const { token } = request.params as { token: string };
    const now = deps.clock();
    const personId = await redeemLoginToken(prisma, { token, now });
    if (!personId) return sendMessagePage(reply, { t, status: 401, title: t.badLinkTitle, lines: [t.badLink, t.howToLogin], path: "/dasbor" });
    const lookup = await viewerForPerson(deps, personId);
    if (lookup.kind !== "viewer") return sendMessagePage(reply, { t, status: 403, title: t.noRoleTitle, lines: [t.noRole], path: "/dasbor" });
    const hours = deps.app.config.dashboard.sessionHours;
    const value = await startWebSession(prisma, { personId, now, ttlMinutes: hours * 60 });
    await prisma.auditEvent.create({ data: { type: "dashboard_login", actorId: personId, dataJson: "{}", at: now } });
    return reply
      .code(303)
      .header("set-cookie", sessionCookie({ value, maxAgeSeconds: hours * 3600, secure: wantsSecureCookie(deps) }))
      .header("location", withLang("/dasbor", t))
      .send();
  });

  scope.post("/keluar", async (request, reply) => {
    const t = dashboardTextsFor(langOf(request));
    if (!fromThisSite(request, deps.app.config.http.publicBaseUrl)) return sendMessagePage(reply, { t, status: 403, title: t.noRoleTitle, lines: [t.foreignPost], path: "/dasbor" });
    reply.header("set-cookie", clearedSessionCookie({ secure: wantsSecureCookie(deps) }));
    const lookup = await viewerOf(deps, request);
    const token = sessionTokenOf(request);
    if (lookup.kind === "anonymous") {
      return sendMessagePage(reply, { t, status: 401, title: t.notLoggedInTitle, lines: [t.notLoggedIn, t.howToLogin], path: "/dasbor" });
    }
    await endWebSession(prisma, token);
    if (lookup.kind === "viewer") await prisma.auditEvent.create({ data: { type: "dashboard_logout", actorId: lookup.viewer.personId, dataJson: "{}", at: deps.clock() } });
    return sendMessagePage(reply, { t, status: 200, title: t.logout, lines: [t.loggedOut, t.howToLogin], path: "/dasbor" });
  });
}
