#!/usr/bin/env bash
# Installs (Debian packages) and starts the real services the tests use, on loopback only.
# Usage: source .ci/services.sh && start_postgres   (exports PINTU_TEST_PG_URL)
set -euo pipefail

PG_PORT="${PINTU_PG_PORT:-55432}"
PG_DIR="${PINTU_PG_DIR:-/tmp/pintu-pg}"

install_services() {
  # PostgreSQL for the repository tests; Dovecot (IMAP + LMTP) for the email tests, which start their own
  # instances from test/support/mailServer.ts; Chromium for the browser tests; faketime for the moved-clock pass;
  # nginx and openssl for the test of the deploy guide's nginx example (test/deploy/nginxConfig.test.ts).
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || ! test -x /usr/sbin/dovecot \
      || ! test -x /usr/lib/dovecot/lmtp || ! test -x /usr/lib/dovecot/imap || ! test -x /usr/bin/chromium \
      || ! command -v faketime >/dev/null || ! test -x /usr/sbin/nginx || ! command -v openssl >/dev/null; then
    apt-get update -qq
    echo "postfix postfix/main_mailer_type select Local only" | debconf-set-selections
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      postgresql dovecot-imapd dovecot-lmtpd chromium faketime nginx openssl >/dev/null
  fi
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1; }

start_postgres() {
  local bin; bin="$(pg_bin)"
  if pg_isready -h 127.0.0.1 -p "$PG_PORT" -q 2>/dev/null; then
    echo "postgres already running on 127.0.0.1:$PG_PORT"
  else
    rm -rf "$PG_DIR"; mkdir -p "$PG_DIR"; chown postgres:postgres "$PG_DIR"
    su postgres -c "$bin/initdb -D $PG_DIR/data -U postgres --auth=trust --no-sync -E UTF8 --locale=C.UTF-8" >/dev/null
    su postgres -c "$bin/pg_ctl -D $PG_DIR/data -l $PG_DIR/pg.log -w -o \"-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200\" start" >/dev/null
  fi
  export PINTU_TEST_PG_URL="postgresql://postgres@127.0.0.1:$PG_PORT/postgres"
}

stop_postgres() {
  su postgres -c "$(pg_bin)/pg_ctl -D $PG_DIR/data -m fast stop" >/dev/null 2>&1 || true
}
