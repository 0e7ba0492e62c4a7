// Which archived cases a viewer may list and search, decided by the policy as the home page decides its case
// lists: the unit's leadership (org.viewRecap) lists every archived case of the organisation, everyone else
// only the cases assigned to them. Names are searched only where case.viewIntake allows (the counsellor).
import { may, type CaseTarget } from "../../core/policy.ts";
import type { Viewer } from "./dashboardViewer.ts";

/** One organisation's part of a viewer's archive: all of it, or the cases of one counsellor. */
export interface ArchiveScope {
  orgId: string;
  /** Set when only this counsellor's cases may be listed. */
  counsellorId?: string;
}

/** The archive scopes of a viewer, one per organisation they hold a role in. */
export function archiveScopes(viewer: Pick<Viewer, "subject" | "personId" | "orgIds">): ArchiveScope[] {
  return viewer.orgIds.map((orgId) =>
    may({ subject: viewer.subject, action: "org.viewRecap", orgId }) ? { orgId } : { orgId, counsellorId: viewer.personId },
  );
}

/** The case filter of a set of scopes (no scope: no case at all). */
export function archiveWhere(scopes: ArchiveScope[]): { status: "archived"; OR: { orgId: string; counsellorId?: string }[] } {
  return {
    status: "archived",
    OR: scopes.length ? scopes.map((s) => ({ orgId: s.orgId, ...(s.counsellorId ? { counsellorId: s.counsellorId } : {}) })) : [{ orgId: "\u0000none" }],
  };
}

/** Whether a listed case may be shown (case.view) and whether its client's name may be (case.viewIntake). */
export function archiveRights(viewer: Pick<Viewer, "subject">, target: CaseTarget): { view: boolean; name: boolean } {
  const view = may({ subject: viewer.subject, action: "case.view", case: target });
  return { view, name: view && may({ subject: viewer.subject, action: "case.viewIntake", case: target }) };
}
