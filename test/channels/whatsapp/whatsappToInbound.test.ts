// Incoming WhatsApp messages, delivered by the fake as baileys delivers them, reach onInbound as the
// neutral InboundMessage: text, quotes, button/list/interactive/template answers, media, commands, lid senders.
import { afterEach, describe, expect, it } from "vitest";
import { DisconnectReason } from "@whiskeysockets/baileys";
import { inboundMessageSchema } from "../../../src/channels/inboundMessage.ts";
import { DEFAULT_RECONNECT_BACKOFF } from "../../../src/channels/whatsapp/reconnectBackoff.ts";
import { CLIENT, CLIENT_2, LID, startHarness, until } from "./support/channelHarness.ts";

type Harness = Awaited<ReturnType<typeof startHarness>>;
let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe("WhatsApp → InboundMessage", () => {
  it("converts a plain text (conversation)", async () => {
    h = await startHarness();
    h.fake.deliverFixture("text-conversation");
    const [msg] = await h.inbound(1);
    expect(msg).toMatchObject({
      channel: "whatsapp",
      address: CLIENT,
      platformId: "3A5D1C7E9B2F40A1C3E5",
      senderName: "Ana",
      text: "Halo, saya ingin konseling",
      attachments: [],
      receivedAt: new Date(1736400000 * 1000),
    });
    expect(msg!.command).toBeUndefined();
    expect(msg!.buttonId).toBeUndefined();
    expect(inboundMessageSchema.safeParse(msg).success).toBe(true);
  });

  it("keeps the quoted message id of an extendedTextMessage as replyToPlatformId", async () => {
    h = await startHarness();
    h.fake.deliverFixture("text-extended-quote");
    const [msg] = await h.inbound(1);
    expect(msg).toMatchObject({ text: "1", replyToPlatformId: "3EB0C0FFEE0000000001" });
  });

  it("unwraps disappearing (ephemeral) messages", async () => {
    h = await startHarness();
    h.fake.deliverFixture("text-ephemeral");
    const [msg] = await h.inbound(1);
    expect(msg!.text).toBe("Pesan ini akan hilang");
  });

  it("turns /balas 12 teks into a command", async () => {
    h = await startHarness();
    h.fake.deliverFixture("command-balas");
    const [msg] = await h.inbound(1);
    expect(msg!.command).toEqual({ name: "balas", args: "12 Terima kasih, saya sudah membaca jadwalnya" });
    expect(msg!.text).toBe("/balas 12 Terima kasih, saya sudah membaca jadwalnya");
  });

  it.each([
    ["buttons-response", "btn_consent_yes", "Setuju"],
    ["list-response", "btn_role_praja", "Praja"],
    ["interactive-response", "btn_consent_yes", "Setuju"],
    ["template-button-reply", "btn_consent_no", "Tidak setuju"],
  ])("reads the button id of a %s (the label shown is not taken as text the person wrote)", async (fixture, buttonId, label) => {
    h = await startHarness();
    h.fake.deliverFixture(fixture);
    const [msg] = await h.inbound(1);
    expect(msg).toMatchObject({ buttonId, text: "", replyToPlatformId: "3EB0C0FFEE0000000001" });
    expect(label).toBeTruthy();
  });

  it.each(["buttons", "list", "interactive", "template"] as const)("reads a %s press made by the fake", async (style) => {
    h = await startHarness();
    h.fake.userPressesButton(CLIENT, "btn_x", { style, label: "Pegawai" });
    const [msg] = await h.inbound(1);
    expect(msg).toMatchObject({ buttonId: "btn_x", text: "" });
  });

  it("downloads an image into the FileStore and keeps its caption", async () => {
    h = await startHarness();
    const bytes = Buffer.from("jpeg bytes of a referral letter");
    h.fake.deliverFixture("image-caption", { media: bytes });
    const [msg] = await h.inbound(1);
    expect(msg!.text).toBe("Foto surat rujukan");
    expect(msg!.attachments).toEqual([{ kind: "photo", fileRef: expect.stringMatching(/^file:/), mimeType: "image/jpeg", size: bytes.length }]);
    expect((await h.fileStore.load(msg!.attachments[0]!.fileRef)).bytes).toEqual(bytes);
  });

  it("reads a document with caption (documentWithCaptionMessage) with its file name", async () => {
    h = await startHarness();
    h.fake.deliverFixture("document-with-caption", { media: Buffer.from("%PDF-1.7 ...") });
    const [msg] = await h.inbound(1);
    expect(msg!.text).toBe("Ini surat keterangannya");
    expect(msg!.attachments[0]).toMatchObject({ kind: "document", name: "surat-keterangan.pdf", mimeType: "application/pdf" });
    const stored = await h.fileStore.load(msg!.attachments[0]!.fileRef);
    expect(stored).toMatchObject({ name: "surat-keterangan.pdf", mimeType: "application/pdf" });
  });

  it("tells a voice note (ptt) from a video", async () => {
    h = await startHarness();
    h.fake.deliverFixture("voice-note", { media: Buffer.from("ogg") });
    h.fake.deliverFixture("video-caption", { media: Buffer.from("mp4") });
    const [voice, video] = await h.inbound(2);
    expect(voice!.attachments[0]).toMatchObject({ kind: "voice", mimeType: "audio/ogg; codecs=opus", size: 3 });
    expect(video!.attachments[0]).toMatchObject({ kind: "video", mimeType: "video/mp4" });
    expect(video!.text).toBe("Video singkat");
  });

  it("media the fake makes (image, document, voice, video) all arrive with their bytes", async () => {
    h = await startHarness();
    h.fake.userSendsImage(CLIENT, { bytes: Buffer.from("img"), caption: "foto" });
    h.fake.userSendsDocument(CLIENT, { bytes: Buffer.from("doc"), fileName: "a.pdf", mimetype: "application/pdf" });
    h.fake.userSendsVoice(CLIENT, Buffer.from("voice"));
    h.fake.userSendsVideo(CLIENT, Buffer.from("video"));
    const messages = await h.inbound(4);
    expect(messages.map((m) => m.attachments[0]?.kind)).toEqual(["photo", "document", "voice", "video"]);
    const bytes = await Promise.all(messages.map(async (m) => (await h!.fileStore.load(m.attachments[0]!.fileRef)).bytes.toString()));
    expect(bytes).toEqual(["img", "doc", "voice", "video"]);
  });

  it("passes a media message on without attachment when the download fails", async () => {
    h = await startHarness();
    h.fake.deliverFixture("image-caption"); // no bytes registered: the fake's download fails like a 404
    const [msg] = await h.inbound(1);
    expect(msg).toMatchObject({ text: "Foto surat rujukan", attachments: [] });
  });

  it("maps a @lid sender with remoteJidAlt to the phone jid, and later messages of that lid too", async () => {
    h = await startHarness();
    h.fake.deliverFixture("lid-sender-with-alt");
    h.fake.deliverFixture("lid-sender-without-alt");
    const [first, second] = await h.inbound(2);
    expect(first!.address).toBe(CLIENT_2);
    expect(second!.address).toBe(CLIENT_2);
    expect(await h.lidMap.phoneJidFor(LID)).toBe(CLIENT_2);
  });

  it("uses the lid as address when no phone jid is known, and the mapping baileys announces later", async () => {
    h = await startHarness();
    h.fake.userSends(h.fake.fromLid("999888777666555@lid"), "tanpa nomor");
    const [unknown] = await h.inbound(1);
    expect(unknown!.address).toBe("999888777666555@lid");

    h.fake.announceLidMapping("999888777666555@lid", "6281277776666@s.whatsapp.net");
    await until(async () => (await h!.lidMap.phoneJidFor("999888777666555@lid")) !== undefined);
    h.fake.userSends(h.fake.fromLid("999888777666555@lid"), "sekarang dikenal");
    const [, known] = await h.inbound(2);
    expect(known!.address).toBe("6281277776666@s.whatsapp.net");
  });

  it("strips the device part of a jid (628…:12@s.whatsapp.net)", async () => {
    h = await startHarness();
    h.fake.userSends("6281200000001:12@s.whatsapp.net", "dari perangkat kedua");
    const [msg] = await h.inbound(1);
    expect(msg!.address).toBe(CLIENT);
  });

  it("ignores our own messages, groups, status, reactions, revokes and edits", async () => {
    h = await startHarness();
    for (const name of ["ignored-from-me", "ignored-group", "ignored-status", "ignored-reaction", "ignored-revoke", "ignored-edit"]) {
      h.fake.deliverFixture(name);
    }
    h.fake.userSends(CLIENT, "sentinel");
    await h.inbound(1);
    // Other chats are handled side by side: stopping the channel waits for every message it was handed.
    const stopped = h;
    h = undefined;
    await stopped.stop();
    expect(stopped.received.map((m) => m.text)).toEqual(["sentinel"]);
  });

  it("passes on what people sent while the connection was down (upsert type append), once each, in order", async () => {
    h = await startHarness();
    h.fake.close(DisconnectReason.connectionLost);
    h.fake.userSends(CLIENT, "satu");
    h.fake.userSends(CLIENT_2, "lain");
    h.fake.userSends(CLIENT, "dua");
    expect(h.fake.waitingOffline).toBe(3);
    await h.clock.advance(DEFAULT_RECONNECT_BACKOFF.initialMs);
    h.fake.open(); // the waiting messages come as one "append" batch
    await h.inbound(3);
    expect(h.received.filter((m) => m.address === CLIENT).map((m) => m.text)).toEqual(["satu", "dua"]);
    expect(h.received.map((m) => m.text).sort()).toEqual(["dua", "lain", "satu"]);
    await until(() => h!.fake.reads.length === 3);

    // baileys handing a message over again (a resend from the phone) does not make it a second message.
    const again = h.received[0]!;
    h.fake.deliver([{ key: { remoteJid: CLIENT, fromMe: false, id: again.platformId }, message: { conversation: "satu" } }], "append");
    h.fake.userSends(CLIENT, "sentinel");
    await h.inbound(4);
    const stopped = h;
    h = undefined;
    await stopped.stop();
    expect(stopped.received.map((m) => m.text)).toHaveLength(4);
  });

  it("does not pass on our own messages (emitOwnEvents 'append'), notifications, or a stub before its content", async () => {
    h = await startHarness();
    h.fake.deliver([{ key: { remoteJid: CLIENT, fromMe: true, id: "OWN1" }, message: { conversation: "dari kami" } }], "append");
    h.fake.deliver([{ key: { remoteJid: CLIENT, fromMe: false, id: "STUB1" }, messageStubType: 2 }], "notify");
    // The same id again once the phone resent what baileys could not decrypt: now with content, and passed on.
    h.fake.deliver([{ key: { remoteJid: CLIENT, fromMe: false, id: "STUB1" }, message: { conversation: "isi" } }], "notify");
    await h.inbound(1);
    const stopped = h;
    h = undefined;
    await stopped.stop();
    expect(stopped.received.map((m) => m.text)).toEqual(["isi"]);
  });

  it("handles one chat's messages one at a time, in order, and sends read receipts after each", async () => {
    const order: string[] = [];
    let release!: () => void;
    const firstHeld = new Promise<void>((resolve) => (release = resolve));
    h = await startHarness({
      onInbound: async (m) => {
        order.push(`start ${m.text}`);
        if (m.text === "satu") await firstHeld;
        order.push(`end ${m.text}`);
      },
    });
    h.fake.userSends(CLIENT, "satu");
    h.fake.userSends(CLIENT, "dua");
    h.fake.userSends(CLIENT_2, "lain");
    await until(() => order.includes("end lain"));
    expect(order).toEqual(["start satu", "start lain", "end lain"]);
    release();
    await h.inbound(3);
    await until(() => order.length === 6);
    expect(order.slice(3)).toEqual(["end satu", "start dua", "end dua"]);
    await until(() => h!.fake.reads.length === 3);
    expect(h.fake.reads.map((k) => k.remoteJid)).toContain(CLIENT_2);
  });

  it("never logs the phone number, the name or the text", async () => {
    h = await startHarness({ onInbound: async () => Promise.reject(new Error("dialog failed")) });
    h.fake.userSends(CLIENT, "Saya merasa sangat sedih", { pushName: "Siti Rahayu" });
    h.fake.deliverFixture("image-caption"); // failed download: logged
    await h.inbound(2);
    await until(() => h!.logs().includes("handling a WhatsApp message failed"));
    const logs = h.logs();
    for (const secret of ["6281200000001", "Saya merasa", "Siti", "Foto surat", "Ana"]) expect(logs).not.toContain(secret);
  });
});
