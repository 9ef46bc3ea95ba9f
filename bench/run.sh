#!/usr/bin/env bash
# The benchmark suite (docs/benchmarks.md): builds the distribution and the bench module,
# then runs dev.lockstep.bench.Bench against the distribution. Every figure in docs/benchmarks.md
# comes from this command. Options (bench/run.sh --help): --quick (sizes 100 and 1,000 at 50 ms),
# --sizes, --latencies, --runs, --startup-runs, --only startup,kubernetes,databricks,terraform, --out, --work.
# MVN_ARGS adds Maven options (such as -o); BENCH_SKIP_BUILD=1 uses what is built.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$root"
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  # shellcheck disable=SC2086
  mvn -B -q -DskipTests ${MVN_ARGS:-} package >&2
fi
dist="$root/cli/target/lockstep-$version"
exec java -Xms1g -Xmx6g -cp "$root/bench/target/lockstep-bench.jar:$root/bench/target/lib/*" \
  dev.lockstep.bench.Bench --dist "$dist" --out "$root/bench/target/results" --work "$root/bench/target/work" "$@"
