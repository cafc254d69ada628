#!/usr/bin/env bash
# How the format 2 (SQLite) keyring scales: whole `lkms` processes, unlocked
# by an age identity, on a keyring of KEYS keys with a RECORDS-record audit
# trail, beside the same calls on a 10-key keyring measured in the same run
# (interleaved, so machine noise hits both alike), and beside the format 1
# (TOML) build at V1_KEYS keys when one is available. Prints median and p90
# of N runs of each call, the aggregate rate of concurrent processes, the
# keyring size as it grows, and one table with each target and PASS/MISS.
#
#   bench/keyring-scale.sh                 # full run: 10,000 keys, 1,000,000 records (~3 min)
#   QUICK=1 bench/keyring-scale.sh         # smoke run: 1,000 keys, 50,000 records, 10 runs
#   KEYS=3000 RECORDS=200000 N=30 bench/keyring-scale.sh
#   V1=/path/to/old/lkms V1_KEYS="100 1000" bench/keyring-scale.sh   # v1 peers (V1= to skip)
#
# Keyrings are filled in-process by examples/populate.rs (a million audit
# records through the CLI would take hours), in a temporary directory under
# /tmp (on disk: every commit pays its fsync, as on a real machine), which is
# removed at the end (the full run needs about 0.7 GB there). Needs python3
# (the timer and the table); builds the release binary and the example.
set -euo pipefail
cd "$(dirname "$0")/.."

QUICK=${QUICK:-0}
if [[ $QUICK == 1 ]]; then
    KEYS=${KEYS:-1000} RECORDS=${RECORDS:-50000} N=${N:-10} V1_KEYS=${V1_KEYS:-"30 100"}
else
    KEYS=${KEYS:-10000} RECORDS=${RECORDS:-1000000} N=${N:-50} V1_KEYS=${V1_KEYS:-"100 1000"}
fi
N_SLOW=${N_SLOW:-5}                 # runs of the slow calls (audit verify, verify-keyring)
N_PAGES=${N_PAGES:-10}              # runs of "list every key, page by page"
V1=${V1-/work/v1-lkms}              # a format 1 build; empty or missing: no v1 peers
# Keyring sizes at these key counts (and at KEYS); the 10-key one is the
# small peer of the single-call ratios, 100 and 1,000 are the v1 peers.
GROWTH=${GROWTH:-"10 100 1000 10000"}

cargo build --release -q
cargo build --release -q --example populate
work=$(mktemp -d /tmp/lkms-scale.XXXXXX)
trap 'rm -rf "$work"' EXIT
# Copies: the target directory may be shared, and a rebuild in the middle of
# the run must not swap the binary under the measurements.
cp target/release/lkms target/release/examples/populate "$work/"
LKMS=$work/lkms
POPULATE=$work/populate
# What was measured: the commit, and whether src/ had changes beyond it.
rev=$(git rev-parse --short HEAD 2>/dev/null || echo '?')
if [[ -n $(git status --porcelain -- src Cargo.toml 2>/dev/null) ]]; then
    rev+=" + uncommitted changes in src/"
fi
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
results=$work/results.tsv           # label, median ms, p90 ms, runs, failures
errors=$work/errors.log             # lkms's stderr of every failed call, verbatim
: >"$results"
: >"$errors"
head -c 100 /dev/urandom >"$work/pt"

# --- helpers ---------------------------------------------------------------

# The timer: runs each case N times (after one warm-up run), interleaving the
# cases round by round so that a slow moment of the shared machine lands on
# all of them, and appends median and p90 to $results. A failed run is left
# out of the figures, counted, and its stderr kept in $errors.
#   timer.py N LABEL argv... [--- LABEL argv...]...
#   timer.py pages N LABEL argv...   (every list-keys page via --marker)
cat >"$work/timer.py" <<'PY'
import json, statistics, subprocess, sys, time
results, errors = sys.argv[1], sys.argv[2]
args = sys.argv[3:]
pages = args[0] == "pages"
if pages:
    args = args[1:]
n, rest = int(args[0]), args[1:]
cases, cur = [], []
for a in rest + ["---"]:
    if a == "---":
        cases.append((cur[0], cur[1:])); cur = []
    else:
        cur.append(a)

# Output goes to /dev/null opened write-only, as a shell's >/dev/null does
# (not subprocess.DEVNULL, which opens it read-write: lkms takes a
# read-write /dev/null on stdout for a closed stdout and refuses it).
devnull = open("/dev/null", "wb")

def run(label, argv):
    """One measured run; returns (seconds or None, note)."""
    if not pages:
        s = time.perf_counter()
        p = subprocess.run(argv, stdout=devnull, stderr=subprocess.PIPE)
        t = time.perf_counter() - s
        if p.returncode != 0:
            return None, f"exit {p.returncode}: {p.stderr.decode(errors='replace').strip()}"
        return t, ""
    # All keys: list-keys --marker <NextMarker> until the last page.
    marker, count, t = None, 0, 0.0
    while True:
        cmd = argv + (["--marker", marker] if marker else [])
        s = time.perf_counter()
        p = subprocess.run(cmd, capture_output=True)
        t += time.perf_counter() - s
        if p.returncode != 0:
            return None, f"exit {p.returncode}: {p.stderr.decode(errors='replace').strip()}"
        page = json.loads(p.stdout)
        count += len(page["Keys"])
        marker = page.get("NextMarker")
        if not marker:
            return t, f"{count} keys"

times = {label: [] for label, _ in cases}
fails = {label: 0 for label, _ in cases}
notes = {label: "" for label, _ in cases}
with open(errors, "a") as err:
    for rnd in range(n + 1):
        for label, argv in cases:
            t, note = run(label, argv)
            if t is None:
                fails[label] += 1
                err.write(f"[{label}] {' '.join(argv)}\n  {note}\n")
            elif rnd > 0:          # round 0 warms the page cache
                times[label].append(t)
                notes[label] = note
with open(results, "a") as out:
    for label, _ in cases:
        ts = sorted(times[label])
        med = statistics.median(ts) * 1000 if ts else float("nan")
        p90 = ts[min(len(ts) - 1, int(len(ts) * 0.9))] * 1000 if ts else float("nan")
        out.write(f"{label}\t{med:.2f}\t{p90:.2f}\t{len(ts)}\t{fails[label]}\t{notes[label]}\n")
        print(f"  {label:44} median {med:8.2f} ms  p90 {p90:8.2f} ms  ({len(ts)} runs, {fails[label]} failed) {notes[label]}")
PY
timer() { python3 "$work/timer.py" "$results" "$errors" "$@"; }

now_ns() { date +%s%N; }

# concurrent LABEL P M argv...: P background processes, each running argv
# M times one after the other; appends the aggregate rate of successful
# calls (calls / wall time of the whole batch) to $results, as "ops/s".
concurrent() {
    local label=$1 procs=$2 each=$3
    shift 3
    local start end ok fail
    rm -f "$work"/conc.*
    start=$(now_ns)
    for p in $(seq "$procs"); do
        (
            for _ in $(seq "$each"); do
                if "$@" >/dev/null 2>"$work/conc.err.$p"; then
                    echo >>"$work/conc.ok.$p"
                else
                    { echo "[$label] exit $?: $*"; sed 's/^/  /' "$work/conc.err.$p"; } >>"$work/conc.fail.$p"
                fi
            done
        ) &
    done
    wait
    end=$(now_ns)
    ok=$(cat "$work"/conc.ok.* 2>/dev/null | wc -l || true)
    fail=$(cat "$work"/conc.fail.* 2>/dev/null | grep -c '^\[' || true)
    cat "$work"/conc.fail.* >>"$errors" 2>/dev/null || true
    python3 - "$label" "$start" "$end" "$ok" "$fail" "$procs" "$each" >>"$results" <<'PY'
import sys
label, start, end, ok, fail, procs, each = sys.argv[1:]
secs = (int(end) - int(start)) / 1e9
print(f"{label}\t{int(ok) / secs:.1f}\t\t{ok}\t{fail}\t{secs:.2f} s wall, {procs} x {each}")
PY
    tail -n1 "$results" | awk -F'\t' '{printf "  %-44s %8s ops/s  (%s ok, %s failed, %s)\n", $1, $2, $4, $5, $6}'
}

# size LABEL FILE KEYS: the keyring's size once no process has it open. The
# last connection to close checkpoints the write-ahead log into the main file
# and removes it, so the main file is the whole keyring; a -wal file still
# present would be reported beside it.
size() {
    local wal=0
    [[ -e $2-wal ]] && wal=$(stat -c %s "$2-wal")
    printf '%s\t%s\t%s\t%s\n' "$1" "$(stat -c %s "$2")" "$3" "$wal" >>"$work/sizes.tsv"
}

# breakdown FILE: bytes per table (pages, with their indexes), through
# SQLite's dbstat, to tell the keys from the audit trail. Read-only, and
# "immutable" (no locks, no -shm) since no process has the file open.
breakdown() {
    python3 - "$1" <<'PY'
import sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro&immutable=1", uri=True)
parts = dict(db.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name"))
keys = sum(v for k, v in parts.items() if k == "keys" or k.startswith("keys_"))
audit = sum(v for k, v in parts.items() if k == "audit" or k.startswith("audit_"))
nk = db.execute("SELECT COUNT(*) FROM keys").fetchone()[0]
na = db.execute("SELECT COUNT(*) FROM audit").fetchone()[0]
print(f"{nk}\t{keys}\t{na}\t{audit}")
PY
}

# --- format 2: growth, and the small and large keyrings ----------------------

v2() { "$LKMS" --keyring "$1" --identity "$work/id.txt" "${@:2}"; }
key_of() { v2 "$1" list-keys --limit 1 --output text --query 'Keys[0].KeyId'; }

echo "== format 2: growing a keyring to $KEYS keys (populate, 1 CreateKey audit record per key)"
kr=$work/grow.db
"$LKMS" --keyring "$kr" init --generate-identity "$work/id.txt" >/dev/null
: >"$work/sizes.tsv"
: >"$work/breakdown.tsv"
have=0
for n in $(printf '%s\n' 10 $GROWTH $V1_KEYS "$KEYS" | sort -nu); do
    ((n > KEYS)) && continue
    "$POPULATE" "$kr" "$work/id.txt" $((n - have)) 0 >/dev/null 2>>"$work/populate.log"
    have=$n
    size "v2 $n keys" "$kr" "$n"
    printf '%s\t%s\n' "$n" "$(breakdown "$kr")" >>"$work/breakdown.tsv"
    # Snapshots (no process has the file open, so a copy is consistent) for
    # the small peer and for the v1 peers at the same key counts.
    cp "$kr" "$work/v2-$n.db"
    echo "  $n keys: $(stat -c %s "$kr") bytes"
done

echo "== format 2: adding $RECORDS audit records to the $KEYS-key keyring"
big=$work/big.db
mv "$kr" "$big"
rm -f "$work/v2-$KEYS.db"
s=$(now_ns)
"$POPULATE" "$big" "$work/id.txt" 0 "$RECORDS" >"$work/populate.out" 2>>"$work/populate.log"
echo "  populate: $(( ($(now_ns) - s) / 1000000 )) ms for $RECORDS records"
hot=$(sed -n 's/^hot_key=//p' "$work/populate.out")     # ~1% of the records name it
cold=$(sed -n 's/^cold_key=//p' "$work/populate.out")   # only its CreateKey names it
size "v2 $KEYS keys + $RECORDS records" "$big" "$KEYS"
printf '%s+%s\t%s\n' "$KEYS" "$RECORDS" "$(breakdown "$big")" >>"$work/breakdown.tsv"

small=$work/v2-10.db
kbig=${cold:-$hot}
ksmall=$(key_of "$small")
v2 "$big" encrypt --key-id "$kbig" --plaintext "fileb://$work/pt" --output text --query CiphertextBlob | base64 -d >"$work/ct-big"
v2 "$small" encrypt --key-id "$ksmall" --plaintext "fileb://$work/pt" --output text --query CiphertextBlob | base64 -d >"$work/ct-small"

echo "== format 2: single calls, $N runs, 10 keys and $KEYS keys + $RECORDS records interleaved"
for op in encrypt decrypt describe-key; do
    case $op in
    encrypt) a=(encrypt --key-id "$ksmall" --plaintext "fileb://$work/pt") b=(encrypt --key-id "$kbig" --plaintext "fileb://$work/pt") ;;
    decrypt) a=(decrypt --ciphertext-blob "fileb://$work/ct-small") b=(decrypt --ciphertext-blob "fileb://$work/ct-big") ;;
    describe-key) a=(describe-key --key-id "$ksmall") b=(describe-key --key-id "$kbig") ;;
    esac
    timer "$N" "v2 $op @10" "$LKMS" --keyring "$small" --identity "$work/id.txt" "${a[@]}" \
        --- "v2 $op @big" "$LKMS" --keyring "$big" --identity "$work/id.txt" "${b[@]}"
done

echo "== format 2: listing and the audit trail on the large keyring"
timer "$N" "v2 list-keys first page @big" "$LKMS" --keyring "$big" --identity "$work/id.txt" list-keys
# Every key, page after page: one process per page, as a script would.
timer pages "$N_PAGES" "v2 list-keys all, --limit 1000 @big" \
    "$LKMS" --keyring "$big" --identity "$work/id.txt" --output json list-keys --limit 1000
a=("$LKMS" --keyring "$big" --identity "$work/id.txt" audit show)
timer "$N" "v2 audit show --key-id hot --max-records 100" "${a[@]}" --key-id "$hot" --max-records 100
timer "$N" "v2 audit show --operation Decrypt --max-records 100" "${a[@]}" --operation Decrypt --max-records 100
timer "$N" "v2 audit show --key-id hot --operation Decrypt --max 100" "${a[@]}" --key-id "$hot" --operation Decrypt --max-records 100
[[ -n $cold ]] && timer "$N" "v2 audit show --key-id cold (1 record)" "${a[@]}" --key-id "$cold"
# No --max-records: every record of a key that ~1% of the trail names (the
# cost grows with the records printed, so the label says how many).
nhot=$("${a[@]}" --key-id "$hot" --query 'length(Records)' --output text)
timer "$N_SLOW" "v2 audit show --key-id hot (all $nhot records)" "${a[@]}" --key-id "$hot"
timer "$N_SLOW" "v2 audit verify @big" "$LKMS" --keyring "$big" --identity "$work/id.txt" audit verify
timer "$N_SLOW" "v2 verify-keyring @big" "$LKMS" --keyring "$big" --identity "$work/id.txt" verify-keyring

echo "== format 2: create-key, $N runs (each adds a key)"
timer "$N" "v2 create-key @10" "$LKMS" --keyring "$small" --identity "$work/id.txt" create-key \
    --- "v2 create-key @big" "$LKMS" --keyring "$big" --identity "$work/id.txt" create-key

echo "== format 2: concurrent processes on the large keyring"
concurrent "v2 8x25 create-key @big" 8 25 "$LKMS" --keyring "$big" --identity "$work/id.txt" create-key
concurrent "v2 16x50 encrypt @big" 16 50 "$LKMS" --keyring "$big" --identity "$work/id.txt" encrypt --key-id "$kbig" --plaintext "fileb://$work/pt"
concurrent "v2 16x50 encrypt @10" 16 50 "$LKMS" --keyring "$small" --identity "$work/id.txt" encrypt --key-id "$ksmall" --plaintext "fileb://$work/pt"
size "v2 $KEYS keys + $RECORDS records, after the bench" "$big" "$KEYS"

# --- peers: format 2 and format 1 at V1_KEYS keys ----------------------------

for n in $V1_KEYS; do
    [[ -e $work/v2-$n.db ]] || continue
    echo "== format 2 at $n keys (no audit trail beyond the CreateKey records)"
    k=$(key_of "$work/v2-$n.db")
    v2 "$work/v2-$n.db" encrypt --key-id "$k" --plaintext "fileb://$work/pt" --output text --query CiphertextBlob | base64 -d >"$work/ct-$n"
    timer "$N" "v2 encrypt @$n" "$LKMS" --keyring "$work/v2-$n.db" --identity "$work/id.txt" encrypt --key-id "$k" --plaintext "fileb://$work/pt" \
        --- "v2 decrypt @$n" "$LKMS" --keyring "$work/v2-$n.db" --identity "$work/id.txt" decrypt --ciphertext-blob "fileb://$work/ct-$n" \
        --- "v2 describe-key @$n" "$LKMS" --keyring "$work/v2-$n.db" --identity "$work/id.txt" describe-key --key-id "$k"
    timer "$N" "v2 create-key @$n" "$LKMS" --keyring "$work/v2-$n.db" --identity "$work/id.txt" create-key
done

if [[ -n $V1 && -x $V1 ]]; then
    for n in $V1_KEYS; do
        echo "== format 1 ($V1) at $n keys: creating them through the CLI"
        k1=$work/v1-$n.toml
        LKMS_IDENTITY= "$V1" --keyring "$k1" init --generate-identity "$work/id1-$n.txt" >/dev/null
        v1() { "$V1" --keyring "$k1" --identity "$work/id1-$n.txt" "$@"; }
        s=$(now_ns)
        for _ in $(seq "$n"); do v1 create-key >/dev/null; done
        echo "  $n create-key: $(( ($(now_ns) - s) / 1000000 )) ms"
        size "v1 $n keys (keyring.toml)" "$k1" "$n"
        size "v1 $n keys (audit .jsonl beside it)" "$k1.audit.jsonl" "$n"
        k=$(v1 list-keys --limit 1 --output text --query 'Keys[0].KeyId')
        v1 encrypt --key-id "$k" --plaintext "fileb://$work/pt" --output text --query CiphertextBlob | base64 -d >"$work/ct-v1"
        timer "$N" "v1 encrypt @$n" "$V1" --keyring "$k1" --identity "$work/id1-$n.txt" encrypt --key-id "$k" --plaintext "fileb://$work/pt" \
            --- "v1 decrypt @$n" "$V1" --keyring "$k1" --identity "$work/id1-$n.txt" decrypt --ciphertext-blob "fileb://$work/ct-v1" \
            --- "v1 describe-key @$n" "$V1" --keyring "$k1" --identity "$work/id1-$n.txt" describe-key --key-id "$k"
        timer "$N" "v1 create-key @$n" "$V1" --keyring "$k1" --identity "$work/id1-$n.txt" create-key
        concurrent "v1 8x25 create-key @$n" 8 25 "$V1" --keyring "$k1" --identity "$work/id1-$n.txt" create-key
        concurrent "v1 16x50 encrypt @$n" 16 50 "$V1" --keyring "$k1" --identity "$work/id1-$n.txt" encrypt --key-id "$k" --plaintext "fileb://$work/pt"
    done
else
    echo "== no format 1 build at '${V1:-}': no v1 peers"
fi

# --- the table ---------------------------------------------------------------

python3 - "$results" "$work/sizes.tsv" "$work/breakdown.tsv" "$KEYS" "$RECORDS" "$N" "$V1_KEYS" \
    "$rev" "$(nproc)" "$load_start" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import math, sys
results, sizes, breakdown, KEYS, RECORDS, N, V1_KEYS, rev, ncpu, load0, load1 = sys.argv[1:]
KEYS, RECORDS = int(KEYS), int(RECORDS)
r = {}
for line in open(results):
    label, med, p90, runs, fails, note = (line.rstrip("\n").split("\t") + [""] * 6)[:6]
    r[label] = (float(med), float(p90) if p90 else None, int(runs), int(fails), note)

def fig(label, unit="ms"):
    if label not in r:
        return "-"
    med, p90, runs, fails, _ = r[label]
    s = f"{med:.1f} {unit}" if unit == "ops/s" else f"{med:.2f} / {p90:.2f} ms"
    return s + (f" ({fails} FAILED)" if fails else "")

rows = []   # measurement, figure, target, verdict
def check(name, label, limit, unit="ms"):
    if label not in r:
        return
    med, _, runs, fails, note = r[label]
    ok = (med >= limit if unit == "ops/s" else med < limit) and not fails and not math.isnan(med)
    target = f">= {limit} ops/s" if unit == "ops/s" else f"< {limit} ms"
    extra = f"  [{note}]" if note and unit != "ops/s" else ""
    if unit != "ops/s" and runs != int(N):
        extra += f"  ({runs} runs)"
    rows.append((name, fig(label, unit) + extra, target, "PASS" if ok else "MISS"))

def ratio(name, op):
    a, b = r.get(f"v2 {op} @10"), r.get(f"v2 {op} @big")
    if a and b:
        q = b[0] / a[0]
        rows.append((name, f"{q:.2f}x ({b[0]:.2f} vs {a[0]:.2f} ms)", "<= 1.3x", "PASS" if q <= 1.3 else "MISS"))

big = f"{KEYS:,} keys + {RECORDS:,} records"
for op in ("encrypt", "decrypt", "describe-key"):
    check(f"{op} (100 B) median / p90" if op == "encrypt" else f"{op} median / p90", f"v2 {op} @big", 10)
    ratio(f"{op}: {KEYS:,} keys vs 10 keys", op)
check("create-key median / p90", "v2 create-key @big", 15)
check("8 x 25 create-key, aggregate", "v2 8x25 create-key @big", 100, "ops/s")
check("16 x 50 encrypt, aggregate", "v2 16x50 encrypt @big", 400, "ops/s")
check("list-keys first page (100)", "v2 list-keys first page @big", 20)
check("list-keys every page (--limit 1000)", "v2 list-keys all, --limit 1000 @big", 300)
for label in [l for l in r if l.startswith("v2 audit show")]:
    check(label[3:], label, 100)
check("audit verify", "v2 audit verify @big", 5000)

# Keyring size per key: the whole file (keys + their CreateKey records) at KEYS.
bd = {}
for line in open(breakdown):
    n, nk, kb, na, ab = line.split("\t")
    bd[n] = (int(nk), int(kb), int(na), int(ab))
sz = [l.rstrip("\n").split("\t") for l in open(sizes)]
for label, b, n, wal in sz:
    if label == f"v2 {KEYS} keys":
        per = int(b) / KEYS
        rows.append((f"keyring bytes per key at {KEYS:,} keys", f"{per:.0f} B (file {int(b):,} B)", "<= 2048 B", "PASS" if per <= 2048 else "MISS"))

w = [max(len(str(x[i])) for x in rows + [("measurement", "figure", "target", "")]) for i in range(4)]
print(f"\n=== lkms {rev}; {ncpu} CPUs; load average {load0} at the start, {load1} at the end")
print(f"=== Targets: format 2 at {big}, whole processes, age identity; figures are median / p90 of {N} runs unless noted")
print(f"{'measurement':{w[0]}}  {'figure':{w[1]}}  {'target':{w[2]}}  result")
for row in rows:
    print(f"{row[0]:{w[0]}}  {row[1]:{w[1]}}  {row[2]:{w[2]}}  {row[3]}")

print("\n=== Growth: keyring file size (main file, read after the last process exited; no -wal file left unless shown)")
print("    v2 files hold each key and its CreateKey audit record, as the CLI writes them; 'keys table' is the keys")
print("    table with its index alone (SQLite dbstat). v1 (issue): 0.1 MB @100, 1.1 MB @1,000, 3.4 MB @3,000.")
print(f"{'keyring':48} {'bytes':>13} {'bytes/key':>10} {'keys table B/key':>17}  -wal")
for label, b, n, wal in sz:
    n = int(n); b = int(b)
    k = label.split()[1]
    kt = ""
    key = k if "records" not in label else f"{KEYS}+{RECORDS}"
    if label.startswith("v2") and key in bd and "after" not in label:
        nk, kb, _, _ = bd[key]
        kt = f"{kb / nk:.0f}"
    print(f"{label:48} {b:13,} {b / n:10.0f} {kt:>17}  {wal if wal != '0' else ''}")

v1_issue = {"encrypt": {100: "4", 1000: "56", 3000: "59"}, "create-key": {100: "7", 1000: "173", 3000: "140"},
            "16x50 encrypt": {100: "300-460", 3000: "15"}, "8x25 create-key": {100: "80", 3000: "3.3"}}
print("\n=== Peers at the same key counts (median ms, or ops/s for the concurrent rows); v1 from this run and from the issue")
ns = sorted({10, KEYS, *[int(x) for x in V1_KEYS.split()]})
print(f"{'call':18}" + "".join(f"{'v2 @' + format(n, ','):>14}" for n in ns) + "".join(f"{'v1 @' + format(int(x), ','):>13}" for x in V1_KEYS.split()) + "   v1 (issue) @100/1,000/3,000")
for op in ("encrypt", "decrypt", "describe-key", "create-key", "16x50 encrypt", "8x25 create-key"):
    def cell(prefix, n, width):
        lab = f"{prefix} {op} @{'big' if prefix == 'v2' and n == KEYS else n}"
        return f"{(f'{r[lab][0]:.1f}' if lab in r else '-'):>{width}}"
    line = f"{op:18}" + "".join(cell("v2", n, 14) for n in ns) + "".join(cell("v1", int(x), 13) for x in V1_KEYS.split())
    issue = v1_issue.get(op)
    line += "   " + ("/".join(issue.get(n, "-") for n in (100, 1000, 3000)) if issue else "-")
    print(line)
print(f"(v2 @{KEYS:,} is the keyring with {RECORDS:,} audit records; the others have one record per key.)")
PY

if [[ -s $errors ]]; then
    echo
    echo "=== errors from lkms (verbatim, first 60 lines of $(grep -c '^\[' "$errors") failures)"
    head -n 60 "$errors"
else
    echo
    echo "=== no lkms call failed"
fi
