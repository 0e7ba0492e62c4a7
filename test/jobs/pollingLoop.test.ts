import { afterEach, describe, expect, it, vi } from "vitest";
import { pollingLoop } from "../../src/jobs/pollingLoop.ts";

afterEach(() => {
  vi.useRealTimers();
});

describe("pollingLoop", () => {
  it("never runs two passes at once; a kick during a pass gives exactly one more pass after it", async () => {
    let active = 0;
    let maxActive = 0;
    let passes = 0;
    let release!: () => void;
    const loop = pollingLoop({
      pollMs: 60_000,
      pass: async () => {
        passes += 1;
        active += 1;
        maxActive = Math.max(maxActive, active);
        if (passes === 1) await new Promise<void>((r) => (release = r));
        active -= 1;
      },
    });
    loop.start();
    await vi.waitFor(() => expect(passes).toBe(1));
    const joined = [loop.runOnce(), loop.runOnce(), loop.runOnce()];
    release();
    await Promise.all(joined);
    expect(passes).toBe(2);
    expect(maxActive).toBe(1);
    await loop.stop();
    expect(loop.running).toBe(false);
  });

  it("polls again after pollMs and stops polling after stop()", async () => {
    vi.useFakeTimers();
    let passes = 0;
    const loop = pollingLoop({
      pollMs: 1000,
      pass: async () => {
        passes += 1;
      },
    });
    loop.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(passes).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(passes).toBe(2);
    await vi.advanceTimersByTimeAsync(999);
    expect(passes).toBe(2);
    loop.kick();
    await vi.advanceTimersByTimeAsync(0);
    expect(passes).toBe(3);
    await loop.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(passes).toBe(3);
    loop.kick();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(passes).toBe(3);
  });

  it("a failing pass is reported and the loop keeps polling", async () => {
    vi.useFakeTimers();
    const errors: string[] = [];
    let passes = 0;
    const loop = pollingLoop({
      pollMs: 500,
      pass: async () => {
        passes += 1;
        if (passes === 1) throw new Error("database is locked");
      },
      onError: (e) => errors.push(e.message),
    });
    loop.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(errors).toEqual(["database is locked"]);
    await vi.advanceTimersByTimeAsync(500);
    expect(passes).toBe(2);
    await loop.stop();
  });

  it("without onError, runOnce() rejects with the pass's error and the next runOnce() works", async () => {
    let fail = true;
    const loop = pollingLoop({
      pollMs: 1000,
      pass: async () => {
        if (fail) throw new Error("boom");
      },
    });
    await expect(loop.runOnce()).rejects.toThrow("boom");
    fail = false;
    await expect(loop.runOnce()).resolves.toBeUndefined();
  });
});
