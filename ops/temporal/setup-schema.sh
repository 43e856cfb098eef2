#!/bin/sh
# One-shot, before the Temporal server starts: brings the schemas of Temporal's two databases to
# the version of the admin-tools image. Safe to run at every start; an upgrade of the server image
# (with the matching admin-tools image) upgrades the schemas here first.
set -eu
: "${POSTGRES_SEEDS:?POSTGRES_SEEDS names the Postgres host}"
: "${POSTGRES_USER:?POSTGRES_USER is required}"
: "${SQL_PASSWORD:?SQL_PASSWORD is required}"
port="${DB_PORT:-5432}"
schemas=/etc/temporal/schema/postgresql/v12

for pair in temporal:temporal temporal_visibility:visibility; do
  database="${pair%%:*}"
  schema="${pair##*:}"
  echo "Bringing the schema of ${database} up to date"
  temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "$port" -u "$POSTGRES_USER" \
    --db "$database" setup-schema -v 0.0
  temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "$port" -u "$POSTGRES_USER" \
    --db "$database" update-schema -d "${schemas}/${schema}/versioned"
done
echo "Temporal's schemas are up to date"
