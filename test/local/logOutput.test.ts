// The log's output (src/logger.ts createLogOutput): pretty lines for a terminal, JSON lines otherwise, pino's
// redaction in both; and keepLast, which writes local mode's address again after late start-up lines.
import { afterEach, describe, expect, it, vi } from "vitest";
import { createLogger, createLogOutput } from "../../src/logger.ts";

const PHONE = "081299887766";

function capture(pretty: boolean) {
  const chunks: string[] = [];
  const output = createLogOutput({ pretty, write: (chunk) => void chunks.push(chunk) });
  return { output, chunks, log: createLogger("info", output) };
}

describe("createLogOutput", () => {
  afterEach(() => vi.useRealTimers());

  it("writes one readable line per entry on a terminal, with the module first and personal fields redacted", () => {
    const { chunks, log } = capture(true);
    log.child({ module: "local" }).warn({ phone: PHONE, client: { name: "Ana Putri" }, caseNo: 7 }, "case opened");
    expect(chunks).toHaveLength(1);
    const line = chunks[0]!;
    expect(line).toMatch(/^\[\d\d:\d\d:\d\d\] WARN: \[local\] case opened /);
    expect(line.trimEnd().split("\n")).toHaveLength(1);
    expect(line).toContain('"caseNo":7');
    expect(line).not.toContain(PHONE);
    expect(line).not.toContain("Ana Putri");
    expect(line).toContain("[redacted]");
    expect(() => JSON.parse(line)).toThrow();
  });

  it("writes JSON lines otherwise, redacted the same way", () => {
    const { chunks, log } = capture(false);
    log.child({ module: "local" }).info({ phone: PHONE, caseNo: 7 }, "case opened");
    const record = JSON.parse(chunks[0]!) as Record<string, unknown>;
    expect(record).toMatchObject({ level: 30, module: "local", phone: "[redacted]", caseNo: 7, msg: "case opened" });
    expect(chunks[0]).not.toContain(PHONE);
  });

  it("keepLast writes the kept line again once later lines have gone quiet, and only within its time", () => {
    vi.useFakeTimers();
    const { output, chunks, log } = capture(false);
    const announce = () => log.info("address");
    announce();
    output.keepLast(announce, { forMs: 10_000, quietMs: 300 });
    const msgs = () => chunks.map((c) => (JSON.parse(c) as { msg: string }).msg);

    log.warn("connection failed");
    vi.advanceTimersByTime(200);
    log.info("reconnecting");
    vi.advanceTimersByTime(299);
    expect(msgs()).toEqual(["address", "connection failed", "reconnecting"]);
    vi.advanceTimersByTime(1);
    expect(msgs()).toEqual(["address", "connection failed", "reconnecting", "address"]);

    vi.advanceTimersByTime(10_000);
    log.info("much later");
    vi.advanceTimersByTime(1_000);
    expect(msgs().at(-1)).toBe("much later");
    expect(msgs().filter((m) => m === "address")).toHaveLength(2);
  });
});
