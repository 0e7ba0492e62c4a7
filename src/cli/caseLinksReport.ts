// The links of a case for `case show`: the case it continues and the cases handed over from it (Keterkaitan).
import type { App } from "../app/openApp.ts";
import { caseLinksOf, type LinkedCase } from "../store/cases/caseLinks.ts";

/** Lines naming the case's links, with a blank line before; "" for a case without any. */
export async function caseLinksText(app: App, number: number): Promise<string> {
  const c = await app.db.prisma.case.findUnique({ where: { number }, select: { id: true } });
  if (!c) return "";
  const links = await caseLinksOf(app.db.prisma, c.id);
  const line = (label: string, l: LinkedCase) => `  ${label} #${l.number} (${l.flowId}, ${l.status}, opened ${l.openedAt.toISOString()})`;
  const lines = [...(links.from ? [line("continues case", links.from)] : []), ...links.to.map((l) => line("handed over to case", l))];
  return lines.length === 0 ? "" : `\n\nLinked cases:\n${lines.join("\n")}`;
}
