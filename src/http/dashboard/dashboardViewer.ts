// Who is looking at a dashboard page: the session cookie resolved to a person and their current staff roles,
// as the policy's Subject. Roles are read on every request, so a withdrawn role takes effect at once. Demo people
// (local mode) have no dashboard.
import type { FastifyRequest } from "fastify";
import { may, type Subject } from "../../core/policy.ts";
import { sessionPerson } from "../../store/webLogins.ts";
import type { DashboardDeps } from "./dashboardDeps.ts";
import { sessionFormToken } from "./formToken.ts";
import { readCookie, SESSION_COOKIE } from "./sessionCookie.ts";

/** A logged-in staff member as the pages and the policy see them. */
export interface Viewer {
  personId: string;
  /** Their display name (a staff member's own name, shown back to them). */
  name: string | null;
  subject: Subject;
  /** The organisations they hold a role in, in the order of flows/organisations.yaml. */
  orgIds: string[];
  /** The token this session's forms carry (logout), derived from the session cookie (formToken.ts). */
  formToken: string;
}

/** The outcome of looking at a request's cookie: nobody, a person without a staff role, or a viewer. */
export type ViewerLookup = { kind: "anonymous" } | { kind: "noRole" } | { kind: "viewer"; viewer: Viewer };

/** The same for a person before any session exists (at login): a viewer without a form token. */
export type PersonLookup = { kind: "anonymous" } | { kind: "noRole" } | { kind: "viewer"; viewer: Omit<Viewer, "formToken"> };

/** The session cookie's value on a request, if any. */
export function sessionTokenOf(request: FastifyRequest): string | undefined {
  return readCookie(request.headers.cookie, SESSION_COOKIE);
}

/** The person a person id stands for, as a Viewer (or why not). */
export async function viewerForPerson(deps: DashboardDeps, personId: string): Promise<PersonLookup> {
  const prisma = deps.app.db.prisma;
  const person = await prisma.person.findUnique({ where: { id: personId }, select: { displayName: true, erasedAt: true, isDemo: true } });
  if (!person || person.erasedAt) return { kind: "anonymous" };
  // Local mode's demo staff hold roles for the page's own clients only: the dashboard, which shows the unit's real
  // cases, is not theirs (src/store/demoPeople.ts).
  if (person.isDemo) return { kind: "noRole" };
  const roles = await prisma.staffRole.findMany({ where: { personId }, select: { orgId: true, role: true } });
  const subject: Subject = { personId, roles };
  if (!may({ subject, action: "dashboard.login" })) return { kind: "noRole" };
  const known = [...deps.app.flows.organisations.keys()];
  const held = new Set(roles.map((r) => r.orgId));
  const orgIds = [...known.filter((id) => held.has(id)), ...[...held].filter((id) => !known.includes(id)).sort()];
  return { kind: "viewer", viewer: { personId, name: person.displayName, subject, orgIds } };
}

/** The viewer behind a request's session cookie; an expired or unknown session is anonymous. */
export async function viewerOf(deps: DashboardDeps, request: FastifyRequest): Promise<ViewerLookup> {
  const token = sessionTokenOf(request);
  const personId = await sessionPerson(deps.app.db.prisma, { token, now: deps.clock() });
  if (!personId || !token) return { kind: "anonymous" };
  const lookup = await viewerForPerson(deps, personId);
  if (lookup.kind !== "viewer") return lookup;
  return { kind: "viewer", viewer: { ...lookup.viewer, formToken: sessionFormToken(deps.app.keys.hashKey, token) } };
}
