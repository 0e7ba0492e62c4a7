// Who may do what: the one place that answers "may person P do action A on case C", for every chat command,
// button, email keyword and dashboard route. Counselling data is health data: a client sees only their own
// case, a counsellor only the cases assigned to them, leadership the reports the SOP sends them, staff what
// their administrative steps need. Pure: no database, no platform.
import type { DocumentKind } from "../documents/documentTypes.ts";
import type { UploadKind } from "../documents/uploadKinds.ts";
import { isActionKind, RECORDING_ROLE, rolesThatMayRecord } from "../flows/actionKinds.ts";
import { meetsRequirement } from "../flows/qualifications.ts";

/** Roles that lead an organisation's unit and receive its reports (both organisations' names). */
export const LEADERSHIP_ROLES = ["kasubbag", "kepala_unit", "kepala_biro", "rektor", "eselon_iv", "eselon_iii", "kepala_dinas"] as const;
/** Roles that confirm a client's erasure request. */
export const ERASURE_ROLES = ["kepala_unit", "eselon_iv"] as const;

export type Action =
  /** See a case's number, status, steps, who acted when (no complaint, no messages). */
  | "case.view"
  /** See the client's biodata, complaint and messages. */
  | "case.viewIntake"
  /** Answer the client (relay), add a session link. */
  | "case.answerClient"
  /** Ask for, move or cancel the case's counselling session. */
  | "case.manageSession"
  /** Download one of the case's documents (see `documentKind`). */
  | "document.download"
  /** See the organisation's recap and case list on the dashboard. */
  | "org.viewRecap"
  /** Log in to the dashboard at all. */
  | "dashboard.login"
  /** Confirm a client's erasure request. */
  | "client.confirmErasure"
  /** Record a step of the case's SOP (press its button, reply with its keyword): see `step`. */
  | "step.act"
  /** Open a linked case on another SOP for the case's client (a BK case handed over to SOP Terapi). */
  | "case.handOver";

export const ACTIONS: readonly Action[] = [
  "case.view",
  "case.viewIntake",
  "case.answerClient",
  "case.manageSession",
  "document.download",
  "org.viewRecap",
  "dashboard.login",
  "client.confirmErasure",
  "step.act",
  "case.handOver",
];

/** The staff role that records the work of outside parties (psikiater, unit terkait) for them; the action-kind registry names it. */
export { RECORDING_ROLE };
/** The pseudo-role of a case's own client in the flow files. */
export const CLIENT_STEP_ROLE = "klien";

export interface Subject {
  /** Null for someone we do not know (an unlinked chat, no session). */
  personId: string | null;
  roles: { orgId: string; role: string }[];
  /** Kualifikasi Pelaksana held, per organisation (none when absent). */
  qualifications?: { orgId: string; id: string }[];
}

export interface CaseTarget {
  orgId: string;
  clientId: string;
  counsellorId: string | null;
  /**
   * The case counsellor's qualifications in the case's organisation, when known: a counsellor's step requiring
   * one they lack may then be done by another counsellor who holds it.
   */
  counsellorQualifications?: readonly string[];
}

/** The kinds of SOP document, from their one registry (src/documents/documentKinds.ts). */
export type { DocumentKind } from "../documents/documentTypes.ts";

export interface PolicyQuestion {
  subject: Subject;
  action: Action;
  /** The case acted on; absent for organisation-wide actions (then `orgId` says which organisation). */
  case?: CaseTarget;
  orgId?: string;
  /** The document's kind: a generated SOP document or an uploaded one (src/documents/uploadKinds.ts). */
  documentKind?: DocumentKind | UploadKind;
  /** For step.act: the step's actor role, kind of action and the qualifications it requires (any one of them). */
  step?: { role: string; action: string; requiresQualification?: readonly string[] };
}

/** Roles that, besides the case's counsellor, may hand a case over to another SOP (the head of the unit). */
export const HAND_OVER_ROLES = ["kepala_unit"] as const;

/**
 * Roles allowed to record a step: its own role, and those its kind's registry entry adds (an outside party's
 * work is also recorded by the unit's staff); an action the registry does not know adds none.
 */
export function rolesForStep(step: { role: string; action: string }): string[] {
  return isActionKind(step.action) ? rolesThatMayRecord({ role: step.role, action: step.action }) : [step.role];
}

/** The documents that hold the client's complaint (keluhan): IPDN's and PUSPAGA's registration forms, the Form Konseling. */
const COMPLAINT_DOCUMENTS: readonly string[] = ["formulir_pendaftaran", "form_registrasi", "form_konseling"] satisfies DocumentKind[];

const holds = (s: Subject, orgId: string, roles: readonly string[]) => s.roles.some((r) => r.orgId === orgId && roles.includes(r.role));

/** The qualifications the subject holds in one organisation. */
export function qualificationsIn(s: Subject, orgId: string): string[] {
  return (s.qualifications ?? []).filter((q) => q.orgId === orgId).map((q) => q.id);
}

/**
 * For step.act: the qualifications the step requires when the subject holds its role but none of them (what a
 * refusal tells them to get), else []. Those who only record an outside party's work for it need none.
 */
export function missingQualifications(q: PolicyQuestion): readonly string[] {
  const required = q.step?.requiresQualification ?? [];
  const orgId = q.case?.orgId;
  if (required.length === 0 || !orgId || !q.step || !holds(q.subject, orgId, [q.step.role])) return [];
  return meetsRequirement(qualificationsIn(q.subject, orgId), required) ? [] : required;
}

/** The answer, and why (for the audit trail). */
export function decide(q: PolicyQuestion): { allowed: boolean; because: string } {
  const { subject: s, action } = q;
  const yes = (because: string) => ({ allowed: true, because });
  const no = (because: string) => ({ allowed: false, because });
  if (!s.personId) return no("unknown person");
  const c = q.case;
  const orgId = c?.orgId ?? q.orgId;
  const isClient = Boolean(c && c.clientId === s.personId);
  // The case's counsellor as long as they hold the counsellor's role there: one who left or gave it up is not.
  const isCounsellor = Boolean(c && c.counsellorId === s.personId && holds(s, c.orgId, ["konselor"]));
  const isUnassignedKonselor = Boolean(c && !c.counsellorId && holds(s, c.orgId, ["konselor"]));
  const isLeader = Boolean(orgId && holds(s, orgId, LEADERSHIP_ROLES));
  const isStaf = Boolean(orgId && holds(s, orgId, ["staf"]));
  const isStaffHere = Boolean(orgId && s.roles.some((r) => r.orgId === orgId));

  switch (action) {
    case "dashboard.login":
      return s.roles.length > 0 ? yes("staff") : no("not staff");
    case "org.viewRecap":
      return isLeader ? yes("leadership of the organisation") : no("recap is for the unit's leadership");
    case "client.confirmErasure":
      return orgId && holds(s, orgId, ERASURE_ROLES) ? yes("head of the unit") : no("only the head of the unit confirms erasure");
    case "case.view":
      if (!c) return no("no case");
      if (isClient) return yes("their own case");
      if (isCounsellor) return yes("assigned counsellor");
      if (isLeader || isStaf) return yes("unit staff administering the SOP");
      return no("not their case");
    case "case.viewIntake":
      if (!c) return no("no case");
      if (isClient) return yes("their own case");
      if (isCounsellor || isUnassignedKonselor) return yes("the case's counsellor");
      return no("the complaint is for the counsellor only");
    case "case.answerClient":
      if (!c) return no("no case");
      return isCounsellor || isUnassignedKonselor ? yes("the case's counsellor") : no("only the case's counsellor answers the client");
    case "case.manageSession":
      if (!c) return no("no case");
      return isClient || isCounsellor ? yes("a party to the session") : no("not a party to the session");
    case "step.act": {
      if (!c || !q.step) return no("no step");
      if (q.step.role === CLIENT_STEP_ROLE) return isClient ? yes("the client's own step") : no("only the client records their own step");
      const allowed = rolesForStep(q.step);
      if (!holds(s, c.orgId, allowed)) return no(`needs ${allowed.join(" or ")}`);
      const missing = missingQualifications(q);
      if (missing.length > 0) return no(`needs qualification ${missing.join(" or ")}`);
      // A konselor step of a case with a counsellor is the counsellor's, unless another allowed role acts, or the
      // step requires a qualification the counsellor lacks: then a counsellor who holds it does the step.
      if (
        q.step.role === "konselor" &&
        c.counsellorId &&
        !holds(
          s,
          c.orgId,
          allowed.filter((r) => r !== "konselor"),
        )
      ) {
        if (isCounsellor) return yes("the case's counsellor");
        const required = q.step.requiresQualification ?? [];
        const counsellorLacksIt = required.length > 0 && c.counsellorQualifications !== undefined && !meetsRequirement(c.counsellorQualifications, required);
        return counsellorLacksIt ? yes("a qualified counsellor, for a step the case's counsellor is not qualified for") : no("another counsellor's case");
      }
      return yes("holds the step's role");
    }
    case "case.handOver":
      if (!c) return no("no case");
      if (isCounsellor) return yes("the case's counsellor");
      return holds(s, c.orgId, HAND_OVER_ROLES) ? yes("head of the unit") : no("only the case's counsellor or the head of the unit hands a case over");
    case "document.download": {
      if (!c || !q.documentKind) return no("no document");
      if (isClient) return no("documents are the unit's records");
      if (isCounsellor) return yes("the case's counsellor");
      // The registration forms and the Form Konseling hold the complaint: the counsellor's, nobody else's.
      if (COMPLAINT_DOCUMENTS.includes(q.documentKind)) return no("the document holds the complaint");
      if (isLeader) return yes("a report the SOP sends to leadership");
      if (isStaf && q.documentKind === "disposisi") return yes("staff archive the disposisi");
      return isStaffHere ? no("not a document for this role") : no("not their organisation");
    }
  }
}

/** decide(), as a boolean. */
export function may(q: PolicyQuestion): boolean {
  return decide(q).allowed;
}
