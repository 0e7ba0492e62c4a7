// Logging in and out of the dashboard: a one-time link from the chat becomes an expiring session cookie;
// logging out ends the session. Tokens never reach a log line.
import type { FastifyInstance, FastifyRequest } from "fastify";
import { dashboardTextsFor } from "../../i18n/dashboard.ts";
import { endWebSession, peekLoginToken, redeemLoginToken, startWebSession } from "../../store/webLogins.ts";
import type { DashboardDeps } from "./dashboardDeps.ts";
import { sessionTokenOf, viewerForPerson, viewerOf } from "./dashboardViewer.ts";
import { postedFormToken, refusedPost, sendRefusedPost } from "./formPostGuard.ts";
import { formTokenMatches, isTokenShaped, loginFormToken, newLoginNonce, sessionFormToken } from "./formToken.ts";
import { html } from "./html.ts";
import { formTokenField, renderPage, sendMessagePage, sendPage, withLang } from "./pageLayout.ts";
import { postSource } from "./postSource.ts";
import { servedOverHttps } from "../transportSecurity.ts";
import { clearedSessionCookie, LOGIN_COOKIE, loginCookie, readCookie, sessionCookie } from "./sessionCookie.ts";

/** Whether cookies must be Secure: the dashboard is reached over https. */
export function wantsSecureCookie(deps: DashboardDeps): boolean {
  return servedOverHttps(deps.app.config);
}

/**
 * Registers GET and POST /masuk/:token and POST /keluar on the dashboard's scope.
 * Opening the link only shows a button: chat apps and mail scanners fetch links to preview them, and a
 * GET that spent the token would leave the staff member with a dead link. The POST from that page logs in.
 * Every POST is refused (403) when Sec-Fetch-Site or Origin names another site, and when its form token is
 * not the one this browser's page carried (formToken.ts); a link already used or expired is a 401 either way.
 */
export function registerLoginRoutes(scope: FastifyInstance, deps: DashboardDeps): void {
  const prisma = deps.app.db.prisma;
  const hashKey = deps.app.keys.hashKey;
  const langOf = (request: FastifyRequest) => (request.query as { lang?: string } | undefined)?.lang;
  const publicBaseUrl = deps.app.config.http.publicBaseUrl;

  scope.get("/masuk/:token", async (request, reply) => {
    const t = dashboardTextsFor(langOf(request));
    const { token } = request.params as { token: string };
    const personId = await peekLoginToken(prisma, { token, now: deps.clock() });
    if (!personId) return sendMessagePage(reply, { t, status: 401, title: t.badLinkTitle, lines: [t.badLink, t.howToLogin], path: "/dasbor" });
    // One login cookie per browser: a second login page in another tab keeps the first one's form valid.
    const held = readCookie(request.headers.cookie, LOGIN_COOKIE);
    const nonce = isTokenShaped(held) ? held : newLoginNonce();
    const body = html`<p>${t.loginConfirm}</p>
<form method="post" action="${withLang(`/dasbor/masuk/${token}`, t)}">${formTokenField(loginFormToken(hashKey, { loginToken: token, nonce }))}<button type="submit">${t.loginButton}</button></form>`;
    reply.header("set-cookie", loginCookie({ value: nonce, maxAgeSeconds: deps.app.config.dashboard.loginMinutes * 60, secure: wantsSecureCookie(deps) }));
    return sendPage(reply, renderPage({ t, title: t.loginTitle, path: "/dasbor", body }));
  });

  scope.post("/masuk/:token", async (request, reply) => {
    const t = dashboardTextsFor(langOf(request));
    if (postSource(request.headers, publicBaseUrl) === "other-site") return sendRefusedPost(reply, { t, why: "other-site" });
    const { token } = request.params as { token: string };
    const now = deps.clock();
    const badLink = () => sendMessagePage(reply, { t, status: 401, title: t.badLinkTitle, lines: [t.badLink, t.howToLogin], path: "/dasbor" });
    // A used or expired link says so (the page's reload would say the same) before the form token is looked at.
    if (!(await peekLoginToken(prisma, { token, now }))) return badLink();
    const nonce = readCookie(request.headers.cookie, LOGIN_COOKIE);
    if (!isTokenShaped(nonce) || !formTokenMatches(postedFormToken(request), loginFormToken(hashKey, { loginToken: token, nonce })))
      return sendRefusedPost(reply, { t, why: "stale-form" });
    const personId = await redeemLoginToken(prisma, { token, now });
    if (!personId) return badLink();
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
    if (postSource(request.headers, publicBaseUrl) === "other-site") return sendRefusedPost(reply, { t, why: "other-site" });
    const lookup = await viewerOf(deps, request);
    const token = sessionTokenOf(request);
    if (lookup.kind === "anonymous" || !token) {
      reply.header("set-cookie", clearedSessionCookie({ secure: wantsSecureCookie(deps) }));
      return sendMessagePage(reply, { t, status: 401, title: t.notLoggedInTitle, lines: [t.notLoggedIn, t.howToLogin], path: "/dasbor" });
    }
    const why = refusedPost(request, { publicBaseUrl, expected: sessionFormToken(hashKey, token) });
    if (why) return sendRefusedPost(reply, { t, why });
    reply.header("set-cookie", clearedSessionCookie({ secure: wantsSecureCookie(deps) }));
    await endWebSession(prisma, token);
    if (lookup.kind === "viewer")
      await prisma.auditEvent.create({ data: { type: "dashboard_logout", actorId: lookup.viewer.personId, dataJson: "{}", at: deps.clock() } });
    return sendMessagePage(reply, { t, status: 200, title: t.logout, lines: [t.loggedOut, t.howToLogin], path: "/dasbor" });
  });
}
