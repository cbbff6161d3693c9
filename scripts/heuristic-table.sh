#!/usr/bin/env bash
# Built-in heuristics against opponents, one arena run per (scenario, heuristic, opponent) cell:
# the tables of docs/arena.md. Prints one CSV row per cell (red = the heuristic).
#
#   scripts/heuristic-table.sh [GAMES=1000] [SEED=2016]
#
# Environment narrows it: SCENARIOS (default "m15v16 w15v17 3m 5m 5w 2d_3z"), HEURISTICS (default:
# every built-in), OPPONENTS (default "attack-move guard bw-ai").
# `./monkey` builds once; the cells then run the built jar directly, so no cell pays for the
# launcher's staleness check.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
GAMES="${1:-1000}"
SEED="${2:-2016}"
SCENARIOS="${SCENARIOS:-m15v16 w15v17 3m 5m 5w 2d_3z}"
ALL="$("$ROOT/monkey" heuristics list | awk 'NF && $1 !~ /:/ {print $1}')"
HEURISTICS="${HEURISTICS:-$ALL}"
OPPONENTS="${OPPONENTS:-attack-move guard bw-ai}"
source "$ROOT/scripts/find-jdk.sh"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
arena() {
  # shellcheck disable=SC2086  # TSUNAMI_JVM_FLAGS is a list of flags
  "$JAVA_HOME/bin/java" $TSUNAMI_JVM_FLAGS -cp "$ROOT/launcher/target/launcher.jar:$ROOT/launcher/target/lib/*" \
    tsunami.launcher.Monkey arena "$@"
}
field() { sed -E "s/.*\"$1\":([0-9.]+).*/\1/" <<<"$2"; }
echo "scenario,red,blue,games,seed,red_wins,blue_wins,draws,red_win_rate,ci95_low,ci95_high,mean_frames"
for s in $SCENARIOS; do
  for o in $OPPONENTS; do
    for h in $HEURISTICS; do
      json="$(arena --scenario "$s" --red "$h" --blue "$o" --games "$GAMES" --seed "$SEED" --json 2>/dev/null | tail -1)"
      [[ "$json" == \{* ]] || { echo "heuristic-table: no result for $s $h vs $o" >&2; exit 1; }
      printf '%s,%s,%s,%s,%s' "$s" "$h" "$o" "$GAMES" "$SEED"
      for f in red_wins blue_wins draws red_win_rate red_ci95_low red_ci95_high mean_frames; do
        printf ',%s' "$(field "$f" "$json")"
      done
      echo
    done
  done
done
