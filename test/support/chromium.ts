// Debian's Chromium driven by playwright-core, for the browser tests (npx playwright install cannot download
// browsers here). Flags for a closed network; a fresh profile per launch.
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { realClockEnv } from "./realClockEnv.ts";

export const CHROMIUM = "/usr/bin/chromium";
/** Why the browser tests cannot run here, or null when they can. */
export const chromiumMissing = existsSync(CHROMIUM) ? null : `(skipped: ${CHROMIUM} is missing; apt-get install -y --no-install-recommends chromium)`;

/**
 * Starts Chromium. It is started without libfaketime even when the tests run under `faketime` (Chromium hangs
 * at start-up under it): the moved clock is the service's, which is what the tests check; the browser only
 * renders what the service sends.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    env: realClockEnv(),
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
