#!/usr/bin/env bash
# Alerts in seconds (issue 15): live, from the last withdrawal of all of an AS's prefixes by every
# GoBGP peer to the webhook request, over TRIALS trials (default 20). Runs `blackout serve` with a
# BGP collector fed by three gobgpd on loopback (127.0.0.3/.5/.6), each originating 20 ASes
# (AS64501..64520, 4 /24s each, injected with the gobgp CLI); trial i withdraws AS6450i's prefixes
# from every gobgpd and waits for the outage's webhook. Prints each trial and p50/p99 of:
#   cli  — from the return of the last `gobgp global rib del` (an upper bound: gobgpd sends the
#          withdrawal after its CLI returns) to the webhook request's arrival;
#   recv — from the event's raise time (the collector's receipt of the completing withdrawal) to
#          the webhook request's arrival.
# Needs gobgpd/gobgp (Debian) and python3. Usage: bench/alert-latency.sh [TRIALS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRIALS="${1:-20}"
command -v gobgpd >/dev/null && command -v gobgp >/dev/null || { echo "alert-latency: needs gobgpd and gobgp" >&2; exit 2; }
DIR="$(mktemp -d)"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$DIR"; }
trap cleanup EXIT
free() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
HOOK=$(free); COLL=$(free)
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# the webhook receiver: one line per request, arrival time (epoch s) then body
python3 - "$HOOK" "$DIR/hook.log" <<'PY' &
import sys, time, http.server
port, log = int(sys.argv[1]), sys.argv[2]
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        t = time.time()
        body = self.rfile.read(int(self.headers.get('Content-Length', 0))).decode().replace('\n', ' ')
        with open(log, 'a') as f: f.write(f"{t:.6f} {body}\n")
        self.send_response(200); self.end_headers()
    def log_message(self, *a): pass
http.server.ThreadingHTTPServer(("127.0.0.1", port), H).serve_forever()
PY
PIDS+=($!)

ADDRS=(127.0.0.3 127.0.0.5 127.0.0.6)
NEIGH=""; APIS=()
for i in 0 1 2; do
  a=${ADDRS[$i]}; as=$((65101 + i)); api=$(free); bgp=$(free); APIS+=("$api")
  NEIGH+="      - {address: $a, as: $as, description: g$i}"$'\n'
  cat > "$DIR/g$i.toml" <<TOML
[global.config]
  as = $as
  router-id = "$a"
  port = $bgp
  local-address-list = ["$a"]
[[neighbors]]
  [neighbors.config]
    neighbor-address = "127.0.0.1"
    peer-as = 65000
  [neighbors.transport.config]
    local-address = "$a"
    remote-port = $COLL
  [neighbors.timers.config]
    connect-retry = 1
TOML
done
cat > "$DIR/blackout.yml" <<YML
sources:
  collector:
    listen: 127.0.0.1:$COLL
    local_as: 65000
    router_id: 192.0.2.1
    hold_time: 90s
    neighbours:
$NEIGH
watch: [all-ases]
engine:
  bin: 10s          # short bins only so that warm-up passes within a minute; the early raise does not wait for them
detectors:
  warmup: 20s
store:
  duckdb: $DIR/blackout.duckdb
http:
  listen: 127.0.0.1:0
alerts:
  destinations:
    - {name: hook, type: webhook, url: "http://127.0.0.1:$HOOK/hook", types: [outage],
       template: '{"phase": "{{phase}}", "id": "{{id}}", "event": {{event}}}'}
YML
"$ROOT/blackout" serve --config "$DIR/blackout.yml" >"$DIR/serve.out" 2>&1 &
PIDS+=($!)
for i in 0 1 2; do
  gobgpd -f "$DIR/g$i.toml" --api-hosts "127.0.0.1:${APIS[$i]}" --pprof-disable -p -l warn >"$DIR/g$i.out" 2>&1 &
  PIDS+=($!)
done
g() { gobgp -u 127.0.0.1 -p "${APIS[$1]}" "${@:2}"; }
for i in 0 1 2; do for t in $(seq 1 20); do until g "$i" global >/dev/null 2>&1; do sleep 0.2; done; break; done; done
for i in 0 1 2; do
  for t in $(seq 1 "$TRIALS"); do for k in 0 1 2 3; do
    g "$i" global rib add -a ipv4 "10.$t.$k.0/24" aspath "$((64500 + t))" nexthop "${ADDRS[$i]}" origin igp
  done; done
done
# sessions up and warm: every AS must have closed a few bins (warm-up 20 s + the live clock's 30 s grace)
for s in $(seq 1 120); do
  grep -q "Established\|established" "$DIR/serve.out" 2>/dev/null && break; sleep 1
done
echo "routes injected; waiting 75 s for the warm-up bins to close" >&2
sleep 75

python3 - "$DIR/hook.log" "$TRIALS" "${APIS[@]}" <<'PY'
import sys, time, subprocess, json, os, datetime, statistics
log, trials, apis = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
def rows():
    if not os.path.exists(log): return []
    with open(log) as f: return [l.rstrip('\n').split(' ', 1) for l in f if l.strip()]
cli, recv, last = [], [], {}
for t in range(1, trials + 1):
    asn = 64500 + t
    for api in apis:
        for k in range(4):
            subprocess.run(["gobgp", "-u", "127.0.0.1", "-p", api, "global", "rib", "del", "-a", "ipv4", f"10.{t}.{k}.0/24"], check=True)
    t_last = time.time()
    hit = None
    deadline = t_last + 120
    while time.time() < deadline and hit is None:
        for ts, body in rows():
            try: b = json.loads(body)
            except ValueError: continue
            if b.get("phase") == "raised" and b["event"]["entity"] == f"as:{asn}":
                hit = (float(ts), b); break
        time.sleep(0.02)
    if hit is None:
        print(f"trial {t:2d} AS{asn}: no webhook within 120 s"); cli.append(float('inf')); continue
    arrival, b = hit
    raised = datetime.datetime.fromisoformat(b["event"]["raised"].replace("Z", "+00:00")).timestamp()
    cli.append(arrival - t_last); recv.append(arrival - raised); last[asn] = t_last
    print(f"trial {t:2d} AS{asn}: webhook {arrival - t_last:6.3f} s after the last CLI withdrawal, "
          f"{arrival - raised:6.3f} s after the event's raise time; pattern {b['event'].get('pattern')}")
def pct(xs, q):
    xs = sorted(xs); return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]
print(f"cli→webhook:  p50 {pct(cli, .5):.3f} s  p99 {pct(cli, .99):.3f} s  max {max(cli):.3f} s over {len(cli)} trials (target p99 ≤ 10 s)")
if recv: print(f"raise→webhook: p50 {pct(recv, .5):.3f} s  p99 {pct(recv, .99):.3f} s")
# the bins' own verdict, for comparison: the confirmation (an update without the provisional hint) or retraction
time.sleep(70)
conf = {}
for ts, body in rows():
    try: b = json.loads(body)
    except ValueError: continue
    e = b["event"]; asn = int(e["entity"].split(":")[1])
    if b.get("phase") in ("updated", "lowered") and "provisional" not in (e.get("pattern") or []) and asn not in conf:
        conf[asn] = (b["phase"], float(ts))
if conf:
    waits = sorted(ts - last[a] for a, (p, ts) in conf.items() if a in last)
    print(f"bins' verdict after the last CLI withdrawal: p50 {pct(waits, .5):.1f} s, max {waits[-1]:.1f} s")
retracted = sum(1 for p, _ in conf.values() if p == "lowered")
print(f"70 s later the bins (10 s here, closed 30 s late by the live clock's grace) had confirmed {len(conf) - retracted} "
      f"and retracted {retracted} of {trials} (a loss of fewer than outage_fast_prefixes=25 prefixes is confirmed only "
      f"after outage_min_duration=30m: until then it stays provisional)")
PY
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
