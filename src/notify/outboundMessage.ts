// The neutral outgoing message every channel renders (text, buttons, links, documents).
import { z } from "zod";

export const buttonSchema = z.object({
  label: z.string().min(1),
  /** Opaque id sent as callback data; set when the message is queued (see ButtonToken). */
  id: z.string().optional(),
  /** What pressing it means; resolved and checked on the server, never trusted from the client. */
  action: z.object({ kind: z.literal("step_outcome"), stepRunId: z.string(), outcome: z.string() }),
});

export const outboundMessageSchema = z.object({
  text: z.string(),
  buttons: z.array(buttonSchema).default([]),
  /** Text a person typed, which channels must escape (the rest is ours). */
  userText: z.boolean().default(false),
  links: z.array(z.object({ label: z.string(), url: z.url() })).default([]),
});

export type OutboundButton = z.infer<typeof buttonSchema>;
export type OutboundMessage = z.infer<typeof outboundMessageSchema>;
