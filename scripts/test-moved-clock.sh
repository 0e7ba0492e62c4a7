#!/usr/bin/env bash
# The tests that touch time, run again with the process clock moved (Debian's faketime): 400 days ahead, and
# inside the last week of December (a holiday week). A test that passes today but would fail on some later day
# fails here. Chromium and Dovecot are started without libfaketime (test/support/realClockEnv.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v faketime >/dev/null || { echo "faketime is missing: apt-get install -y faketime" >&2; exit 2; }
TIME_TESTS=(
  test/core test/scheduling test/jobs test/dialogs test/channels/telegram test/http test/local test/documents test/store
  test/app/deadlines.e2e.test.ts test/app/meetBooking.e2e.test.ts test/app/emailFrontDoor.e2e.test.ts
  test/privacy/erasureRetentionKeys.test.ts test/cli
)
holiday_week="$(date -u +%Y)-12-28 09:00:00"
for shift in "+400d" "@$holiday_week"; do
  echo "== moved clock: faketime -f '$shift'"
  DONT_FAKE_MONOTONIC=1 faketime -f "$shift" npx vitest run "${TIME_TESTS[@]}"
done
