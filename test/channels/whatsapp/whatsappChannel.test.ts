// The WhatsApp channel's hand-over to the dialogs: WhatsApp never delivers a message twice, so one the dialogs could not
// even keep (InboundNotKept: the database down) is handed over again with backoff, on the channel's clock, and read
// only once they have it; any other failure is final (the dialogs keep what fails in their own handling) and the
// message is left unread on the phone, never marked read as if it had been handled.
import { afterEach, describe, expect, it } from "vitest";
import { InboundNotKept } from "../../../src/channels/inboundMessage.ts";
import { CLIENT, startHarness, until } from "./support/channelHarness.ts";

describe("WhatsApp channel: handing messages to the dialogs", () => {
  let h: Awaited<ReturnType<typeof startHarness>> | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it("hands a message the dialogs could not keep over again, with backoff, and reads it once they have it", async () => {
    let refusals = 2;
    h = await startHarness({
      onInbound: async () => {
        if (refusals-- > 0) throw new InboundNotKept(new Error("database is locked"));
      },
    });
    h.fake.userSends(CLIENT, "halo");
    await h.inbound(1);
    await until(
      () => h!.clock.pending > 0,
      () => "a wait before the second hand-over",
    );
    expect(h.fake.reads).toHaveLength(0);
    await h.clock.advance(1000);
    await h.inbound(2);
    await until(
      () => h!.clock.pending > 0,
      () => "a wait before the third hand-over",
    );
    await h.clock.advance(2000);
    await h.inbound(3);
    await until(
      () => h!.fake.reads.length === 1,
      () => "the read receipt after the hand-over",
    );
    expect(h.clock.sleeps.slice(0, 2)).toEqual([1000, 2000]);
    expect(h.received.map((m) => m.text)).toEqual(["halo", "halo", "halo"]);
  });

  it("keeps handing it over past any count while the channel runs: baileys acknowledged it, WhatsApp will not send it again", async () => {
    let refusals = 9;
    h = await startHarness({
      onInbound: async () => {
        if (refusals-- > 0) throw new InboundNotKept(new Error("database is down"));
      },
    });
    h.fake.userSends(CLIENT, "halo");
    for (let attempt = 1; attempt <= 9; attempt++) {
      await h.inbound(attempt);
      await until(
        () => h!.clock.pending > 0,
        () => `a wait before hand-over ${attempt + 1}`,
      );
      await h.clock.advance(h.clock.sleeps.at(-1)!);
    }
    await h.inbound(10);
    await until(
      () => h!.fake.reads.length === 1,
      () => "the read receipt once the dialogs have it",
    );
    expect(h.clock.sleeps).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000, 30_000]);
  });

  it("does not hand a message over again after a final failure, and leaves it unread", async () => {
    h = await startHarness({
      onInbound: async () => {
        throw new Error("not a message");
      },
    });
    h.fake.userSends(CLIENT, "halo");
    await h.inbound(1);
    await until(
      () => /could not be handed to the dialogs/.test(h!.logs()),
      () => "the error logged",
    );
    expect(h.clock.pending).toBe(0);
    expect(h.fake.reads).toHaveLength(0);
    expect(h.received).toHaveLength(1);
  });
});
