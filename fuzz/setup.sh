#!/usr/bin/env bash
# Installs what fuzzing needs, from the project's own package sources only:
#   - AFL++ from Debian (afl-fuzz, afl-showmap, afl-cmin), the coverage-guided engine;
#   - SharpFuzz.CommandLine (the `sharpfuzz` IL instrumenter) as a local dotnet tool, pinned in fuzz/.config.
# The normal test run needs none of this: the regression corpus replays through plain xunit tests.
# Usage: fuzz/setup.sh        (root, or sudo available; safe to run again)
set -euo pipefail
cd "$(dirname "$0")"

need_apt=()
command -v afl-fuzz >/dev/null 2>&1 || need_apt+=(afl++)
if [ ${#need_apt[@]} -gt 0 ]; then
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need_apt[@]}"
fi

# The tool manifest lives in fuzz/.config so `dotnet tool run sharpfuzz` works from fuzz/ and below.
dotnet tool restore >/dev/null

echo "afl-fuzz: $(command -v afl-fuzz)"
echo "sharpfuzz: $(dotnet tool list | awk '/sharpfuzz/ {print $1 " " $2}')"
