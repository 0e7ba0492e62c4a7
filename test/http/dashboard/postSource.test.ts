// postSource: what Sec-Fetch-Site and Origin say about where a dashboard form post came from.
import { describe, expect, it } from "vitest";
import { postSource } from "../../../src/http/dashboard/postSource.ts";

const host = "127.0.0.1:8080";
const at = (headers: Record<string, string>, publicBaseUrl?: string) => postSource({ host, ...headers }, publicBaseUrl);

describe("postSource", () => {
  it("takes the browser's word for its own origin", () => {
    expect(at({ "sec-fetch-site": "same-origin" })).toBe("this-site");
    expect(at({ origin: "http://127.0.0.1:8080" })).toBe("this-site");
    expect(at({ "sec-fetch-site": "same-origin", origin: "http://127.0.0.1:8080" })).toBe("this-site");
    // Behind a proxy the Host is the upstream's; the public address is this site.
    expect(postSource({ host: "127.0.0.1:3000", origin: "https://konseling.example.ac.id" }, "https://konseling.example.ac.id")).toBe("this-site");
  });

  it("says another site whenever any header names one", () => {
    for (const headers of <Record<string, string>[]>[
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site" },
      { "sec-fetch-site": "Cross-Site", origin: "null" },
      { "sec-fetch-site": "something-new" },
      { origin: "https://elsewhere.example" },
      { origin: "http://127.0.0.1:8081" },
      { "sec-fetch-site": "same-origin", origin: "https://elsewhere.example" },
      { "sec-fetch-site": "none", origin: "https://elsewhere.example" },
      { origin: "not a url" },
    ]) {
      expect(at(headers), JSON.stringify(headers)).toBe("other-site");
    }
    expect(postSource({ host: "127.0.0.1:3000", origin: "https://konseling.example.ac.id" }, undefined)).toBe("other-site");
  });

  it("knows nothing from Origin null, no header, or a post the user started (Sec-Fetch-Site: none); the form token decides", () => {
    expect(at({})).toBe("unknown");
    expect(at({ origin: "null" })).toBe("unknown");
    expect(at({ "sec-fetch-site": "none" })).toBe("unknown");
    expect(at({ "sec-fetch-site": "none", origin: "null" })).toBe("unknown");
  });
});
