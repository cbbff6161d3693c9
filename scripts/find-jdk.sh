# Sourced by ./monkey and ./run-tests: exports JAVA_HOME pointing at a JDK 21+ and
# TSUNAMI_JVM_FLAGS with the flags that JDK needs. Fails with a clear message if none exists.
jdk_major() { # prints the feature version of the JDK at $1, or nothing
  [[ -x "$1/bin/java" && -x "$1/bin/javac" ]] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}
pick_jdk() {
  local candidates=()
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME")
  local javac_path; javac_path="$(command -v javac || true)"
  [[ -n "$javac_path" ]] && candidates+=("$(dirname "$(dirname "$(readlink -f "$javac_path")")")")
  # Newest first among the usual install places.
  while IFS= read -r d; do candidates+=("$d"); done < <(ls -d /usr/lib/jvm/* /opt/java/* /opt/jdk* 2>/dev/null | sort -rV)
  for c in "${candidates[@]}"; do
    local v; v="$(jdk_major "$c")"
    if [[ -n "$v" && "$v" -ge 21 ]]; then echo "$c $v"; return 0; fi
  done
  return 1
}
if ! found="$(pick_jdk)"; then
  echo "Tsunami needs a JDK 21 or newer and found none (looked at JAVA_HOME, javac on PATH, /usr/lib/jvm, /opt)." >&2
  echo "Install one (e.g. Temurin 21+) or point JAVA_HOME at it." >&2
  exit 1
fi
export JAVA_HOME="${found% *}"
JDK_MAJOR="${found#* }"
TSUNAMI_JVM_FLAGS="--enable-native-access=ALL-UNNAMED"
# JDK 23+ warns on sun.misc.Unsafe memory access, which ND4J and JeroMQ use; allow it quietly.
[[ "$JDK_MAJOR" -ge 23 ]] && TSUNAMI_JVM_FLAGS+=" --sun-misc-unsafe-memory-access=allow"
# glibc keeps the native memory ND4J frees and rarely gives it back (training's RSS crept up by
# ~0.3 GB a minute with live native memory flat); the JVM returns it every 2 s (JDK 22+, and 21.0.1+).
if [[ "$JDK_MAJOR" -ge 22 ]] || "$JAVA_HOME/bin/java" -XX:TrimNativeHeapInterval=2000 -version >/dev/null 2>&1; then
  TSUNAMI_JVM_FLAGS+=" -XX:TrimNativeHeapInterval=2000"
fi
export TSUNAMI_JVM_FLAGS
command -v mvn >/dev/null || { echo "Tsunami builds with Maven 3.8+; install it (apt-get install maven)." >&2; exit 1; }
# Maven's own guava trips the same Unsafe warning on JDK 23+.
[[ "$JDK_MAJOR" -ge 23 ]] && export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
true
