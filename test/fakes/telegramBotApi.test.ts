import http from "node:http";
import type { AddressInfo } from "node:net";
import { Markup, Telegraf, TelegramError } from "telegraf";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseMultipart } from "./multipart.ts";
import { parseTelegramHtml } from "./telegramHtml.ts";
import { type FakeBotApi, type FakeUser, fakeErrors, startFakeBotApi } from "./telegramBotApi.ts";
import { waitFor } from "../support/waitFor.ts";

const alice: FakeUser = { id: 1001, first_name: "Alice", username: "alice" };
const bob: FakeUser = { id: 1002, first_name: "Bob" };

let fake: FakeBotApi;
let bot: Telegraf;
let polling: Promise<void> | undefined;

beforeEach(async () => {
  fake = await startFakeBotApi({ botUsername: "pintu_test_bot" });
  bot = new Telegraf(fake.token, { telegram: { apiRoot: fake.url } });
  polling = undefined;
});

afterEach(async () => {
  if (polling) {
    bot.stop("test over");
    await polling;
  }
  await fake.close();
});

/** bot.launch() resolves only when polling stops, so start it without awaiting and wait for the first poll. */
async function launch(): Promise<void> {
  polling = bot.launch();
  await fake.waitFor("deleteWebhook");
}

/** A rejection's TelegramError, failing the test if the promise resolved or rejected with something else. */
async function telegramErrorOf(promise: Promise<unknown>): Promise<TelegramError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof TelegramError)) throw new Error(`expected a TelegramError, got ${String(error)}`);
  return error;
}

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
}

describe("long polling with telegraf", () => {
  it("answers /start and the fake records the sendMessage", async () => {
    bot.start((ctx) => ctx.reply(`Hello, ${ctx.from.first_name}!`));
    await launch();

    const update = fake.userSends(alice, "/start");
    expect(update.message.entities).toEqual([{ type: "bot_command", offset: 0, length: 6 }]);

    const call = await fake.waitFor("sendMessage");
    expect(call.params).toMatchObject({ chat_id: alice.id, text: "Hello, Alice!" });
    expect(call.failed).toBe(false);
    const reply = fake.lastSentTo(alice.id);
    expect(reply.message).toMatchObject({
      message_id: 2, // the user's /start was message 1 in this chat
      chat: { id: alice.id, type: "private", first_name: "Alice", username: "alice" },
      from: { id: fake.bot.id, is_bot: true, username: "pintu_test_bot" },
      text: "Hello, Alice!",
    });
    expect(fake.callsOf("getMe")).toHaveLength(1);

    bot.stop("done");
    await polling;
    polling = undefined;
    expect(fake.pendingUpdates).toEqual([]); // confirmed through the offset
  });

  it("holds getUpdates until an update arrives, times out empty, and ends a second poller with 409", async () => {
    const held = bot.telegram.getUpdates(30, 100, 0, undefined);
    await waitFor("the fake to hold the poll", () => fake.isPolling, 5_000);
    const pushed = fake.userSends(bob, "hi");
    expect(await held).toEqual([pushed]);
    // Not confirmed yet: the next poll gets it again, and an offset past it confirms it.
    expect(await bot.telegram.getUpdates(0, 100, 0, undefined)).toHaveLength(1);
    expect(await bot.telegram.getUpdates(0, 100, pushed.update_id + 1, undefined)).toEqual([]);

    const started = Date.now();
    expect(await bot.telegram.getUpdates(1, 100, 0, undefined)).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);

    const first = telegramErrorOf(bot.telegram.getUpdates(30, 100, 0, undefined));
    await waitFor("the fake to hold the first poll", () => fake.isPolling, 5_000);
    const second = bot.telegram.getUpdates(0, 100, 0, undefined);
    expect((await first).code).toBe(409);
    expect((await first).description).toMatch(/terminated by other getUpdates request/);
    expect(await second).toEqual([]);
  });

  it("closes cleanly while a long poll is held", async () => {
    const held = bot.telegram.getUpdates(30, 100, 0, undefined).catch((e: unknown) => e);
    await waitFor("the fake to hold the poll", () => fake.isPolling, 5_000);
    const started = Date.now();
    await fake.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await held).toBeInstanceOf(Error);
  });
});

describe("inline keyboards", () => {
  it("round-trips a button press: callback_query, answerCallbackQuery, editMessageText", async () => {
    bot.command("menu", (ctx) =>
      ctx.reply("Pick a time", Markup.inlineKeyboard([Markup.button.callback("Morning", "slot:am"), Markup.button.callback("Evening", "slot:pm")])),
    );
    bot.action(/^slot:(am|pm)$/, async (ctx) => {
      await ctx.answerCbQuery("Noted");
      await ctx.editMessageText(`You chose <b>${ctx.match[1]}</b>`, { parse_mode: "HTML" });
    });
    await launch();

    fake.userSends(alice, "/menu");
    await fake.waitFor("sendMessage");
    const menu = fake.lastSentTo(alice.id);
    expect(menu.message.reply_markup?.inline_keyboard[0]?.map((b) => b.text)).toEqual(["Morning", "Evening"]);

    const press = fake.userPresses(alice, menu.message, "slot:pm");
    expect(press.callback_query).toMatchObject({ from: { id: alice.id }, data: "slot:pm", message: { message_id: menu.message_id } });

    const edit = await fake.waitFor("editMessageText");
    expect(edit.params).toMatchObject({ chat_id: alice.id, message_id: menu.message_id });
    expect(fake.callsOf("answerCallbackQuery")[0]?.params).toMatchObject({ callback_query_id: press.callback_query.id, text: "Noted" });

    const edited = fake.lastSentTo(alice.id);
    expect(edited).toMatchObject({ message_id: menu.message_id, text: "You chose pm", rawText: "You chose <b>pm</b>" });
    expect(edited.reply_markup).toBeUndefined(); // an edit without reply_markup drops the keyboard
    expect(edited.message).toMatchObject({ entities: [{ type: "bold", offset: 10, length: 2 }] });
    expect(edited.message.edit_date).toBeTypeOf("number");
    expect(fake.sentTo(alice.id)).toHaveLength(1);

    // The same edit again, and a stale button, behave as with Telegram.
    const again = await telegramErrorOf(bot.telegram.editMessageText(alice.id, menu.message_id, undefined, "You chose <b>pm</b>", { parse_mode: "HTML" }));
    expect(again.code).toBe(400);
    expect(again.description).toMatch(/^Bad Request: message is not modified/);
    expect(() => fake.userPresses(alice, menu.message_id, "slot:am")).toThrow(/no button with callback_data "slot:am"/);
    const missing = await telegramErrorOf(bot.telegram.editMessageText(alice.id, 999, undefined, "x"));
    expect(missing.description).toBe("Bad Request: message to edit not found");
    const twice = await telegramErrorOf(bot.telegram.answerCbQuery(press.callback_query.id));
    expect(twice.description).toMatch(/query is too old/);
  });

  it("edits only the markup, and reports an unchanged markup", async () => {
    const keyboard = Markup.inlineKeyboard([Markup.button.callback("A", "a")]);
    const sent = await bot.telegram.sendMessage(bob.id, "choose", keyboard);
    await bot.telegram.editMessageReplyMarkup(bob.id, sent.message_id, undefined, Markup.inlineKeyboard([Markup.button.callback("B", "b")]).reply_markup);
    expect(fake.lastSentTo(bob.id).message.reply_markup).toEqual({ inline_keyboard: [[{ text: "B", callback_data: "b", hide: false }]] });
    const unchanged = await telegramErrorOf(
      bot.telegram.editMessageReplyMarkup(bob.id, sent.message_id, undefined, Markup.inlineKeyboard([Markup.button.callback("B", "b")]).reply_markup),
    );
    expect(unchanged.description).toMatch(/message is not modified/);
  });
});

describe("webhooks", () => {
  it("posts updates with the secret header to the webhook and runs webhook replies", async () => {
    const secret = "pintu-secret_1";
    bot.start(async (ctx) => {
      await ctx.sendChatAction("typing"); // telegraf answers this one in the webhook response body
      await ctx.reply("Hello from the webhook");
    });
    const headers: (string | undefined)[] = [];
    const callback = bot.webhookCallback("/hook", { secretToken: secret });
    const hook = http.createServer((req, res) => {
      headers.push(req.headers["x-telegram-bot-api-secret-token"] as string | undefined);
      void callback(req, res);
    });
    const port = await listen(hook);
    try {
      const url = "https://pintu.example:8443/hook";
      fake.forwardWebhook("https://pintu.example:8443", `http://127.0.0.1:${port}`);
      await bot.telegram.setWebhook(url, { secret_token: secret });
      expect((await bot.telegram.getWebhookInfo()).url).toBe(url);
      expect((await telegramErrorOf(bot.telegram.getUpdates(0, 100, 0, undefined))).code).toBe(409);

      const update = fake.userSends(alice, "/start");
      await fake.deliveriesSettled();
      expect(fake.webhookDeliveries).toEqual([expect.objectContaining({ update_id: update.update_id, url, status: 200 })]);
      expect(headers).toEqual([secret]);
      expect((await fake.waitFor("sendMessage")).params).toMatchObject({ chat_id: alice.id, text: "Hello from the webhook" });
      expect(fake.callsOf("sendChatAction")[0]).toMatchObject({ viaWebhookReply: true, params: { chat_id: alice.id, action: "typing" } });

      // A wrong secret: telegraf refuses with 403 and Telegram records the error.
      await bot.telegram.setWebhook(url, { secret_token: "not-the-secret" });
      fake.userSends(alice, "/start");
      await fake.deliveriesSettled();
      expect(fake.webhookDeliveries.at(-1)?.status).toBe(403);
      expect((await bot.telegram.getWebhookInfo()).last_error_message).toMatch(/403/);
      expect(fake.callsOf("sendMessage")).toHaveLength(1);

      await bot.telegram.deleteWebhook();
      expect(fake.webhook).toBeUndefined();
    } finally {
      await new Promise((resolve) => hook.close(resolve));
    }
  });
});

describe("Telegram's rules (core.telegram.org/bots/api)", () => {
  it("setWebhook takes only an HTTPS URL on port 443, 80, 88 or 8443, and a delivery without a way in fails", async () => {
    const plain = await telegramErrorOf(bot.telegram.setWebhook("http://pintu.example/hook"));
    expect(plain.description).toBe("Bad Request: bad webhook: An HTTPS URL must be provided for webhook");
    const port = await telegramErrorOf(bot.telegram.setWebhook("https://pintu.example:3000/hook"));
    expect(port.description).toBe("Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443");
    for (const ok of ["https://pintu.example/hook", "https://pintu.example:80/a", "https://pintu.example:88/a", "https://pintu.example:8443/a"]) {
      await bot.telegram.setWebhook(ok);
      expect(fake.webhook?.url).toBe(ok);
    }
    fake.userSends(alice, "hi");
    await fake.deliveriesSettled();
    expect(fake.webhookDeliveries.at(-1)).toMatchObject({ error: expect.stringMatching(/resolve host/) });
  });

  it("callback_data is 1-64 bytes: 64 bytes of emoji-free text pass, 65 bytes (or an emoji too many) are refused", async () => {
    const keyboard = (data: string) => ({ inline_keyboard: [[{ text: "A", callback_data: data }]] });
    await bot.telegram.sendMessage(bob.id, "ok", { reply_markup: keyboard("x".repeat(64)) });
    const long = await telegramErrorOf(bot.telegram.sendMessage(bob.id, "no", { reply_markup: keyboard("x".repeat(65)) }));
    expect(long.description).toBe("Bad Request: BUTTON_DATA_INVALID");
    // 16 emoji are 16 characters but 64 bytes; one more is 68 bytes.
    await bot.telegram.sendMessage(bob.id, "ok", { reply_markup: keyboard("😀".repeat(16)) });
    expect((await telegramErrorOf(bot.telegram.sendMessage(bob.id, "no", { reply_markup: keyboard("😀".repeat(17)) }))).code).toBe(400);
    expect((await telegramErrorOf(bot.telegram.sendMessage(bob.id, "no", { reply_markup: keyboard("") }))).description).toBe(
      "Bad Request: BUTTON_DATA_INVALID",
    );
    const sent = await bot.telegram.sendMessage(bob.id, "edit me");
    const edit = await telegramErrorOf(bot.telegram.editMessageReplyMarkup(bob.id, sent.message_id, undefined, keyboard("y".repeat(65))));
    expect(edit.description).toBe("Bad Request: BUTTON_DATA_INVALID");
  });

  it("answerCallbackQuery takes at most 200 characters, and only while the query is young", async () => {
    await fake.close();
    let now = 1_000_000;
    fake = await startFakeBotApi({ botUsername: "pintu_test_bot", clock: () => now, callbackQueryTtlMs: 10_000 });
    bot = new Telegraf(fake.token, { telegram: { apiRoot: fake.url } });
    const sent = await bot.telegram.sendMessage(alice.id, "pick", { reply_markup: { inline_keyboard: [[{ text: "A", callback_data: "a" }]] } });
    const first = fake.userPresses(alice, sent.message_id, "a");
    expect((await telegramErrorOf(bot.telegram.answerCbQuery(first.callback_query.id, "x".repeat(201)))).description).toBe("Bad Request: MESSAGE_TOO_LONG");
    await bot.telegram.answerCbQuery(first.callback_query.id, "x".repeat(200));
    const second = fake.userPresses(alice, sent.message_id, "a");
    now += 10_001;
    expect((await telegramErrorOf(bot.telegram.answerCbQuery(second.callback_query.id))).description).toMatch(/query is too old/);
  });

  it("editMessageText refuses a captioned file; editMessageCaption edits it, and refuses a text message", async () => {
    const doc = await bot.telegram.sendDocument(
      bob.id,
      { source: Buffer.from("%PDF"), filename: "sop.pdf" },
      { caption: "Tugas", reply_markup: { inline_keyboard: [[{ text: "Selesai", callback_data: "d" }]] } },
    );
    const noText = await telegramErrorOf(bot.telegram.editMessageText(bob.id, doc.message_id, undefined, "Tugas ✓"));
    expect(noText.description).toBe("Bad Request: there is no text in the message to edit");
    const edited = await bot.telegram.editMessageCaption(bob.id, doc.message_id, undefined, "Tugas ✓", { reply_markup: { inline_keyboard: [] } });
    expect(edited).toMatchObject({ caption: "Tugas ✓", document: { file_name: "sop.pdf" } });
    expect(fake.lastSentTo(bob.id)).toMatchObject({ caption: "Tugas ✓", reply_markup: { inline_keyboard: [] } });
    const text = await bot.telegram.sendMessage(bob.id, "teks");
    const noCaption = await telegramErrorOf(bot.telegram.editMessageCaption(bob.id, text.message_id, undefined, "x"));
    expect(noCaption.description).toBe("Bad Request: there is no caption in the message to edit");
  });

  it("takes photos up to 10 MB and uploads up to 50 MB; sends audio and video", async () => {
    const big = Buffer.alloc(10 * 1024 * 1024 + 1);
    const photo = await telegramErrorOf(bot.telegram.sendPhoto(bob.id, { source: big, filename: "p.jpg" }));
    expect(photo).toMatchObject({ code: 400, description: "Bad Request: PHOTO_SAVE_FILE_INVALID" });
    await bot.telegram.sendDocument(bob.id, { source: big, filename: "p.jpg" });
    const huge = await telegramErrorOf(bot.telegram.sendDocument(bob.id, { source: Buffer.alloc(50 * 1024 * 1024 + 1), filename: "f.bin" }));
    expect(huge.code).toBe(413);
    const audio = await bot.telegram.sendAudio(bob.id, { source: Buffer.from("ID3"), filename: "rekaman.mp3" });
    expect(audio.audio).toMatchObject({ file_name: "rekaman.mp3" });
    const video = await bot.telegram.sendVideo(bob.id, { source: Buffer.from("mp4"), filename: "v.mp4" }, { caption: "Video" });
    expect(video).toMatchObject({ caption: "Video", video: { duration: 3 } });
  });
});

describe("fault injection", () => {
  it("fails the next call with 429 and retry_after, then succeeds", async () => {
    fake.failNext("sendMessage", fakeErrors.tooManyRequests(7));
    const error = await telegramErrorOf(bot.telegram.sendMessage(alice.id, "hi"));
    expect(error.code).toBe(429);
    expect(error.parameters?.retry_after).toBe(7);
    expect(error.description).toBe("Too Many Requests: retry after 7");
    await bot.telegram.sendMessage(alice.id, "hi");
    expect(fake.callsOf("sendMessage").map((c) => c.failed)).toEqual([true, false]);
    expect(fake.sentTo(alice.id)).toHaveLength(1);
  });

  it("injects 403 blocked and repeated 5xx, and delays a method", async () => {
    fake.failNext("sendMessage", fakeErrors.blockedByUser());
    fake.failNext("sendMessage", fakeErrors.badGateway(), 2);
    expect((await telegramErrorOf(bot.telegram.sendMessage(bob.id, "1"))).description).toBe("Forbidden: bot was blocked by the user");
    for (const attempt of ["2", "3"]) {
      const error = await telegramErrorOf(bot.telegram.sendMessage(bob.id, attempt));
      expect([error.code, error.description]).toEqual([502, "Bad Gateway"]);
    }
    await bot.telegram.sendMessage(bob.id, "4");
    expect(fake.sentTo(bob.id).map((m) => m.text)).toEqual(["4"]);

    fake.setDelay("sendChatAction", 300);
    const started = Date.now();
    await bot.telegram.sendChatAction(bob.id, "typing");
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it("explains a waitFor timeout with the recent calls", async () => {
    await bot.telegram.sendMessage(alice.id, "something else");
    await expect(fake.waitFor("sendDocument", undefined, 100)).rejects.toThrow(/no matching sendDocument call within 100 ms[\s\S]*sendMessage/);
  });
});

describe("message validation", () => {
  it("rejects bad HTML with Telegram's 400 and stores good HTML as plain text", async () => {
    const cases: [string, string][] = [
      ["<b>Hi", `Can't find end tag corresponding to start tag "b"`],
      ["if a < b then", `Unsupported start tag "" at byte offset 5`],
      ["<script>x</script>", `Unsupported start tag "script" at byte offset 0`],
      ["<b><i>x</b></i>", `Unmatched end tag at byte offset 7, expected "</i>", found "</b>"`],
      ["Q&A", "Character entity expected at byte offset 1"],
    ];
    for (const [text, reason] of cases) {
      const error = await telegramErrorOf(bot.telegram.sendMessage(alice.id, text, { parse_mode: "HTML" }));
      expect(error.code).toBe(400);
      expect(error.description).toContain(`Bad Request: can't parse entities: ${reason}`);
    }
    const ok = await bot.telegram.sendMessage(alice.id, '<b>Jadwal</b> &lt;besok&gt; &amp; <a href="https://x.test/?a=1&amp;b=2">link</a>', {
      parse_mode: "HTML",
    });
    expect(ok.text).toBe("Jadwal <besok> & link");
    expect(ok.entities).toEqual([
      { type: "bold", offset: 0, length: 6 },
      { type: "text_link", offset: 17, length: 4, url: "https://x.test/?a=1&b=2" },
    ]);
    // Without parse_mode nothing is parsed.
    expect((await bot.telegram.sendMessage(alice.id, "a < b & c")).text).toBe("a < b & c");
  });

  it("rejects empty and too long texts", async () => {
    expect((await telegramErrorOf(bot.telegram.sendMessage(alice.id, ""))).description).toBe("Bad Request: message text is empty");
    expect((await telegramErrorOf(bot.telegram.sendMessage(alice.id, "<b> </b>", { parse_mode: "HTML" }))).description).toBe(
      "Bad Request: message text is empty",
    );
    expect((await telegramErrorOf(bot.telegram.sendMessage(alice.id, "x".repeat(4097)))).description).toBe("Bad Request: message is too long");
    await bot.telegram.sendMessage(alice.id, "x".repeat(4096));
  });

  it("parses HTML like tdlib", () => {
    expect(parseTelegramHtml('<pre><code class="language-ts">let x</code></pre>').entities).toEqual([{ type: "pre", offset: 0, length: 5, language: "ts" }]);
    expect(parseTelegramHtml('<code>x</code> <tg-spoiler>s</tg-spoiler> <span class="tg-spoiler">t</span>').entities.map((e) => e.type)).toEqual([
      "code",
      "spoiler",
      "spoiler",
    ]);
    expect(parseTelegramHtml("😀<b>b</b>").entities).toEqual([{ type: "bold", offset: 2, length: 1 }]); // UTF-16 offsets
    expect(parseTelegramHtml("Q&A &#33; &#x41;", { strictAmpersand: false }).text).toBe("Q&A ! A");
    expect(() => parseTelegramHtml("é<x>")).toThrow(`Unsupported start tag "x" at byte offset 2`); // byte offsets
  });
});

describe("files", () => {
  it("parses a sendDocument upload from { source: Buffer, filename } and serves it back", async () => {
    const bytes = Buffer.from("%PDF-1.4 fake report\n\u0000\u00ff binary tail");
    const sent = await bot.telegram.sendDocument(
      alice.id,
      { source: bytes, filename: "laporan konseling.pdf" },
      {
        caption: "Your <b>report</b>",
        parse_mode: "HTML",
        ...Markup.inlineKeyboard([Markup.button.callback("Thanks", "thanks")]),
      },
    );
    expect(sent.document).toMatchObject({ file_name: "laporan konseling.pdf", file_size: bytes.length, mime_type: "application/pdf" });
    expect(sent.caption).toBe("Your report");

    const call = fake.callsOf("sendDocument")[0];
    expect(call?.files.document).toMatchObject({ fileName: "laporan konseling.pdf", size: bytes.length });
    expect(call?.files.document?.bytes.equals(bytes)).toBe(true);
    expect(call?.params).toMatchObject({ chat_id: alice.id, reply_markup: { inline_keyboard: [[{ callback_data: "thanks" }]] } });
    expect(fake.lastSentTo(alice.id).message.reply_markup).toBeDefined();

    const link = await bot.telegram.getFileLink(sent.document.file_id);
    const downloaded = Buffer.from(await (await fetch(link)).arrayBuffer());
    expect(downloaded.equals(bytes)).toBe(true);

    const photo = await bot.telegram.sendPhoto(alice.id, { source: Buffer.from([0xff, 0xd8, 0xff]) });
    expect(photo.photo[0]).toMatchObject({ file_size: 3 });
    // Sending a known file_id again reuses the file.
    const again = await bot.telegram.sendDocument(bob.id, sent.document.file_id);
    expect(again.document.file_id).toBe(sent.document.file_id);
  });

  it("lets a bot download a user's document with getFileLink", async () => {
    bot.on("document", async (ctx) => {
      const link = await ctx.telegram.getFileLink(ctx.message.document.file_id);
      const text = await (await fetch(link)).text();
      await ctx.reply(`${ctx.message.document.file_name}: ${text}`);
    });
    const update = fake.userSendsDocument(alice, { fileName: "notes.txt", bytes: "saya butuh bantuan", caption: "file" });
    await bot.handleUpdate(update);
    expect(fake.lastSentTo(alice.id).text).toBe("notes.txt: saya butuh bantuan");
    expect(fake.callsOf("getFile")[0]?.result).toMatchObject({ file_path: expect.stringMatching(/^documents\/file_\d+\.txt$/), file_size: 18 });

    const photo = fake.userSendsPhoto(bob, { bytes: Buffer.from("jpeg"), caption: "look" });
    const file = await bot.telegram.getFile(photo.message.photo[0]?.file_id ?? "");
    expect(file.file_size).toBe(4);
    expect((await telegramErrorOf(bot.telegram.getFile("nope"))).description).toBe("Bad Request: invalid file_id");
  });

  it("parses multipart bodies by hand", () => {
    const body = Buffer.from(
      '--XyZ\r\ncontent-disposition:form-data; name="chat_id"\r\n\r\n42\r\n' +
        '--XyZ\r\nContent-Disposition: form-data; name="document"; filename="a b.txt"\r\nContent-Type: text/plain\r\n\r\nline1\r\nline2\r\n--XyZ--',
    );
    expect(parseMultipart(body, "XyZ")).toEqual([
      { name: "chat_id", data: Buffer.from("42") },
      { name: "document", filename: "a b.txt", contentType: "text/plain", data: Buffer.from("line1\r\nline2") },
    ]);
  });
});

describe("the HTTP surface", () => {
  it("answers 401 for a wrong token and 404 for an unknown method, and reads urlencoded bodies", async () => {
    const wrongToken = await fetch(`${fake.url}/bot999:nope/getMe`);
    expect([wrongToken.status, await wrongToken.json()]).toEqual([401, { ok: false, error_code: 401, description: "Unauthorized" }]);
    const unknown = await fetch(`${fake.url}/bot${fake.token}/sendTelepathy`, { method: "POST" });
    expect([unknown.status, await unknown.json()]).toEqual([404, { ok: false, error_code: 404, description: "Not Found: method not found" }]);
    expect(fake.callsOf("sendTelepathy")[0]?.failed).toBe(true);

    const form = await fetch(`${fake.url}/bot${fake.token}/sendmessage`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        chat_id: String(bob.id),
        text: "via form",
        reply_markup: JSON.stringify({ inline_keyboard: [[{ text: "x", callback_data: "x" }]] }),
      }),
    });
    expect(await form.json()).toMatchObject({ ok: true, result: { text: "via form", reply_markup: { inline_keyboard: [[{ callback_data: "x" }]] } } });
    const getMe = await (await fetch(`${fake.url}/bot${fake.token}/getMe`)).json();
    expect(getMe).toMatchObject({ ok: true, result: { is_bot: true, username: "pintu_test_bot", id: 123456789 } });
  });

  it("serves deleteMessage, copyMessage, setMyCommands, sendChatAction and replies", async () => {
    const question = fake.userSends(alice, "jam berapa?");
    const answer = await bot.telegram.sendMessage(alice.id, "jam 9", { reply_parameters: { message_id: question.message.message_id } });
    expect(answer.reply_to_message).toMatchObject({ message_id: question.message.message_id, text: "jam berapa?" });
    const copy = await bot.telegram.copyMessage(bob.id, alice.id, answer.message_id);
    expect(fake.sentTo(bob.id)).toEqual([expect.objectContaining({ message_id: copy.message_id, text: "jam 9" })]);
    await bot.telegram.deleteMessage(alice.id, answer.message_id);
    expect(fake.sentTo(alice.id)).toEqual([]);
    expect((await telegramErrorOf(bot.telegram.deleteMessage(alice.id, answer.message_id))).description).toBe("Bad Request: message to delete not found");
    await bot.telegram.setMyCommands([{ command: "start", description: "Mulai" }]);
    expect(fake.commands).toEqual([{ command: "start", description: "Mulai" }]);
    expect((await telegramErrorOf(bot.telegram.sendChatAction(alice.id, "dancing" as "typing"))).code).toBe(400);

    const reply = fake.userReplies(alice, question.message.message_id, "terima kasih");
    expect(reply.message.reply_to_message).toMatchObject({ message_id: question.message.message_id });
  });
});
