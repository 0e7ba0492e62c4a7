// Child process for the concurrency test: plays the admin command line issuing invites while the
// service writes to the same SQLite file.
import { openDatabase } from "../../src/store/database.ts";
import { parseDatabaseUrl } from "../../src/store/databaseTarget.ts";
import { issueInvite } from "../../src/store/inviteCodes.ts";

const [url, count] = process.argv.slice(2);
const db = await openDatabase(parseDatabaseUrl(url), { migrate: false });
for (let i = 0; i < Number(count); i++) {
  await issueInvite(db.prisma, { orgId: "unit", role: "staf", name: `cli-${i}`, ttlHours: 1, now: new Date() });
}
await db.close();
console.log("done");
