// deploy/pintu-konseling.service as systemd reads it: `systemd-analyze verify` finds nothing to say (an unknown key
// or a key in the wrong section is only a warning there, so any output fails), the offline security review keeps
// its exposure low, and the unit holds what deploy/README.md tells the IT person it does.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const UNIT = "deploy/pintu-konseling.service";
const hasAnalyze = spawnSync("sh", ["-c", "command -v systemd-analyze"]).status === 0;

/** The unit to check: itself, or (where Node is not at /usr/bin/node, the path the guide installs it to) a copy that starts this Node. */
function unitToCheck(): string {
  if (existsSync("/usr/bin/node")) return UNIT;
  const copy = join(mkdtempSync(join(tmpdir(), "pintu-unit-")), "pintu-konseling.service");
  copyFileSync(UNIT, copy);
  writeFileSync(copy, readFileSync(copy, "utf8").replace("ExecStart=/usr/bin/node ", `ExecStart=${process.execPath} `));
  return copy;
}

/** key=value lines of the unit, by section ("Service.Restart" -> ["on-failure"]). */
function settings(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  let section = "";
  for (const line of readFileSync(UNIT, "utf8").split("\n")) {
    const header = /^\[(\w+)\]$/.exec(line);
    if (header) section = header[1]!;
    const kv = /^(\w+)=(.*)$/.exec(line);
    if (kv) found.set(`${section}.${kv[1]}`, [...(found.get(`${section}.${kv[1]}`) ?? []), kv[2]!]);
  }
  return found;
}

describe("the systemd unit", () => {
  it("holds what the deploy guide says: the built service under node, restarts, the data folder the only one written", () => {
    const s = settings();
    expect(s.get("Service.ExecStart")).toEqual(["/usr/bin/node /opt/pintu-konseling/dist/main.js"]);
    expect(s.get("Service.WorkingDirectory")).toEqual(["/opt/pintu-konseling"]);
    expect(s.get("Service.EnvironmentFile")).toEqual(["-/etc/default/pintu-konseling"]);
    expect(s.get("Service.Restart")).toEqual(["on-failure"]);
    expect(s.get("Service.KillSignal")).toEqual(["SIGTERM"]);
    expect(s.get("Service.User")).toEqual(["pintu"]);
    for (const [key, value] of [
      ["NoNewPrivileges", "yes"],
      ["ProtectSystem", "strict"],
      ["ProtectHome", "yes"],
      ["PrivateTmp", "yes"],
      ["ReadWritePaths", "/opt/pintu-konseling/data"],
    ]) {
      expect(s.get(`Service.${key}`), key).toEqual([value]);
    }
    expect(s.has("Service.MemoryDenyWriteExecute"), "V8's JIT needs writable executable memory").toBe(false);
    expect(s.get("Install.WantedBy")).toEqual(["multi-user.target"]);
  });

  if (!hasAnalyze) return void it.skip("systemd-analyze is not installed here (Debian package: systemd)", () => {});

  it("passes systemd-analyze verify without a word", () => {
    const run = spawnSync("systemd-analyze", ["verify", unitToCheck()], { encoding: "utf8" });
    expect(`${run.stdout}${run.stderr}`.trim()).toBe("");
    expect(run.status).toBe(0);
  });

  it("keeps systemd's exposure level at 2.0 or lower (systemd-analyze security, offline)", () => {
    const run = spawnSync("systemd-analyze", ["security", "--offline=yes", unitToCheck()], { encoding: "utf8" });
    const level = /Overall exposure level for \S+: (\d+\.\d)/.exec(run.stdout)?.[1];
    expect(level, run.stdout + run.stderr).toBeDefined();
    expect(Number(level)).toBeLessThanOrEqual(2);
  });
});
