// The strict exposition parser the /metrics tests read with: it takes what prom-client writes, labelled
// histograms included, and refuses what the text format does not allow.
import { Counter, Histogram, Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { parsePrometheusText, sampleValue } from "./prometheusText.ts";

describe("parsePrometheusText", () => {
  it("reads prom-client's output, keeping a labelled histogram's series apart", async () => {
    const registry = new Registry();
    const h = new Histogram({
      name: "x_seconds",
      help: 'Time, with a \\ and "quotes"\nover two lines.',
      labelNames: ["channel"],
      buckets: [0.1, 1],
      registers: [registry],
    });
    const c = new Counter({ name: "x_total", help: "Things.", labelNames: ["why"], registers: [registry] });
    h.observe({ channel: "a" }, 0.05);
    h.observe({ channel: "b" }, 0.5);
    h.observe({ channel: "b" }, 5);
    c.inc({ why: 'a "quoted"\\back\nslash' }, 3);
    const families = parsePrometheusText(await registry.metrics());
    expect(families.get("x_seconds")).toMatchObject({ type: "histogram", help: 'Time, with a \\ and "quotes"\nover two lines.' });
    expect(sampleValue(families, "x_seconds_count", { channel: "a" })).toBe(1);
    expect(sampleValue(families, "x_seconds_count", { channel: "b" })).toBe(2);
    expect(sampleValue(families, "x_seconds_bucket", { channel: "b", le: "1" })).toBe(1);
    expect(sampleValue(families, "x_seconds_bucket", { channel: "b", le: "+Inf" })).toBe(2);
    expect(sampleValue(families, "x_total", { why: 'a "quoted"\\back\nslash' })).toBe(3);
  });

  it.each([
    ["a value that is not a number", "# TYPE foo gauge\nfoo abc\n", /not a sample line/],
    ["extra fields after the value", "foo 1 2 3\n", /not a sample line/],
    ["an unclosed label set", 'foo{a="b" 1\n', /not a sample line/],
    ["an unknown escape in a label", 'foo{a="\\t"} 1\n', /not a sample line/],
    ["a label twice", 'foo{a="1",a="2"} 1\n', /not a sample line/],
    ["a bad metric name", "1foo 1\n", /not a sample line/],
    ["no final line feed", "foo 1", /line feed/],
    ["a family split in two", '# TYPE a gauge\na 1\n# TYPE b gauge\nb 1\na{x="1"} 2\n', /appears again/],
    ["TYPE after samples", "a 1\n# TYPE a gauge\n", /TYPE after/],
    ["two TYPE lines", "# TYPE a gauge\n# TYPE a counter\n", /second TYPE/],
    ["an unknown type", "# TYPE a meter\n", /unknown metric type/],
    ["the same series twice", 'a{x="1"} 1\na{x="1"} 2\n', /same series twice/],
    ["a negative counter", "# TYPE a_total counter\na_total -1\n", /below zero/],
    ["a histogram without +Inf", '# TYPE h histogram\nh_bucket{le="1"} 1\nh_sum 1\nh_count 1\n', /no le="\+Inf"/],
    ["a histogram whose +Inf is not its count", '# TYPE h histogram\nh_bucket{le="1"} 1\nh_bucket{le="+Inf"} 1\nh_sum 1\nh_count 2\n', /differs from _count/],
    ["a histogram that is not cumulative", '# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 1\nh_sum 1\nh_count 1\n', /not cumulative/],
    ["a HELP escape the format does not have", "# HELP a a \\t tab\n", /escape/],
  ])("refuses %s", (_why, text, why) => {
    expect(() => parsePrometheusText(text)).toThrow(why);
  });
});
