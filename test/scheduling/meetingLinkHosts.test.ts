// MEETING_LINK_HOSTS: which hosts a meeting link sent by hand may be on.
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { meetingLinkAllowed, parseMeetingLinkHosts } from "../../src/scheduling/meetingLinkHosts.ts";

describe("meeting link hosts", () => {
  it("reads the setting, meet.google.com by default, and refuses what is not a host name", () => {
    expect(loadConfig({}).meetings.linkHosts).toEqual(["meet.google.com"]);
    expect(parseMeetingLinkHosts(" Meet.Google.com, *.zoom.us ")).toEqual(["meet.google.com", "*.zoom.us"]);
    for (const bad of ["", "https://meet.google.com", "meet.google.com/x", "*", "localhost"]) expect(parseMeetingLinkHosts(bad), bad).toBeNull();
    expect(() => loadConfig({ MEETING_LINK_HOSTS: "https://meet.google.com" })).toThrow(/MEETING_LINK_HOSTS: expected host names/);
  });

  it("allows https links on a listed host or under a *. domain, nothing else", () => {
    const hosts = ["meet.google.com", "*.zoom.us"];
    const ok = (url: string) => meetingLinkAllowed(new URL(url), hosts);
    expect(ok("https://meet.google.com/abc-defg-hij")).toBe(true);
    expect(ok("https://MEET.GOOGLE.COM/abc")).toBe(true);
    expect(ok("https://us02web.zoom.us/j/123")).toBe(true);
    expect(ok("http://meet.google.com/abc")).toBe(false);
    expect(ok("https://meet.google.com.evil.example/abc")).toBe(false);
    expect(ok("https://evil.example/meet.google.com")).toBe(false);
    expect(ok("https://zoom.us.evil.example/j/1")).toBe(false);
    expect(ok("https://evilzoom.us/j/1")).toBe(false);
    expect(ok("https://user:pw@meet.google.com/abc")).toBe(false);
    expect(ok("https://meet.google.com:8443/abc")).toBe(false);
  });
});
