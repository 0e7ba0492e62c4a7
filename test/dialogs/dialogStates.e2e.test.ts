// Stored conversations across an upgrade, over the real telegraf client and the fake Bot API: a keyboard sent
// before the typed button actions still works, an intake saved without a version (every release before it)
// continues where it was, and a state that fails the check restarts the chat with a polite message.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUser } from "../fakes/telegramBotApi.ts";
import { buttonsOf, startTelegramWorld, type TelegramWorld } from "../support/telegramService.ts";

describe("stored buttons and dialogs across an upgrade", () => {
  let w: TelegramWorld;
  beforeAll(async () => {
    w = await startTelegramWorld();
  });
  afterAll(async () => w?.close());

  const where = (user: FakeUser) => ({ channel_address: { channel: "telegram", address: String(user.id) } });

  it("a button stored in the old { kind: choice, value } shape still resolves and acts", async () => {
    const praja: FakeUser = { id: 7101, first_name: "Lama" };
    const consent = await w.say(praja, "/start", /setuju/i);
    const agree = buttonsOf(consent).find((b) => b.text === "Setuju")!;
    // As a release before the typed actions stored it.
    await w.app.db.prisma.buttonToken.update({ where: { id: agree.data }, data: { actionJson: JSON.stringify({ kind: "choice", value: "consent:yes" }) } });
    await w.tap(praja, "Setuju", /mendaftar sebagai/);
    // The old token was spent like any other; the new keyboard carries typed actions.
    expect(await w.app.db.prisma.buttonToken.findUnique({ where: { id: agree.data } })).toBeNull();
    const kinds = (await w.app.db.prisma.buttonToken.findMany()).map((t) => (JSON.parse(t.actionJson) as { kind: string }).kind);
    expect(kinds).toContain("client_kind");
    expect(kinds).not.toContain("choice");
  });

  it("an intake saved without a version (and before intakes had a mode) continues at its question", async () => {
    const praja: FakeUser = { id: 7102, first_name: "Versi" };
    await w.say(praja, "/start", /setuju/i);
    await w.tap(praja, "Setuju", /mendaftar sebagai/);
    await w.tap(praja, "Praja", /Siapa nama lengkap Anda\?/);
    const row = await w.app.db.prisma.dialogState.findUniqueOrThrow({ where: where(praja) });
    const { stateVersion, mode, ...old } = JSON.parse(row.stateJson) as Record<string, unknown>;
    expect([stateVersion, mode]).toEqual([2, "self"]);
    await w.app.db.prisma.dialogState.update({ where: where(praja), data: { stateJson: JSON.stringify(old) } });

    await w.say(praja, "Versi Praja", /NPP/);
    const after = JSON.parse((await w.app.db.prisma.dialogState.findUniqueOrThrow({ where: where(praja) })).stateJson) as Record<string, unknown>;
    expect(after).toMatchObject({ stateVersion: 2, mode: "self", dialog: "intake", answers: { nama: "Versi Praja" }, stage: { at: "field", field: "npp" } });
  });

  it("a state that fails the check restarts the conversation with a polite message, and is logged by ids only", async () => {
    const praja: FakeUser = { id: 7103, first_name: "Rusak" };
    await w.say(praja, "/start", /setuju/i);
    await w.app.db.prisma.dialogState.update({
      where: where(praja),
      data: { stateJson: JSON.stringify({ dialog: "intake", stage: { at: "nowhere" }, keluhan: "rahasia" }) },
    });

    const notice = await w.say(praja, "ya", /tidak dapat kami lanjutkan/);
    expect(notice.text).toMatch(/kirim pesan Anda sekali lagi/);
    expect(await w.app.db.prisma.dialogState.findUnique({ where: where(praja) })).toBeNull();
    const audit = await w.app.db.prisma.auditEvent.findFirstOrThrow({ where: { type: "dialog_state_unreadable" } });
    expect(JSON.parse(audit.dataJson)).toMatchObject({ channel: "telegram", dialog: "intake", reason: "invalid" });
    expect(audit.dataJson).not.toContain("rahasia");
    expect(audit.dataJson).not.toContain(String(praja.id));

    // Sent again, the message starts a fresh registration.
    await w.say(praja, "halo", /setuju/i);
  });
});
