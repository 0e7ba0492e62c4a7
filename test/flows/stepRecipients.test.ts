// The tembusan (cc), document_to, attach and tell_client of flow steps: what the loader accepts and refuses.
import { describe, expect, it } from "vitest";
import { copyRolesOf, tellsClient } from "../../src/flows/stepRecipients.ts";
import { loaderProblems } from "./flowDirFixture.ts";

const plan = { id: "s1", role: "konselor", action: "form", writes: true, next: "s2" };
const approve = { id: "s2", role: "kepala_unit", action: "approval", next: { approve: "s3", revise: "s1" } };
const archive = { id: "s3", role: "staf", action: "archive" };

describe("cc (tembusan)", () => {
  it("accepts a role of the organisation that does not act next", () => {
    expect(loaderProblems([{ ...plan, cc: ["rektor"] }, approve, archive])).toEqual([]);
  });

  it("refuses an unknown role, the client, the step's own role and the role that acts next", () => {
    expect(loaderProblems([{ ...plan, cc: ["kasubbag", "klien", "konselor", "kepala_unit"] }, approve, archive])).toEqual([
      's1: cc names "kasubbag", which is not a role of the organisation (roles: klien, staf, konselor, kepala_unit, rektor)',
      's1: cc names "klien": the client is told through tell_client, never copied on the unit\'s reports',
      's1: cc names "konselor", the step\'s own role',
      's1: cc names "kepala_unit", which acts next (step s2): it gets the task, not a copy',
    ]);
  });

  it("is read as a list of roles", () => {
    expect(copyRolesOf({ cc: ["rektor"] })).toEqual(["rektor"]);
    expect(copyRolesOf({})).toEqual([]);
  });
});

describe("document_to and attach", () => {
  it("accepts the client and a role as receivers of a document, and attaching a document an earlier step makes", () => {
    expect(
      loaderProblems([
        { ...plan, document: "laporan_tertulis" },
        { ...approve, document: "nota_dinas", document_text_from: "s1", attach: ["laporan_tertulis"], document_to: ["klien", "rektor"] },
        archive,
      ]),
    ).toEqual([]);
  });

  it("refuses an unknown receiver, document_to without a document, and attaching what no step makes or asks for", () => {
    expect(
      loaderProblems([{ ...plan, document_to: ["psikiater"] }, { ...approve, document: "nota_dinas", attach: ["surat_hasil_pemeriksaan"] }, archive]),
    ).toEqual([
      's1: document_to names "psikiater", which is not a role of the organisation (roles: klien, staf, konselor, kepala_unit, rektor)',
      "s1: document_to without a document: name one under document (or upload)",
      's2: attach names "surat_hasil_pemeriksaan", which no step of this flow makes (document) or asks for (upload)',
    ]);
  });

  it("refuses an upload name that is not in the registry of uploaded documents", () => {
    const problems = loaderProblems([{ ...plan, upload: "surat_sakti" }, approve, archive]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^s1: upload: Invalid option: expected one of "dokumen_hasil_pemeriksaan"\|"surat_hasil_pemeriksaan"/);
  });

  it("refuses an upload on a step that cannot record a file", () => {
    expect(loaderProblems([plan, approve, { ...archive, upload: "surat_hasil_pemeriksaan" }])).toEqual([
      "s3: upload on an archive step: only a step whose actor records a result can ask for a file",
    ]);
  });
});

describe("tell_client", () => {
  it("refuses it on the client's own step and on the archive step", () => {
    expect(
      loaderProblems([
        { id: "s1", role: "klien", action: "form", next: "s2", tell_client: true },
        { id: "s2", role: "staf", action: "archive", tell_client: true },
      ]),
    ).toEqual([
      "s1: tell_client on the client's own step: its task already goes to the client",
      "s2: tell_client on the archive step: the client is always told when the case closes",
    ]);
  });

  it("tells the client only where the flow says so", () => {
    expect(tellsClient({ role: "konselor", tell_client: true })).toBe(true);
    expect(tellsClient({ role: "konselor" })).toBe(false);
    expect(tellsClient({ role: "klien", tell_client: true })).toBe(false);
  });
});
