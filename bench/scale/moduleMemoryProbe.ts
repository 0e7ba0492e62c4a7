// Child process for moduleMemory.ts: imports the product's heavy dependencies one after another (in the
// order startService pulls them in) and reports the resident memory after each, garbage collected.
const SPECIFIERS = [
  "pino",
  "zod",
  "fastify",
  "telegraf",
  "luxon",
  "yaml",
  "@prisma/adapter-better-sqlite3",
  new URL("../../src/generated/prisma/client.ts", import.meta.url).href,
  "@whiskeysockets/baileys",
  "@googleapis/calendar",
  "pdfkit",
  "imapflow",
  "mailparser",
  "nodemailer",
  new URL("../../src/app/startService.ts", import.meta.url).href,
];

const gc = (globalThis as { gc?: () => void }).gc;
const rssMb = () => {
  gc?.();
  return process.memoryUsage().rss / 2 ** 20;
};

const steps: { module: string; rssMb: number }[] = [{ module: "(node + tsx)", rssMb: rssMb() }];
for (const specifier of SPECIFIERS) {
  await import(specifier);
  steps.push({ module: specifier.replace(/^file:.*\/(src\/)/, "$1"), rssMb: rssMb() });
}
process.send!(steps);
process.disconnect();
