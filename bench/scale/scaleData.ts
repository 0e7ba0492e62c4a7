// Generates a unit's history straight into the database: ~3 years of cases over the five SOP flows, each
// with its step runs (from the flow's own steps, roles and time standards), chat messages and sent outbox
// rows; most cases archived, recent ones still open at their current step. Open steps past their deadline
// are already escalated and reminded, as the running deadline timer would have left them.
import { durationMinutes, parseDuration } from "../../src/core/duration.ts";
import type { Flow } from "../../src/flows/flowSchema.ts";
import type { LoadedFlows } from "../../src/flows/loadFlows.ts";
import { seededRandom } from "./prng.ts";
import { CASE, CHANNEL_IDENTITY, LOADED_TABLES, MESSAGE, OUTBOX, PERSON, STAFF_ROLE, STEP_RUN, type BulkWriter, type Row } from "./tables.ts";

export interface ScaleShape {
  cases: number;
  messages: number;
  counsellors: number;
  stepRunsPerCase: number;
  /** How far back the first case was opened. */
  historyDays: number;
}

export interface ScaleStats {
  rows: Record<string, number>;
  casesByStatus: Record<string, number>;
  openStepRuns: number;
  /** The counsellors with the most open konselor steps, busiest first (their queues are the ones timed). */
  busiestCounsellors: { id: string; openSteps: number }[];
  sampleCaseIds: string[];
  orgId: string;
}

const DAY = 86_400_000;
const MIN = 60_000;
/** How often each flow is used (the chat intake's flow most). */
const FLOW_WEIGHTS: Record<string, number> = { "konseling-online-praja": 0.35, "bk-praja": 0.2, "bk-pegawai": 0.15, terapi: 0.1, "puspaga-konseling": 0.2 };
const id = (kind: string, n: number) => `c${kind}${n.toString(36).padStart(10, "0")}`;

interface StepInfo {
  id: string;
  no: string;
  role: string;
  standardMin: number;
  clock: string;
  outcome: string;
}

function stepsOf(flow: Flow): StepInfo[] {
  return flow.steps.map((s) => {
    const next = s.next;
    const outcome = typeof next === "object" && next !== null ? (Object.keys(next)[0] ?? "done") : "done";
    return { id: s.id, no: s.no, role: s.role, standardMin: durationMinutes(parseDuration(s.time)!), clock: s.clock ?? flow.clock, outcome };
  });
}

/** Writes the whole history through `writer`; `onProgress` gets the cases written so far. */
export async function generateScaleData(p: {
  flows: LoadedFlows;
  shape: ScaleShape;
  writer: BulkWriter;
  now: Date;
  onProgress?: (casesDone: number) => void;
}): Promise<ScaleStats> {
  const { shape, writer } = p;
  const now = p.now.getTime();
  const rand = seededRandom(20261125);
  const pickInt = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const rows: Record<string, number> = {};
  const write = async (table: typeof PERSON, list: Row[]) => {
    if (list.length === 0) return;
    rows[table.name] = (rows[table.name] ?? 0) + list.length;
    await writer.insert(table, list);
  };

  await writer.prepare(LOADED_TABLES);

  // Flows, their organisations, the weights in use.
  const flows = [...p.flows.flows.values()].filter((f) => FLOW_WEIGHTS[f.id] !== undefined);
  if (flows.length === 0) throw new Error("none of the expected flows is loaded");
  const steps = new Map(flows.map((f) => [f.id, stepsOf(f)]));
  const totalWeight = flows.reduce((s, f) => s + FLOW_WEIGHTS[f.id]!, 0);
  const pickFlow = () => {
    let r = rand() * totalWeight;
    for (const f of flows) {
      r -= FLOW_WEIGHTS[f.id]!;
      if (r <= 0) return f;
    }
    return flows[flows.length - 1]!;
  };
  const orgIds = [...new Set(flows.map((f) => f.organisation))];

  // Staff: counsellors split over the organisations by their share of cases; two people per other role.
  const created = new Date(now - shape.historyDays * DAY - 30 * DAY);
  const persons: Row[] = [];
  const identities: Row[] = [];
  const staffRoles: Row[] = [];
  const counsellorsOf = new Map<string, string[]>();
  const holdersOf = new Map<string, string[]>(); // `${org}:${role}`
  let personNo = 0;
  const addStaff = (orgId: string, role: string, n: number) => {
    const list: string[] = [];
    for (let i = 0; i < n; i++) {
      const n = personNo++;
      const pid = id("p", n);
      persons.push([pid, "staff", null, orgId, `Staf ${role} ${i + 1}`, "id", false, created]);
      identities.push([id("i", n), pid, "telegram", String(700_000 + n), created]);
      staffRoles.push([id("r", n), pid, orgId, role, true, created]);
      list.push(pid);
    }
    holdersOf.set(`${orgId}:${role}`, list);
    return list;
  };
  const orgShare = (org: string) => flows.filter((f) => f.organisation === org).reduce((s, f) => s + FLOW_WEIGHTS[f.id]!, 0) / totalWeight;
  let counsellorsLeft = shape.counsellors;
  orgIds.forEach((org, i) => {
    const n = i === orgIds.length - 1 ? counsellorsLeft : Math.max(1, Math.round(shape.counsellors * orgShare(org)));
    counsellorsLeft -= n;
    counsellorsOf.set(org, addStaff(org, "konselor", Math.max(1, n)));
    const roles = p.flows.organisations.get(org)?.roles.map((r) => r.id) ?? [];
    for (const role of roles) if (role !== "konselor" && role !== "klien") addStaff(org, role, 2);
  });
  await write(PERSON, persons);
  await write(CHANNEL_IDENTITY, identities);
  await write(STAFF_ROLE, staffRoles);

  // Clients: one per case, a fifth of them returning for a second case.
  const clientCount = Math.max(1, Math.round(shape.cases * 0.8));
  const firstClientNo = personNo;
  const clientId = (k: number) => id("p", firstClientNo + k);

  const casesByStatus: Record<string, number> = {};
  const openStepsByCounsellor = new Map<string, number>();
  let openStepRuns = 0;
  let runNo = 0;
  let messageNo = 0;
  let outboxNo = 0;
  const sampleCaseIds: string[] = [];
  const messagesPerCase = shape.messages / shape.cases;
  const chunk = 1000;

  for (let start = 0; start < shape.cases; start += chunk) {
    const end = Math.min(shape.cases, start + chunk);
    const clientRows: Row[] = [];
    const clientIdentityRows: Row[] = [];
    const caseRows: Row[] = [];
    const runRows: Row[] = [];
    const messageRows: Row[] = [];
    const outboxRows: Row[] = [];
    for (let i = start; i < end; i++) {
      const flow = pickFlow();
      const org = flow.organisation;
      const caseId = id("c", i);
      const openedAt = now - shape.historyDays * DAY * (1 - i / shape.cases) + rand() * 3600_000;
      const clientNo = i % clientCount;
      const client = clientId(clientNo);
      if (i < clientCount) {
        const kind = org === "puspaga" ? "klien" : flow.id === "bk-pegawai" ? "pegawai" : "praja";
        clientRows.push([client, "client", kind, org, `Klien ${i}`, "id", false, new Date(openedAt - 600_000)]);
        clientIdentityRows.push([id("i", firstClientNo + clientNo), client, "telegram", String(5_000_000 + clientNo), new Date(openedAt - 600_000)]);
      }
      const counsellors = counsellorsOf.get(org)!;
      const counsellor = counsellors[Math.floor(rand() * counsellors.length)]!;
      const actorFor = (role: string) => (role === "konselor" ? counsellor : role === "klien" ? client : (holdersOf.get(`${org}:${role}`)?.[0] ?? null));

      // Step runs, one after another through the flow (round again when it loops back), until the
      // planned count or until now (the one in progress stays open).
      const flowSteps = steps.get(flow.id)!;
      const planned = Math.max(2, pickInt(shape.stepRunsPerCase - 4, shape.stepRunsPerCase + 4));
      const cancelled = openedAt < now - 45 * DAY && rand() < 0.02;
      const stale = !cancelled && openedAt < now - 45 * DAY && rand() < 0.01;
      const lastIndex = cancelled ? pickInt(1, planned - 1) : planned;
      let t = openedAt;
      let open: StepInfo | null = null;
      let closedAt: number | null = null;
      let firstRunId: string | null = null;
      for (let k = 0; k < lastIndex; k++) {
        const step = flowSteps[k % flowSteps.length]!;
        const runId = id("s", runNo++);
        firstRunId ??= runId;
        const asked = t;
        const deadline = asked + step.standardMin * MIN;
        const actualMin = Math.max(1, Math.round(step.standardMin * (0.1 + rand() * 1.6)));
        const acted = asked + actualMin * MIN;
        const isLast = k === lastIndex - 1;
        // The columns every step run has, open or closed: which step, when it was asked for and its standard.
        const askedColumns = [runId, caseId, step.id, step.no, step.role, new Date(asked), new Date(deadline), step.standardMin, step.clock] as const;
        if (acted > now || (stale && isLast)) {
          // In progress: open, reminded and escalated as the deadline timer would have done by now.
          const reminded = asked + 0.75 * step.standardMin * MIN <= now ? new Date(asked + 0.75 * step.standardMin * MIN) : null;
          const escalated = deadline <= now ? new Date(deadline) : null;
          runRows.push([...askedColumns, reminded, escalated, null, null, null, null, null]);
          open = step;
          openStepRuns++;
          break;
        }
        runRows.push([...askedColumns, null, null, new Date(acted), actorFor(step.role), step.outcome, actualMin > step.standardMin, actualMin]);
        closedAt = acted;
        t = acted + pickInt(1, 120) * MIN;
      }
      const status = open ? "open" : cancelled ? "cancelled" : "archived";
      casesByStatus[status] = (casesByStatus[status] ?? 0) + 1;
      if (open?.role === "konselor") openStepsByCounsellor.set(counsellor, (openStepsByCounsellor.get(counsellor) ?? 0) + 1);
      const intake = JSON.stringify({
        kind: "praja",
        answers: { nama: `Klien ${i}`, npp: `31.${1000 + (i % 9000)}`, tingkat: "II", kelas: "B3", kampus: "Jatinangor" },
        keluhan: "Sulit tidur dan cemas menjelang ujian.",
        channel: "telegram",
      });
      caseRows.push([
        caseId,
        i + 1,
        org,
        flow.id,
        client,
        counsellor,
        status,
        open?.id ?? null,
        runRows.length,
        intake,
        new Date(openedAt),
        open ? null : new Date(closedAt ?? openedAt),
      ]);
      if (sampleCaseIds.length < 64 && rand() < 0.01) sampleCaseIds.push(caseId);

      // Chat messages over the case's life, client and counsellor taking turns; two sent notifications.
      const lifeEnd = open ? now : (closedAt ?? openedAt);
      const count = Math.max(1, Math.round(messagesPerCase * (0.5 + rand())));
      for (let m = 0; m < count; m++) {
        const at = openedAt + ((lifeEnd - openedAt) * (m + 1)) / (count + 1);
        const fromClient = m % 2 === 0;
        messageRows.push([
          id("m", messageNo++),
          caseId,
          fromClient ? client : counsellor,
          fromClient ? "in" : "out",
          "telegram",
          fromClient ? "Baik, terima kasih. Saya akan datang sesuai jadwal." : "Silakan ceritakan lebih lanjut apa yang Anda rasakan minggu ini.",
          String(messageNo),
          new Date(at),
        ]);
      }
      for (const [k, to] of [client, counsellor].entries()) {
        const at = new Date(openedAt + 1000 * (k + 1));
        outboxRows.push([
          id("o", outboxNo++),
          `${caseId}:v${k + 1}:${to}`,
          "telegram",
          String(5_000_000 + clientNo),
          to,
          caseId,
          JSON.stringify({ text: `Kasus #${i + 1}: langkah berikutnya.`, buttons: [], links: [], attachments: [], caseNo: i + 1 }),
          "sent",
          1,
          at,
          String(outboxNo),
          firstRunId,
          at,
          new Date(at.getTime() + 800),
        ]);
      }
    }
    await write(PERSON, clientRows);
    await write(CHANNEL_IDENTITY, clientIdentityRows);
    await write(CASE, caseRows);
    await write(STEP_RUN, runRows);
    await write(MESSAGE, messageRows);
    await write(OUTBOX, outboxRows);
    p.onProgress?.(end);
  }
  await writer.setCaseNumber(shape.cases);
  await writer.finish();
  const busiestCounsellors = [...openStepsByCounsellor.entries()].sort((a, b) => b[1] - a[1]).map(([cid, openSteps]) => ({ id: cid, openSteps }));
  if (busiestCounsellors.length === 0) busiestCounsellors.push({ id: counsellorsOf.values().next().value![0]!, openSteps: 0 });
  if (sampleCaseIds.length === 0) sampleCaseIds.push(id("c", Math.floor(shape.cases / 2)));
  return { rows, casesByStatus, openStepRuns, busiestCounsellors, sampleCaseIds, orgId: orgIds.includes("ipdn") ? "ipdn" : orgIds[0]! };
}
