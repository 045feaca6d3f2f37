#!/usr/bin/env bash
# Launch the Flex Template once.  Batch:
#   PROJECT=p REGION=r BUCKET=b IMAGE=... pipelines/dataflow/launch.sh input='gs://b/raw/2026/11/23/*'
# Streaming:
#   ... pipelines/dataflow/launch.sh input_subscription=projects/p/subscriptions/news window_minutes=10
# Any further NAME=VALUE is passed as a template parameter (names: pipelines/dataflow/metadata.json).
set -euo pipefail
: "${PROJECT:?}" "${REGION:?}" "${BUCKET:?}" "${IMAGE:?}"
OUTPUT="${OUTPUT:-gs://${BUCKET}/news}"
params=(--parameters "output=${OUTPUT}" --parameters "sdk_container_image=${IMAGE}")
for kv in "$@"; do params+=(--parameters "$kv"); done
gcloud dataflow flex-template run "newsbeam-$(date -u +%Y%m%d-%H%M%S)" --project "$PROJECT" --region "$REGION" \
  --template-file-gcs-location "gs://${BUCKET}/templates/newsbeam.json" \
  --temp-location "gs://${BUCKET}/tmp" --staging-location "gs://${BUCKET}/staging" \
  "${params[@]}"
