// A strict parser of Prometheus' text exposition format (version 0.0.4), for tests of /metrics. Written here
// because the npm parser (parse-prometheus-text-format 1.1.1, unmaintained) accepts "foo abc" and "foo 1 2 3"
// as samples and merges a labelled histogram's series into one. This one throws, naming the line, on anything
// the format does not allow: a malformed name, label, escape or value, a family split in two, a TYPE after its
// samples or twice, a sample outside its family, a series twice, a negative counter, and a histogram whose
// buckets are unsorted, not cumulative, without +Inf, or whose +Inf bucket differs from its _count.

export type MetricType = "counter" | "gauge" | "histogram" | "summary" | "untyped";

export interface Sample {
  /** The sample's own name (a histogram's are <family>_bucket, _sum and _count). */
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface MetricFamily {
  name: string;
  type: MetricType;
  help?: string;
  samples: Sample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set<MetricType>(["counter", "gauge", "histogram", "summary", "untyped"]);

class ExpositionError extends Error {
  constructor(lineNo: number, line: string, why: string) {
    super(`line ${lineNo}: ${why}: ${JSON.stringify(line.slice(0, 160))}`);
  }
}

/** A value as Go's strconv.ParseFloat reads it (what Prometheus uses): decimal, or NaN / Inf / Infinity in any case. */
function parseValue(text: string): number | null {
  if (/^[+-]?nan$/i.test(text)) return Number.NaN;
  if (/^[+-]?inf(inity)?$/i.test(text)) return text.startsWith("-") ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return null;
  return Number(text);
}

/** HELP text with its two escapes (a doubled backslash, backslash-n) undone; null on any other backslash. */
function unescapeHelp(text: string): string | null {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== "\\") {
      out += text[i];
      continue;
    }
    const next = text[i + 1];
    if (next !== "\\" && next !== "n") return null;
    out += next === "n" ? "\n" : "\\";
    i += 1;
  }
  return out;
}

/** Parses `name{a="b",...} value [timestamp]`; null when the line is not one. */
function parseSampleLine(line: string): Sample | null {
  const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? ([^ ]+)( -?\d+)?$/.exec(line);
  if (!m) return null;
  const labels: Record<string, string> = {};
  let rest = m[3] ?? "";
  while (rest.length > 0) {
    const label = /^([a-zA-Z_][a-zA-Z0-9_]*)="/.exec(rest);
    if (!label) return null;
    let i = label[0].length;
    let value = "";
    for (;;) {
      const c = rest[i];
      if (c === undefined) return null;
      if (c === '"') break;
      if (c === "\\") {
        const next = rest[i + 1];
        if (next === "\\") value += "\\";
        else if (next === '"') value += '"';
        else if (next === "n") value += "\n";
        else return null;
        i += 2;
      } else {
        value += c;
        i += 1;
      }
    }
    if (label[1]! in labels || !LABEL_NAME.test(label[1]!)) return null;
    labels[label[1]!] = value;
    rest = rest.slice(i + 1);
    if (rest.startsWith(",")) rest = rest.slice(1);
    else if (rest.length > 0) return null;
  }
  const value = parseValue(m[4]!);
  if (value === null) return null;
  return { name: m[1]!, labels, value };
}

/** The family a sample name belongs to, given the families declared so far. */
function familyOf(sampleName: string, families: Map<string, MetricFamily>): string {
  for (const suffix of ["_bucket", "_sum", "_count"]) {
    const base = sampleName.slice(0, -suffix.length);
    if (sampleName.endsWith(suffix) && ["histogram", "summary"].includes(families.get(base)?.type ?? "")) return base;
  }
  return sampleName;
}

function checkHistogram(family: MetricFamily): void {
  const series = new Map<string, { buckets: { le: number; value: number }[]; count?: number; sum?: number }>();
  const keyOf = (labels: Record<string, string>) =>
    JSON.stringify(
      Object.entries(labels)
        .filter(([k]) => k !== "le")
        .sort(),
    );
  for (const s of family.samples) {
    const entry = series.get(keyOf(s.labels)) ?? { buckets: [] };
    series.set(keyOf(s.labels), entry);
    if (s.name === `${family.name}_bucket`) {
      const le = s.labels.le === undefined ? null : parseValue(s.labels.le);
      if (le === null) throw new Error(`${family.name}: a bucket without a numeric le label`);
      entry.buckets.push({ le, value: s.value });
    } else if (s.name === `${family.name}_count`) entry.count = s.value;
    else if (s.name === `${family.name}_sum`) entry.sum = s.value;
    else throw new Error(`${family.name}: sample ${s.name} does not belong to a histogram`);
  }
  for (const [key, h] of series) {
    const where = `${family.name}${key}`;
    if (h.count === undefined || h.sum === undefined) throw new Error(`${where}: _count or _sum missing`);
    for (let i = 1; i < h.buckets.length; i++) {
      if (h.buckets[i]!.le <= h.buckets[i - 1]!.le) throw new Error(`${where}: buckets not in increasing le order`);
      if (h.buckets[i]!.value < h.buckets[i - 1]!.value) throw new Error(`${where}: buckets not cumulative`);
    }
    const last = h.buckets.at(-1);
    if (last?.le !== Number.POSITIVE_INFINITY) throw new Error(`${where}: no le="+Inf" bucket`);
    if (last.value !== h.count) throw new Error(`${where}: +Inf bucket ${last.value} differs from _count ${h.count}`);
  }
}

/** Parses a whole exposition; throws on the first thing the format does not allow. */
export function parsePrometheusText(text: string): Map<string, MetricFamily> {
  if (!text.endsWith("\n")) throw new Error("the exposition does not end with a line feed");
  const families = new Map<string, MetricFamily>();
  const finished = new Set<string>();
  const typed = new Set<string>();
  const seenSeries = new Set<string>();
  let current: string | undefined;
  const enter = (name: string, lineNo: number, line: string) => {
    if (current === name) return;
    if (finished.has(name)) throw new ExpositionError(lineNo, line, `family ${name} appears again after other families`);
    if (current) finished.add(current);
    current = name;
  };
  text
    .slice(0, -1)
    .split("\n")
    .forEach((line, index) => {
      const lineNo = index + 1;
      if (line === "") return;
      if (line.startsWith("#")) {
        const meta = /^# (HELP|TYPE) (\S+)(?: (.*))?$/.exec(line);
        if (!meta) {
          if (/^#\s*(HELP|TYPE)\b/.test(line)) throw new ExpositionError(lineNo, line, "a malformed HELP or TYPE line");
          return; // a comment
        }
        const [, kind, name, rest] = meta as unknown as [string, "HELP" | "TYPE", string, string | undefined];
        if (!METRIC_NAME.test(name)) throw new ExpositionError(lineNo, line, "not a metric name");
        enter(name, lineNo, line);
        const family = families.get(name) ?? { name, type: "untyped" as MetricType, samples: [] };
        families.set(name, family);
        if (kind === "TYPE") {
          if (!TYPES.has(rest as MetricType)) throw new ExpositionError(lineNo, line, "unknown metric type");
          if (typed.has(name)) throw new ExpositionError(lineNo, line, "a second TYPE line");
          if (family.samples.length > 0) throw new ExpositionError(lineNo, line, "TYPE after the family's samples");
          family.type = rest as MetricType;
          typed.add(name);
        } else {
          if (family.help !== undefined) throw new ExpositionError(lineNo, line, "a second HELP line");
          const help = unescapeHelp(rest ?? "");
          if (help === null) throw new ExpositionError(lineNo, line, "an escape HELP does not allow (only \\\\ and \\n)");
          family.help = help;
        }
        return;
      }
      const sample = parseSampleLine(line);
      if (!sample) throw new ExpositionError(lineNo, line, "not a sample line");
      const name = familyOf(sample.name, families);
      enter(name, lineNo, line);
      const family = families.get(name) ?? { name, type: "untyped" as MetricType, samples: [] };
      families.set(name, family);
      const series = `${sample.name}${JSON.stringify(Object.entries(sample.labels).sort())}`;
      if (seenSeries.has(series)) throw new ExpositionError(lineNo, line, "the same series twice");
      seenSeries.add(series);
      if (family.type === "counter" && !(sample.value >= 0)) throw new ExpositionError(lineNo, line, "a counter below zero");
      family.samples.push(sample);
    });
  for (const family of families.values()) if (family.type === "histogram") checkHistogram(family);
  return families;
}

/** The value of one series (labels matched exactly), or undefined when the exposition does not have it. */
export function sampleValue(families: Map<string, MetricFamily>, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = JSON.stringify(Object.entries(labels).sort());
  for (const family of families.values()) {
    const found = family.samples.find((s) => s.name === name && JSON.stringify(Object.entries(s.labels).sort()) === wanted);
    if (found) return found.value;
  }
  return undefined;
}
