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
      limiter.finished(`chat-${i}`); // answered at once
    }
    for (let i = 0, j = 0; i < starts.length; i++) {
      while (starts[i]! - starts[j]! >= 1000) j++;
      expect(i - j + 1).toBeLessThanOrEqual(30);
    }
    expect(starts.at(-1)!).toBeLessThan(4500);
  });

  it("keeps the limit at the platform's end however long requests take: a send holds its place until 1 s after it finished", async () => {
    // Sends that take 0 to 400 ms (the platform sees each somewhere in between), 60 chats, limit 10/s.
    const clock = fakeClock();
    const limiter = createSendRateLimiter({ perChatIntervalMs: 1000, globalPerSecond: 10 }, clock);
    const inFlight: { chat: string; start: number; end: number }[] = [];
    const done: { start: number; end: number }[] = [];
    for (let i = 0; i < 60; i++) {
      const chat = `c${i}`;
      // Before each acquire, finish the sends whose time has come (as their answers would arrive).
      const settle = () => {
        for (const s of [...inFlight].sort((a, b) => a.end - b.end)) {
          if (s.end > clock.now()) break;
          limiter.finished(s.chat);
          inFlight.splice(inFlight.indexOf(s), 1);
          done.push(s);
        }
      };
      settle();
      let acquired = false;
      const acquiring = limiter.acquire(chat).then(() => (acquired = true));
      while (!acquired) {
        await Promise.resolve();
        if (!acquired && inFlight.length) {
          // Waiting on places held by sends in flight: move time to the next answer and report it.
          const next = Math.min(...inFlight.map((s) => s.end));
          if (next > clock.now()) clock.advance(next - clock.now());
          settle();
        }
        await new Promise((r) => setImmediate(r));
      }
      await acquiring;
      const start = clock.now();
      inFlight.push({ chat, start, end: start + ((i * 37) % 400) });
    }
    clock.advance(1000);
    for (const s of inFlight) {
      limiter.finished(s.chat);
      done.push(s);
    }
    // Whatever moment in [start, end] each message reached the platform, no 1,000 ms held more than 10:
    // the worst case is every message landing at the end of the interval that packs most into one second.
    for (const w of done) {
      const from = w.end;
      const possible = done.filter((s) => s.start < from + 1000 && s.end >= from).length;
      expect(possible).toBeLessThanOrEqual(10);
    }
  });

  it("a chat waiting out its own interval does not free the places other sends still hold", async () => {
    let t = 0;
    const sleeps: number[] = []; // when each sleeper asked to be woken; never woken here
    const limiter = createSendRateLimiter(
      { perChatIntervalMs: 3000, globalPerSecond: 2 },
      {
        now: () => t,
        sleep: (ms) => {
          sleeps.push(t + ms);
          return new Promise<void>(() => undefined);
        },
      },
    );
    await limiter.acquire("x");
    t = 900;
    limiter.finished("x"); // holds its place until 1,910
    await limiter.acquire("y");
    limiter.finished("y"); // holds its place until 1,910
    t = 1000;
    void limiter.acquire("x"); // waits for its own chat until 3,900
    void limiter.acquire("z"); // both places are held until 1,910
    expect(sleeps).toEqual([3900, 1910]);
  });
});
