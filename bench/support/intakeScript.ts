// What one client sends through the Telegram intake: /start, the consent press, the biodata (typed, as
// most people do, with a press for the kind), a complaint, Selesai and the final Kirim that opens the case.
import type { BenchUser } from "./telegramUpdates.ts";

/** A typed message, or a press of the button whose action value is `choice` on the bot's latest message. */
export type ScriptStep = { say: string } | { press: string };

/** Letters for a number ("Klien Bcd"): names accept letters only, and each client's must be unique. */
export function lettersOf(n: number): string {
  const digits = String(n)
    .split("")
    .map((d) => String.fromCharCode(97 + Number(d)));
  return digits[0]!.toUpperCase() + digits.slice(1).join("");
}

/**
 * The name a client gives (it appears on the counsellor's case card, which is how the hand-off finds it).
 * Always six letters after "Klien ", so no client's name is the beginning of another's.
 */
export const clientName = (index: number) => `Klien ${lettersOf(100_000 + (index % 900_000))}`;

/** The benchmark's clients: distinct Telegram users, from `firstId` up. */
export function benchClients(count: number, firstId: number): BenchUser[] {
  return Array.from({ length: count }, (_, i) => ({ id: firstId + i, firstName: clientName(i) }));
}

/** What each of the 13 intake steps is, for per-step figures. */
export const PRAJA_STEP_NAMES = [
  "/start",
  "consent press",
  "kind press",
  "nama",
  "NPP",
  "tingkat",
  "kelas",
  "kampus",
  "telepon: lewati",
  "email: lewati",
  "keluhan",
  "Selesai press",
  "Kirim press (opens the case)",
] as const;

/** The 13 updates of a praja's intake; the last one (Kirim) opens the case. */
export function prajaIntake(user: BenchUser, index: number): ScriptStep[] {
  return [
    { say: "/start" },
    { press: "consent:yes" },
    { press: "kind:praja" },
    { say: user.firstName },
    { say: `31.${String(1000 + (index % 900_000)).padStart(4, "0")}` },
    { say: "IV" },
    { say: `D${(index % 9) + 1}` },
    { say: "Jatinangor" },
    { say: "lewati" },
    { say: "lewati" },
    { say: "Saya sulit tidur sejak ujian dan sering cemas di asrama." },
    { press: "keluhan:done" },
    { press: "summary:send" },
  ];
}
