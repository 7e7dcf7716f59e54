# A throwaway PostgreSQL server for the store's tests, sourced by .ci/run (and usable by hand:
# `source .ci/postgres.sh && start_test_postgres`, then `stop_test_postgres`).
#
# start_test_postgres installs Debian's `postgresql` if its server binaries are missing,
# creates a cluster in a temporary folder (initdb), starts it listening on 127.0.0.1 only, on
# the first free port from 55432, with password (SCRAM) authentication over TCP for a role
# `redflag` that owns a database `redflag_test` (random password, made for this run), and
# exports REDFLAG_TEST_POSTGRES (its URL) and REDFLAG_REQUIRE_POSTGRES=1. PostgreSQL refuses
# to run as root, so as root the cluster belongs to the `postgres` user (its superuser signs
# in over the cluster's own Unix socket only). The tests create a
# schema each in that database and drop it when they end; stop_test_postgres stops the server
# and removes the folder.

# The newest installed server's bin folder, if any.
test_postgres_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
    echo "$dir"
  fi
}

start_test_postgres() {
  local bindir port as_pg password superuser
  TEST_POSTGRES_AS=()
  bindir=$(test_postgres_bindir)
  if [ -z "$bindir" ]; then
    apt-get install -y --no-install-recommends postgresql >/dev/null \
      || { apt-get update >/dev/null && apt-get install -y --no-install-recommends postgresql >/dev/null; }
    bindir=$(test_postgres_bindir)
  fi
  if [ -z "$bindir" ]; then
    echo "start_test_postgres: no PostgreSQL server binaries after installing postgresql" >&2
    return 1
  fi
  TEST_POSTGRES_BIN=$bindir
  TEST_POSTGRES_DIR=$(mktemp -d /tmp/redflag-postgres.XXXXXX)
  as_pg=()
  superuser=$(id -un)
  if [ "$(id -u)" = 0 ]; then
    as_pg=(runuser -u postgres --)
    superuser=postgres
    chown postgres: "$TEST_POSTGRES_DIR"
  fi
  TEST_POSTGRES_AS=("${as_pg[@]}")
  port=55432
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    port=$((port + 1))
  done
  password=$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')
  # The superuser signs in over the cluster's own Unix socket only (peer); the tests' role
  # over TCP with its password.
  "${as_pg[@]}" "$bindir/initdb" -D "$TEST_POSTGRES_DIR/data" -U "$superuser" -E UTF8 --no-locale \
    --auth-local=peer --auth-host=scram-sha-256 >"$TEST_POSTGRES_DIR/initdb.log" 2>&1 \
    || { cat "$TEST_POSTGRES_DIR/initdb.log" >&2; return 1; }
  # Throwaway data: no fsync. Enough connections for every test binary's servers at once.
  "${as_pg[@]}" "$bindir/pg_ctl" -D "$TEST_POSTGRES_DIR/data" -l "$TEST_POSTGRES_DIR/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$TEST_POSTGRES_DIR \
        -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    start >/dev/null \
    || { cat "$TEST_POSTGRES_DIR/server.log" >&2; return 1; }
  "${as_pg[@]}" "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h "$TEST_POSTGRES_DIR" -p "$port" \
    -U "$superuser" -d postgres \
    -c "CREATE ROLE redflag LOGIN PASSWORD '$password'" \
    -c "CREATE DATABASE redflag_test OWNER redflag" \
    || return 1
  export REDFLAG_TEST_POSTGRES="postgresql://redflag:$password@127.0.0.1:$port/redflag_test"
  export REDFLAG_REQUIRE_POSTGRES=1
  echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') for the tests on 127.0.0.1:$port"
}

stop_test_postgres() {
  if [ -n "${TEST_POSTGRES_DIR:-}" ] && [ -d "$TEST_POSTGRES_DIR/data" ]; then
    "${TEST_POSTGRES_AS[@]}" "$TEST_POSTGRES_BIN/pg_ctl" -D "$TEST_POSTGRES_DIR/data" -m immediate \
      -w stop >/dev/null 2>&1 || true
  fi
  if [ -n "${TEST_POSTGRES_DIR:-}" ]; then
    rm -rf "$TEST_POSTGRES_DIR"
  fi
}
