#!/usr/bin/env bash
# npm test: installs what is missing, builds, runs every unit and end-to-end test, prints one
# summary line "N passed, N failed, N skipped" and exits non-zero on any failure or on zero tests.
set -uo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1
bash scripts/setup.sh --browser || exit 1
rm -rf reports apps/*/reports packages/*/reports e2e/reports
npx -y pnpm@12.4.2 exec turbo run build test e2e --continue --output-logs=new-only
status=$?
node scripts/summarize-tests.mjs
summary=$?
if [ $status -ne 0 ]; then exit $status; fi
exit $summary
