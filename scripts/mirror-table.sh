#!/usr/bin/env bash
# Mirror matches: the same heuristic on both sides of every symmetric built-in scenario (and a
# 1-Marine duel). A fair arena gives red and blue the same score; prints a markdown table.
# Usage: scripts/mirror-table.sh [GAMES=1000] [SEED=1]      (env HEURISTICS / SCENARIOS narrow it)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
GAMES="${1:-1000}"
SEED="${2:-1}"
DUEL="$ROOT/bots/src/test/resources/tsunami/bots/arena/duel-1m.yaml"
# m15v16, w15v17, 10m_13zg and 20m_30zg are uneven by design: a mirror there is not a fairness test
SCENARIOS="${SCENARIOS:-duel-1m 3m 5m m5v5 5w 2d_3z}"
HEURISTICS="${HEURISTICS:-$("$ROOT/monkey" heuristics list 2>/dev/null | awk 'NF && $1 !~ /:/ {print $1}')}"
echo "| heuristic | scenario | red wins % | blue wins % | draws % | red score % | |"
echo "|---|---|---|---|---|---|---|"
for h in $HEURISTICS; do
  for s in $SCENARIOS; do
    arg="$s"; [[ "$s" == duel-1m ]] && arg="$DUEL"
    json="$("$ROOT/monkey" arena --scenario "$arg" --red "$h" --blue "$h" --games "$GAMES" --seed "$SEED" --json 2>/dev/null | tail -1)"
    r=$(sed -E 's/.*"red_wins":([0-9]+).*/\1/' <<<"$json")
    b=$(sed -E 's/.*"blue_wins":([0-9]+).*/\1/' <<<"$json")
    d=$(sed -E 's/.*"draws":([0-9]+).*/\1/' <<<"$json")
    # score: wins + half the draws; 1.96 binomial sd at 1,000 games is about 3 points
    awk -v h="$h" -v s="$s" -v r="$r" -v b="$b" -v d="$d" -v g="$GAMES" 'BEGIN {
      score = 100 * (r + d / 2) / g
      flag = (score > 53 || score < 47) ? "**off**" : ""
      printf "| %s | %s | %.1f | %.1f | %.1f | %.1f | %s |\n", h, s, 100*r/g, 100*b/g, 100*d/g, score, flag }'
  done
done
