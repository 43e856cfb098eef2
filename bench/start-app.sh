# Sourced by the benchmarks: starts the app jar on its embedded defaults with its data in a
# temporary folder and on a free port, and stops it (and removes the folder) on exit.
# Sets WORK (the temporary folder), PORT and APP_PID. The embedded Temporal is the default one
# (the CLI's development server when the CLI is found); TEMPORAL=test-server or cli chooses.
# STOP_PIDS lists what is stopped on exit: the app, and whatever the benchmark adds to it.
JAR=app/target/outdial-app.jar
WORK=$(mktemp -d)
STOP_PIDS=
trap 'kill $STOP_PIDS 2>/dev/null || true; wait $STOP_PIDS 2>/dev/null || true; rm -rf "$WORK"' EXIT

[ -f "$JAR" ] || ./mvnw -B -q -DskipTests package

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
OUTDIAL_POSTGRES_EMBEDDED_DATA_DIR="$WORK/pg" OUTDIAL_TEMPORAL_EMBEDDED_PORT=0 \
  OUTDIAL_TEMPORAL_UI_PORT=0 OUTDIAL_TEMPORAL_EMBEDDED_DB="$WORK/temporal.db" \
  OUTDIAL_TEMPORAL_EMBEDDED="${TEMPORAL:-auto}" SERVER_PORT=$PORT \
  java ${JAVA_OPTS:-} -jar "$JAR" > "$WORK/app.log" 2>&1 &
APP_PID=$!
STOP_PIDS=$APP_PID
for _ in $(seq 1 240); do
  curl -sf "localhost:$PORT/actuator/health" > /dev/null && break
  sleep 0.5
done
curl -sf "localhost:$PORT/actuator/health" > /dev/null || { echo "app did not start"; tail -50 "$WORK/app.log"; exit 1; }
grep -o 'Temporal: EMBEDDED [^,]*' "$WORK/app.log" | head -1 >&2 || true

# psql on the app's embedded Postgres, unaligned and tuples only: psql_app -c "SELECT ..."
psql_app() {
  psql -h 127.0.0.1 -p "$(sed -n 4p "$WORK/pg/postmaster.pid")" -U postgres -d outdial -qAt "$@"
}
