// Where the files shipped beside the code live (prisma/migrations), found from the running module rather
// than the working directory. The module is src/projectRoot.ts under tsx and in tests, but dist/main.js or
// dist/cli.js once bundled, at a different depth: so the root is the nearest folder above it with a
// package.json, not a fixed number of "..".
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | undefined;

/** The folder holding the project's package.json, above the running code (src/ or dist/). */
export function projectRoot(): string {
  if (cached) return cached;
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) {
      cached = dir;
      return dir;
    }
    if (dirname(dir) === dir) throw new Error(`No package.json above ${start}: the code runs outside the project folder.`);
  }
}
