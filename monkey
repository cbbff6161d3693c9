#!/usr/bin/env bash
# The squirrel monkey launcher: builds what is missing or stale, then runs the Tsunami CLI.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$ROOT/scripts/find-jdk.sh"

JAR="$ROOT/launcher/target/launcher.jar"
FLAGS_STAMP="$ROOT/launcher/target/monkey-build-flags"
stale() {
  [[ ! -f "$JAR" ]] && return 0
  # A build with other Maven flags (e.g. MONKEY_MVN_FLAGS=-Pcuda) is a different build.
  [[ "$(cat "$FLAGS_STAMP" 2>/dev/null)" != "${MONKEY_MVN_FLAGS:-}" ]] && return 0
  # Any source, resource or pom newer than the launcher jar means a rebuild.
  [[ -n "$(find "$ROOT" -path "$ROOT/.git" -prune -o \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) \
        -newer "$JAR" -not -path '*/target/*' -print -quit)" ]]
}
if stale; then
  echo "monkey: building (first run or sources changed)..." >&2
  mkdir -p "$ROOT/launcher/target"
  BUILD_LOG="$ROOT/launcher/target/monkey-build.log"
  (cd "$ROOT" && mvn -B -Dstyle.color=never -DskipTests ${MONKEY_MVN_FLAGS:-} install >"$BUILD_LOG" 2>&1) || {
    grep -E '^\[(ERROR|WARNING)\]' "$BUILD_LOG" | head -40 >&2
    echo "monkey: build failed (JDK $JAVA_HOME); full log: $BUILD_LOG" >&2; exit 1; }
  printf '%s' "${MONKEY_MVN_FLAGS:-}" > "$FLAGS_STAMP"
fi

export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"   # two OpenMP threads on two cores made ND4J 3x slower
# the class path as written here (lib/* unexpanded): what a Slurm job's tasks start monkey with (see tsunami.launcher.cluster)
export TSUNAMI_CLASSPATH="$JAR:$ROOT/launcher/target/lib/*"
exec "$JAVA_HOME/bin/java" $TSUNAMI_JVM_FLAGS ${MONKEY_JAVA_OPTS:-} \
  -cp "$TSUNAMI_CLASSPATH" tsunami.launcher.Monkey "$@"
