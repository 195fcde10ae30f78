#!/usr/bin/env bash
# Fuzzes every target in turn (one at a time: the machine has 2 cores) for the given seconds each, then prints the
# figures of this round. Usage: fuzz/run-all.sh <seconds per target> [run.sh options]
# Long runs (the issue asks for 10+ minutes or 1M+ executions per target): fuzz/run-all.sh 600 --execs=1000000
# FUZZ_TARGETS="csv tsv" limits the round to some targets.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
seconds="${1:?usage: fuzz/run-all.sh <seconds per target> [--no-corpus]}"
shift
"$here/run.sh" address 1 --no-corpus >/dev/null   # builds and instruments once
start=$(wc -l <"$here/out/runs.tsv")
for target in ${FUZZ_TARGETS:-$(dotnet "$here/out/bin/FlowRole.Fuzz.dll" list)}; do
  "$here/run.sh" "$target" "$seconds" --no-build "$@" | grep -v '^      '
done
echo
column -t -s $'\t' <(head -1 "$here/out/runs.tsv"; tail -n +"$((start + 1))" "$here/out/runs.tsv")
