// A file someone sends is counted against their limit before its bytes are kept: past the flood bound, where
// their message is cut, the file is not kept either (a flood of screenshots cannot fill the database).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAttachmentStore } from "../../src/app/attachmentStore.ts";
import { AttachmentRefusedError } from "../../src/notify/fileStore.ts";
import { memoryFileStore } from "../channels/email/emailTestKit.ts";
import { startLocalWorld, type LocalWorld } from "../local/localWorld.ts";

const file = (text: string) => ({ bytes: Buffer.from(text), name: `${text}.txt`, mimeType: "text/plain" });

describe("createAttachmentStore", () => {
  it("asks whether the sender is within their limit before keeping their file", async () => {
    const database = memoryFileStore();
    const asked: string[] = [];
    const admit = async (from: { channel: string; address: string }) => {
      asked.push(`${from.channel}:${from.address}`);
      return from.address !== "flooding";
    };
    const store = createAttachmentStore({ database, admit });
    await expect(store.save(file("a"), { channel: "email", address: "flooding" })).rejects.toBeInstanceOf(AttachmentRefusedError);
    expect(database.files.size).toBe(0);
    const ref = await store.save(file("b"), { channel: "email", address: "calm" });
    expect((await store.load(ref)).bytes.toString()).toBe("b");
    await store.save(file("c")); // the service's own files (no sender) are not counted
    expect(asked).toEqual(["email:flooding", "email:calm"]);
    expect(database.files.size).toBe(2);
  });
});

describe("files from a sender past the flood bound, through the service", () => {
  let w: LocalWorld;
  beforeAll(async () => {
    // One message at once and one a minute: the rest wait; at two waiting, the bound, newer ones are cut.
    w = await startLocalWorld({ env: { INBOUND_BURST: "1", INBOUND_PER_MINUTE: "1" }, service: { inbound: { floodBound: 2 } } });
  }, 30_000);
  afterAll(async () => w?.close());

  it("keeps the files of the messages it keeps, and none of those it cuts", async () => {
    const pane = "ipdn-klien-1";
    for (let i = 1; i <= 5; i++) {
      const posted = await w.post({
        pane,
        text: `tangkapan layar ${i}`,
        file: { name: `bukti-${i}.png`, mimeType: "image/png", base64: Buffer.from(`png ${i}`).toString("base64") },
      });
      expect(posted.body.ok, `post ${i}`).toBe(true);
    }
    const waiting = await w.app.db.prisma.inboundQueue.count({ where: { channel: "local", address: pane, status: "waiting" } });
    expect(waiting).toBe(2);
    // One handled, two kept: three files. The two cut messages' files were never written.
    expect(await w.app.db.prisma.storedFile.count()).toBe(3);
  });
});
