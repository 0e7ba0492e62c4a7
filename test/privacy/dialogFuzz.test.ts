// The dialogs with random and hostile input, through the real handler and a real database: the whole
// service runs in-process on a temporary SQLite database with the fake Bot API, staff are linked with invite
// codes, and a dozen Telegram chats (clients who mostly follow the conversation, staff who mostly work their
// tasks, strangers who mostly do not) send 600 generated messages: text, commands with random arguments,
// offered, stale, foreign and forged buttons, replies to real and random message ids, attachments with junk
// refs, repeated update ids (also twice at once) and over-long texts. After every message: no exception, the
// duplicate flag matches, something was queued (or a toast given for a press), every queued text is non-empty
// and free of "undefined"/"NaN"/"[object Object]", each message is in its recipient's language, and no client
// is sent another client's name or NPP. At the end: no unhandled rejection, and everything queued (junk
// attachments aside) was delivered to the fake Bot API. Focused tests below pin down what the fuzz found.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboundMessage } from "../../src/channels/inboundMessage.ts";
import { parseCommand } from "../../src/channels/parseCommand.ts";
import { MAX_INBOUND_CHARS } from "../../src/dialogs/handleInbound.ts";
import { issueInvite, redeemInvite } from "../../src/store/inviteCodes.ts";
import { startTelegramWorld, type TelegramWorld } from "../support/telegramService.ts";
import { allRows, dialogOf, expectedLocale, OutboxWatcher, personLocale, sentTo, type QueuedRow } from "./support/dialogProbe.ts";
import { nastyString } from "./support/hostileText.ts";
import { replyLanguage } from "./support/replyLanguage.ts";
import { chatDriver, type ChatDriver } from "./support/chatDriver.ts";
import { closeWorld } from "./support/closeWorld.ts";
import { handleNow } from "../support/handleNow.ts";

type Role = "client" | "staff" | "stranger";
interface Chat {
  id: number;
  role: Role;
  firstName: string;
}

const CHATS: Chat[] = [
  { id: 1001, role: "client", firstName: "Ratna" },
  { id: 1002, role: "client", firstName: "Budi" },
  { id: 1003, role: "client", firstName: "Citra" },
  { id: 1004, role: "client", firstName: "Dewi" },
  { id: 2001, role: "staff", firstName: "Sari" },
  { id: 2002, role: "staff", firstName: "Joko" },
  { id: 2003, role: "staff", firstName: "Budi" },
  { id: 2004, role: "staff", firstName: "Kepala" },
  { id: 2005, role: "staff", firstName: "Rektor" },
  { id: 2006, role: "staff", firstName: "Puspa" },
  { id: 3001, role: "stranger", firstName: "\u202Eevil" },
  { id: 3002, role: "stranger", firstName: "" },
];

const STAFF: { chat: number; org: string; roles: string[]; name: string }[] = [
  { chat: 2001, org: "ipdn", roles: ["konselor"], name: "Dra. Sari" },
  { chat: 2002, org: "ipdn", roles: ["konselor", "unit_terkait"], name: "Joko" },
  { chat: 2003, org: "ipdn", roles: ["kasubbag", "staf"], name: "Budi (Kasubbag)" },
  { chat: 2004, org: "ipdn", roles: ["kepala_unit", "kepala_biro"], name: "Kepala Unit" },
  { chat: 2005, org: "ipdn", roles: ["rektor", "psikiater"], name: "Rektor IPDN" },
  { chat: 2006, org: "puspaga", roles: ["konselor", "staf", "eselon_iv", "eselon_iii", "kepala_dinas"], name: "Puspa" },
];

/** What a chat does next, abstractly; turned into a concrete message against the current database. */
type Action =
  | { kind: "progress"; pick: number }
  | { kind: "press"; pick: number }
  | { kind: "pressStale"; pick: number }
  | { kind: "pressForeign"; pick: number }
  | { kind: "forgedButton"; id: string; text: string }
  | { kind: "text"; text: string }
  | { kind: "command"; name: string; args: string }
  | { kind: "reply"; pick: number; text: string; random: string | null }
  | { kind: "attachment"; ref: string; caption: string; attachmentKind: "photo" | "document" | "voice" | "audio" | "video" }
  | { kind: "duplicate"; pick: number }
  | { kind: "long"; text: string }
  | { kind: "twice"; text: string };

/** Words that mean a value was missing where a text was built. */
const JUNK_WORDS = /\bundefined\b|\bNaN\b|\bnull\b|\[object Object\]/;

/** Attachment refs no channel ever produced: what is sent with them cannot be delivered, and that is expected. */
const JUNK_REFS = ["telegram:AgACfake-junk", "telegram:x", "file:does-not-exist", "doc:nope", "file:../../etc/passwd", "https://evil.example/x.pdf", "\u0000"];

const COMMANDS = [
  "start",
  "batal",
  "bahasa",
  "status",
  "hapus",
  "balas",
  "kasusbaru",
  "kasus",
  "link",
  "dasbor",
  "dashboard",
  "bantuan",
  "help",
  "tersedia",
  "tidaktersedia",
  "START",
  "xyz",
];
const commandArgs = fc.oneof(
  { weight: 3, arbitrary: fc.constant("") },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.oneof(fc.integer({ min: 0, max: 12 }), fc.constantFrom(-1, 999_999_999, 2 ** 31)), nastyString).map(([n, t]) => `${n} ${t}`),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.integer({ min: 0, max: 12 }),
        fc.constantFrom("https://meet.google.com/abc-defg-hij", "http://evil.example", "javascript:alert(1)", "https://", "https://x.y/\u202E"),
      )
      .map(([n, u]) => `${n} ${u}`),
  },
  { weight: 1, arbitrary: fc.constantFrom("puspaga", "ipdn", "PUSPAGA", "tidak-ada", "ABCDEFGHJK", "x".repeat(65), "../../", "#1 halo") },
  { weight: 2, arbitrary: nastyString },
);

const text = fc.oneof(
  { weight: 3, arbitrary: nastyString },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "ya",
      "setuju",
      "tidak",
      "selesai",
      "kirim",
      "ubah",
      "lewati",
      "skip",
      "done",
      "send",
      "Praja",
      "pegawai",
      "IV",
      "2",
      "Jatinangor",
      "31.0456",
      "Ana Putri",
      "saya ingin bunuh diri",
      "Saya ingin mengakhiri hidup",
      "ana@contoh.id",
      "081234567890",
    ),
  },
  { weight: 1, arbitrary: fc.lorem({ maxCount: 12 }) },
);

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 20, arbitrary: fc.nat().map((pick) => ({ kind: "progress" as const, pick })) },
  { weight: 5, arbitrary: fc.nat().map((pick) => ({ kind: "press" as const, pick })) },
  { weight: 2, arbitrary: fc.nat().map((pick) => ({ kind: "pressStale" as const, pick })) },
  { weight: 1, arbitrary: fc.nat().map((pick) => ({ kind: "pressForeign" as const, pick })) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("forgedButton" as const),
      id: fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{22}$/), nastyString, fc.constantFrom("consent:yes", "x".repeat(64), "x".repeat(65))),
      text: fc.oneof(fc.constant(""), nastyString),
    }),
  },
  { weight: 6, arbitrary: text.map((t) => ({ kind: "text" as const, text: t })) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("command" as const), name: fc.constantFrom(...COMMANDS), args: commandArgs }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("reply" as const),
      pick: fc.nat(),
      text,
      random: fc.option(
        fc.oneof(
          fc.stringMatching(/^\d{1,12}$/),
          nastyString.filter((s) => s.length > 0),
        ),
        { freq: 3, nil: null },
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("attachment" as const),
      ref: fc.constantFrom(...JUNK_REFS),
      caption: fc.oneof(fc.constant(""), nastyString),
      attachmentKind: fc.constantFrom("photo", "document", "voice", "audio", "video"),
    }),
  },
  { weight: 2, arbitrary: fc.nat().map((pick) => ({ kind: "duplicate" as const, pick })) },
  { weight: 1, arbitrary: fc.constantFrom("x".repeat(4001), "kata ".repeat(20_000), "😀".repeat(9_000)).map((t) => ({ kind: "long" as const, text: t })) },
  { weight: 1, arbitrary: text.map((t) => ({ kind: "twice" as const, text: t })) },
);

/** Chats weighted: clients and staff talk most. */
const step = fc.record({
  chat: fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 0, max: 3 }) },
    { weight: 5, arbitrary: fc.integer({ min: 4, max: 9 }) },
    { weight: 1, arbitrary: fc.integer({ min: 10, max: 11 }) },
  ),
  action,
});

/** What each client or stranger gives as their own name and NPP: unique, so another chat seeing them is a leak. */
const OWN: Record<number, { nama: string; npp: string }> = {
  1001: { nama: "Ratna Kusumawardani", npp: "31.1001" },
  1002: { nama: "Budi Hartono", npp: "31.1002" },
  1003: { nama: "Citra Lestari", npp: "31.1003" },
  1004: { nama: "Dewi Anggraini", npp: "31.1004" },
  3001: { nama: "Eko Prasetyo", npp: "31.3001" },
  3002: { nama: "Fajar Nugroho", npp: "31.3002" },
};

/** A valid answer for an intake field (so registrations get through). */
const FIELD_ANSWERS: Record<string, string[]> = {
  nama: ["Ratna Kusuma", "Ñoño Ğül", "Ana-Maria O'Neil"],
  npp: ["31.0456", "310457", "33.123456"],
  tingkat: ["IV", "2", "tingkat III"],
  kelas: ["A1", "Wisma Bali"],
  kampus: ["Jatinangor", "Kampus Sumedang"],
  nip: ["197912121999121001", "19850101 201001 2 003"],
  unit_kerja: ["Biro Umum"],
  domisili: ["Sumedang", "Kota Bandung"],
  telepon: ["081234567890", "lewati"],
  email: ["ana@contoh.id", "skip"],
};
const CHOICES_IN_ORDER = [
  "consent:yes",
  "kind:praja",
  "kind:pegawai",
  "kind:klien",
  "field:IV",
  "field:Jatinangor",
  "field:skip",
  "keluhan:done",
  "summary:send",
  "open:",
];

describe("dialogs with random and hostile input", () => {
  let w: TelegramWorld;
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => void rejections.push(reason);
  const usedPlatformIds: string[] = [];
  const clientCodes: string[] = [];
  let nextUpdate = 1;
  let watcher: OutboxWatcher;

  beforeAll(async () => {
    process.on("unhandledRejection", onRejection);
    w = await startTelegramWorld({
      service: {
        documents: { loop: false },
        sessions: { loop: false },
        dispatcher: { baseBackoffMs: 20, maxAttempts: 3, pollMs: 50, limits: { telegram: { perChatIntervalMs: 0, globalPerSecond: 10_000 } } },
      },
    });
    const prisma = w.app.db.prisma;
    for (const s of STAFF) {
      let personId: string | undefined;
      for (const role of s.roles) {
        const invite = await issueInvite(prisma, { orgId: s.org, role, name: s.name, ttlHours: 24, now: new Date(), personId });
        personId = invite.personId;
        const linked = await redeemInvite(prisma, { code: invite.code, channel: "telegram", address: String(s.chat), now: new Date() });
        expect(linked.ok).toBe(true);
      }
    }
  });
  afterAll(async () => {
    process.off("unhandledRejection", onRejection);
    await closeWorld(w);
  });

  /** Turns an abstract action of a chat into the message it sends, looking at what the chat was shown. */
  async function messageFor(chat: Chat, a: Action): Promise<InboundMessage> {
    const prisma = w.app.db.prisma;
    const address = String(chat.id);
    const shown = watcher.to(address);
    const withButtons = shown.filter((r) => r.buttons.length > 0);
    const latestButtons = withButtons.at(-1)?.buttons ?? [];
    const base = {
      channel: "telegram" as const,
      address,
      platformId: `u${nextUpdate++}`,
      senderName: chat.firstName,
      senderLanguage: "id",
      text: "",
      attachments: [],
      references: [],
      receivedAt: new Date(),
    };
    const say = (t: string): InboundMessage => ({ ...base, text: t, command: parseCommand(t) });
    const press = (id: string, t = ""): InboundMessage => ({ ...base, buttonId: id, text: t });
    const pick = <T>(list: T[], n: number): T | undefined => (list.length ? list[n % list.length] : undefined);

    switch (a.kind) {
      case "progress":
        return progress(chat, a.pick, { shown, latestButtons, say, press, pick });
      case "press": {
        const b = pick(latestButtons, a.pick);
        return b ? press(b.id) : say("/start");
      }
      case "pressStale": {
        const b = pick(
          withButtons.flatMap((r) => r.buttons),
          a.pick,
        );
        return b ? press(b.id) : say("halo");
      }
      case "pressForeign": {
        // A button shown to someone else, pressed from this chat (a forwarded or guessed id).
        const foreign = watcher.all.filter((r) => r.address !== address).flatMap((r) => r.buttons);
        const b = pick(foreign, a.pick);
        return b ? press(b.id) : say("/status");
      }
      case "forgedButton":
        return press(a.id, a.text);
      case "text":
        return say(a.text);
      case "command":
        return say(`/${a.name}${a.args ? ` ${a.args}` : ""}`);
      case "reply": {
        const target = a.random ?? pick(await sentTo(prisma, address), a.pick)?.platformId ?? "1";
        return { ...say(a.text), replyToPlatformId: target };
      }
      case "attachment":
        return { ...say(a.caption), attachments: [{ kind: a.attachmentKind, fileRef: a.ref, name: "berkas.pdf", size: 12 }] };
      case "duplicate": {
        const again = pick(usedPlatformIds, a.pick);
        return again ? { ...say("lagi"), platformId: again } : say("/bantuan");
      }
      case "long":
      case "twice":
        return say(a.text);
    }
  }

  async function progress(
    chat: Chat,
    n: number,
    h: {
      shown: QueuedRow[];
      latestButtons: QueuedRow["buttons"];
      say: (t: string) => InboundMessage;
      press: (id: string, t?: string) => InboundMessage;
      pick: <T>(list: T[], n: number) => T | undefined;
    },
  ): Promise<InboundMessage> {
    const prisma = w.app.db.prisma;
    const address = String(chat.id);
    const dialog = await dialogOf(prisma, address);
    const byValue = (prefix: string) => h.latestButtons.find((b) => b.action.value?.startsWith(prefix));
    if (dialog?.dialog === "intake") {
      const stage = dialog.state.stage as { at: string; field?: string } | undefined;
      if (stage?.at === "field" && stage.field) {
        const button = n % 3 === 0 ? byValue(`field:`) : undefined;
        const own = chat.role !== "staff" ? OWN[chat.id]?.[stage.field as "nama" | "npp"] : undefined;
        return button ? h.press(button.id) : h.say(own ?? h.pick(FIELD_ANSWERS[stage.field] ?? ["ok"], n)!);
      }
      if (stage?.at === "keluhan" && ((dialog.state.keluhan as string[]).length === 0 || n % 3 !== 0)) {
        return h.say(h.pick(["Saya sulit tidur sejak ujian.", "Nilai saya turun.", "Saya merasa cemas <sekali> & lelah."], n)!);
      }
      if (stage?.at === "edit_pick") return h.press(byValue("edit:back")?.id ?? h.latestButtons[0]?.id ?? "x");
      for (const value of CHOICES_IN_ORDER) {
        const b = byValue(value);
        if (b) return h.press(b.id);
      }
      return h.say("ya");
    }
    if (dialog?.dialog === "staff_note")
      return h.say(h.pick(["Tambahkan jadwal sesi yang jelas.", "Lanjutkan pendampingan dua minggu.", "Laporan: membaik."], n)!);
    if (chat.role === "staff") {
      // Work the latest task (a step button), answer a client, or register a walk-in now and then.
      const taskButton = [...h.shown]
        .reverse()
        .flatMap((r) => r.buttons)
        .find((b) => b.action.kind === "step_outcome");
      const openFlow = byValue("open:");
      if (openFlow && n % 2 === 0) return h.press(openFlow.id);
      if (taskButton && n % 4 !== 0) return h.press(taskButton.id);
      const cards = (await sentTo(prisma, address)).filter((r) => r.caseId);
      const card = h.pick(cards, n);
      if (card && n % 4 === 0) return { ...h.say("Halo, saya konselor Anda. Kapan bisa bicara?"), replyToPlatformId: card.platformId };
      return h.say(n % 5 === 0 ? "/kasusbaru" : n % 7 === 0 ? "/kasus" : `/balas ${1 + (n % 5)} Jangan lupa istirahat.`);
    }
    // A client: start, link with a code staff gave out, or write to the counsellor.
    const hasCase = await prisma.case.count({ where: { client: { identities: { some: { channel: "telegram", address } } }, status: "open" } });
    if (!hasCase && clientCodes.length && n % 5 === 0) return h.say(`/start ${h.pick(clientCodes, n)}`);
    if (!hasCase) return h.say(n % 4 === 0 ? "/start puspaga" : "/start");
    return h.say(h.pick(["Besok pagi bisa, Bu.", "Terima kasih.", "Kapan jadwal sesi saya?"], n)!);
  }

  it("answers every message sensibly, in the sender's language, and never throws", async () => {
    const prisma = w.app.db.prisma;
    watcher = new OutboxWatcher(prisma);
    await watcher.fresh();
    const problems: string[] = [];
    let handled = 0;
    let duplicates = 0;
    let unknownLanguage = 0;
    let judged = 0;
    /** "undefined", "NaN"... that someone typed (a name "NaN" is echoed back later, rightly). */
    const typedJunk = new Set<string>();
    const steps = fc.sample(fc.array(step, { minLength: 600, maxLength: 600 }), { numRuns: 1, seed: SEED })[0]!;

    for (const [index, s] of steps.entries()) {
      const chat = CHATS[s.chat]!;
      const msg = await messageFor(chat, s.action);
      const seenBefore = usedPlatformIds.includes(msg.platformId);
      for (const word of msg.text.match(new RegExp(JUNK_WORDS.source, "g")) ?? []) typedJunk.add(word);
      const where = `step ${index} (seed ${SEED}), chat ${chat.id} (${chat.role}), ${s.action.kind}: ${JSON.stringify({ text: msg.text.slice(0, 80), command: msg.command, buttonId: msg.buttonId, replyTo: msg.replyToPlatformId })}`;
      let outcome;
      try {
        if (s.action.kind === "twice") {
          // The same update delivered twice at once (a webhook retry racing the first delivery): handled once.
          const both = await Promise.all([handleNow(w.service, prisma, msg), handleNow(w.service, prisma, { ...msg })]);
          if (both.filter((o) => o.duplicate).length !== 1)
            problems.push(`${where}: delivered twice at once, duplicate flags ${both.map((o) => o.duplicate).join(",")}`);
          outcome = both.find((o) => !o.duplicate) ?? both[0]!;
        } else outcome = await handleNow(w.service, prisma, msg);
      } catch (error) {
        problems.push(`${where}: threw ${(error as Error).name}: ${(error as Error).message.slice(0, 300)}`);
        await watcher.fresh();
        continue;
      }
      handled++;
      // A message whose handling failed is kept and retried (a dead letter at worst): never expected here.
      if (outcome.kept === "failed") problems.push(`${where}: its handling failed (kept to be tried again)`);
      if (!seenBefore) usedPlatformIds.push(msg.platformId);
      const rows = await watcher.fresh();
      if (outcome.duplicate !== seenBefore)
        problems.push(`${where}: duplicate=${outcome.duplicate} but the update id was ${seenBefore ? "" : "not "}seen before`);
      if (outcome.duplicate) {
        duplicates++;
        if (rows.length) problems.push(`${where}: a duplicate queued ${rows.length} message(s)`);
        continue;
      }
      if (rows.length === 0 && !(msg.buttonId && outcome.toast !== undefined)) problems.push(`${where}: nothing queued and no toast`);
      for (const code of rows.flatMap((r) => /\/start ([A-Z2-9]{10})/.exec(r.text)?.slice(1) ?? [])) clientCodes.push(code);

      const mine = await expectedLocale(prisma, String(chat.id));
      for (const row of rows) {
        if (!row.text.trim() && row.attachments.length === 0) problems.push(`${where}: an empty message to ${row.address}`);
        const junk = JUNK_WORDS.exec(row.text);
        if (junk && !typedJunk.has(junk[0])) problems.push(`${where}: "${junk[0]}" in a message to ${row.address}: ${row.text.slice(0, 160)}`);
        const recipient = CHATS.find((c) => String(c.id) === row.address);
        if (recipient && recipient.role !== "staff") {
          for (const [other, own] of Object.entries(OWN)) {
            if (other === row.address) continue;
            for (const value of [own.nama, own.npp])
              if (row.text.includes(value)) problems.push(`${where}: chat ${row.address} was sent chat ${other}'s "${value}": ${row.text.slice(0, 160)}`);
          }
        }
        const expected = row.address === String(chat.id) ? mine : row.personId ? await personLocale(prisma, row.personId) : null;
        const got = replyLanguage(
          row.text,
          row.buttons.map((b) => b.label),
        );
        judged++;
        if (got === "unknown") unknownLanguage++;
        else if (expected && got !== expected) {
          problems.push(
            `${where}: a ${got} message to ${row.address === String(chat.id) ? "the sender" : `${row.address} (another person)`}, whose language is ${expected}: ${row.text.slice(0, 160).replace(/\n/g, " ⏎ ")}`,
          );
        }
      }
      if (index % 150 === 149) {
        // Render the documents the steps asked for (forms, reports with the texts typed above), then go on.
        await w.service.documents.runOnce();
        await watcher.fresh();
      }
    }

    expect(handled).toBeGreaterThanOrEqual(500);
    expect(duplicates).toBeGreaterThan(0);
    expect(await prisma.case.count()).toBeGreaterThan(0); // conversations got somewhere
    expect(rejections).toEqual([]);
    expect(unknownLanguage, "the language check must recognise nearly every message").toBeLessThan(judged / 10);
    // Let the dispatcher deliver what was queued: the fake Bot API refuses what Telegram would (bad HTML, too long,
    // unknown file ids), so a message given up on is a reply the person never got.
    const started = Date.now();
    while ((await prisma.outbox.count({ where: { status: { in: ["pending", "sending"] } } })) > 0 && Date.now() - started < 40_000)
      await new Promise((r) => setTimeout(r, 100));
    const undelivered = (await allRows(prisma)).filter(
      (r) => r.status !== "sent" && r.lastError !== "erased" && !r.attachments.some((x) => JUNK_REFS.includes(x.ref)),
    );
    for (const r of undelivered)
      problems.push(`not delivered to ${r.address} (${r.status}: ${r.lastError?.slice(0, 120)}): ${r.text.slice(0, 100).replace(/\n/g, " ⏎ ")}`);
    expect(problems, `${problems.length} problems:\n${problems.slice(0, 40).join("\n")}`).toEqual([]);
  }, 120_000);
});

/** The sequence played (another: FUZZ_SEED=n); this one reaches 15 cases over every flow and staff switching language mid-registration. */
const SEED = Number(process.env.FUZZ_SEED ?? 5);

describe("languages the dialog fuzz found inconsistent", () => {
  let w: TelegramWorld;
  let chats: ChatDriver;
  beforeAll(async () => {
    w = await startTelegramWorld({ service: { documents: { loop: false }, sessions: { loop: false } } });
    chats = chatDriver(
      () => w.service,
      () => w.app.db.prisma,
    );
  });
  afterAll(async () => closeWorld(w));

  const languagesTo = (chat: number, rows: QueuedRow[]) =>
    rows
      .filter((r) => r.address === String(chat))
      .map((r) =>
        replyLanguage(
          r.text,
          r.buttons.map((b) => b.label),
        ),
      );

  // FINDING: src/dialogs/staffConversation.ts, handleStaffMessage: during a walk-in registration only plain text and
  // /batal reach the intake (`stored?.dialog === "intake" && (!command || command.name === "batal")`), so /bahasa
  // switches the staff member's own language ("Language: English.") while the registration keeps the locale stored
  // in its IntakeState: every further prompt, the summary and "Kasus #N dibuka" stay in Indonesian.
  it("gives a staff member who switches to English during a walk-in registration the rest of it in English", async () => {
    await chats.linkStaff(4101, { org: "ipdn", roles: ["staf", "konselor"], name: "Staf Pendaftaran" });
    await chats.say(4101, "/kasusbaru");
    expect(languagesTo(4101, await chats.press(4101, "open:bk-praja"))).toEqual(["id"]);
    expect(languagesTo(4101, await chats.say(4101, "/bahasa"))).toEqual(["en"]);
    expect(languagesTo(4101, await chats.say(4101, "Ratna Kusuma"))).toEqual(["en"]);
  });

  // FINDING: src/dialogs/clientConversation.ts, requestErasure: the erasure request goes to the leaders as
  // `messagesFor("id").erasure.toLeader(...)`, in Indonesian whatever the leader's language.
  it("tells an English-speaking head of unit about an erasure request in English", async () => {
    await chats.linkStaff(4201, { org: "ipdn", roles: ["kepala_unit"], name: "Head of Unit" });
    expect(languagesTo(4201, await chats.say(4201, "/bahasa"))).toEqual(["en"]);
    await chats.say(4202, "/start");
    await chats.press(4202, "consent:yes");
    const rows = await chats.say(4202, "/hapus");
    expect(languagesTo(4202, rows)).toEqual(["id"]);
    expect(languagesTo(4201, rows)).toEqual(["en"]);
  });

  // FINDING: src/dialogs/handleInbound.ts, handleOnce: the notices for an over-long message (MAX_INBOUND_CHARS)
  // and for a flood ("slow down") are built with `messagesFor(deps.settings.defaultLocale)`, not in the sender's
  // language (refuseQuietly has the sender: use localeOf(turn) there).
  // Since issue 15, an over-long message is no longer refused but kept whole, as parts handled in order: every answer
  // to them (here the intake's, to each part) is in the sender's language.
  it("tells an English-speaking client in English that a message was too long", async () => {
    await chats.say(4401, "/start");
    await chats.press(4401, "consent:yes");
    expect(languagesTo(4401, await chats.say(4401, "/bahasa"))).toEqual(["en"]);
    const answers = languagesTo(4401, await chats.say(4401, "x".repeat(MAX_INBOUND_CHARS + 1)));
    expect(answers.length).toBeGreaterThan(0);
    expect(new Set(answers)).toEqual(new Set(["en"]));
  });

  // FINDING: src/dialogs/clientConversation.ts, handleClientMessage case "bahasa": someone without a person record
  // and without an intake is told "Language: English." but nothing is stored (`if (turn.sender) ...`), so the
  // registration that /start begins next is in Indonesian.
  it("keeps a newcomer's /bahasa choice for the registration that follows", async () => {
    expect(languagesTo(4301, await chats.say(4301, "/bahasa"))).toEqual(["en"]);
    expect(languagesTo(4301, await chats.say(4301, "/start"))).toEqual(["en"]);
  });
});
