// A case that is about to be opened, as the engine's tests start it: nothing recorded yet.
import type { CaseSnapshot } from "../../src/core/caseTypes.ts";

/** An unopened case of this flow and organisation; anything else (ids, counsellor, session end) may be given. */
export function newCase(p: { flowId: string; orgId: string } & Partial<CaseSnapshot>): CaseSnapshot {
  return { id: "c", number: 1, status: "open", clientId: "client", counsellorId: null, version: 0, openRun: null, ...p };
}
