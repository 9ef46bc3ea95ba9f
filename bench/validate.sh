#!/usr/bin/env bash
# Benchmark of `lockstep validate` at 1,000 and 10,000 resources (one file each), plus the JVM's
# start-up on a trivial configuration, so that parse+validate time can be read net of start-up.
# Usage: bench/validate.sh [RUNS]   (default 5 runs each; prints a Markdown table)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd -P)
runs=${1:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$root/lockstep" version >/dev/null   # builds the distribution if needed
bin=$(ls -d "$root"/cli/target/lockstep-*/bin/lockstep | head -n 1)

python3 "$root/bench/gen-validate-config.py" 1000 "$work/n1000"
python3 "$root/bench/gen-validate-config.py" 10000 "$work/n10000"
mkdir -p "$work/trivial" && printf 'locals {\n  a = 1\n}\n' > "$work/trivial/main.hcl"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2==1) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
measure() { # dir -> median wall seconds and peak RSS (KB) over $runs runs
  local dir=$1 t rss times=() rsss=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %M' -o "$work/time" "$bin" validate -C "$dir" >/dev/null 2>"$work/err" || {
      cat "$work/err" >&2; exit 1; }
    read -r t rss < "$work/time"
    times+=("$t"); rsss+=("$rss")
  done
  printf '%s %s\n' "$(printf '%s\n' "${times[@]}" | median)" "$(printf '%s\n' "${rsss[@]}" | sort -n | tail -n 1)"
}

read -r t0 r0 < <(measure "$work/trivial")
read -r t1 r1 < <(measure "$work/n1000")
read -r t10 r10 < <(measure "$work/n10000")
s1=$(du -k "$work/n1000/main.hcl" | cut -f1)
s10=$(du -k "$work/n10000/main.hcl" | cut -f1)
ratio=$(awk -v a="$t10" -v b="$t1" -v s="$t0" 'BEGIN { d = b - s; if (d <= 0) d = 0.001; printf "%.1f", (a - s) / d }')
echo "| configuration | file size | validate (median of $runs) | peak RSS |"
echo "|---|---|---|---|"
echo "| trivial (start-up) | - | ${t0} s | $((r0 / 1024)) MB |"
echo "| 1,000 resources | ${s1} KB | ${t1} s | $((r1 / 1024)) MB |"
echo "| 10,000 resources | ${s10} KB | ${t10} s | $((r10 / 1024)) MB |"
echo
echo "10k/1k ratio with start-up subtracted: ${ratio}x (linear would be 10x)"
