// Zod readers for one environment variable each (optional text, a flag, a port, a count), so a flag or a
// port means the same in src/config.ts's own variables and in every channel's settings. Imports nothing but
// zod: config.ts reaches the channels' settings, and through them this file, before anything else is loaded.
import { z } from "zod";

/** Text, or undefined when unset or blank; surrounding spaces are dropped. */
export const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const FLAG_MESSAGE = "expected 1/0, true/false, yes/no or on/off";

/** A flag that is off unless set to 1/true/yes/on. */
export const flag = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === "") return false;
    if (/^(1|true|yes|on)$/i.test(v)) return true;
    if (/^(0|false|no|off)$/i.test(v)) return false;
    ctx.addIssue({ code: "custom", message: FLAG_MESSAGE });
    return z.NEVER;
  });

/** A flag that is on unless set to 0/false/no/off. */
export const flagOn = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === "" || /^(1|true|yes|on)$/i.test(v)) return true;
    if (/^(0|false|no|off)$/i.test(v)) return false;
    ctx.addIssue({ code: "custom", message: FLAG_MESSAGE });
    return z.NEVER;
  });

/** A TCP port (0 lets the system choose), `fallback` when unset. */
export const port = (fallback: number) => z.coerce.number({ message: "expected a port number" }).int().min(0).max(65535).default(fallback);

/** A whole number above 0, `fallback` when unset. */
export const positiveInt = (fallback: number) => z.coerce.number({ message: "expected a whole number" }).int().positive().default(fallback);

/** A whole number of 0 or more, `fallback` when unset. */
export const wholeNumber = (fallback: number) => z.coerce.number({ message: "expected a whole number (0 or more)" }).int().min(0).default(fallback);
