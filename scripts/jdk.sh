# Sourced by ./cairn and scripts/test: points JAVA_HOME at a JDK 25 (cairn targets Java 25; the machine's default java may be older).
# Order: $JAVA_HOME if it is 25+, then any JDK 25+ under /usr/lib/jvm (Temurin 25 is installed there beside the default JDK 17).
cairn_java_major() { sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null; }
cairn_find_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25* /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(cairn_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then echo "$candidate"; return 0; fi
  done
  return 1
}
if ! JAVA_HOME=$(cairn_find_jdk); then
  echo "cairn: no JDK 25 found (looked at \$JAVA_HOME and /usr/lib/jvm/*). Install Temurin 25 or set JAVA_HOME to a JDK 25." >&2
  exit 2
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
