// A cursor store in a small JSON file, for a single instance without the database wired in.
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { z } from "zod";
import type { MailCursor, MailCursorStore } from "./mailCursorStore.ts";

const fileSchema = z.record(z.string(), z.object({ uidValidity: z.string(), lastUid: z.number().int().nonnegative() }));

/** Keeps cursors in `path` (written atomically: temp file + rename, so a crash never leaves half a file). */
export function createJsonFileCursorStore(path: string): MailCursorStore {
  let queue: Promise<unknown> = Promise.resolve();

  async function readAll(): Promise<Record<string, MailCursor>> {
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return {};
      throw err;
    }
    const parsed = fileSchema.safeParse(JSON.parse(text));
    if (!parsed.success) {
      throw new Error(`mail cursor file ${path} is not valid (${parsed.error.issues[0]?.message}); fix or delete it (deleting re-reads unseen mail)`);
    }
    return parsed.data;
  }

  return {
    async load(mailbox) {
      return (await readAll())[mailbox] ?? null;
    },
    save(mailbox, cursor) {
      const write = queue.then(async () => {
        const all = await readAll();
        all[mailbox] = { uidValidity: cursor.uidValidity, lastUid: cursor.lastUid };
        await mkdir(dirname(path), { recursive: true });
        const tmp = `${path}.${process.pid}.tmp`;
        await writeFile(tmp, JSON.stringify(all, null, 2));
        await rename(tmp, path);
      });
      queue = write.catch(() => undefined);
      return write;
    },
  };
}
