#!/usr/bin/env bash
# A stand-in for `java -cp 'lib/*' org.matchup.cli.Matchup COMMAND ...` on the fake pod. FAKE_FIT says how fit
# behaves: ok (two chains of 50 draws, exit 0), fail (chain 2 fails after chain 1 finished: exit 1), slow (draws
# until SIGTERM, then writes the summary of what it kept and exits 130).
set -u
shift 3
command=$1
shift
output=out
while [ $# -gt 0 ]; do
  case "$1" in
    --output) output=$2; shift 2 ;;
    *) shift ;;
  esac
done
mkdir -p "$output"
if [ "$command" = preflight ]; then
  echo "run time: 1 s (0.00 h), from the short run" > "$output/preflight.txt.part"
  mv "$output/preflight.txt.part" "$output/preflight.txt"
  echo "preflight: GO"
  exit 0
fi

stopped=0
trap 'stopped=1' TERM
summary() {
  printf 'name,mean\nsigma,%s\n' "$1" > "$output/coefficients.csv.part"
  mv "$output/coefficients.csv.part" "$output/coefficients.csv"
  echo "verdict: $2" > "$output/training_summary.txt"
}
chain() {
  local c=$1 draws=$2
  echo "lp__,accept_stat__,sigma" > "$output/chain-$c.csv"
  for ((i = 1; i <= draws; i++)); do
    echo "-$i.5,0.9$i,0.$c$i" >> "$output/chain-$c.csv"
    if [ "${FAKE_FIT:-ok}" = slow ]; then
      sleep 0.02
      if [ $stopped = 1 ]; then
        echo "matchup fit: interrupted; stopping the chains and writing what they kept" >&2
        echo "matchup fit: chain $c stopped: $i draws in 0.1 s" >&2
        summary 0.5 "not converged (interrupted)"
        exit 130
      fi
      if [ $((i % 25)) = 0 ]; then
        echo "matchup fit: elapsed 0:0$((i / 25)), remaining ~? | chain $c $i/100 sampling" >&2
      fi
    fi
  done
  echo "matchup fit: chain $c finished: $draws draws in 0.1 s" >&2
}
echo "matchup fit: reading and checking data/table.csv" >&2
chain 1 50
if [ "${FAKE_FIT:-ok}" = fail ]; then
  echo "-1.5,0.91,0.21" > "$output/chain-2.csv"
  echo "matchup fit: chain 2: Stan threw: boom" >&2
  exit 1
fi
if [ "${FAKE_FIT:-ok}" = slow ]; then
  chain 2 100000
fi
chain 2 50
summary 0.5 converged
echo "verdict: converged"
exit 0
