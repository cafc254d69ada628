#!/usr/bin/env bash
# Does a second `lkms serve` on one PostgreSQL store add throughput (issue
# 16)? The same load generator, in the same run, against three configurations:
#
#   sqlite  one lkms serve on a SQLite keyring (a file under /tmp): the baseline
#   pg1     one lkms serve on a PostgreSQL store (the second server of pg2
#           stays up and idle meanwhile)
#   pg2     two lkms serve on that same store, the connections dealt out
#           between them (bench/loadgen with two --endpoint)
#
# for each workload (Encrypt of 100 random bytes, CreateKey, GenerateDataKey
# AES_256): CONNECTIONS keep-alive connections sending SigV4-signed requests
# back to back, at most REQUESTS requests or DURATION seconds after WARMUP
# seconds of warm-up. Configurations are interleaved within each workload,
# ROUNDS times; the summary reports the median round by requests/s, with
# p50/p99 and the ratio of each configuration to sqlite's.
#
#   bench/scale.sh                                   # everything (~2 min after the builds)
#   CONFIGS=sqlite bench/scale.sh                    # without PostgreSQL
#   ROUNDS=3 bench/scale.sh                          # docs/SCALING.md's figures: median of 3 (~6 min)
#   ROUNDS=3 DURATION=20 bench/scale.sh              # longer
#   WORKLOADS=encrypt CONNECTIONS=64 bench/scale.sh
#   PG_URL=postgres://u:pw@127.0.0.1:5432/db bench/scale.sh   # an existing, empty database
#   LKMS_BIN=/tmp/lkms-other bench/scale.sh          # another build of lkms
#
# Without PG_URL a throwaway PostgreSQL cluster is made in a temporary
# directory under /tmp by the tests' own script, tests/support/postgres.sh
# (PG_SCRIPT): 127.0.0.1 and a free port only, as user postgres when run as
# root, fsync on; it is on disk, like the SQLite keyring, so both pay an
# fsync per commit.
# Everything listens on 127.0.0.1, and every process started (servers, the
# cluster) is stopped at the end, also on failure or Ctrl-C. The JSON
# reports, each server's standard error and a summary (with how each server
# ended on SIGTERM) are kept in RESULTS (default target/bench-scale).
# The machine may be shared: the load average before each run and the CPU
# that other processes took during it are recorded and printed beside its
# figures. On the throwaway cluster, the database's transaction ids and
# audit sequence add how many write transactions (each under lkms's one
# write lock) there were, and how many requests each carried.
set -euo pipefail
cd "$(dirname "$0")/.."

CONFIGS=${CONFIGS:-"sqlite pg1 pg2"}
WORKLOADS=${WORKLOADS:-"encrypt create-key generate-data-key"}
CONNECTIONS=${CONNECTIONS:-32}
REQUESTS=${REQUESTS:-200000}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-2}
ROUNDS=${ROUNDS:-1}
PG_URL=${PG_URL:-}                  # empty: a throwaway cluster made by PG_SCRIPT
PG_SCRIPT=${PG_SCRIPT:-tests/support/postgres.sh}
STORE_CONNECTIONS=${STORE_CONNECTIONS:-} # lkms serve --store-connections on PostgreSQL; empty: lkms's default
ACCESS_LOG=${ACCESS_LOG:-/dev/null} # lkms formats and writes every line; /dev/null keeps it off the disk
RESULTS=${RESULTS:-target/bench-scale}
REGION=us-east-1
# init takes the region from the environment, and every call must match it.
export AWS_REGION=$REGION
unset AWS_DEFAULT_REGION AWS_PROFILE LKMS_STORE LKMS_KEYRING LKMS_IDENTITY LKMS_PASSPHRASE

say() { printf '%s\n' "$*" >&2; }
die() { say "bench/scale.sh: $*"; exit 2; }

for c in $CONFIGS; do [[ $c =~ ^(sqlite|pg1|pg2)$ ]] || die "CONFIGS: unknown configuration '$c' (sqlite, pg1, pg2)"; done
for w in $WORKLOADS; do [[ $w =~ ^(encrypt|create-key|generate-data-key|mix)$ ]] || die "WORKLOADS: unknown workload '$w' (encrypt, create-key, generate-data-key, mix)"; done
for v in CONNECTIONS REQUESTS ROUNDS; do
    [[ ${!v} =~ ^[0-9]+$ ]] && (( ${!v} > 0 )) || die "$v=${!v}: expected a positive whole number"
done
[[ -z $STORE_CONNECTIONS || $STORE_CONNECTIONS =~ ^[1-9][0-9]*$ ]] || die "STORE_CONNECTIONS=$STORE_CONNECTIONS: expected a positive whole number"
for v in DURATION WARMUP; do
    [[ ${!v} =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "$v=${!v}: expected seconds"
done
(( CONNECTIONS >= 2 )) || die "CONNECTIONS=$CONNECTIONS: pg2 needs at least one connection per server"
awk -v d="$DURATION" -v w="$WARMUP" -v r="$ROUNDS" 'BEGIN { exit !(d > 0 && d <= 600 && w <= 60 && r <= 10) }' ||
    die "bounds: 0 < DURATION <= 600, WARMUP <= 60, ROUNDS <= 10"
[[ -z $PG_URL || $PG_URL =~ ^postgres(ql)?://[^@/]*@?(127\.[0-9.]+|localhost|\[::1\])(:[0-9]+)?/ ]] ||
    die "PG_URL: expected postgres://USER:PW@127.0.0.1:PORT/DB on loopback"
has() { [[ " $CONFIGS " == *" $1 "* ]]; }
uses_pg() { has pg1 || has pg2; }

cargo build --release -q
cargo build --release -q --manifest-path bench/loadgen/Cargo.toml --target-dir target/loadgen

work=$(mktemp -d /tmp/lkms-scale-bench.XXXXXX)
pgdir=
pids=()
cleanup() {
    local p
    for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do
        for _ in $(seq 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$p" 2>/dev/null || true
        wait "$p" 2>/dev/null || true
    done
    # The cluster after the servers, so that none of them sees it go first.
    if [[ -n $pgdir ]]; then
        if [[ -s $pgdir/data/postmaster.pid ]]; then
            "$PG_SCRIPT" stop "$pgdir" >/dev/null 2>&1 || {
                local pm
                pm=$(head -n1 "$pgdir/data/postmaster.pid" 2>/dev/null || true)
                if [[ $pm =~ ^[0-9]+$ ]]; then kill -KILL "$pm" 2>/dev/null || true; fi
            }
        fi
        rm -rf "$pgdir"
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# Copies: a rebuild during the run must not swap the binaries being measured.
cp "${LKMS_BIN:-target/release/lkms}" "$work/lkms"
cp target/loadgen/release/lkms-loadgen "$work/"
LKMS=$work/lkms
LOADGEN=$work/lkms-loadgen
rm -rf "$RESULTS"
mkdir -p "$RESULTS"

"$LKMS" serve --help >/dev/null 2>&1 || die "this lkms has no 'serve' command"
if uses_pg; then
    "$LKMS" --help 2>&1 | grep -q -- '--store' ||
        die "this lkms ($(git rev-parse --short HEAD 2>/dev/null || echo '?')) has no --store option: the PostgreSQL store (issue 16) is not in this build; CONFIGS=sqlite runs the baseline alone"
fi

rev=$(git rev-parse --short HEAD 2>/dev/null || echo '?')
[[ -z $(git status --porcelain -- src Cargo.toml 2>/dev/null) ]] || rev+=" + uncommitted changes in src/"
{
    echo "commit: $rev"
    echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB"
    echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "configurations: $CONFIGS; workloads: $WORKLOADS; rounds: $ROUNDS"
    echo "connections: $CONNECTIONS, at most $REQUESTS requests or ${DURATION}s after ${WARMUP}s of warm-up"
} | tee "$RESULTS/summary.txt" >&2

# --- helpers ---------------------------------------------------------------

# CPU time (user + system) of a process, in 1/100 s; 0 once it has gone.
cpu_ticks() { awk '{sub(/.*\) /, ""); print $12 + $13}' "/proc/$1/stat" 2>/dev/null || echo 0; }
field() { python3 -c 'import json, sys; v = json.load(sys.stdin)
for k in sys.argv[1].split("."): v = v[k]
print(v)' "$1"; }
# CPU time the whole machine spent busy (all cores), in 1/100 s.
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }
# CPU time of this shell's reaped children (the load generator, just after it
# ends), in 1/100 s.
children_ticks() { awk '{sub(/.*\) /, ""); print $14 + $15}' "/proc/$$/stat"; }
# "next transaction id|last audit sequence number" of the store's database:
# only transactions (and savepoints) that write take an id, lkms's reads
# being single statements, and every request served appends one audit
# record. Exact, where PostgreSQL's statistics views may lag by up to 10 s.
pg_counts() {
    [[ -n ${PG_PID:-} ]] || return 0
    psql -X -At "$PG_URL" -c "SELECT pg_snapshot_xmax(pg_current_snapshot()), (SELECT coalesce(max(seq), 0) FROM audit)" 2>/dev/null || true
}
# "pid ticks" of the postmaster and every process under it (the backends
# serving lkms's pooled connections, the WAL writer, the checkpointer).
pg_cpu_snapshot() {
    [[ -n ${PG_PID:-} ]] || return 0
    local p
    for p in $PG_PID $(pgrep -P "$PG_PID" || true); do echo "$p $(cpu_ticks "$p")"; done
}

# Per configuration: its endpoints, its server processes, the key the load
# uses; the access key (one per store, shared by the servers on it).
declare -A ENDPOINTS SERVER_PIDS KEY AKID SECRET STORE_OF

# start_server NAME STORE ARGS...: starts one lkms serve on STORE (as
# set up by setup_store, opened with ARGS: global or serve options), sets URL_OF[NAME] and
# PID_OF[NAME] once it answers a signed DescribeKey.
declare -A URL_OF PID_OF
start_server() {
    local name=$1 store=$2
    shift 2
    local ready=$work/$name.ready
    "$LKMS" serve --listen 127.0.0.1:0 --ready-file "$ready" --access-log "$ACCESS_LOG" "$@" \
        </dev/null >/dev/null 2>"$RESULTS/serve-$name.stderr" &
    PID_OF[$name]=$!
    pids+=("$!")
    for _ in $(seq 600); do
        [[ -s $ready && $(tail -c1 "$ready") == "" ]] && break
        kill -0 "${PID_OF[$name]}" 2>/dev/null || { cat "$RESULTS/serve-$name.stderr" >&2; die "lkms serve ($name) exited before it was ready"; }
        sleep 0.1
    done
    [[ -s $ready ]] || die "lkms serve ($name) not ready after 60 s"
    URL_OF[$name]=$(head -n1 "$ready")
    AWS_ACCESS_KEY_ID=${AKID[$store]} AWS_SECRET_ACCESS_KEY=${SECRET[$store]} \
        "$LOADGEN" call --endpoint "${URL_OF[$name]}" --operation DescribeKey \
        --body "{\"KeyId\": \"${KEY[$store]}\"}" >/dev/null ||
        die "a signed DescribeKey to lkms serve ($name) failed (see above)"
    say "lkms serve ($name): ${URL_OF[$name]}, pid ${PID_OF[$name]}"
}

# setup_store STORE STORE-ARGS...: a fresh keyring or store with one key and
# one access key, unlocked by an age identity in $work.
setup_store() {
    local store=$1
    shift
    local id=$work/$store-identity.txt
    "$LKMS" "$@" init --principal bench --generate-identity "$id" >/dev/null
    KEY[$store]=$(LKMS_IDENTITY=$id "$LKMS" "$@" create-key --description "bench/scale.sh" --output text --query KeyMetadata.KeyId)
    LKMS_IDENTITY=$id "$LKMS" "$@" access-key create --principal bench --output json >"$work/access-key.json"
    AKID[$store]=$(field AccessKey.AccessKeyId <"$work/access-key.json")
    SECRET[$store]=$(field AccessKey.SecretAccessKey <"$work/access-key.json")
    rm -f "$work/access-key.json"
}

# load CONFIG LABEL loadgen-run-args...: one measured run against every
# endpoint of CONFIG, its JSON report (plus the CPU used over it by the lkms
# servers and by PostgreSQL, and the load average before it) in
# $RESULTS/LABEL.json.
load() {
    local config=$1 label=$2
    shift 2
    local store=${STORE_OF[$config]} out=$RESULTS/$label.json t0 t1 la p
    local -a eps=() spids=()
    read -ra spids <<<"${SERVER_PIDS[$config]}"
    for p in ${ENDPOINTS[$config]}; do eps+=(--endpoint "$p"); done
    la=$(cut -d' ' -f1 /proc/loadavg)
    local c0=0 c1=0 n0= n1= b0 b1 g0 g1
    [[ $store == pg ]] && n0=$(pg_counts)
    for p in "${spids[@]}"; do c0=$(( c0 + $(cpu_ticks "$p") )); done
    pg_cpu_snapshot >"$work/pg0"
    b0=$(busy_ticks)
    g0=$(children_ticks)
    t0=$(date +%s.%N)
    AWS_ACCESS_KEY_ID=${AKID[$store]} AWS_SECRET_ACCESS_KEY=${SECRET[$store]} \
        "$LOADGEN" run "${eps[@]}" "$@" >"$out.tmp" ||
        die "the load generator failed against $config ($label)"
    t1=$(date +%s.%N)
    g1=$(children_ticks)
    b1=$(busy_ticks)
    for p in "${spids[@]}"; do c1=$(( c1 + $(cpu_ticks "$p") )); done
    pg_cpu_snapshot >"$work/pg1"
    [[ $store == pg ]] && n1=$(pg_counts)
    local pg_ticks=
    if [[ $store == pg && -n ${PG_PID:-} ]]; then
        # Backends that came and went in between are missed; lkms keeps a pool.
        pg_ticks=$(awk 'NR == FNR { t0[$1] = $2; next } { s += $2 - ($1 in t0 ? t0[$1] : 0) } END { print s + 0 }' "$work/pg0" "$work/pg1")
    fi
    python3 - "$out.tmp" "$out" "$config" "$c0" "$c1" "$t0" "$t1" "$la" "$pg_ticks" \
        "$(( b1 - b0 ))" "$(( g1 - g0 ))" "$n0" "$n1" <<'PY'
import json, sys
src, dst, config, c0, c1, t0, t1, la, pg, busy, gen, n0, n1 = sys.argv[1:]
r = json.load(open(src))
secs = float(t1) - float(t0)
pct = lambda ticks: round(ticks / 100 / secs * 100, 1)
r["config"] = config
# Over the whole run, warm-up included, as every CPU figure here.
r["lkms_cpu_percent"] = pct(int(c1) - int(c0))
r["postgres_cpu_percent"] = pct(int(pg)) if pg else None
r["others_cpu_percent"] = max(0.0, pct(int(busy) - (int(c1) - int(c0)) - int(pg or 0) - int(gen)))
r["load_average_before"] = float(la)
counts = [n.split("|") for n in (n0, n1)]
if all(len(c) == 2 and all(x.isdigit() for x in c) for c in counts):
    xids, audits = (int(b) - int(a) for a, b in zip(*counts))
    # Warm-up requests are in these counts too, so the ratio is per audit
    # record (one per request served), not per measured request.
    r["postgres"] = {
        "transaction_ids": xids, "audit_records": audits,
        "requests_per_transaction_id": round(audits / xids, 1) if xids else None,
        "transaction_ids_per_s": round(xids / secs, 1),
    }
json.dump(r, open(dst, "w"), indent=1)
lat = r["latency_ms"]
errs = ", ".join(f"{k} {v}" for k, v in r["errors"].items()) or "none"
pgc = f', postgres CPU {r["postgres_cpu_percent"]}%' if pg else ""
split = ""
if "per_endpoint" in r:
    split = "; split " + " / ".join(f'{e["ok"]:,}' for e in r["per_endpoint"])
print(f'  {r["ok_per_s"]:>9,.0f} ok/s  p50 {lat["p50"]} ms  p99 {lat["p99"]} ms  '
      f'({r["requests"]} requests in {r["elapsed_s"]} s; errors: {errs}{split}; '
      f'lkms CPU {r["lkms_cpu_percent"]}%{pgc}, loadgen CPU {r["loadgen_cpu_percent"]}%, others {r["others_cpu_percent"]}%; load avg {la})', file=sys.stderr)
PY
    rm -f "$out.tmp"
}

# --- stores and servers ----------------------------------------------------------

if has sqlite; then
    say "SQLite keyring in $work"
    setup_store sqlite --keyring "$work/keyring.db"
    LKMS_IDENTITY=$work/sqlite-identity.txt start_server sqlite sqlite --keyring "$work/keyring.db"
    ENDPOINTS[sqlite]=${URL_OF[sqlite]} SERVER_PIDS[sqlite]=${PID_OF[sqlite]} STORE_OF[sqlite]=sqlite
fi

if uses_pg; then
    if [[ -z $PG_URL ]]; then
        [[ -x $PG_SCRIPT ]] || die "PG_SCRIPT=$PG_SCRIPT: no such script (it comes with the PostgreSQL store's tests); or set PG_URL"
        pgdir=$(mktemp -d /tmp/lkms-scale-pg.XXXXXX)
        "$PG_SCRIPT" start "$pgdir" || die "the PostgreSQL cluster did not start"
        admin_url=$(eval "$("$PG_SCRIPT" env "$pgdir")"; printf '%s' "$LKMS_TEST_POSTGRES")
        [[ $admin_url == */postgres ]] || die "$PG_SCRIPT env gave no LKMS_TEST_POSTGRES to the postgres database"
        # A database of the test role's own: since PostgreSQL 15 only a
        # database's owner may create tables in its public schema.
        psql -X -q -v ON_ERROR_STOP=1 "$admin_url" -c 'CREATE DATABASE lkms_bench' >/dev/null ||
            die "could not create the database lkms_bench"
        PG_URL=${admin_url%/postgres}/lkms_bench
        PG_PID=$(head -n1 "$pgdir/data/postmaster.pid")
        say "PostgreSQL $(cut -d' ' -f1 "$pgdir/data/PG_VERSION" 2>/dev/null): ${PG_URL##*@}, postmaster pid $PG_PID (cluster in $pgdir)"
    fi
    setup_store pg --store "$PG_URL"
    export LKMS_IDENTITY=$work/pg-identity.txt
    pool=()
    [[ -z $STORE_CONNECTIONS ]] || pool=(--store-connections "$STORE_CONNECTIONS")
    start_server pg-a pg --store "$PG_URL" "${pool[@]}"
    start_server pg-b pg --store "$PG_URL" "${pool[@]}"
    unset LKMS_IDENTITY
    # A key made through one server is there at once through the other: the
    # two really share the store.
    probe=$(AWS_ACCESS_KEY_ID=${AKID[pg]} AWS_SECRET_ACCESS_KEY=${SECRET[pg]} \
        "$LOADGEN" call --endpoint "${URL_OF[pg-a]}" --operation CreateKey --body '{"Description": "bench/scale.sh probe"}' |
        field KeyMetadata.KeyId)
    AWS_ACCESS_KEY_ID=${AKID[pg]} AWS_SECRET_ACCESS_KEY=${SECRET[pg]} \
        "$LOADGEN" call --endpoint "${URL_OF[pg-b]}" --operation DescribeKey --body "{\"KeyId\": \"$probe\"}" >/dev/null ||
        die "a key created through pg-a is not visible through pg-b: the servers do not share the store"
    ENDPOINTS[pg1]=${URL_OF[pg-a]} SERVER_PIDS[pg1]=${PID_OF[pg-a]} STORE_OF[pg1]=pg
    ENDPOINTS[pg2]="${URL_OF[pg-a]} ${URL_OF[pg-b]}" SERVER_PIDS[pg2]="${PID_OF[pg-a]} ${PID_OF[pg-b]}" STORE_OF[pg2]=pg
fi

# --- measured runs ------------------------------------------------------------

for (( round = 1; round <= ROUNDS; round++ )); do
    for w in $WORKLOADS; do
        for c in $CONFIGS; do
            say "round $round, $w on $c:"
            key=()
            [[ $w == create-key ]] || key=(--key-id "${KEY[${STORE_OF[$c]}]}")
            load "$c" "$w-$c-$round" --workload "$w" "${key[@]}" --connections "$CONNECTIONS" \
                --requests "$REQUESTS" --duration "$DURATION" --warmup "$WARMUP"
        done
    done
done

# --- summary --------------------------------------------------------------------

echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$RESULTS/summary.txt"
# Each server is stopped as an operator would (SIGTERM), and how it ended is
# part of the result: a crash at shutdown is a finding too.
ended=()
for name in "${!PID_OF[@]}"; do
    kill -TERM "${PID_OF[$name]}" 2>/dev/null || true
done
for name in $(printf '%s\n' "${!PID_OF[@]}" | sort); do
    status=0
    wait "${PID_OF[$name]}" 2>/dev/null || status=$?
    if (( status > 128 )); then
        ended+=("$name: killed by signal $(( status - 128 )) ($(kill -l $(( status - 128 )) 2>/dev/null || echo '?'))")
    else
        ended+=("$name: exit $status")
    fi
done
echo "servers on SIGTERM: $(IFS=';'; echo "${ended[*]}" | sed 's/;/; /g')" | tee -a "$RESULTS/summary.txt" >&2
python3 - "$RESULTS" "$CONFIGS" "$WORKLOADS" "$ROUNDS" <<'PY' | tee -a "$RESULTS/summary.txt"
import json, os, sys
res, configs, workloads, rounds = sys.argv[1], sys.argv[2].split(), sys.argv[3].split(), int(sys.argv[4])
servers = {"sqlite": "1 (SQLite)", "pg1": "1 (PostgreSQL)", "pg2": "2 (PostgreSQL)"}
names = {"encrypt": "Encrypt 100 B", "create-key": "CreateKey", "generate-data-key": "GenerateDataKey AES_256", "mix": "mix"}
def get(w, c, n):
    return json.load(open(os.path.join(res, f"{w}-{c}-{n}.json")))
def median(w, c):
    runs = sorted((get(w, c, n) for n in range(1, rounds + 1)), key=lambda r: r["ok_per_s"])
    return runs[(len(runs) - 1) // 2], runs
def errs(r):
    return ", ".join(f"{k} {v}" for k, v in r["errors"].items()) or "0"
def ratio(a, b):
    return f"{a / b:.2f}x" if a is not None and b else "–"
def pct(v):
    return "–" if v is None else f"{v:.0f}%"
def cpu_per_request(r):
    # Server-side CPU (lkms and PostgreSQL) per successful request: what
    # the load average cannot skew much, and what more cores would divide.
    used = r["lkms_cpu_percent"] + (r["postgres_cpu_percent"] or 0)
    return f'{used / 100 / r["ok_per_s"] * 1e6:,.0f}' if r["ok_per_s"] else "–"

print()
print("CPU columns: % of one core over each run (warm-up included); others' CPU is what the rest of the machine took meanwhile.")
if rounds > 1:
    print(f"Median of {rounds} rounds by ok/s (every round's ok/s in the last column).")
print("| workload | config | servers | ok/s | vs sqlite | p50 ms | p99 ms | p99 vs sqlite | errors | lkms CPU | postgres CPU | server CPU µs/req | loadgen CPU | others' CPU | load avg |" + (" rounds |" if rounds > 1 else ""))
print("|---|---|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|" + ("---|" if rounds > 1 else ""))
for w in workloads:
    base = median(w, "sqlite")[0] if "sqlite" in configs else None
    for c in configs:
        r, runs = median(w, c)
        l = r["latency_ms"]
        vs = ratio(r["ok_per_s"], base["ok_per_s"]) if base else "–"
        p99vs = ratio(l["p99"], base["latency_ms"]["p99"]) if base else "–"
        row = (f'| {names[w]} | {c} | {servers[c]} | {r["ok_per_s"]:,.0f} | {vs} | {l["p50"]} | {l["p99"]} | {p99vs} | '
               f'{errs(r)} | {pct(r["lkms_cpu_percent"])} | {pct(r["postgres_cpu_percent"])} | {cpu_per_request(r)} | '
               f'{pct(r["loadgen_cpu_percent"])} | {pct(r["others_cpu_percent"])} | {r["load_average_before"]:.2f} |')
        if rounds > 1:
            row += " " + " / ".join(f'{x["ok_per_s"]:,.0f}' for x in runs) + " |"
        print(row)
pg = [(w, c, median(w, c)[0]) for w in workloads for c in configs if c != "sqlite"]
if any("postgres" in r for _, _, r in pg):
    print()
    print("Writes on PostgreSQL: transaction ids taken (a write transaction, under lkms's one write lock,")
    print("takes one, and each savepoint in it that writes one more), and requests served (audit records)")
    print("per id: an Encrypt group commit carries many requests, a CreateKey takes two ids. Warm-up included.")
    print("| workload | config | transaction ids/s | requests per id |")
    print("|---|---|---:|---:|")
    for w, c, r in pg:
        p = r.get("postgres")
        if p:
            print(f'| {names[w]} | {c} | {p["transaction_ids_per_s"]:,.0f} | {p["requests_per_transaction_id"]} |')
split = [(w, median(w, "pg2")[0]) for w in workloads if "pg2" in configs]
if split:
    print()
    print("pg2, each server's share (ok/s, p50 / p99 ms):")
    for w, r in split:
        parts = [f'{e["endpoint"]} {e["ok_per_s"]:,.0f} ({e["latency_ms"]["p50"]} / {e["latency_ms"]["p99"]})' for e in r["per_endpoint"]]
        print(f"  {names[w]}: " + "; ".join(parts))
if "pg1" in configs and "pg2" in configs:
    print()
    for w in workloads:
        a, b = median(w, "pg1")[0], median(w, "pg2")[0]
        print(f'{names[w]}: two servers / one on PostgreSQL: {ratio(b["ok_per_s"], a["ok_per_s"])} the requests/s, p99 {ratio(b["latency_ms"]["p99"], a["latency_ms"]["p99"])}')
PY
say "results in $RESULTS"
