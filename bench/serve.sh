#!/usr/bin/env bash
# Throughput and latency of `lkms serve` under load, beside moto_server (an
# AWS KMS emulator in Python) loaded by the same generator in the same run:
#
#  1. Encrypt of 100 random bytes and GenerateDataKey (AES_256), CONNECTIONS
#     keep-alive connections each sending SigV4-signed requests back to back
#     (bench/loadgen, signing with AWS's own aws-sigv4 crate), at most
#     REQUESTS requests or DURATION seconds after WARMUP seconds of warm-up;
#     both servers, interleaved.
#  2. CreateKey while the keyring grows to KEYS keys, the rate of each STEP
#     (moto only to MOTO_KEYS: it creates about 17 keys a second).
#  3. A soak: SOAK_SECONDS of Encrypt load on lkms serve (SOAK_SERVER), its RSS
#     (/proc/PID/status VmRSS) sampled every SAMPLE_SECONDS.
#
#   bench/serve.sh                                    # everything (~15 min)
#   SOAK_SECONDS=60 KEYS=2000 bench/serve.sh          # shorter
#   SERVERS=moto bench/serve.sh                       # the peer alone
#   WORKLOADS="encrypt generate-data-key mix" CONNECTIONS=16 bench/serve.sh
#   LKMS_BIN=/tmp/lkms-other bench/serve.sh          # another build of lkms
#
# Everything listens on 127.0.0.1 and every process started is stopped at
# the end. The keyring lives in a temporary directory under /tmp (on disk,
# so every group commit of the audit trail pays its fsync). moto[server] is
# installed into target/bench-venv if absent. The JSON reports, the RSS
# samples and a summary are kept in RESULTS (default target/bench-serve).
set -euo pipefail
cd "$(dirname "$0")/.."

SERVERS=${SERVERS:-"lkms moto"}
WORKLOADS=${WORKLOADS:-"encrypt generate-data-key"}
CONNECTIONS=${CONNECTIONS:-64}
REQUESTS=${REQUESTS:-200000}
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-3}
KEYS=${KEYS:-10000}                 # 0: no CreateKey growth
STEP=${STEP:-1000}
MOTO_KEYS=${MOTO_KEYS:-1000}        # moto makes about 17 keys/s: its growth stops here
SOAK_SECONDS=${SOAK_SECONDS:-600}   # 0: no soak
SAMPLE_SECONDS=${SAMPLE_SECONDS:-5}
SOAK_SERVER=${SOAK_SERVER:-lkms}    # whose RSS the soak samples
ACCESS_LOG=${ACCESS_LOG:-/dev/null} # lkms formats and writes every line; /dev/null keeps a long soak off the disk
RESULTS=${RESULTS:-target/bench-serve}
MOTO_VERSION=5.2.5
REGION=us-east-1
# init takes the region from the environment, and every call must match it.
export AWS_REGION=$REGION
unset AWS_DEFAULT_REGION AWS_PROFILE

say() { printf '%s\n' "$*" >&2; }
die() { say "bench/serve.sh: $*"; exit 2; }

for s in $SERVERS; do [[ $s == lkms || $s == moto ]] || die "SERVERS: unknown server '$s' (lkms, moto)"; done
for w in $WORKLOADS; do [[ $w =~ ^(encrypt|generate-data-key|mix)$ ]] || die "WORKLOADS: unknown workload '$w' (encrypt, generate-data-key, mix)"; done
for v in CONNECTIONS REQUESTS KEYS STEP MOTO_KEYS SOAK_SECONDS SAMPLE_SECONDS; do
    [[ ${!v} =~ ^[0-9]+$ ]] || die "$v=${!v}: expected a whole number"
done
(( SOAK_SECONDS <= 3600 )) || die "SOAK_SECONDS=$SOAK_SECONDS: at most 3600"
(( STEP > 0 && SAMPLE_SECONDS > 0 )) || die "STEP and SAMPLE_SECONDS must be positive"
has() { [[ " $SERVERS " == *" $1 "* ]]; }

cargo build --release -q
cargo build --release -q --manifest-path bench/loadgen/Cargo.toml --target-dir target/loadgen

work=$(mktemp -d /tmp/lkms-serve-bench.XXXXXX)
pids=()
cleanup() {
    local p
    for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do
        for _ in $(seq 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$p" 2>/dev/null || true
        wait "$p" 2>/dev/null || true
    done
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

if has lkms; then
    "$LKMS" serve --help >/dev/null 2>&1 ||
        die "this lkms ($(git rev-parse --short HEAD 2>/dev/null || echo '?')) has no 'serve' command: the server (issue 15) is not in this build; SERVERS=moto runs the peer alone"
    "$LKMS" access-key --help >/dev/null 2>&1 ||
        die "this lkms has no 'access-key' command, so no client can authenticate to lkms serve"
fi

rev=$(git rev-parse --short HEAD 2>/dev/null || echo '?')
[[ -z $(git status --porcelain -- src Cargo.toml 2>/dev/null) ]] || rev+=" + uncommitted changes in src/"
{
    echo "commit: $rev"
    echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB"
    echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "connections: $CONNECTIONS, at most $REQUESTS requests or ${DURATION}s after ${WARMUP}s of warm-up"
} | tee "$RESULTS/summary.txt" >&2

# --- helpers ---------------------------------------------------------------

# CPU time (user + system) of a process, in 1/100 s.
cpu_ticks() { awk '{sub(/.*\) /, ""); print $12 + $13}' "/proc/$1/stat"; }
rss_kib() { awk '/^VmRSS:/{print $2}' "/proc/$1/status"; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Per server: its URL, its process, the key the load uses, the credentials.
declare -A URL PID KEY AKID SECRET

# load SERVER LABEL loadgen-run-args...: one measured run, its JSON report
# (plus the server's CPU use over it) in $RESULTS/SERVER-LABEL.json.
load() {
    local server=$1 label=$2
    shift 2
    local out=$RESULTS/$server-$label.json c0 c1 t0 t1
    c0=$(cpu_ticks "${PID[$server]}")
    t0=$(date +%s.%N)
    AWS_ACCESS_KEY_ID=${AKID[$server]} AWS_SECRET_ACCESS_KEY=${SECRET[$server]} AWS_REGION=$REGION \
        "$LOADGEN" run --endpoint "${URL[$server]}" "$@" >"$out.tmp" ||
        die "the load generator failed against $server ($label)"
    t1=$(date +%s.%N)
    c1=$(cpu_ticks "${PID[$server]}")
    python3 - "$out.tmp" "$out" "$c0" "$c1" "$t0" "$t1" <<'PY'
import json, sys
src, dst, c0, c1, t0, t1 = sys.argv[1:]
r = json.load(open(src))
r["server_cpu_percent"] = round((int(c1) - int(c0)) / 100 / (float(t1) - float(t0)) * 100, 1)
json.dump(r, open(dst, "w"), indent=1)
lat = r["latency_ms"]
errs = ", ".join(f"{k} {v}" for k, v in r["errors"].items()) or "none"
print(f'  {r["ok_per_s"]:>9,.0f} ok/s  p50 {lat["p50"]} ms  p99 {lat["p99"]} ms  '
      f'({r["requests"]} requests in {r["elapsed_s"]} s; errors: {errs}; '
      f'server CPU {r["server_cpu_percent"]}%, loadgen CPU {r["loadgen_cpu_percent"]}%)', file=sys.stderr)
PY
    rm -f "$out.tmp"
}

# call SERVER OPERATION BODY: one signed request; prints the response body.
call() {
    AWS_ACCESS_KEY_ID=${AKID[$1]} AWS_SECRET_ACCESS_KEY=${SECRET[$1]} AWS_REGION=$REGION \
        "$LOADGEN" call --endpoint "${URL[$1]}" --operation "$2" --body "$3"
}
field() { python3 -c 'import json, sys; v = json.load(sys.stdin)
for k in sys.argv[1].split("."): v = v[k]
print(v)' "$1"; }

# --- servers -----------------------------------------------------------------

if has lkms; then
    say "starting lkms serve (keyring in $work)"
    export LKMS_KEYRING=$work/keyring.db LKMS_IDENTITY=$work/identity.txt
    LKMS_IDENTITY='' "$LKMS" init --principal bench --generate-identity "$work/identity.txt" >/dev/null
    KEY[lkms]=$("$LKMS" create-key --description "bench/serve.sh" --output text --query KeyMetadata.KeyId)
    "$LKMS" access-key create --principal bench --output json >"$work/access-key.json"
    AKID[lkms]=$(field AccessKey.AccessKeyId <"$work/access-key.json")
    SECRET[lkms]=$(field AccessKey.SecretAccessKey <"$work/access-key.json")
    rm -f "$work/access-key.json"
    "$LKMS" serve --listen 127.0.0.1:0 --ready-file "$work/ready" --access-log "$ACCESS_LOG" \
        </dev/null >/dev/null 2>"$work/serve.err" &
    PID[lkms]=$!
    pids+=("${PID[lkms]}")
    for _ in $(seq 600); do
        [[ -s $work/ready && $(tail -c1 "$work/ready") == "" ]] && break
        kill -0 "${PID[lkms]}" 2>/dev/null || { cat "$work/serve.err" >&2; die "lkms serve exited before it was ready"; }
        sleep 0.1
    done
    [[ -s $work/ready ]] || die "lkms serve not ready after 60 s"
    URL[lkms]=$(head -n1 "$work/ready")
    call lkms DescribeKey "{\"KeyId\": \"${KEY[lkms]}\"}" >/dev/null ||
        die "a signed DescribeKey to lkms serve failed (see above)"
    say "lkms serve: ${URL[lkms]}, pid ${PID[lkms]}"
fi

if has moto; then
    venv=target/bench-venv
    if [[ $("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("moto"))' 2>/dev/null) != "$MOTO_VERSION" ]]; then
        say "installing moto[server]==$MOTO_VERSION into $venv"
        python3 -m venv "$venv"
        "$venv/bin/pip" install -q "moto[server]==$MOTO_VERSION"
    fi
    port=$(free_port)
    "$venv/bin/moto_server" -H 127.0.0.1 -p "$port" </dev/null >"$work/moto.log" 2>&1 &
    PID[moto]=$!
    pids+=("${PID[moto]}")
    URL[moto]=http://127.0.0.1:$port
    AKID[moto]=bench-moto SECRET[moto]=bench-moto
    for _ in $(seq 300); do
        call moto ListKeys '{}' >/dev/null 2>&1 && break
        kill -0 "${PID[moto]}" 2>/dev/null || { cat "$work/moto.log" >&2; die "moto_server exited before it was ready"; }
        sleep 0.1
    done
    KEY[moto]=$(call moto CreateKey '{"Description": "bench/serve.sh"}' | field KeyMetadata.KeyId) ||
        die "moto_server did not answer CreateKey"
    say "moto_server $MOTO_VERSION: ${URL[moto]}, pid ${PID[moto]}"
fi

# --- 1. throughput and latency -----------------------------------------------

for w in $WORKLOADS; do
    for s in $SERVERS; do
        say "$w on $s:"
        load "$s" "$w" --workload "$w" --key-id "${KEY[$s]}" --connections "$CONNECTIONS" \
            --requests "$REQUESTS" --duration "$DURATION" --warmup "$WARMUP"
    done
done

# --- 2. CreateKey while the keyring grows --------------------------------------

if (( KEYS > 0 )); then
    for s in $SERVERS; do
        top=$KEYS
        if [[ $s == moto ]] && (( MOTO_KEYS < KEYS )); then top=$MOTO_KEYS; fi
        (( top >= STEP )) || continue
        say "CreateKey on $s, to $top keys in steps of $STEP:"
        for (( n = STEP; n <= top; n += STEP )); do
            printf '  %6d keys:' "$n" >&2
            load "$s" "create-key-$n" --workload create-key --connections "$CONNECTIONS" \
                --requests "$STEP" --duration 600
        done
    done
fi

# --- 3. soak ------------------------------------------------------------------

if (( SOAK_SECONDS > 0 )); then
    has "$SOAK_SERVER" || die "SOAK_SERVER=$SOAK_SERVER is not among SERVERS ($SERVERS)"
    s=$SOAK_SERVER
    say "soak: Encrypt on $s for $SOAK_SECONDS s, VmRSS every $SAMPLE_SECONDS s"
    size() { du -cb "$LKMS_KEYRING"* | tail -n1 | cut -f1; }
    size_before=
    if [[ $s == lkms ]]; then size_before=$(size); fi
    AWS_ACCESS_KEY_ID=${AKID[$s]} AWS_SECRET_ACCESS_KEY=${SECRET[$s]} AWS_REGION=$REGION \
        "$LOADGEN" run --endpoint "${URL[$s]}" --workload encrypt --key-id "${KEY[$s]}" \
        --connections "$CONNECTIONS" --requests 1000000000000 --duration "$SOAK_SECONDS" \
        >"$RESULTS/soak.json" &
    soak=$!
    pids+=("$soak")
    start=$(date +%s)
    echo -e "seconds\tvmrss_kib" >"$RESULTS/soak-rss.tsv"
    while kill -0 "$soak" 2>/dev/null; do
        echo -e "$(( $(date +%s) - start ))\t$(rss_kib "${PID[$s]}")" >>"$RESULTS/soak-rss.tsv"
        sleep "$SAMPLE_SECONDS"
    done
    wait "$soak" || die "the load generator failed during the soak"
    echo -e "$(( $(date +%s) - start ))\t$(rss_kib "${PID[$s]}")" >>"$RESULTS/soak-rss.tsv"
    echo "soak on $s" >>"$RESULTS/summary.txt"
    if [[ $s == lkms ]]; then
        echo "keyring bytes before and after the soak: $size_before $(size)" >>"$RESULTS/summary.txt"
    fi
fi

# --- summary --------------------------------------------------------------------

echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$RESULTS/summary.txt"
python3 - "$RESULTS" "$SERVERS" "$WORKLOADS" "$KEYS" "$STEP" <<'PY' | tee -a "$RESULTS/summary.txt"
import json, os, sys
res, servers, workloads, keys, step = sys.argv[1], sys.argv[2].split(), sys.argv[3].split(), int(sys.argv[4]), int(sys.argv[5])
def get(name):
    p = os.path.join(res, name + ".json")
    return json.load(open(p)) if os.path.exists(p) else None
def errs(r):
    return ", ".join(f"{k} {v}" for k, v in r["errors"].items()) or "0"

print()
print("| workload | server | ok/s | p50 ms | p99 ms | p99.9 ms | errors | server CPU | loadgen CPU |")
print("|---|---|---:|---:|---:|---:|---|---:|---:|")
for w in workloads:
    for s in servers:
        r = get(f"{s}-{w}")
        l = r["latency_ms"]
        print(f'| {w} | {s} | {r["ok_per_s"]:,.0f} | {l["p50"]} | {l["p99"]} | {l["p99.9"]} | {errs(r)} | {r["server_cpu_percent"]}% | {r["loadgen_cpu_percent"]}% |')
if "lkms" in servers:
    print()
    print("Target (issue 15): >= 20,000 requests/s and p99 < 5 ms at 64 connections.")
    for w in workloads:
        r = get(f"lkms-{w}")
        rate, p99 = r["ok_per_s"], r["latency_ms"]["p99"]
        ok = rate >= 20000 and p99 is not None and p99 < 5 and not r["errors"]
        line = f"  {w}: {rate:,.0f} ok/s, p99 {p99} ms: {'PASS' if ok else 'MISS'}"
        m = get(f"moto-{w}")
        if m and m["ok_per_s"] > 0 and m["latency_ms"]["p99"]:
            line += f'; lkms/moto throughput {rate / m["ok_per_s"]:.1f}x, moto/lkms p99 {m["latency_ms"]["p99"] / p99:.1f}x'
        print(line)
if keys > 0:
    print()
    print("CreateKey while growing (ok/s of each step; p99 ms in parentheses):")
    print("| keys | " + " | ".join(servers) + " |")
    print("|---:|" + "---:|" * len(servers))
    for n in range(step, keys + 1, step):
        cells = []
        for s in servers:
            r = get(f"{s}-create-key-{n}")
            if r is None:
                cells.append("–")
                continue
            e = f' [{errs(r)} errors]' if r["errors"] else ""
            cells.append(f'{r["ok_per_s"]:,.0f} ({r["latency_ms"]["p99"]}){e}')
        print(f"| {n:,} | " + " | ".join(cells) + " |")
soak = get("soak")
if soak:
    rows = [l.split("\t") for l in open(os.path.join(res, "soak-rss.tsv")).read().split("\n")[1:] if l]
    rss = [(int(t), int(k)) for t, k in rows if k]
    mib = lambda k: f"{k / 1024:.1f} MiB"
    after60 = next((f"after 60 s {mib(k)}, " for t, k in rss if t >= 60), "")
    print()
    print(f'Soak of {soak["endpoint"]}: {soak["requests"]:,} Encrypt requests in {soak["elapsed_s"]} s ({soak["ok_per_s"]:,.0f} ok/s, p99 {soak["latency_ms"]["p99"]} ms, errors: {errs(soak)})')
    print(f"  VmRSS: first {mib(rss[0][1])}, {after60}last {mib(rss[-1][1])}, max {mib(max(k for _, k in rss))} ({len(rss)} samples)")
PY
say "results in $RESULTS"
