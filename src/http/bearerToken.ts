// "Authorization: Bearer <token>" checked against a configured token (METRICS_TOKEN, HEALTH_TOKEN).
import { createHash, timingSafeEqual } from "node:crypto";

/** Compares digests, so the comparison takes the same time whatever the header holds. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const presented = /^Bearer\s+(\S+)$/i.exec(header ?? "")?.[1] ?? "";
  const digest = (v: string) => createHash("sha256").update(v).digest();
  return timingSafeEqual(digest(presented), digest(token));
}
