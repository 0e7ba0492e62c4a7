// /metrics on the whole service in local mode, read by a strict Prometheus text parser: a praja's registration
// through the local channel's real path (HTTP post -> channel -> dialogs -> outbox) moves the handled counter and
// the latency histogram; a redelivered post moves the refusals and a flooding chat the kept messages; the database's
// gauges are there;
// METRICS_TOKEN closes it to scrapers without the token.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePrometheusText, sampleValue, type MetricFamily } from "../../support/prometheusText.ts";
import { registerPraja, startLocalWorld, type LocalWorld } from "../../local/localWorld.ts";

const TOKEN = "scrape-token-0123456789";

describe("/metrics after a walk", () => {
  let w: LocalWorld;
  beforeAll(async () => {
    w = await startLocalWorld({ env: { INBOUND_BURST: "40", INBOUND_PER_MINUTE: "1" } });
  });
  afterAll(async () => w?.close());

  const scrape = async (headers: Record<string, string> = {}): Promise<Map<string, MetricFamily>> => {
    const response = await fetch(`${w.url}metrics`, { headers });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    return parsePrometheusText(await response.text());
  };
  const local = { channel: "local" };

  it("counts the messages handled and refused on the channel they came from", async () => {
    const before = await scrape();
    expect(sampleValue(before, "pintu_inbound_handled_total", local)).toBe(0);
    expect(sampleValue(before, "pintu_database_up")).toBe(1);

    const caseNo = await registerPraja(w, "ipdn-klien-1");
    expect(caseNo).toBeGreaterThan(0);
    const mine = (await w.entries("ipdn-klien-1")).filter((e) => e.from === "me").length;
    // A post the page sends twice (a retry) is handled once.
    expect((await w.post({ pane: "ipdn-klien-1", text: "/status", id: "retry-metrics-1" })).body.duplicate).toBe(false);
    expect((await w.post({ pane: "ipdn-klien-1", text: "/status", id: "retry-metrics-1" })).body.duplicate).toBe(true);
    // Another praja floods: over INBOUND_BURST, messages are kept to be handled later (the pace of one a minute
    // holds them for this test), the first over the pace, the rest behind it.
    for (let i = 0; i < 45; i++) await w.post({ pane: "ipdn-klien-2", text: `/status ${i}` });

    const after = await scrape();
    expect(sampleValue(after, "pintu_inbound_handled_total", local)).toBe(mine + 1 + 40);
    expect(sampleValue(after, "pintu_inbound_handling_seconds_count", local)).toBe(mine + 1 + 40);
    expect(sampleValue(after, "pintu_inbound_handling_seconds_sum", local)).toBeGreaterThan(0);
    expect(sampleValue(after, "pintu_inbound_refused_total", { ...local, reason: "duplicate" })).toBe(1);
    expect(sampleValue(after, "pintu_inbound_kept_total", { ...local, reason: "paced" })).toBe(1);
    expect(sampleValue(after, "pintu_inbound_kept_total", { ...local, reason: "behind" })).toBe(4);
    expect(sampleValue(after, "pintu_inbound_refused_total", { ...local, reason: "flood" })).toBe(0);
    expect(sampleValue(after, "pintu_inbound_handled_total", { channel: "telegram" })).toBe(0);
  });

  it("reads the backlog gauges from the database", async () => {
    const families = await scrape();
    expect(sampleValue(families, "pintu_database_up")).toBe(1);
    for (const flow of w.app.flows.flows.keys()) expect(sampleValue(families, "pintu_overdue_steps", { flow })).toBe(0);
    expect(sampleValue(families, "pintu_outbox_unsent", local)).toBeGreaterThanOrEqual(0);
    expect(sampleValue(families, "pintu_outbox_dead", local)).toBe(0);
    expect(sampleValue(families, "pintu_inbound_waiting", local)).toBe(5);
    expect(sampleValue(families, "pintu_inbound_dead", local)).toBe(0);
    expect(sampleValue(families, "pintu_outbox_oldest_unsent_age_seconds")).toBeGreaterThanOrEqual(0);
    expect(sampleValue(families, "pintu_documents_pending")).toBeGreaterThanOrEqual(0);
    expect(families.get("process_resident_memory_bytes")?.type).toBe("gauge");
  });

  it("asks for the bearer token when METRICS_TOKEN is set", async () => {
    await w.restart({ ...w.env, METRICS_TOKEN: TOKEN });
    for (const authorization of [undefined, "Bearer wrong-token-0123456789", TOKEN]) {
      const response = await fetch(`${w.url}metrics`, { headers: authorization ? { authorization } : {} });
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(await response.text()).not.toContain("pintu_");
    }
    const families = await scrape({ authorization: `Bearer ${TOKEN}` });
    expect(sampleValue(families, "pintu_database_up")).toBe(1);
  });
});
