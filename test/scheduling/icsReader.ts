// Reads ICS text back for assertions (RFC 5545 line folding, parameters, TEXT escapes).
import { expect } from "vitest";

export interface Property {
  name: string;
  params: Record<string, string>;
  value: string;
}

/** A small RFC 5545 reader: unfolds lines, splits name;params:value, unescapes TEXT values. */
export function parseIcs(ics: string): { lines: string[]; props: Property[] } {
  expect(ics.endsWith("\r\n")).toBe(true);
  const physical = ics.split("\r\n").slice(0, -1);
  for (const line of physical) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  const lines: string[] = [];
  for (const line of physical) {
    if (line.startsWith(" ") && lines.length > 0) lines[lines.length - 1] += line.slice(1);
    else lines.push(line);
  }
  const props = lines.map((line) => {
    const colon = line.search(/:(?=(?:[^"]*"[^"]*")*[^"]*$)/); // first colon outside quotes
    const [name, ...params] = line.slice(0, colon).split(";");
    return {
      name: name ?? "",
      params: Object.fromEntries(params.map((p) => p.split("=") as [string, string])),
      value: line.slice(colon + 1),
    };
  });
  return { lines, props };
}

export const text = (value: string) => value.replace(/\\n/gi, "\n").replace(/\\([\\;,])/g, "$1");
export const one = (props: Property[], name: string) => {
  const found = props.filter((p) => p.name === name);
  expect(found, name).toHaveLength(1);
  return found[0]!;
};
