#!/usr/bin/env bash
# Builds what the real-application measurement needs and runs it: the LangChain4j sample and the
# Spring AI travel desk, each with no agent, Weft's agent as installed and the OpenTelemetry agent
# (agents=none,weft,weft-otlp,otel adds Weft's agent exporting OTLP), against a scripted model on
# loopback; prints one report.
#
#   benchmarks/apps.sh                          full run (about 75 minutes on 2 cores)
#   benchmarks/apps.sh runs=1 starts=0 warmup=2 warmup.most=2 seconds=5   a quick look
#   benchmarks/apps.sh apps=spring-ai agents=none,weft runs=5
#   SKIP_BUILD=1 benchmarks/apps.sh ...         reuse the jars already built
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  # javaagent builds weft-agent.jar; benchmarks builds benchmarks.jar, the serving driver's jar
  # and copies the OpenTelemetry agent; the two applications build their jars. Only the jars to
  # measure are wanted here (as in run.sh); ./run-tests.sh is what runs the tests.
  mvn -B -q -pl javaagent,benchmarks,sample-langchain4j,it-libraries/spring-ai-1.1 -am package \
    -DskipTests
fi

driver="$(ls "$root"/benchmarks/target/weft-benchmarks-*-app-driver.jar 2>/dev/null | head -n 1)"
if [[ -z "$driver" ]]; then
  echo "benchmarks/target/weft-benchmarks-*-app-driver.jar is missing; run without SKIP_BUILD=1" >&2
  exit 1
fi

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$root/benchmarks/target/benchmarks.jar" dev.weft.benchmarks.AppBenchmark \
  "weft.agent=$root/javaagent/target/weft-agent.jar" \
  "otel.agent=$root/benchmarks/target/agents/opentelemetry-javaagent.jar" \
  "driver=$driver" \
  "langchain4j.jar=$root/sample-langchain4j/target/weft-sample-langchain4j.jar" \
  "spring-ai.jar=$root/it-libraries/spring-ai-1.1/target/travel-desk.jar" \
  "out=$root/benchmarks/target/apps.md" \
  "$@" 2>&1 | tee "$root/benchmarks/target/apps.log"
