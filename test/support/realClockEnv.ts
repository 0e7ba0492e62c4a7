// The environment for a helper program the tests start (Chromium, Dovecot) without libfaketime: under the
// moved-clock pass (`faketime -f '+400d' npx vitest run`) those programs hang or drop connections, and their
// clock is not what the pass checks — the service's is.

/** process.env without the variables that load and steer libfaketime. */
export function realClockEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      (e): e is [string, string] => e[1] !== undefined && e[0] !== "LD_PRELOAD" && !e[0].startsWith("FAKETIME") && e[0] !== "DONT_FAKE_MONOTONIC",
    ),
  );
}
