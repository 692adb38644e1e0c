#!/usr/bin/env bash
# ASK CLI v2 build hook. When hooks/build.sh exists, `ask deploy` runs it instead of its own pip
# build, from a scratch copy of lambda/ (.ask/lambda), with the zip it will upload to Lambda as $1
# and its --debug flag as $2. The skill core lives in skill/backpain, outside lambda/, so we
# build the zip the one way this project builds it: `backpain package` (see docs/deploy.md). It also
# fails the deploy if the skill package ask-cli has just uploaded (build/skill-package) was stale.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
zip_path="$1"
if [ -x "$root/.venv/bin/backpain" ]; then
    backpain="$root/.venv/bin/backpain"
elif command -v backpain >/dev/null 2>&1; then
    backpain="backpain"
else
    echo "hooks/build.sh: the backpain command is not installed; run scripts/install first" >&2
    exit 1
fi
cd "$root"
exec "$backpain" package --ask-hook "$zip_path"
