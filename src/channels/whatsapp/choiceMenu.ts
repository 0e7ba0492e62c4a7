// Numbered choices instead of buttons: WhatsApp buttons are unreliable for an unofficial client, so a
// menu is sent as "1. Setuju / 2. Tidak setuju" and an answer ("1", "2.", "setuju", or a quoted reply to
// an older menu) is turned back into the button id here. What was sent to each chat is remembered per
// message, so a quote resolves against the menu it quotes.

/** One numbered choice: the opaque button id and the label shown; its number is its position + 1. */
export interface MenuOption {
  id: string;
  label: string;
}

/**
 * What the last message(s) sent to a chat offered. An entry with no options records that a plain message
 * followed, so a later "2" (an age, a semester) is not taken as an answer to an older menu.
 */
export interface ChatMenu {
  /** The chat (jid) the menu was sent to. */
  address: string;
  /** Platform id of the message that carried the menu. */
  platformId: string;
  options: MenuOption[];
  sentAt: Date;
}

/** Where menus are kept; the integrator backs it with the ChatMenu table, tests use the in-memory one. */
export interface MenuStore {
  remember(menu: ChatMenu): Promise<void>;
  /** The entry sent last to this chat. */
  latest(address: string): Promise<ChatMenu | undefined>;
  /** The entry of one sent message, for quoted replies. */
  find(address: string, platformId: string): Promise<ChatMenu | undefined>;
}

/** Menus in memory, bounded: the last `perChat` entries of the `chats` most recently written chats. */
export class InMemoryMenuStore implements MenuStore {
  private readonly byChat = new Map<string, ChatMenu[]>();
  private readonly perChat: number;
  private readonly chats: number;

  constructor(options: { perChat?: number; chats?: number } = {}) {
    this.perChat = options.perChat ?? 20;
    this.chats = options.chats ?? 10_000;
  }

  async remember(menu: ChatMenu): Promise<void> {
    const entries = this.byChat.get(menu.address) ?? [];
    this.byChat.delete(menu.address); // re-insert: Map order is our recency order
    entries.push({ ...menu, options: menu.options.map((o) => ({ ...o })) });
    while (entries.length > this.perChat) entries.shift();
    this.byChat.set(menu.address, entries);
    while (this.byChat.size > this.chats) this.byChat.delete(this.byChat.keys().next().value!);
  }

  async latest(address: string): Promise<ChatMenu | undefined> {
    return this.byChat.get(address)?.at(-1);
  }

  async find(address: string, platformId: string): Promise<ChatMenu | undefined> {
    return this.byChat.get(address)?.findLast((m) => m.platformId === platformId);
  }
}

/**
 * The option an answer picks: "1", "2.", " 1 ", "1) Setuju", or the label itself ("setuju",
 * "Tidak Setuju"), case- and spacing-insensitive. Anything else (or a label that fits two options) is no pick.
 */
export function matchMenuAnswer(options: readonly MenuOption[], answer: string): MenuOption | undefined {
  const text = normalise(answer);
  if (!text) return undefined;
  const numbered = /^(\d{1,3})(?:(?:\s*[.):]\s*|\s+)(.+))?$/u.exec(text);
  if (numbered) {
    const option = options[Number(numbered[1]) - 1];
    if (!option) return undefined;
    const label = numbered[2];
    return label === undefined || normalise(label) === normalise(option.label) ? option : undefined;
  }
  const matches = options.filter((o) => normalise(o.label) === text);
  return matches.length === 1 ? matches[0] : undefined;
}

/**
 * Resolves an answer in a chat to a menu option: against the quoted message's menu when the answer quotes
 * one we remember, else against the latest entry sent to the chat.
 */
export async function resolveMenuAnswer(store: MenuStore, answer: { address: string; text: string; quotedId?: string }): Promise<MenuOption | undefined> {
  if (!answer.text.trim()) return undefined;
  const quoted = answer.quotedId ? await store.find(answer.address, answer.quotedId) : undefined;
  const menu = quoted ?? (await store.latest(answer.address));
  return menu ? matchMenuAnswer(menu.options, answer.text) : undefined;
}

const EDGE_PUNCTUATION = /^[\s"'“”‘’«»*_~`.,;:!?()[\]-]+|[\s"'“”‘’«»*_~`.,;:!?()[\]-]+$/gu;

/** Case, width, spacing and surrounding quotes or punctuation do not matter: "(1)", "1.", " Setuju! ". */
function normalise(text: string): string {
  return text
    .normalize("NFKC")
    .toLocaleLowerCase("id")
    .replace(/[\s\u200B-\u200D\u2060\uFEFF]+/gu, " ")
    .replace(EDGE_PUNCTUATION, "");
}
