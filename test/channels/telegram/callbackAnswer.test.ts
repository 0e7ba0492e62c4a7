// A pressed button is answered whatever the handling does (src/channels/telegram/callbackAnswer.ts, wired in
// telegramChannel.ts): with the handling's toast when it comes in time, else at the bound, before the handling's own
// work reaches Telegram; and when the handling fails, with the failure (or, answered already, in the chat). The channel
// runs for real (telegraf polling the fake Bot API); the handling is a stand-in the test holds and releases.
import { Telegraf } from "telegraf";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTelegramChannel, type TelegramChannel } from "../../../src/channels/telegram/telegramChannel.ts";
import type { InboundMessage } from "../../../src/channels/inboundMessage.ts";
import type { InboundOutcome } from "../../../src/dialogs/handleInbound.ts";
import { createLogger } from "../../../src/logger.ts";
import { startFakeBotApi, type FakeBotApi, type FakeUser } from "../../fakes/telegramBotApi.ts";

const staf: FakeUser = { id: 7301, first_name: "Budi" };
const FAILURE = "Maaf, ada gangguan. Silakan coba lagi.";

describe("answering a pressed button", () => {
  let fake: FakeBotApi;
  let channel: TelegramChannel | undefined;
  let handle: (msg: InboundMessage) => Promise<InboundOutcome>;

  beforeEach(async () => {
    fake = await startFakeBotApi({ token: "123456789:AAH-fake-token-for-tests_0123456789" });
  });
  afterEach(async () => {
    await channel?.stop();
    channel = undefined;
    await fake.close();
  });

  const start = async (withinMs: number) => {
    channel = await startTelegramChannel({
      token: fake.token,
      apiRoot: fake.url,
      // Only the press is the test's; the chat's first message is answered at once.
      onInbound: async (msg) => (msg.buttonId ? handle(msg) : { duplicate: false }),
      fileStore: { save: async () => "file:x", load: async () => Promise.reject(new Error("none")) },
      log: createLogger("silent"),
      failureText: FAILURE,
      inboundAttempts: 1,
      callbackAnswerWithinMs: withinMs,
    });
  };
  /** A task with a button in the staff member's chat, pressed; resolves with the query's id. */
  const press = async () => {
    const telegram = new Telegraf(fake.token, { telegram: { apiRoot: fake.url } }).telegram;
    fake.userSends(staf, "hi");
    const task = await telegram.sendMessage(staf.id, "Tugas", { reply_markup: { inline_keyboard: [[{ text: "Selesai", callback_data: "btn-done" }]] } });
    return fake.userPresses(staf, task.message_id, "btn-done").callback_query.id;
  };
  const answerOf = (id: string) => fake.waitFor("answerCallbackQuery", (c) => c.params.callback_query_id === id, 8000);

  it("a handling that finishes in time: answered once, with its toast", async () => {
    handle = async () => ({ duplicate: false, toast: "Langkah 2 tercatat: Selesai" });
    await start(5000);
    const id = await press();
    expect((await answerOf(id)).params.text).toBe("Langkah 2 tercatat: Selesai");
    expect(fake.callsOf("answerCallbackQuery")).toHaveLength(1);
  });

  it("a slow handling: the answer comes at the bound, before the handling's work reaches Telegram", async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let finished = false;
    handle = async () => {
      await held;
      await channel!.sender.send(String(staf.id), { text: "✓ Tercatat", buttons: [], links: [], attachments: [] });
      finished = true;
      return { duplicate: false, toast: "too late for the spinner" };
    };
    await start(100);
    const id = await press();
    const answer = await answerOf(id);
    expect(answer.failed).toBe(false);
    expect(answer.params.text).toBeUndefined();
    expect(finished).toBe(false);
    release();
    await fake.waitFor("sendMessage", (c) => c.params.text === "✓ Tercatat");
    const order = fake.calls.map((c) => c.method).filter((m) => m === "answerCallbackQuery" || m === "sendMessage");
    expect(order.slice(-2)).toEqual(["answerCallbackQuery", "sendMessage"]);
    expect(fake.callsOf("answerCallbackQuery")).toHaveLength(1); // the late toast is not tried again
  });

  it("a handling that fails: the press is answered with the failure", async () => {
    handle = async () => {
      throw new Error("the transaction failed");
    };
    await start(5000);
    const id = await press();
    expect((await answerOf(id)).params.text).toBe(FAILURE);
  });

  it("a handling that fails after the bound: the press was answered, and the failure is told in the chat", async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    handle = async () => {
      await held;
      throw new Error("the transaction failed late");
    };
    await start(100);
    const id = await press();
    expect((await answerOf(id)).params.text).toBeUndefined();
    release();
    await fake.waitFor("sendMessage", (c) => c.params.text === FAILURE && c.params.chat_id === staf.id);
    expect(fake.callsOf("answerCallbackQuery")).toHaveLength(1);
  });

  it("a toast longer than Telegram's 200 characters is cut between characters", async () => {
    handle = async () => ({ duplicate: false, toast: `${"x".repeat(199)}😀 dan seterusnya` });
    await start(5000);
    const id = await press();
    const answer = await answerOf(id);
    expect(answer.failed).toBe(false);
    expect(answer.params.text).toBe("x".repeat(199));
  });
});
