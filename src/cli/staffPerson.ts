// The staff member an admin command names by the id `staff list` prints (its last characters).
import type { App } from "../app/openApp.ts";

/** The one staff person whose id ends with `idSuffix`; an error naming the command to look it up otherwise. */
export async function staffPerson(app: App, idSuffix: string) {
  const matches = await app.db.prisma.person.findMany({ where: { kind: "staff", id: { endsWith: idSuffix } }, take: 2 });
  if (matches.length !== 1) throw new Error(`No single staff member with id ending "${idSuffix}"; see: npm run cli -- staff list`);
  return matches[0]!;
}
