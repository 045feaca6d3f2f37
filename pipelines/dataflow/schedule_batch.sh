#!/usr/bin/env bash
# Cloud Scheduler -> Dataflow Flex Template launch API, once a day at 01:30 UTC, over yesterday's
# raw files (the {now-1d:...} placeholder in launch_body.json is expanded by main.py at launch time, so the
# fixed Scheduler body still names a new input window every day).
#   PROJECT=p REGION=r BUCKET=b IMAGE=... SA=newsbeam@p.iam.gserviceaccount.com pipelines/dataflow/schedule_batch.sh
# Hourly: SCHEDULE='15 * * * *' and input gs://b/raw/{now-1h:%Y/%m/%d/%H}/* in launch_body.json.
set -euo pipefail  # placeholders in launch_body.json are expanded in UTC: keep the schedule in UTC too
: "${PROJECT:?}" "${REGION:?}" "${BUCKET:?}" "${IMAGE:?}" "${SA:?}"
SCHEDULE="${SCHEDULE:-30 1 * * *}"
body="$(mktemp)"; trap 'rm -f "$body"' EXIT
export BUCKET IMAGE SA
envsubst '${BUCKET} ${IMAGE} ${SA}' < "$(dirname "$0")/launch_body.json" > "$body"
uri="https://dataflow.googleapis.com/v1b3/projects/${PROJECT}/locations/${REGION}/flexTemplates:launch"
verb=create
gcloud scheduler jobs describe newsbeam-daily --project "$PROJECT" --location "$REGION" >/dev/null 2>&1 && verb=update
gcloud scheduler jobs "$verb" http newsbeam-daily --project "$PROJECT" --location "$REGION" \
  --schedule "$SCHEDULE" --time-zone "Etc/UTC" \
  --uri "$uri" --http-method POST --headers "Content-Type=application/json" \
  --message-body-from-file "$body" \
  --oauth-service-account-email "$SA" --oauth-token-scope "https://www.googleapis.com/auth/cloud-platform"
