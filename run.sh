#!/usr/bin/env bash
# Builds what is needed and runs Chronoflow on its embedded defaults:
# H2 under ./data, an embedded Redis, the demo worker and the example jobs from ./bpmn.
# Any argument is passed to the engine, e.g. ./run.sh --server.port=9090
set -euo pipefail
cd "$(dirname "$0")"
echo "building the engine (first time: a few minutes while Maven downloads dependencies)..."
./mvnw -q -B -DskipTests -pl engine,workers/app -am package
exec java -jar engine/target/chronoflow-engine.jar "$@"
