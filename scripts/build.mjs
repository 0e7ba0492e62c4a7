// `npm run build`: bundles the service (dist/main.js) and the admin command line (dist/cli.js) into plain
// JavaScript for Node 20, so `npm start` runs them with `node`, without tsx. Installed packages stay external
// (better-sqlite3's native module, Prisma's runtime and wasm load from node_modules as usual); our own code,
// the generated Prisma clients under src/generated included, is bundled. Both bundles sit directly in dist/,
// so code that finds files beside itself with import.meta.url sees dist/ in both: the local page's static
// files are copied to dist/static/, and migrations are found from the project root (src/projectRoot.ts).
import { cpSync, rmSync } from "node:fs";
import { build } from "esbuild";

const started = Date.now();
rmSync("dist", { recursive: true, force: true });
await build({
  entryPoints: { main: "src/main.ts", cli: "src/cli/main.ts" },
  outdir: "dist",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: "linked",
  logLevel: "warning",
});
cpSync("src/http/static", "dist/static", { recursive: true });
console.log(`build: dist/main.js, dist/cli.js and dist/static/ in ${Date.now() - started} ms`);
