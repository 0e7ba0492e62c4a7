// The lines /kasus shows under a case that is linked to another (Keterkaitan): the case it continues, the cases
// handed over from it, each with its SOP's title in the reader's language.
import { handOverTextsFor } from "../i18n/handOver.ts";
import { caseLinksOfMany } from "../store/cases/caseLinks.ts";
import { localeOf, type Turn } from "./dialogContext.ts";

/** Per case id, the link lines to print under its line (cases without links are absent). */
export async function caseLinkLines(turn: Turn, caseIds: readonly string[]): Promise<Map<string, string[]>> {
  const locale = localeOf(turn);
  const t = handOverTextsFor(locale);
  const title = (flowId: string) => (turn.deps.flows.flows.has(flowId) ? turn.deps.flowContext(flowId).flow.label(locale) : flowId);
  const lines = new Map<string, string[]>();
  for (const [caseId, links] of await caseLinksOfMany(turn.tx, caseIds)) {
    lines.set(caseId, [
      ...(links.from ? [t.continues({ caseNo: links.from.number, flowTitle: title(links.from.flowId) })] : []),
      // A hand-over cancelled (and perhaps made again) stays listed, marked, so the two cases are not confused.
      ...links.to.map((l) => t.handedTo({ caseNo: l.number, flowTitle: title(l.flowId), cancelled: l.status === "cancelled" })),
    ]);
  }
  return lines;
}
