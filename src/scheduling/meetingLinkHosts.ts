// Which meeting links a counsellor may send a client by hand (/link): https addresses on the hosts the unit uses
// for sessions (MEETING_LINK_HOSTS, meet.google.com by default), so a link in a counsellor's name cannot lead a
// client to any other site, whoever typed it.

/** MEETING_LINK_HOSTS when unset. */
export const DEFAULT_MEETING_LINK_HOSTS: readonly string[] = ["meet.google.com"];

/** A host as MEETING_LINK_HOSTS takes it: "meet.google.com", or "*.zoom.us" for the domain's subdomains. */
const HOST_PATTERN = /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/;

/** MEETING_LINK_HOSTS: comma-separated hosts; null when one is not a host name. */
export function parseMeetingLinkHosts(value: string): string[] | null {
  const hosts = value
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  return hosts.length > 0 && hosts.every((h) => HOST_PATTERN.test(h)) ? hosts : null;
}

/** Whether `url` is an https link on one of `hosts` (exactly, or under a "*." entry's domain). */
export function meetingLinkAllowed(url: URL, hosts: readonly string[]): boolean {
  if (url.protocol !== "https:" || url.username || url.password || (url.port && url.port !== "443")) return false;
  const host = url.hostname.toLowerCase();
  return hosts.some((h) => (h.startsWith("*.") ? host.endsWith(h.slice(1)) : host === h));
}
