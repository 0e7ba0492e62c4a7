// Kualifikasi Pelaksana at the command line, as an admin would use it: a staff member created with a
// qualification, another recorded and removed later, shown by staff list and org list; an id the organisation
// does not list is refused with the ones it does.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCliProcess } from "../support/runCli.ts";

const dir = mkdtempSync(join(tmpdir(), "pintu-cli-"));
const env = { DATABASE_URL: `file:${join(dir, "cli.db")}` };
const cli = (...args: string[]) => runCliProcess(args, env);

describe("staff qualifications at the command line", () => {
  let nurul = "";

  it("org list names each organisation's qualifications", () => {
    const orgs = cli("org", "list");
    expect(orgs.status, orgs.stderr).toBe(0);
    expect(orgs.stdout).toMatch(/^ipdn .* s1_psikologi, s1_bk, s2_bk, psikolog$/m);
    expect(orgs.stdout).toMatch(/^puspaga .* psikolog, konselor_sarjana$/m);
  });

  it("staff invite --qualification records it with the person; staff list shows it", () => {
    const invite = cli("staff", "invite", "--org", "puspaga", "--role", "konselor", "--name", "Nurul, M.Psi.", "--qualification", "psikolog");
    expect(invite.status, invite.stderr).toBe(0);
    expect(invite.stdout).toMatch(/Invite code for Nurul, M\.Psi\. \(konselor, puspaga\): [A-Z2-9]{10}/);
    expect(invite.stdout).toContain("Qualifications in puspaga: psikolog.");
    const plain = cli("staff", "invite", "--org", "puspaga", "--role", "konselor", "--name", "Rina");
    expect(plain.status, plain.stderr).toBe(0);
    const list = cli("staff", "list", "--org", "puspaga");
    expect(list.stdout).toMatch(/^\S{8}\s+puspaga\s+konselor\s+Nurul, M\.Psi\.\s+not linked\s+yes\s+psikolog$/m);
    expect(list.stdout).toMatch(/^\S{8}\s+puspaga\s+konselor\s+Rina\s+not linked\s+yes\s+-$/m);
    nurul = /^(\S{8})\s+puspaga\s+konselor\s+Nurul/m.exec(list.stdout)![1]!;
  });

  it("refuses a qualification the organisation does not list, naming the ones it does", () => {
    const bad = cli("staff", "invite", "--org", "puspaga", "--role", "konselor", "--name", "X", "--qualification", "s2_bk");
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim()).toBe('Error: Unknown qualification "s2_bk" in puspaga; known: psikolog, konselor_sarjana');
    expect(cli("staff", "list", "--org", "puspaga").stdout).not.toMatch(/\bX\b/);
    const badQualify = cli("staff", "qualify", nurul, "dokter");
    expect(badQualify.status).toBe(1);
    expect(badQualify.stderr.trim()).toBe('Error: Unknown qualification "dokter" in puspaga; known: psikolog, konselor_sarjana');
  });

  it("staff qualify records another and removes one; saying it twice changes nothing", () => {
    const add = cli("staff", "qualify", nurul, "konselor_sarjana");
    expect(add.status, add.stderr).toBe(0);
    expect(add.stdout).toContain("Nurul, M.Psi. now holds konselor_sarjana in puspaga.");
    expect(add.stdout).toContain("Qualifications of Nurul, M.Psi. in puspaga: psikolog (Psikolog (minimal pendidikan profesi psikolog)), konselor_sarjana (");
    expect(cli("staff", "qualify", nurul, "konselor_sarjana").stdout).toContain("already held konselor_sarjana in puspaga; nothing changed.");
    const remove = cli("staff", "qualify", nurul, "psikolog", "--remove");
    expect(remove.status, remove.stderr).toBe(0);
    expect(remove.stdout).toContain("Nurul, M.Psi. no longer holds psikolog in puspaga.");
    expect(cli("staff", "list", "--org", "puspaga").stdout).toMatch(/Nurul, M\.Psi\.\s+not linked\s+yes\s+konselor_sarjana$/m);
  });

  it("asks which organisation when the person works in two, and refuses one they hold no role in", () => {
    const second = cli("staff", "invite", "--org", "ipdn", "--role", "konselor", "--person", nurul);
    expect(second.status, second.stderr).toBe(0);
    const which = cli("staff", "qualify", nurul, "psikolog");
    expect(which.status).toBe(1);
    expect(which.stderr.trim()).toMatch(/^Error: Nurul, M\.Psi\. holds roles in .* and .*: say which with --org$/);
    const ipdn = cli("staff", "qualify", nurul, "psikolog", "--org", "ipdn");
    expect(ipdn.stdout).toContain("Nurul, M.Psi. now holds psikolog in ipdn.");
    const list = cli("staff", "list");
    expect(list.stdout).toMatch(/ipdn\s+konselor\s+Nurul, M\.Psi\.\s+not linked\s+yes\s+psikolog$/m);
    expect(list.stdout).toMatch(/puspaga\s+konselor\s+Nurul, M\.Psi\.\s+not linked\s+yes\s+konselor_sarjana$/m);
    const usage = cli("staff", "qualify", nurul);
    expect(usage.status).toBe(1);
    expect(usage.stderr).toMatch(/staff qualify needs the staff id/);
  });
});
