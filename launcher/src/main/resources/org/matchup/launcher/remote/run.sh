#!/usr/bin/env bash
# The launcher's run script, started on the pod detached from the SSH session (setsid nohup), in the bundle's
# directory. It checks the bundle against MANIFEST.sha256, runs `matchup preflight` and then `matchup fit` into
# out/, logs everything to out/remote.log, and at the end writes out.sha256 (the outputs' SHA-256) and then
# exit-code, which the launcher waits for. The launcher stops it by creating the file `stop` and sending SIGTERM
# to the process in fit.pid; fit then writes the files of the draws it kept, as after Ctrl-C.
set -u
cd "$(dirname "$0")"
java="${MATCHUP_JAVA:-java}"
log=out/remote.log
mkdir -p out
: > "$log"

finish() {
  (cd out && find . -maxdepth 1 -type f ! -name '*.part' -printf '%f\n' | LC_ALL=C sort |
    xargs -r -d '\n' sha256sum --) > out.sha256.part && mv out.sha256.part out.sha256
  echo "$1" > exit-code.part && mv exit-code.part exit-code
  exit 0
}

# One command of the command line, in the background so that a SIGTERM reaches java and not this script.
matchup() {
  if [ -e stop ]; then
    echo "run.sh: stopped before matchup $1" >> "$log"
    finish 130
  fi
  "$java" ${MATCHUP_JAVA_OPTS:-} -cp 'lib/*' org.matchup.cli.Matchup "$@" >> "$log" 2>&1 &
  echo $! > fit.pid
  wait $!
}

echo "run.sh: checking the bundle" >> "$log"
if ! sha256sum --quiet -c MANIFEST.sha256 >> "$log" 2>&1; then
  echo "run.sh: the bundle does not match MANIFEST.sha256" >> "$log"
  finish 1
fi
if ! command -v "$java" > /dev/null; then
  echo "run.sh: no java on the pod ($java)" >> "$log"
  finish 1
fi

echo "run.sh: matchup preflight" >> "$log"
matchup preflight @PREFLIGHT_ARGS@
code=$?
if [ "$code" -ne 0 ]; then
  echo "run.sh: preflight ended with exit code $code; fit not started" >> "$log"
  finish "$code"
fi

echo "run.sh: matchup fit" >> "$log"
matchup fit @FIT_ARGS@
code=$?
echo "run.sh: fit ended with exit code $code" >> "$log"
finish "$code"
