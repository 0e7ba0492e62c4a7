// The outbound figures are computed from recorded arrival times: check the arithmetic on known inputs.
import { describe, expect, it } from "vitest";
import { analyzeDeliveries, maxInOneSecond } from "../../bench/outbound/deliveryAnalysis.ts";
import { percentile } from "../../bench/support/stats.ts";

describe("delivery analysis", () => {
  it("counts the most events in any 1-second window", () => {
    expect(maxInOneSecond([])).toBe(0);
    expect(maxInOneSecond([0, 1000, 2000])).toBe(1);
    expect(maxInOneSecond([0, 999, 2000])).toBe(2);
    expect(maxInOneSecond([0, 100, 200, 1150, 1160])).toBe(3);
  });

  it("rate over the window, per-chat spacing and chats above 1/s", () => {
    // 30 chats, each getting a message every second for 10 seconds: exactly 30/s, 1 per chat.
    const deliveries = [];
    for (let s = 0; s < 10; s++) for (let c = 0; c < 30; c++) deliveries.push({ chatId: c, at: s * 1000 + c * 10 });
    const a = analyzeDeliveries(deliveries, 60_000);
    expect(a.delivered).toBe(300);
    expect(a.maxPerChatInAnySecond).toBe(1);
    expect(a.minGapSameChatMs).toBe(1000);
    expect(a.chatsAbove1PerSecond).toBe(0);
    expect(a.maxInAnySecond).toBe(30);
    expect(a.messagesPerSecond).toBeCloseTo(299 / 9.29, 1);

    const tooFast = analyzeDeliveries([...deliveries, { chatId: 0, at: 500 }], 5_000);
    expect(tooFast.maxPerChatInAnySecond).toBe(2);
    expect(tooFast.chatsAbove1PerSecond).toBe(1);
    expect(tooFast.windowS).toBe(5);
  });

  it("percentiles by nearest rank", () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([5, 1, 3], 50)).toBe(3);
    expect(
      percentile(
        Array.from({ length: 100 }, (_, i) => i + 1),
        99,
      ),
    ).toBe(99);
  });
});
