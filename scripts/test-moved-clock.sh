#!/usr/bin/env bash
# The tests that touch time, run again with the process clock moved (Debian's faketime): 400 days ahead, and
# inside the last week of December (a holiday week). A test that passes today but would fail on some later day
# fails here. Chromium and Dovecot are started without libfaketime (test/support/realClockEnv.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v faketime >/dev/null || { echo "faketime is missing: apt-get install -y faketime" >&2; exit 2; }
# Deadlines, working time, sessions, summaries and the walks that depend on them.
CORE_TIME_TESTS=(
  test/core test/scheduling test/jobs test/dialogs test/app/deadlines.e2e.test.ts test/app/meetBooking.e2e.test.ts
)
# Everything else that reads the time somewhere on its path (recap, documents' dates, logins, retention, the
# channel walks, the browser pages, the CLI's reports, doctor's holiday horizon and backup age); run once, 400 days
# ahead, to keep CI within its time (the CLI's staff, keys and flows commands decide nothing by the date: left out).
OTHER_TIME_TESTS=(
  test/channels/telegram test/http test/local test/documents test/store test/app/emailFrontDoor.e2e.test.ts
  test/privacy/erasureRetentionKeys.test.ts test/cli/caseReports.test.ts test/cli/doctor.test.ts test/cli/backup.test.ts
  test/cli/cli.test.ts
)
run_moved() {
  echo "== moved clock: faketime -f '$1'"
  shift_spec="$1"; shift
  DONT_FAKE_MONOTONIC=1 faketime -f "$shift_spec" npx vitest run "$@"
}
run_moved "+400d" "${CORE_TIME_TESTS[@]}" "${OTHER_TIME_TESTS[@]}"
run_moved "@$(date -u +%Y)-12-28 09:00:00" "${CORE_TIME_TESTS[@]}"
