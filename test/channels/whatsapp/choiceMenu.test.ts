// Numbered answers: "1", "2.", " 1 ", the label in any case, resolved to the button id of the menu answered.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InMemoryMenuStore, matchMenuAnswer, resolveMenuAnswer } from "../../../src/channels/whatsapp/choiceMenu.ts";

const options = [
  { id: "btn_yes", label: "Setuju" },
  { id: "btn_no", label: "Tidak setuju" },
  { id: "btn_later", label: "Nanti saja" },
];

describe("matchMenuAnswer", () => {
  it.each([
    ["1", "btn_yes"],
    ["2.", "btn_no"],
    [" 3 ", "btn_later"],
    ["(2)", "btn_no"],
    ["2)", "btn_no"],
    ["１", "btn_yes"], // full-width digit from some keyboards
    ["setuju", "btn_yes"],
    ["SETUJU!", "btn_yes"],
    ["Tidak  Setuju", "btn_no"],
    ['"nanti saja"', "btn_later"],
    ["1. Setuju", "btn_yes"],
    ["2 tidak setuju", "btn_no"],
  ])("%j → %s", (answer, id) => {
    expect(matchMenuAnswer(options, answer)?.id).toBe(id);
  });

  it.each(["", "0", "4", "12", "1 tidak setuju", "ya", "setuju tidak", "saya setuju", "1 2"])("%j → nothing", (answer) => {
    expect(matchMenuAnswer(options, answer)).toBeUndefined();
  });

  it("answering any option's number or label picks exactly that option", () => {
    const label = fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,18}[A-Za-z]$/);
    fc.assert(
      fc.property(
        fc.uniqueArray(label, { minLength: 1, maxLength: 9, selector: (l) => l.toLowerCase().replace(/\s+/g, " ") }),
        fc.nat(),
        fc.constantFrom("number", "label"),
        (labels, pick, how) => {
          const menu = labels.map((l, i) => ({ id: `id${i}`, label: l }));
          const index = pick % menu.length;
          const answer = how === "number" ? ` ${index + 1}. ` : menu[index]!.label.toUpperCase();
          expect(matchMenuAnswer(menu, answer)?.id).toBe(`id${index}`);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("InMemoryMenuStore + resolveMenuAnswer", () => {
  const at = new Date("2025-01-09T02:00:00Z");

  it("resolves against the quoted menu if known, else the latest", async () => {
    const store = new InMemoryMenuStore();
    await store.remember({ address: "a", platformId: "m1", options, sentAt: at });
    await store.remember({ address: "a", platformId: "m2", options: [{ id: "x", label: "Praja" }], sentAt: at });
    expect((await resolveMenuAnswer(store, { address: "a", text: "2", quotedId: "m1" }))?.id).toBe("btn_no");
    expect((await resolveMenuAnswer(store, { address: "a", text: "1", quotedId: "unknown" }))?.id).toBe("x");
    expect(await resolveMenuAnswer(store, { address: "a", text: "2" })).toBeUndefined();
    expect(await resolveMenuAnswer(store, { address: "b", text: "1" })).toBeUndefined();
  });

  it("keeps a bounded number of menus per chat and of chats", async () => {
    const store = new InMemoryMenuStore({ perChat: 3, chats: 2 });
    for (let i = 0; i < 5; i++) await store.remember({ address: "a", platformId: `m${i}`, options, sentAt: at });
    expect(await store.find("a", "m1")).toBeUndefined();
    expect(await store.find("a", "m2")).toBeDefined();
    await store.remember({ address: "b", platformId: "b0", options, sentAt: at });
    await store.remember({ address: "c", platformId: "c0", options, sentAt: at });
    expect(await store.latest("a")).toBeUndefined();
    expect((await store.latest("c"))?.platformId).toBe("c0");
  });
});
