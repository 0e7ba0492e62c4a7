// The one check every logged-in dashboard form post passes (logout, archive search): no header naming another
// site, and the form token of this session's pages. The login form has its own order (see loginRoutes.ts).
import type { FastifyReply, FastifyRequest } from "fastify";
import type { DashboardTexts } from "../../i18n/dashboard.ts";
import { FORM_TOKEN_FIELD, formTokenMatches } from "./formToken.ts";
import { sendMessagePage } from "./pageLayout.ts";
import { postSource } from "./postSource.ts";

/** Why a post is refused: another site made it, or it does not carry the token this browser's page had. */
export type PostRefusal = "other-site" | "stale-form";

/** The posted form token, if the body had one. */
export function postedFormToken(request: FastifyRequest): unknown {
  const body = request.body as Record<string, unknown> | undefined;
  return body && typeof body === "object" ? body[FORM_TOKEN_FIELD] : undefined;
}

/** Null when the post is taken; else why not. `expected` is the form token the page carried. */
export function refusedPost(request: FastifyRequest, p: { publicBaseUrl: string | undefined; expected: string }): PostRefusal | null {
  if (postSource(request.headers, p.publicBaseUrl) === "other-site") return "other-site";
  return formTokenMatches(postedFormToken(request), p.expected) ? null : "stale-form";
}

/** The 403 page for a refused post, saying which of the two it was. */
export function sendRefusedPost(reply: FastifyReply, p: { t: DashboardTexts; why: PostRefusal }) {
  const { t } = p;
  return sendMessagePage(reply, { t, status: 403, title: t.refusedPostTitle, lines: [p.why === "other-site" ? t.foreignPost : t.staleForm], path: "/dasbor" });
}
