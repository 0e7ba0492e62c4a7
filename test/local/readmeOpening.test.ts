// The README a person opens first (and the one the local mode sends them to): its title, then at once the two
// commands that install and run the product and its tests, before anything else.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

describe("README opening", () => {
  it("starts with the title, right under it the two-command block", () => {
    const lines = readFileSync(new URL("../../README.md", import.meta.url), "utf8").split("\n");
    expect(lines[0]).toBe("# Pintu Konseling");
    expect(lines[1]).toBe("```sh");
    expect(lines[2]).toMatch(/^npm ci && npm start\s+# /);
    expect(lines[3]).toMatch(/^npm ci && npm test\s+# /);
    expect(lines[4]).toBe("```");
    expect(lines.filter((l) => l === "# Pintu Konseling")).toHaveLength(1);
  });
});
