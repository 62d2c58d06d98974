#!/usr/bin/env bash
# Runs the Weft sample application under the agent and summarises the traces it leaves.
#
#   ./run-sample.sh                run the sample traced: one line per trace, then the viewer's path
#   ./run-sample.sh --untraced     the same run with tracing disabled (-Dweft.disabled=true)
#   ./run-sample.sh --langchain4j  the LangChain4j sample instead: an application with no Weft code
#
# Builds the agent and the sample first when their jars are missing or older than the sources.
# WEFT_SAMPLE_TRACES names the trace folder (default: weft-traces). With OPENAI_API_KEY set, the
# sample's agents call a real chat-completions endpoint instead of the scripted model.
set -euo pipefail
cd "$(dirname "$0")"

agent=javaagent/target/weft-agent.jar
module=sample-app
traces="${WEFT_SAMPLE_TRACES:-weft-traces}"

case "${1:-}" in
  "") tracing=(-Dweft.json.dir="$traces") ;;
  --untraced) tracing=(-Dweft.json.dir="$traces" -Dweft.disabled=true) ;;
  --langchain4j) tracing=(-Dweft.json.dir="$traces"); module=sample-langchain4j ;;
  *) echo "usage: $0 [--untraced | --langchain4j]" >&2; exit 2 ;;
esac
app="$module/target/weft-$module.jar"

if [ ! -f "$agent" ] || [ ! -f "$app" ] || [ -n "$(find . -path '*/target' -prune -o \
    \( -name pom.xml -o -path '*/src/main/*' \) \( -newer "$agent" -o -newer "$app" \) \
    -type f -print -quit)" ]; then
  echo "Building the agent and the sample..."
  # Only the jars are needed to run the sample; ./run-tests.sh is what runs the tests.
  mvn -B -q -pl "$module",javaagent -am package -DskipTests
fi

mkdir -p "$traces"
started=$(mktemp)
trap 'rm -f "$started"' EXIT

java -javaagent:"$agent" "${tracing[@]}" -jar "$app"

if [ "${1:-}" = "--untraced" ]; then
  exit 0
fi
written=()
while IFS= read -r file; do
  written+=("$file")
done < <(find "$traces" -maxdepth 1 -name '*.json' -newer "$started" | sort)
echo
echo "Traces of this run:"
if [ "${#written[@]}" -gt 0 ]; then
  java -jar "$agent" summary --oneline "${written[@]}"
fi
echo "Viewer: $(cd "$traces" && pwd)/index.html"
