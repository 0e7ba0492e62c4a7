// The rate limiter's per-chat spacing counts from the end of the previous send to that chat, so a request
// that left late or took long cannot land within a second of the next one at the platform's end.
import { describe, expect, it } from "vitest";
import { createSendRateLimiter } from "../../src/notify/sendRateLimiter.ts";

function fakeClock() {
  let t = 0;
  return {
    now: () => t,
    sleep: async (ms: number) => {
      t += ms;
    },
    advance: (ms: number) => {
      t += ms;
    },
  };
}

describe("send rate limiter", () => {
  it("spaces two messages to one chat by the interval after the first send finished", async () => {
    const clock = fakeClock();
    const limiter = createSendRateLimiter({ perChatIntervalMs: 1000, globalPerSecond: 30 }, clock);
    await limiter.acquire("42");
    expect(clock.now()).toBe(0);
    clock.advance(400); // the request took 400 ms
    limiter.finished("42");
    await limiter.acquire("42");
    expect(clock.now()).toBe(1400);
  });

  it("keeps the interval from the start when the send finished quickly, and other chats are not held up", async () => {
    const clock = fakeClock();
    const limiter = createSendRateLimiter({ perChatIntervalMs: 1000, globalPerSecond: 30 }, clock);
    await limiter.acquire("a");
    clock.advance(10);
    limiter.finished("a");
    await limiter.acquire("b");
    expect(clock.now()).toBeLessThan(100);
    await limiter.acquire("a");
    expect(clock.now()).toBe(1010);
  });

  it("uses the group interval for groups and honours a pause", async () => {
    const clock = fakeClock();
    const limiter = createSendRateLimiter({ perChatIntervalMs: 1000, perGroupIntervalMs: 3000, globalPerSecond: 30 }, clock);
    await limiter.acquire("-100", { group: true });
    limiter.finished("-100", { group: true });
    await limiter.acquire("-100", { group: true });
    expect(clock.now()).toBe(3000);
    limiter.pauseUntil(10_000);
    await limiter.acquire("7");
    expect(clock.now()).toBe(10_000);
  });

  it("never lets more than the limit start within any one-second window", async () => {
    const clock = fakeClock();
    const limiter = createSendRateLimiter({ perChatIntervalMs: 1000, globalPerSecond: 30 }, clock);
    const starts: number[] = [];
    for (let i = 0; i < 120; i++) {
      await limiter.acquire(`chat-${i}`);
      starts.push(clock.now());
    }
    for (let i = 0, j = 0; i < starts.length; i++) {
      while (starts[i]! - starts[j]! >= 1000) j++;
      expect(i - j + 1).toBeLessThanOrEqual(30);
    }
    expect(starts.at(-1)!).toBeLessThan(4500);
  });
});
