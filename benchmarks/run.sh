#!/usr/bin/env bash
# Builds what the side-by-side measurement needs and runs it: JMH under each agent configuration,
# then every exporter's sustained rate, then the hello-world start-up, then the two real
# applications (benchmarks/apps.sh), and writes one report with the performance targets,
# benchmarks/target/side-by-side.md.
#
#   benchmarks/run.sh                          full run (about 95 minutes on 2 cores)
#   benchmarks/run.sh only=weft-noop,otel-off  re-run some configurations ("startup" for start-up)
#   benchmarks/run.sh only=exporters           the exporters alone (about 2 minutes)
#   benchmarks/run.sh only=apps                the real applications alone (about 75 minutes)
#   benchmarks/run.sh wi=5 i=10 startup.runs=20
#   APPS_ARGS="runs=1 seconds=5" benchmarks/run.sh   arguments of the applications' part
#   SKIP_BUILD=1 benchmarks/run.sh ...         reuse the jars already built
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  # javaagent builds weft-agent.jar; benchmarks builds benchmarks.jar and copies the
  # OpenTelemetry agent to benchmarks/target/agents/.
  # The two applications build their jars for the applications' part. Only the jars to measure
  # are wanted here; ./run-tests.sh is what runs the tests.
  mvn -B -q -pl javaagent,benchmarks,sample-langchain4j,it-libraries/spring-ai-1.1 -am package \
    -DskipTests
fi

# The applications' part runs unless "only" leaves it out.
run_apps=1
for arg in "$@"; do
  if [[ "$arg" == only=* && ",${arg#only=}," != *,apps,* ]]; then
    run_apps=0
  fi
done

weft_agent="$root/javaagent/target/weft-agent.jar"
otel_agent="$root/benchmarks/target/agents/opentelemetry-javaagent.jar"
if [[ ! -f "$weft_agent" ]]; then
  echo "warning: $weft_agent is missing; the Weft rows will be reported as not measured" >&2
fi

# What the parts write (the json exporter's files, the applications' trace folders) stays in one
# folder until every part has run: thousands of files deleted just before a part would slow its own
# file making, since ext4 passes over recently freed inodes for minutes. An interrupted run's
# folder is deleted before anything is measured.
work="$root/benchmarks/target/work"
rm -rf "$work"

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$root/benchmarks/target/benchmarks.jar" dev.weft.benchmarks.SideBySide \
  "weft.agent=$weft_agent" \
  "otel.agent=$otel_agent" \
  "out=$root/benchmarks/target/side-by-side.md" \
  "work=$work/side-by-side" \
  "$@" 2>&1 | tee "$root/benchmarks/target/side-by-side.log"

if [[ "$run_apps" == 1 ]]; then
  # shellcheck disable=SC2086 # APPS_ARGS is a list of key=value words
  SKIP_BUILD=1 "$root/benchmarks/apps.sh" "work=$work/apps" ${APPS_ARGS:-}
  report="$root/benchmarks/target/side-by-side.md"
  { printf '\n'; cat "$root/benchmarks/target/apps.md"; } >> "$report"
  echo "the applications' report is appended to $report"
fi

rm -rf "$work"
