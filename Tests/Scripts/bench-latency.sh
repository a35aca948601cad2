#!/usr/bin/env bash
# Requests per second, p50/p99 and CPU per request of wrk and of modelgate's load generator
# (the LoadBench executable), against the same nginx on loopback serving a fixed JSON body,
# at 1, 8 and 64 keep-alive connections; then against a location that answers after 5 ms
# (nginx's echo module, Debian: libnginx-mod-http-echo; skipped when it is not installed).
#
#   Tests/Scripts/bench-latency.sh            # 5 s per run
#   SECONDS_EACH=10 PORT=18080 Tests/Scripts/bench-latency.sh
#   ROUNDS=5 NICE=-10 SECONDS_EACH=3 Tests/Scripts/bench-latency.sh
#
# ROUNDS=N alternates the clients N times at each connection count and ends each table with the
# median of every column per client, which is what to quote on a shared machine: single runs of
# 3 s swing by 15 % when anything else runs. NICE=-10 (root only) runs the servers and both clients
# at a higher priority than the rest of the machine, the same for both. THREAD_COUNTS (default
# "1 2") and CONNECTIONS (default "1 8 64") narrow the nginx table; DELAY=0 skips the 5 ms servers:
#   ROUNDS=10 THREAD_COUNTS=1 CONNECTIONS="8 64" DELAY=0 SECONDS_EACH=3 Tests/Scripts/bench-latency.sh
#
# Needs wrk and nginx (Debian: apt-get install -y wrk nginx). Both clients are closed-model
# (each connection sends its next request when the previous answer is complete); wrk runs with
# 1 thread and with 2 (its default), and so does LoadBench (THREADS=2: LoadGenerator.split).
# LoadBench warms up for 1 s first; wrk does not.
# CPU per request is the client process's user+system time over the requests it completed.
set -euo pipefail
cd "$(dirname "$0")/../.."
port=${PORT:-18080}
seconds=${SECONDS_EACH:-5}
rounds=${ROUNDS:-1}
thread_counts=${THREAD_COUNTS:-1 2}
prio=()
[ -n "${NICE:-}" ] && prio=(nice -n "$NICE")
url="http://127.0.0.1:$port/predict"
command -v wrk >/dev/null && command -v nginx >/dev/null || { echo "needs wrk and nginx: apt-get install -y wrk nginx" >&2; exit 2; }
echo_module=/usr/lib/nginx/modules/ngx_http_echo_module.so

work=$(mktemp -d)
delay_location=""
load_echo=""
if [ -f "$echo_module" ]; then
    load_echo="load_module $echo_module;"
    # echo_sleep uses nginx's timers (millisecond resolution); the body goes out chunked.
    delay_location="location /delay { default_type application/json; echo_sleep 0.005; echo '{\"predictions\":[0.25,0.75]}'; }"
fi
cat > "$work/nginx.conf" <<CONF
$load_echo
worker_processes 1;
pid $work/nginx.pid;
error_log $work/error.log;
events { worker_connections 1024; }
http {
    access_log off;
    keepalive_requests 100000000;
    server {
        listen 127.0.0.1:$port;
        location / {
            default_type application/json;
            return 200 '{"predictions":[0.25,0.75]}';
        }
        $delay_location
    }
}
CONF
"${prio[@]}" nginx -p "$work" -c "$work/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
trap 'kill $nginx_pid 2>/dev/null; wait $nginx_pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do curl -fs "$url" >/dev/null 2>&1 && break; sleep 0.1; done

swift build -c release --product LoadBench >/dev/null
bench=$(swift build -c release --show-bin-path)/LoadBench

# Runs a command, printing its user+system CPU seconds on the last line of $work/cpu.
timed() { local TIMEFORMAT='%U %S'; { time "${prio[@]}" "$@" > "$work/out" 2>&1; } 2> "$work/cpu"; }
cpu_seconds() { awk '{ print $1 + $2 }' "$work/cpu"; }
# wrk's latency lines are like "50%  123.00us" or "99%    1.20ms": in milliseconds.
wrk_ms() {
    awk -v q="$1" '$1 == q { v = $2; if (v ~ /us$/) { sub(/us/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms/, "", v) } else if (v ~ /s$/) { sub(/s/, "", v); v *= 1000 }; printf "%.3f", v }' "$work/out"
}

# One row of a table, also kept in $work/rows for the medians.
row() {
    printf '%-22s %6s %12.0f %9s %9s %14.2f\n' "$@"
    printf '%s|%s|%s|%s|%s|%s\n' "$@" >> "$work/rows"
}

# One table: each client at each connection count against $1, alternated $rounds times.
compare() {
    local target=$1; shift
    echo "== $target"
    printf '%-22s %6s %12s %9s %9s %14s\n' client connections requests/s p50_ms p99_ms cpu_us/request
    : > "$work/rows"
    for connections in "$@"; do
        for _ in $(seq "$rounds"); do
            for threads in $thread_counts; do
                [ "$threads" -le "$connections" ] || continue
                timed wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency "$target"
                rps=$(awk '/^Requests\/sec/ { print $2 }' "$work/out")
                total=$(awk '/requests in/ { print $1 }' "$work/out")
                row "wrk -t$threads" "$connections" "$rps" "$(wrk_ms 50%)" "$(wrk_ms 99%)" \
                    "$(echo "$(cpu_seconds) * 1000000 / $total" | bc -l)"
            done
            for threads in $thread_counts; do
                [ "$threads" -le "$connections" ] || continue
                THREADS=$threads timed "$bench" "$target" "$connections" "$seconds"
                line=$(cat "$work/out")
                field() { echo "$line" | tr ' ' '\n' | awk -F= -v k="$1" '$1 == k { print $2 }'; }
                row "LoadBench THREADS=$threads" "$connections" "$(field rps)" "$(field p50_ms)" \
                    "$(field p99_ms)" "$(echo "$(cpu_seconds) * 1000000 / $(field all_requests)" | bc -l)"
            done
        done
    done
    [ "$rounds" -gt 1 ] || return 0
    echo "-- median of $rounds rounds"
    # Each column's median on its own, per client and connection count.
    sort -t'|' -s -k1,1 -k2,2n "$work/rows" | awk -F'|' '
        function median(list,   n, v, i, j, t) {
            n = split(list, v, " ")
            for (i = 2; i <= n; i++) for (j = i; j > 1 && v[j - 1] + 0 > v[j] + 0; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
            return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
        }
        { key = $1 "|" $2; if (!(key in seen)) { seen[key] = 1; order[++count] = key }
          for (c = 3; c <= 6; c++) values[key, c] = values[key, c] " " $c }
        END { for (k = 1; k <= count; k++) { split(order[k], parts, "|")
                printf "%-22s %6s %12.0f %9.3f %9.3f %14.2f\n", parts[1], parts[2], median(values[order[k], 3]),
                    median(values[order[k], 4]), median(values[order[k], 5]), median(values[order[k], 6]) } }'
}

# shellcheck disable=SC2086  # CONNECTIONS is a list of numbers
compare "$url" ${CONNECTIONS:-1 8 64}
[ "${DELAY:-1}" != 0 ] || exit 0
# The p50 accuracy target: a server whose every answer waits exactly 5 ms (our loopback test
# server: sleeps, then yields until the deadline so the delay ends on time), measured by both clients.
"${prio[@]}" "$bench" serve 5 > "$work/delay-server" &
delay_pid=$!
trap 'kill $delay_pid $nginx_pid 2>/dev/null; wait $nginx_pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do grep -q port= "$work/delay-server" && break; sleep 0.1; done
delay_port=$(sed -n 's/^port=//p' "$work/delay-server")
echo "== fixed 5 ms delay server (LoadBench serve 5) on port $delay_port"
compare "http://127.0.0.1:$delay_port/" 1 8
if [ -n "$delay_location" ]; then
    compare "http://127.0.0.1:$port/delay" 1 8 64
fi
