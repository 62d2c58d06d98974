#!/usr/bin/env bash
# Runs every test: the whole Maven build. The viewer tests drive a real headless Chromium, so
# Debian's chromium and chromium-driver are installed first when they are missing.
#
#   ./run-tests.sh               mvn -B verify
#   ./run-tests.sh -pl runtime   extra arguments go to Maven
set -euo pipefail

cd "$(dirname "$0")"

if [[ ! -x /usr/bin/chromium || ! -x /usr/bin/chromedriver ]]; then
  sudo=()
  if [[ "$(id -u)" != 0 ]]; then
    sudo=(sudo)
  fi
  echo "installing chromium and chromium-driver for the viewer tests" >&2
  "${sudo[@]}" apt-get update
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends \
    chromium chromium-driver
fi

exec mvn -B verify "$@"
