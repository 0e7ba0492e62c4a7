// The font every document is set in: DejaVu Sans (regular and bold), embedded and subset into each PDF.
// Shipped by the npm package dejavu-fonts-ttf (Bitstream Vera licence, DejaVu changes public domain), so
// nothing is fetched at run time. DejaVu covers Latin with all Indonesian and European accents, Greek,
// Cyrillic, Armenian, Georgian, Hebrew, Arabic and many symbols and emoticons, but no CJK; see
// renderableText.ts for what happens to characters it lacks.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";

/** The two faces the layouts use, as file paths pdfkit can read. */
export interface DocumentFonts {
  regular: string;
  bold: string;
}

const FONT_PACKAGE = "dejavu-fonts-ttf";
let cached: DocumentFonts | undefined;

function resolveFont(file: string): string {
  const require = createRequire(import.meta.url);
  let path: string;
  try {
    path = require.resolve(`${FONT_PACKAGE}/ttf/${file}`);
  } catch {
    throw new Error(`PDF font ${FONT_PACKAGE}/ttf/${file} is not installed; run "npm ci" (it is a dependency in package.json).`);
  }
  if (!existsSync(path)) throw new Error(`PDF font file ${path} is missing; reinstall with "npm ci".`);
  return path;
}

/** The font files, located once; throws, naming the package to install, when they are missing. */
export function documentFonts(): DocumentFonts {
  cached ??= { regular: resolveFont("DejaVuSans.ttf"), bold: resolveFont("DejaVuSans-Bold.ttf") };
  return cached;
}
