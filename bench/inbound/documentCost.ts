// The PDF a new case brings: since the registration form (Formulir Pendaftaran) is rendered by the
// product's document worker in the same process, its CPU time competes with inbound updates. Timed here
// on the repository's own sample form (test/fixtures/documents).
import { performance } from "node:perf_hooks";
import { renderDocumentPdf } from "../../src/documents/renderPdf.ts";
import { formulir } from "../../test/fixtures/documents/sampleDocuments.ts";
import { progress } from "../support/progress.ts";
import { median, round } from "../support/stats.ts";

export interface DocumentCost {
  renders: number;
  firstMs: number | null;
  medianMs: number | null;
  bytes: number;
}

/** Renders the sample registration form `renders` times in this process. */
export async function measureDocumentCost(renders: number): Promise<DocumentCost> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < renders; i++) {
    const t = performance.now();
    bytes = (await renderDocumentPdf(formulir())).length;
    times.push(performance.now() - t);
  }
  const result = { renders, firstMs: round(times[0] ?? null, 1), medianMs: round(median(times.slice(1)), 1), bytes };
  progress("inbound diagnostics", `a registration-form PDF takes ${result.medianMs} ms to render (first ${result.firstMs} ms)`);
  return result;
}
