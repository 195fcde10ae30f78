#!/usr/bin/env bash
# Fuzzes one target with AFL++ for a bounded time, then keeps what it found:
#   - crashing and hanging inputs go to fuzz/findings/<target>/ (named by content hash), where the replay tests pick
#     them up: a new finding fails the normal test run until it is fixed or listed as a known, skipped bug;
#   - new coverage (afl-cmin-minimised queue) is merged into fuzz/corpus/<target>/ unless --no-corpus is given;
#   - one line of figures (executions, edges, corpus, crashes, hangs) is appended to fuzz/out/runs.tsv and printed.
# Usage: fuzz/run.sh <target> <seconds> [--execs=N] [--no-build] [--no-corpus]     (fuzz/setup.sh first)
#   --execs=N stops after N executions if that comes before <seconds> (AFL++ -E; the issue's "10 minutes or 1M+
#   executions, whichever comes first" is `fuzz/run.sh <target> 600 --execs=1000000`).
# Runs at nice 19 on one core; the .NET heap is capped (FUZZ_HEAP_LIMIT, default 1 GiB) so unbounded buffering
# shows up as a crash (OutOfMemoryException) instead of swapping the machine.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
target="${1:?usage: fuzz/run.sh <target> <seconds> [--no-build] [--no-corpus]}"
seconds="${2:?usage: fuzz/run.sh <target> <seconds> [--no-build] [--no-corpus]}"
shift 2
build=1 corpus=1 execs=()
for arg in "$@"; do
  case "$arg" in
    --execs=*) execs=(-E "${arg#--execs=}") ;;
    --no-build) build=0 ;;
    --no-corpus) corpus=0 ;;
    *) echo "unknown option $arg" >&2; exit 2 ;;
  esac
done

out="$here/out"
bin="$out/bin"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
mkdir -p "$out"
if [ "$build" -eq 1 ] || [ ! -f "$bin/FlowRole.Fuzz.dll" ]; then
  # A clean publish, then IL instrumentation of the two assemblies under test (never the harness itself).
  rm -rf "$bin"
  nice -n 19 dotnet publish "$here/FlowRole.Fuzz" -c Release -o "$bin" -p:ArtifactsPath="$out/artifacts" -p:UseAppHost=false >"$out/publish.log" 2>&1 \
    || { tail -20 "$out/publish.log"; exit 1; }
  (cd "$here" && for dll in FlowRole.Core.dll flowrole_splunk.dll; do dotnet tool run sharpfuzz "$bin/$dll" >/dev/null; done)
fi

targets="$(dotnet "$bin/FlowRole.Fuzz.dll" list)"
if ! grep -qx -- "$target" <<<"$targets"; then
  echo "unknown target '$target'; targets: $(echo $targets)" >&2
  exit 2
fi

seeds="$here/corpus/$target"
afl="$out/afl/$target"
rm -rf "$afl"
mkdir -p "$afl" "$here/findings/$target"

# afl-cmin wants the program as a path; AFL_SKIP_BIN_CHECK because the coverage map is fed by the instrumented IL,
# not by the dotnet host binary.
dotnet_bin="$(readlink -f "$(command -v dotnet)")"
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
export DOTNET_GCHeapHardLimit="${FUZZ_HEAP_LIMIT:-0x40000000}" DOTNET_TieredPGO=0
# -t: the first execution JIT-compiles everything; 5 s per input leaves room for that and flags real hangs.
nice -n 19 afl-fuzz -i "$seeds" -o "$afl" -V "$seconds" ${execs[@]+"${execs[@]}"} -t 5000 -m none -- "$dotnet_bin" "$bin/FlowRole.Fuzz.dll" "$target" >"$afl/afl.log" 2>&1 || {
  echo "afl-fuzz failed; last lines of $afl/afl.log:" >&2
  tail -25 "$afl/afl.log" >&2
  exit 1
}

stats="$afl/default/fuzzer_stats"
stat() { awk -F': *' -v k="$1" '$1 ~ "^"k" *$" {print $2}' "$stats" | tr -d ' '; }

# Keep every crash and hang, once: by content, and by failure (an input failing the way a stored finding already
# does is the same bug again; AFL++ saves one per new path, which for one bug can be hundreds).
failure() { dotnet "$bin/FlowRole.Fuzz.dll" replay "$target" "$1" 2>&1 | sed -n 2p | sed -E 's/[0-9]+/N/g' | cut -c1-120 || true; }
known="$(for f in "$here/findings/$target"/*; do if [ -e "$f" ]; then failure "$f"; fi; done | sort -u)"
new=0 duplicates=0
for kind in crashes hangs; do
  for f in "$afl/default/$kind"/id:*; do
    [ -e "$f" ] || continue
    name="${kind%es}"; name="${name%s}-$(sha1sum "$f" | cut -c1-12)"
    [ -e "$here/findings/$target/$name" ] && continue
    why="$(failure "$f")"
    if [ "$kind" = crashes ] && [ -n "$why" ] && grep -qxF -- "$why" <<<"$known"; then
      duplicates=$((duplicates + 1))
      continue
    fi

    cp "$f" "$here/findings/$target/$name"
    known="$known"$'\n'"$why"
    new=$((new + 1))
    echo "new finding: fuzz/findings/$target/$name"
    echo "  ${why:-(no failure on replay: a hang or a flaky input)}"
  done
done
[ "$duplicates" -eq 0 ] || echo "$duplicates more crashes fail like a stored finding (not kept)"

# Merge new coverage into the committed corpus, minimised so it stays small.
if [ "$corpus" -eq 1 ]; then
  min="$out/cmin/$target"
  rm -rf "$min"
  if nice -n 19 afl-cmin -i "$afl/default/queue" -o "$min" -t 5000 -m none -- "$dotnet_bin" "$bin/FlowRole.Fuzz.dll" "$target" >"$afl/cmin.log" 2>&1; then
    added=0
    known="$(cd "$seeds" && sha1sum -- * 2>/dev/null | cut -c1-40)"
    for f in "$min"/*; do
      [ -e "$f" ] || continue
      hash="$(sha1sum "$f" | cut -c1-40)"
      if ! grep -qx "$hash" <<<"$known"; then
        cp "$f" "$seeds/cov-${hash:0:12}"
        known="$known"$'\n'"$hash"
        added=$((added + 1))
      fi
    done
    echo "corpus: $added new inputs kept in fuzz/corpus/$target ($(ls "$seeds" | wc -l) in all)"
  else
    echo "afl-cmin failed (see $afl/cmin.log); corpus left as it was" >&2
  fi
fi

line="$(date -u +%FT%TZ)	$target	$seconds	$(stat execs_done)	$(stat execs_per_sec)	$(stat edges_found)	$(stat total_edges)	$(stat bitmap_cvg)	$(stat corpus_count)	$(stat saved_crashes)	$(stat saved_hangs)	$new"
[ -f "$out/runs.tsv" ] || printf 'time\ttarget\tseconds\texecs\texecs_per_sec\tedges\ttotal_edges\tbitmap\tqueue\tcrashes\thangs\tnew_findings\n' >"$out/runs.tsv"
echo "$line" >>"$out/runs.tsv"
printf '%s: %s execs (%s/s), %s edges, bitmap %s, queue %s, %s crashes, %s hangs, %s new findings\n' \
  "$target" "$(stat execs_done)" "$(stat execs_per_sec)" "$(stat edges_found)" "$(stat bitmap_cvg)" "$(stat corpus_count)" \
  "$(stat saved_crashes)" "$(stat saved_hangs)" "$new"
