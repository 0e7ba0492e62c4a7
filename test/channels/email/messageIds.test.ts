// References of a reply (RFC 5322 §3.6.4): the case's root, the answered mail's chain oldest first, then its own
// Message-ID; each id once, and a long chain keeps its root and its newest ids.
import { describe, expect, it } from "vitest";
import { replyReferences } from "../../../src/channels/email/messageIds.ts";

describe("replyReferences", () => {
  it("puts the case root first, then the answered mail's chain, then its Message-ID, each once", () => {
    expect(
      replyReferences({
        caseThread: "<kasus-4@unit.ac.id>",
        parentThread: ["<kasus-4@unit.ac.id>", "<a@klien.example>", "b@unit.ac.id"],
        parent: "<c@klien.example>",
      }),
    ).toEqual(["<kasus-4@unit.ac.id>", "<a@klien.example>", "<b@unit.ac.id>", "<c@klien.example>"]);
    expect(replyReferences({ parentThread: [], parent: undefined })).toEqual([]);
    expect(replyReferences({ parentThread: [], parent: "<x@y>" })).toEqual(["<x@y>"]);
  });

  it("trims a long chain in the middle, keeping the root and the newest ids", () => {
    const chain = Array.from({ length: 40 }, (_, i) => `<m${i}@klien.example>`);
    const refs = replyReferences({ parentThread: chain, parent: "<akhir@klien.example>" });
    expect(refs).toHaveLength(20);
    expect(refs[0]).toBe("<m0@klien.example>");
    expect(refs.slice(-2)).toEqual(["<m39@klien.example>", "<akhir@klien.example>"]);
  });
});
