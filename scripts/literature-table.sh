#!/usr/bin/env bash
# Reproduces docs/results.md's literature table: for each scenario, train against attack-move
# (with and without a teacher), then evaluate the best checkpoint greedily against the three
# opponents of the published tables. Prints one CSV row per (scenario, teacher, opponent).
#
#   scripts/literature-table.sh [MINUTES_PER_RUN] [OUT_DIR]      (defaults: 3, runs/literature)
#
# Environment: SCENARIOS (default: the seven of the table), TEACHERS (default: "none hold-focus"),
# GAMES (default 1000), TRAIN_FLAGS (more `monkey train` flags for every run, e.g. "--critic central";
# default none).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
minutes=${1:-3}
out=${2:-runs/literature}
scenarios=${SCENARIOS:-"3m 5m m15v16 5w w15v17 2d_3z 10m_13zg"}
teachers=${TEACHERS:-"none hold-focus"}
games=${GAMES:-1000}
read -r -a extra <<<"${TRAIN_FLAGS:-}"
mkdir -p "$out"
echo "scenario,teacher,train_minutes,frames_learned,opponent,games,win_rate,ci_low,ci_high"
for s in $scenarios; do
  for t in $teachers; do
    run="$out/$s-$t"
    # a run that reached its time limit is kept; one stopped early (Ctrl-C, a crash) is trained again
    if ! grep -q '^stopped by *time limit' "$run/summary.txt" 2>/dev/null; then
      rm -rf "$run"
      args=(train --scenario "$s" --minutes "$minutes" --run-dir "$run")
      [ "$t" != none ] && args+=(--teacher "$t")
      args+=("${extra[@]}")
      ./monkey "${args[@]}" > "$out/$s-$t.train.log" 2>&1
    fi
    frames=$(awk '/^game frames learned/ {print $4}' "$run/summary.txt")
    for o in attack-move attack-closest weakest-closest; do
      json=$(./monkey eval --checkpoint "$run" --scenario "$s" --opponent "$o" --games "$games" --json \
             2> "$out/$s-$t-$o.eval.log" | tail -n 1)
      rate=$(sed -E 's/.*"win_rate":([0-9.]+).*/\1/' <<<"$json")
      lo=$(sed -E 's/.*"ci95_low":([0-9.]+).*/\1/' <<<"$json")
      hi=$(sed -E 's/.*"ci95_high":([0-9.]+).*/\1/' <<<"$json")
      echo "$s,$t,$minutes,$frames,$o,$games,$rate,$lo,$hi"
    done
  done
done
