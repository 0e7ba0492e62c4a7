// .env.example mirrors the configuration: every variable src/config.ts or a channel's settings read is listed
// there, and every variable listed there is read by something; so a channel's new setting that is not
// documented, or a documented one nothing reads any more, fails here.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { channelModules } from "../../src/channels/channelModules.ts";
import { configVariables } from "../../src/config.ts";

const listed = [...readFileSync(".env.example", "utf8").matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!);

describe(".env.example", () => {
  const read = configVariables();

  it("lists every variable the core and each channel read", () => {
    const missing = read.filter((v) => !listed.includes(v.name)).map((v) => `${v.name} (read by ${v.readBy})`);
    expect(missing).toEqual([]);
    for (const m of channelModules)
      expect(
        read.some((v) => v.readBy === m.id),
        `${m.id} reads its own variables`,
      ).toBe(true);
  });

  it("lists nothing that nothing reads, and each variable once", () => {
    const names = new Set(read.map((v) => v.name));
    expect(listed.filter((name) => !names.has(name))).toEqual([]);
    expect(listed.filter((name, i) => listed.indexOf(name) !== i)).toEqual([]);
  });

  it("has each variable read by one module only (a channel cannot redefine another's, or the core's)", () => {
    const readers = new Map<string, string[]>();
    for (const v of read) readers.set(v.name, [...(readers.get(v.name) ?? []), v.readBy]);
    expect([...readers].filter(([, by]) => by.length > 1)).toEqual([]);
  });

  it("lists each channel's variables in that channel's section", () => {
    const text = readFileSync(".env.example", "utf8");
    for (const m of channelModules) {
      const section = text.split(/^# --- /m).find((s) => s.includes(`src/channels/${m.id}/${m.id}Settings.ts`));
      expect(section, `a section for ${m.id}`).toBeDefined();
      for (const v of read.filter((x) => x.readBy === m.id)) expect(section).toMatch(new RegExp(`^${v.name}=`, "m"));
    }
  });
});
