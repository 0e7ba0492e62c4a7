// Shared set-up for the Google tests: the fake server, a service account it trusts, and our factory
// pointed at it with instant, recorded back-off waits (no real sleeping, no timing asserts).
import { readFileSync } from "node:fs";
import { Writable } from "node:stream";
import { createLogger, type Logger } from "../../src/logger.ts";
import { createGoogleCalendar, type GoogleCalendarFactory, type GoogleCalendarOptions } from "../../src/scheduling/googleCalendar.ts";
import { googleCredentialsSchema, type GoogleCredentials } from "../../src/scheduling/googleCredentials.ts";
import {
  generateRsaKeyPair,
  startFakeGoogleCalendar,
  type FakeGoogleCalendar,
  type FakeGoogleCalendarOptions,
  type FakeServiceAccountKey,
  type RsaKeyPair,
} from "../fakes/googleCalendarApi.ts";

export const DOMAIN = "example.ac.id";
export const COUNSELLOR = `rini@${DOMAIN}`;
export const OAUTH_CLIENT = {
  clientId: "123456789012-fake0client0id.apps.googleusercontent.com",
  clientSecret: "GOCSPX-fake-client-secret",
  redirectUri: "http://127.0.0.1:53682/",
};

/** A wall-clock time in Jakarta (UTC+7). */
export const wib = (local: string) => new Date(`${local}+07:00`);

export function googleFixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/google/${name}`, import.meta.url), "utf8")) as T;
}

/** A logger whose lines the test can read back. */
export function memoryLogger(): { logger: Logger; lines: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger("debug", stream), lines: () => chunks.join("") };
}

export interface GoogleTestbed {
  fake: FakeGoogleCalendar;
  key: FakeServiceAccountKey;
  serviceAccount: GoogleCredentials;
  oauth: GoogleCredentials;
  /** Every back-off wait the adapter asked for, in milliseconds. */
  sleeps: number[];
  /** A factory against the fake; retries are instant and recorded in `sleeps`. */
  google(options?: Partial<GoogleCalendarOptions>): GoogleCalendarFactory;
}

let sharedKeyPair: RsaKeyPair | undefined;

/** One RSA pair per test file: each fake still registers it anew, so signatures are really checked. */
export function testKeyPair(): RsaKeyPair {
  sharedKeyPair ??= generateRsaKeyPair();
  return sharedKeyPair;
}

/** The fake (with `fakeOptions`, e.g. a clock for conferences) and our factory pointed at it. */
export async function startGoogleTestbed(fakeOptions: Omit<FakeGoogleCalendarOptions, "domain"> = {}): Promise<GoogleTestbed> {
  const fake = await startFakeGoogleCalendar({ ...fakeOptions, domain: DOMAIN });
  const key = fake.createServiceAccountKey({ keyPair: testKeyPair() });
  fake.addOAuthClient(OAUTH_CLIENT);
  const serviceAccount = googleCredentialsSchema.parse({ kind: "service_account", serviceAccount: key });
  const oauth = googleCredentialsSchema.parse({ kind: "oauth", client: OAUTH_CLIENT });
  const sleeps: number[] = [];
  return {
    fake,
    key,
    serviceAccount,
    oauth,
    sleeps,
    google: (options = {}) =>
      createGoogleCalendar({
        credentials: serviceAccount,
        apiRoot: fake.url,
        tokenUrl: fake.tokenUrl,
        retry: { attempts: 4, baseDelayMs: 100, maxDelayMs: 1_000 },
        random: () => 1,
        sleep: async (ms) => {
          sleeps.push(ms);
        },
        ...options,
      }),
  };
}
