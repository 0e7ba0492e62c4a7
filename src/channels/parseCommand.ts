// Chat commands ("/balas 12 teks", "/start@pintu_bot KODE") the same on every channel.

/** "/balas@pintu_bot 12 teks" → { name: "balas", args: "12 teks" }; undefined for anything else. */
export function parseCommand(text: string): { name: string; args: string } | undefined {
  const m = /^\/([A-Za-z0-9_]{1,32})(?:@[A-Za-z0-9_]+)?(?:\s+([\s\S]*))?$/.exec(text.trim());
  return m ? { name: m[1]!.toLowerCase(), args: (m[2] ?? "").trim() } : undefined;
}
