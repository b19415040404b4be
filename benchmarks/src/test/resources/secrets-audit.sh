#!/usr/bin/env bash
# Issue 9, "Secrets audit": runs THE FULL test suite (mvn verify, every module) with logging at DEBUG, every test's
# stdout/stderr redirected to target/{surefire,failsafe}-reports/*-output.txt, then fails if a token the sandbox
# issued (ory_at_, ory_rt_, ory_ac_), the sandbox web client's secret or an "Authorization: Bearer/Basic" credential
# appears in any of those files, in the reports, or in the Maven log.
#
#   bash benchmarks/src/test/resources/secrets-audit.sh            # from the repository root
#   NEON_OAUTH_TEST_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/test?user=postgres bash benchmarks/src/test/resources/secrets-audit.sh
#
# Extra Maven arguments are passed through (e.g. -o, -pl app-cli -am).
set -uo pipefail
cd "$(dirname "$0")/../../../.."
root=$(pwd)
config="$root/benchmarks/src/test/resources/logback-debug.xml"
log="$root/target/secrets-audit/maven.log"
mkdir -p "$(dirname "$log")"

echo "== mvn -B verify at DEBUG (log: $log)"
mvn -B verify -Dmaven.test.redirectTestOutputToFile=true \
  "-DargLine=-Dlogback.configurationFile=$config" "$@" >"$log" 2>&1
status=$?
echo "== build exit status: $status"

pattern='ory_(at|rt|ac)_[A-Za-z0-9_~.+/=-]{8,}|sandbox-web-secret|Authorization: (Bearer|Basic) [A-Za-z0-9]'
files=$(find . -path '*/target/*' \( -path '*surefire-reports*' -o -path '*failsafe-reports*' \) -type f \
          \( -name '*.txt' -o -name '*.xml' \) ; echo "$log")
scanned=$(echo "$files" | grep -c .)
bytes=$(echo "$files" | xargs cat 2>/dev/null | wc -c)
debug_lines=$(echo "$files" | xargs grep -h -c ' DEBUG ' 2>/dev/null | awk '{s+=$1} END {print s+0}')
hits=$(echo "$files" | xargs grep -E -o -H "$pattern" 2>/dev/null | sed -E 's/(ory_(at|rt|ac)_.{4}).*/\1…/' | sort | uniq -c)
echo "== scanned $scanned files, $bytes bytes, $debug_lines DEBUG lines"
if [ -n "$hits" ]; then
  echo "== SECRETS FOUND:"
  echo "$hits"
  exit 1
fi
echo "== no issued token, code, client secret or credential header in any log or test output"
exit $status
