// The service's metrics on their own: how a message is counted (handled, kept or refused and why) around a handler
// that behaves as the dialogs do, what happens to kept ones later, and the database's gauges, also when the
// database does not answer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApp, type App } from "../../../src/app/openApp.ts";
import { inboundMessageSchema, type InboundMessage } from "../../../src/channels/inboundMessage.ts";
import { MAX_INBOUND_CHARS, type InboundOutcome } from "../../../src/dialogs/handleInbound.ts";
import { createServiceMetrics } from "../../../src/http/metrics/serviceMetrics.ts";
import { freshDatabase } from "../../support/databases.ts";
import { parsePrometheusText, sampleValue } from "../../support/prometheusText.ts";

const NOW = new Date("2030-03-04T05:00:00Z");
const message = (p: Partial<InboundMessage>): InboundMessage => ({
  channel: "telegram",
  address: "100",
  platformId: `m-${Math.random()}`,
  text: "halo",
  attachments: [],
  references: [],
  receivedAt: NOW,
  ...p,
});

describe("createServiceMetrics", () => {
  let app: App;
  beforeAll(async () => {
    app = await openApp({ env: { DATABASE_URL: (await freshDatabase("sqlite")).url } });
  });
  afterAll(async () => app?.close());

  it("counts each message once, as handled (timed), kept or refused for the reason the handler had", async () => {
    const metrics = createServiceMetrics(app, { clock: () => NOW });
    // Like the dialogs: parse, wait for the chat's earlier messages, then handle, keep (over the pace, an over-long
    // message in parts) or cut (beyond the flood bound).
    const handler = metrics.countInbound(async (raw): Promise<InboundOutcome> => {
      const msg = inboundMessageSchema.parse(raw);
      await new Promise((r) => setTimeout(r, 1));
      if (msg.address === "flooder") return { duplicate: false, cut: true };
      if (msg.address === "quick") return { duplicate: false, kept: "paced" };
      if (msg.platformId === "seen") return { duplicate: true };
      if (msg.text === "boom") throw new Error("boom");
      if (msg.text.length > MAX_INBOUND_CHARS) return { duplicate: false, kept: "part" };
      return { duplicate: false };
    });
    await Promise.all([
      handler(message({})),
      handler(message({ channel: "email", address: "a@b.id" })),
      handler(message({ address: "flooder" })),
      handler(message({ address: "flooder" })),
      handler(message({ address: "quick" })),
      handler(message({ platformId: "seen" })),
      handler(message({ text: "x".repeat(MAX_INBOUND_CHARS + 1) })),
    ]);
    await expect(handler(message({ text: "boom" }))).rejects.toThrow("boom");
    await expect(handler({ channel: "telegram" } as InboundMessage)).rejects.toThrow();
    // Kept messages handled later count as handled; one given up counts as a dead letter; a retry as a retry.
    metrics.countBacklog({ kind: "handled_later", channel: "telegram" });
    metrics.countBacklog({ kind: "retry", channel: "telegram" });
    metrics.countBacklog({ kind: "dead", channel: "telegram" });

    const families = parsePrometheusText((await metrics.scrape()).text);
    const value = (name: string, labels: Record<string, string>) => sampleValue(families, name, labels);
    expect(value("pintu_inbound_handled_total", { channel: "telegram" })).toBe(2);
    expect(value("pintu_inbound_handled_total", { channel: "email" })).toBe(1);
    expect(value("pintu_inbound_handled_total", { channel: "whatsapp" })).toBe(0);
    expect(value("pintu_inbound_kept_total", { channel: "telegram", reason: "paced" })).toBe(1);
    expect(value("pintu_inbound_kept_total", { channel: "telegram", reason: "part" })).toBe(1);
    expect(value("pintu_inbound_kept_total", { channel: "telegram", reason: "failed" })).toBe(0);
    expect(value("pintu_inbound_refused_total", { channel: "telegram", reason: "flood" })).toBe(2);
    expect(value("pintu_inbound_refused_total", { channel: "telegram", reason: "duplicate" })).toBe(1);
    expect(value("pintu_inbound_refused_total", { channel: "telegram", reason: "error" })).toBe(1);
    expect(value("pintu_inbound_refused_total", { channel: "telegram", reason: "invalid" })).toBe(1);
    expect(families.get("pintu_inbound_refused_total")?.samples.some((s) => s.labels.reason === "too_long")).toBe(false);
    expect(value("pintu_inbound_retries_total", { channel: "telegram" })).toBe(1);
    expect(value("pintu_inbound_dead_letters_total", { channel: "telegram" })).toBe(1);
    expect(value("pintu_inbound_handling_seconds_count", { channel: "telegram" })).toBe(1);
    expect(value("pintu_inbound_handling_seconds_count", { channel: "email" })).toBe(1);
    expect(value("pintu_inbound_handling_seconds_sum", { channel: "telegram" })).toBeGreaterThan(0);
  });

  it("reads the backlog from the database at each scrape", async () => {
    const metrics = createServiceMetrics(app, { clock: () => NOW });
    const raw = app.db.raw;
    const client = await raw.person.create({ data: { kind: "client" } });
    const c = await raw.case.create({ data: { number: 1, orgId: "ipdn", flowId: "bk-praja", clientId: client.id, status: "open" } });
    const step = { stepNo: "1", role: "konselor", askedAt: new Date(NOW.getTime() - 7_200_000), standardMin: 15, clock: "working" };
    await raw.stepRun.create({ data: { ...step, caseId: c.id, stepId: "a", deadlineAt: new Date(NOW.getTime() - 60_000) } });
    await raw.stepRun.create({ data: { ...step, caseId: c.id, stepId: "b", deadlineAt: new Date(NOW.getTime() + 60_000) } });
    await raw.stepRun.create({ data: { ...step, caseId: c.id, stepId: "c", deadlineAt: new Date(NOW.getTime() - 60_000), actedAt: NOW } });
    const row = (p: { status: string; ageMs: number; channel?: string }) => ({
      dedupeKey: `k-${Math.random()}`,
      channel: p.channel ?? "telegram",
      address: "1",
      payloadJson: "{}",
      status: p.status,
      createdAt: new Date(NOW.getTime() - p.ageMs),
    });
    await raw.outbox.createMany({
      data: [
        row({ status: "pending", ageMs: 90_000 }),
        row({ status: "sending", ageMs: 30_000, channel: "email" }),
        row({ status: "sent", ageMs: 999_000 }),
        row({ status: "dead", ageMs: 5_000 }),
      ],
    });
    await raw.document.create({ data: { caseId: c.id, kind: "formulir", title: "F", mimeType: "application/pdf", status: "pending" } });
    const kept = (p: { status: string; channel: string }) => ({ channel: p.channel, address: "1", messageJson: "{}", reason: "paced", status: p.status });
    await raw.inboundQueue.createMany({
      data: [kept({ status: "waiting", channel: "whatsapp" }), kept({ status: "waiting", channel: "whatsapp" }), kept({ status: "dead", channel: "email" })],
    });

    const families = parsePrometheusText((await metrics.scrape()).text);
    const value = (name: string, labels: Record<string, string> = {}) => sampleValue(families, name, labels);
    expect(value("pintu_database_up")).toBe(1);
    expect(value("pintu_outbox_unsent", { channel: "telegram" })).toBe(1);
    expect(value("pintu_outbox_unsent", { channel: "email" })).toBe(1);
    expect(value("pintu_outbox_oldest_unsent_age_seconds")).toBe(90);
    expect(value("pintu_outbox_dead", { channel: "telegram" })).toBe(1);
    expect(value("pintu_overdue_steps", { flow: "bk-praja" })).toBe(1);
    expect(value("pintu_overdue_steps", { flow: "terapi" })).toBe(0);
    expect(value("pintu_documents_pending")).toBe(1);
    expect(value("pintu_inbound_waiting", { channel: "whatsapp" })).toBe(2);
    expect(value("pintu_inbound_waiting", { channel: "email" })).toBe(0);
    expect(value("pintu_inbound_dead", { channel: "email" })).toBe(1);
    expect(value("process_resident_memory_bytes")).toBeGreaterThan(0);
  });

  it("says the database is down, and leaves its gauges out, when it does not answer", async () => {
    const down = new Proxy(app, {
      get: (target, key) =>
        key === "db" ? { ...target.db, raw: { organisation: { count: () => Promise.reject(new Error("connection refused")) } } } : Reflect.get(target, key),
    });
    const families = parsePrometheusText((await createServiceMetrics(down, { clock: () => NOW }).scrape()).text);
    expect(sampleValue(families, "pintu_database_up")).toBe(0);
    expect(families.get("pintu_outbox_unsent")?.samples ?? []).toEqual([]);
    expect(families.get("pintu_documents_pending")?.samples ?? []).toEqual([]);
  });
});
