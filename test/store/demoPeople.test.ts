// Local mode beside a real channel (LOCAL_CHANNEL=1 with Telegram): the demo staff hold every role, yet a Telegram
// client's case reaches none of them: not the routing, a step's task, a relayed message, a crisis alert or an
// erasure button; and the dashboard is not theirs. A client of the local page still gets the demo staff.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { viewerForPerson } from "../../src/http/dashboard/dashboardViewer.ts";
import { LOCAL_PAGE_COOKIE } from "../../src/http/localPageAccess.ts";
import { createLogger } from "../../src/logger.ts";
import { pickCounsellor } from "../../src/store/counsellorRouting.ts";
import { isDemoClient } from "../../src/store/demoPeople.ts";
import { roleHolders } from "../../src/store/recipients.ts";
import type { FakeUser } from "../fakes/telegramBotApi.ts";
import { startTelegramWorld, type TelegramWorld } from "../support/telegramService.ts";
import { waitFor } from "../support/waitFor.ts";

const praja: FakeUser = { id: 8101, first_name: "Ayu" };

describe("demo staff beside a real channel", () => {
  let w: TelegramWorld;
  let caseId: string;
  beforeAll(async () => {
    w = await startTelegramWorld({ env: { LOCAL_CHANNEL: "1" } });
  }, 30_000);
  afterAll(async () => w?.close());

  const prisma = () => w.app.db.prisma;
  /** Everything queued for a local pane so far (demo staff live there). */
  const toDemo = () => prisma().outbox.findMany({ where: { channel: "local" }, select: { address: true, payloadJson: true } });

  it("runs the page with demo staff holding every role", async () => {
    expect(w.service.channels().find((c) => c.channel === "local")!.on).toBe(true);
    const demoRoles = await prisma().staffRole.findMany({ where: { person: { isDemo: true }, orgId: "ipdn" }, select: { role: true } });
    expect(demoRoles.map((r) => r.role)).toEqual(expect.arrayContaining(["konselor", "staf", "kepala_unit"]));
  });

  it("does not route a Telegram client's case to the demo counsellor, nor its step to the demo staf", async () => {
    const caseNo = await w.registerPraja(praja);
    const c = await prisma().case.findUniqueOrThrow({ where: { number: caseNo } });
    caseId = c.id;
    expect(c.counsellorId).toBeNull();
    expect(await toDemo()).toEqual([]);
    expect(await prisma().auditEvent.count({ where: { type: "no_recipient", caseId } })).toBeGreaterThan(0);
  });

  it("sends neither the client's messages, a crisis alert nor an erasure button to a demo person", async () => {
    await w.say(praja, "Saya masih sulit tidur.", /.+/);
    await w.say(praja, "kadang saya ingin mati", /SEJIWA 119/);
    await w.say(praja, "/hapus", /Permintaan penghapusan data Anda telah dicatat/);
    expect(await toDemo()).toEqual([]);
    const alert = await prisma().auditEvent.findFirstOrThrow({ where: { type: "crisis_alert", caseId } });
    expect(JSON.parse(alert.dataJson)).toMatchObject({ counsellors: 0, leaders: 0 });
  });

  it("keeps the demo staff for the page's own clients", async () => {
    const local = await prisma().person.create({
      data: { kind: "client", orgId: "ipdn", identities: { create: { channel: "local", address: "ipdn-klien-9" } } },
    });
    const telegram = await prisma().case.findUniqueOrThrow({ where: { id: caseId }, select: { clientId: true } });
    await prisma().$transaction(async (tx) => {
      expect(await isDemoClient(tx, local.id)).toBe(true);
      expect(await isDemoClient(tx, telegram.clientId)).toBe(false);
      const demoKonselor = await tx.person.findFirstOrThrow({ where: { isDemo: true, identities: { some: { address: "ipdn-konselor" } } } });
      expect(await pickCounsellor(tx, { orgId: "ipdn", clientId: local.id })).toBe(demoKonselor.id);
      expect(await roleHolders(tx, { orgId: "ipdn", roles: ["konselor"], forClientId: local.id })).toEqual([demoKonselor.id]);
      expect(await roleHolders(tx, { orgId: "ipdn", roles: ["konselor"], forClientId: telegram.clientId })).toEqual([]);
      // Work about nobody in particular is real work.
      expect(await roleHolders(tx, { orgId: "ipdn", roles: ["konselor"] })).toEqual([]);
    });
  });

  it("lets a demo counsellor neither list a real case (/kasus) nor answer and so take it (/balas)", async () => {
    const c = await prisma().case.findUniqueOrThrow({ where: { id: caseId } });
    const local = w.service.local!;
    const cookie = `${LOCAL_PAGE_COOKIE}=${new URL(local.pageUrl).searchParams.get("token")}`;
    const post = async (text: string) => {
      // What the post adds, by row: the table's order is not the order the rows were written in.
      const seen = new Set((await prisma().outbox.findMany({ where: { channel: "local" }, select: { id: true } })).map((r) => r.id));
      const before = seen.size;
      const res = await fetch(`${local.url}local/send`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie },
        body: JSON.stringify({ pane: "ipdn-konselor", text }),
      });
      expect(res.status).toBe(200);
      await waitFor(`an answer to ${text}`, async () => (await toDemo()).length > before);
      return (await prisma().outbox.findMany({ where: { channel: "local" }, select: { id: true, payloadJson: true } }))
        .filter((row) => !seen.has(row.id))
        .map((row) => row.payloadJson);
    };
    const list = await post("/kasus");
    expect(list.join("\n")).not.toContain(`#${c.number}`);
    const answer = await post(`/balas ${c.number} Halo, saya konselor Anda.`);
    expect(answer.join("\n")).toMatch(/Hanya konselor yang menangani kasus ini/);
    expect((await prisma().case.findUniqueOrThrow({ where: { id: caseId } })).counsellorId).toBeNull();
    expect(w.fake.sentTo(praja.id).some((m) => /saya konselor Anda/.test(m.text ?? ""))).toBe(false);
  });

  it("gives the demo staff no dashboard", async () => {
    const kepala = await prisma().person.findFirstOrThrow({ where: { isDemo: true, identities: { some: { address: "ipdn-kepala_unit" } } } });
    const lookup = await viewerForPerson({ app: w.app, clock: () => new Date(), log: createLogger("silent") }, kepala.id);
    expect(lookup.kind).toBe("noRole");
  });
});
