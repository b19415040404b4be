#!/bin/bash
# Runs every benchmark and load figure in sequence on a quiet machine; logs to /tmp/bench/final
cd /work/main
J=/tmp/bench/b5.jar
O=/tmp/bench/final
run() { name=$1; shift; { echo "### $name"; echo "### start $(date -u +%H:%M:%S) $(cat /proc/loadavg)"; echo "### cmd $*"; "$@"; echo "### exit $? end $(date -u +%H:%M:%S) $(cat /proc/loadavg)"; } > $O/$name.txt 2>&1; }
export NEON_OAUTH_TEST_JDBC_URL='jdbc:postgresql://127.0.0.1:5432/test?user=postgres'
run paired1 java -cp $J dev.neonoauth.benchmarks.api.PairedApiCallRatio 40 2000 20000
run paired2 java -cp $J dev.neonoauth.benchmarks.api.PairedApiCallRatio 40 2000 20000
run paired3 java -cp $J dev.neonoauth.benchmarks.api.PairedApiCallRatio 40 2000 20000
run jmh-apicall java -cp $J dev.neonoauth.benchmarks.api.ApiCallRatio
run jmh-core java -jar $J CoreBenchmarks
run jmh-tokens java -jar $J TokenProviderBenchmarks
run cli-plain java -cp $J dev.neonoauth.benchmarks.cli.CliColdStart --runs 10 --jar /tmp/bench/cli/neon-oauth.jar
run cli-c1 java -cp $J dev.neonoauth.benchmarks.cli.CliColdStart --runs 10 --jar /tmp/bench/cli/neon-oauth.jar -- -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
run cli-launcher-neonctl java -cp $J dev.neonoauth.benchmarks.cli.CliColdStart --runs 10 --jar /tmp/bench/cli/neon-oauth.jar --launcher /tmp/bench/cli/neon-oauth-launcher --neonctl /tmp/neonctl/node_modules/.bin/neonctl
run load-login-h2 java -cp $J dev.neonoauth.benchmarks.load.LoadMain login --threads 8 --duration 60s
run load-pages-h2 java -cp $J dev.neonoauth.benchmarks.load.LoadMain pages --threads 8 --duration 60s
run load-login-pg java -cp $J dev.neonoauth.benchmarks.load.LoadMain login --threads 8 --duration 60s --db postgres --sandbox process
run load-pages-pg java -cp $J dev.neonoauth.benchmarks.load.LoadMain pages --threads 8 --duration 60s --db postgres --sandbox process
run soak-pg java -cp $J dev.neonoauth.benchmarks.load.LoadMain soak --rate 20 --duration 600s --db postgres --sandbox process --state-ttl 120s --session-idle-minutes 2
run soak-h2 java -cp $J dev.neonoauth.benchmarks.load.LoadMain soak --rate 20 --duration 600s --state-ttl 120s --session-idle-minutes 2
echo DONE > $O/DONE
