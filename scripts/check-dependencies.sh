#!/usr/bin/env bash
# Which locked dependencies have newer releases, and which have known vulnerabilities
# (pip-audit, against the advisories the package index publishes). Exits non-zero when
# a vulnerability is found, so it can run as a scheduled CI job.
set -euo pipefail
cd "$(dirname "$0")/.."
tools=$(mktemp -d)
trap 'rm -rf "$tools"' EXIT
python3 -m venv "$tools"
"$tools/bin/pip" install -q pip-audit
echo "== Newer releases of the locked packages"
.venv/bin/pip list --outdated --format=columns || true
echo "== Known vulnerabilities in requirements/test.txt (which includes run.txt)"
report="$tools/audit.txt"
status=0
"$tools/bin/pip-audit" --requirement requirements/test.txt --require-hashes --disable-pip \
  --progress-spinner off >"$report" 2>&1 || status=$?
cat "$report"
# An index that serves packages but not their advisories leaves every pin unaudited:
# that is a failed check, not a clean one.
if grep -q "could not be audited" "$report"; then
  echo "Audit incomplete: the vulnerability service could not be reached for some pins." >&2
  exit 2
fi
exit "$status"
