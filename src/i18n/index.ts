import { en } from "./en.ts";
import { id, type Messages } from "./id.ts";
export type { Messages };

export type Locale = "id" | "en";
/** The texts for a locale; Bahasa Indonesia unless the person chose English. */
export function messagesFor(locale: string | null | undefined): Messages {
  return locale === "en" ? en : id;
}
