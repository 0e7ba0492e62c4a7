// The logger's lines carry their time twice: epoch milliseconds in `time` and the same instant in ISO 8601 UTC
// in `isoTime`; the pretty lines for a terminal show it once.
import { describe, expect, it } from "vitest";
import { createLogger, createLogOutput } from "../src/logger.ts";

describe("createLogger's time fields", () => {
  it("writes time and isoTime for the same instant", () => {
    const lines: string[] = [];
    const before = Date.now();
    createLogger("info", { write: (line: string) => void lines.push(line) }).info("started");
    const after = Date.now();
    const record = JSON.parse(lines[0]!) as { time: number; isoTime: string; msg: string };
    expect(record.msg).toBe("started");
    expect(record.isoTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Date.parse(record.isoTime)).toBe(record.time);
    expect(record.time).toBeGreaterThanOrEqual(before);
    expect(record.time).toBeLessThanOrEqual(after);
  });

  it("leaves isoTime out of the pretty lines", () => {
    const chunks: string[] = [];
    createLogger("info", createLogOutput({ pretty: true, write: (chunk) => void chunks.push(chunk) })).info("started");
    expect(chunks[0]).not.toContain("isoTime");
  });
});
