// Helpers for walking an SOP through the Telegram world: press a button on one case's task at one step, the
// documents a person received, what a client was told. The walks assert who receives what at each step.
import { expect } from "vitest";
import type { ChatMessage, FakeUser } from "../fakes/telegramBotApi.ts";
import { buttonsOf, type TelegramWorld } from "./telegramService.ts";

export interface SopWalk {
  /** Presses `label` on the newest task of case `caseNo` at step `stepNo` that offers it to `user`; resolves with `who`'s next message matching `expected`. */
  tapStep(user: FakeUser, caseNo: number, stepNo: string, label: string, expected: RegExp, who?: FakeUser): Promise<ChatMessage>;
  /** The messages `user` received about case `caseNo`: texts naming it, and its documents. */
  received(user: FakeUser, caseNo: number): ChatMessage[];
  /** The documents `user` received about case `caseNo`, by file name, in order. */
  filesOf(user: FakeUser, caseNo: number): string[];
  /** Waits until `user` has received these documents of the case (a name listed twice: twice); the worker sends them after the commit. */
  waitForFiles(user: FakeUser, caseNo: number, names: string[]): Promise<void>;
  /** What `user` (a client) was told about case `caseNo`: each text's lines joined by " | " without the time standard, or a document's file name. */
  notices(user: FakeUser, caseNo: number): string[];
  /** The case's step runs in order, as "step:outcome". */
  stepRuns(caseNo: number): Promise<string[]>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A praja registers on Konseling Online and the case is walked to row 5 (the counsellor books the session): the staf
 * passes it on, the counsellor writes the plan, the Kepala Unit approves it. Resolves with the case number.
 */
export async function onlineCaseToBooking(w: TelegramWorld, p: { praja: FakeUser; staf: FakeUser; konselor: FakeUser; kepala: FakeUser }): Promise<number> {
  const caseNo = await w.registerPraja(p.praja);
  await w.press(p.staf, "Selesai", await w.waitForMessage(p.staf, new RegExp(`Kasus #${caseNo}[\\s\\S]*Langkah 2: Menerima dan menyampaikan`)));
  await w.waitForMessage(p.konselor, /Langkah 3: Konselor intake awal/);
  await w.tap(p.konselor, "Selesai", /Langkah 3: Rencana penanganan/);
  await w.tap(p.konselor, "Selesai", /Tuliskan isi rencana/);
  await w.say(p.konselor, "Konseling daring mingguan.", /Langkah 4/, p.kepala);
  await w.tap(p.kepala, "Setujui rencana penanganan", /Langkah 5: Menerima laporan dan membuat janji/, p.konselor);
  return caseNo;
}

export function sopWalk(w: TelegramWorld): SopWalk {
  const walk: SopWalk = {
    async tapStep(user, caseNo, stepNo, label, expected, who = user) {
      const pattern = new RegExp(`^Kasus #${caseNo} — [^]*Langkah ${stepNo.replace(/\./g, "\\.")}: `);
      const deadline = Date.now() + 8000;
      for (;;) {
        const task = [...w.fake.sentTo(user.id)].reverse().find((m) => pattern.test(m.text ?? "") && buttonsOf(m).some((b) => b.text === label));
        if (task) {
          const before = w.count(who);
          await w.press(user, label, task);
          return w.waitForMessage(who, expected, { after: before });
        }
        if (Date.now() > deadline) throw new Error(`user ${user.first_name}: no task of case #${caseNo} step ${stepNo} with the button ${label}`);
        await sleep(15);
      }
    },
    received(user, caseNo) {
      const named = new RegExp(`Kasus #${caseNo}\\b`);
      return w.fake.sentTo(user.id).filter((m) => named.test(m.text ?? m.caption ?? "") || m.document?.file_name?.startsWith(`kasus-${caseNo}-`));
    },
    filesOf(user, caseNo) {
      return walk.received(user, caseNo).flatMap((m) => (m.document?.file_name ? [m.document.file_name] : []));
    },
    async waitForFiles(user, caseNo, names) {
      const missing = () =>
        names.filter((name, i) => walk.filesOf(user, caseNo).filter((f) => f === name).length < names.slice(0, i + 1).filter((x) => x === name).length);
      const deadline = Date.now() + 8000;
      while (missing().length > 0) {
        if (Date.now() > deadline)
          expect.fail(`user ${user.first_name}: no ${missing().join(", ")}; got ${walk.filesOf(user, caseNo).join(", ") || "nothing"}`);
        await sleep(20);
      }
    },
    notices(user, caseNo) {
      return walk.received(user, caseNo).map(
        (m) =>
          m.document?.file_name ??
          (m.text ?? "")
            .split("\n")
            .map((l) => l.replace(/ \(waktu baku.*$/, "").trim())
            .join(" | "),
      );
    },
    async stepRuns(caseNo) {
      const c = await w.app.db.prisma.case.findUniqueOrThrow({
        where: { number: caseNo },
        include: { stepRuns: { orderBy: [{ askedAt: "asc" }, { id: "asc" }] } },
      });
      return c.stepRuns.map((r) => `${r.stepId}:${r.outcome ?? "-"}`);
    },
  };
  return walk;
}
