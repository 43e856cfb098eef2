#!/bin/sh
# Runs once, when the Postgres volume is first initialised: one server holds Outdial's database
# (POSTGRES_DB) and the two Temporal needs, all owned by POSTGRES_USER.
set -eu
for database in temporal temporal_visibility; do
  echo "Creating database ${database}"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -c "CREATE DATABASE ${database} OWNER \"${POSTGRES_USER}\""
done
