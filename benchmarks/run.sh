#!/usr/bin/env bash
# Builds what the side-by-side measurement needs and runs it: JMH under each agent configuration,
# then every exporter's sustained rate, then the hello-world start-up, then one report with the
# performance targets.
#
#   benchmarks/run.sh                          full run (about 12 minutes on 2 cores)
#   benchmarks/run.sh only=weft-noop,otel-off  re-run some configurations ("startup" for start-up)
#   benchmarks/run.sh only=exporters           the exporters alone (about 2 minutes)
#   benchmarks/run.sh wi=5 i=10 startup.runs=20
#   SKIP_BUILD=1 benchmarks/run.sh ...         reuse the jars already built
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  # javaagent builds weft-agent.jar; benchmarks builds benchmarks.jar and copies the
  # OpenTelemetry agent to benchmarks/target/agents/.
  mvn -B -q -pl javaagent,benchmarks -am package -DskipTests
fi

weft_agent="$root/javaagent/target/weft-agent.jar"
otel_agent="$root/benchmarks/target/agents/opentelemetry-javaagent.jar"
if [[ ! -f "$weft_agent" ]]; then
  echo "warning: $weft_agent is missing; the Weft rows will be reported as not measured" >&2
fi

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$root/benchmarks/target/benchmarks.jar" dev.weft.benchmarks.SideBySide \
  "weft.agent=$weft_agent" \
  "otel.agent=$otel_agent" \
  "out=$root/benchmarks/target/side-by-side.md" \
  "$@" 2>&1 | tee "$root/benchmarks/target/side-by-side.log"
