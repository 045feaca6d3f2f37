#!/usr/bin/env bash
# Build the image (Cloud Build) and write the Flex Template spec to GCS.  Run from the repository root.
#   PROJECT=my-proj REGION=europe-west1 BUCKET=my-bucket pipelines/dataflow/build_template.sh
set -euo pipefail
: "${PROJECT:?}" "${REGION:?}" "${BUCKET:?}"
REPO="${REPO:-newsbeam}"                       # Artifact Registry docker repository
TAG="${TAG:-$(git rev-parse --short HEAD 2>/dev/null || date -u +%Y%m%d%H%M)}"
IMAGE="${REGION}-docker.pkg.dev/${PROJECT}/${REPO}/newsbeam:${TAG}"
SPEC="gs://${BUCKET}/templates/newsbeam.json"

gcloud artifacts repositories describe "$REPO" --project "$PROJECT" --location "$REGION" >/dev/null 2>&1 ||
  gcloud artifacts repositories create "$REPO" --project "$PROJECT" --location "$REGION" --repository-format docker
gcloud builds submit --project "$PROJECT" --region "$REGION" \
  --config pipelines/dataflow/cloudbuild.yaml --substitutions "_IMAGE=${IMAGE}" .
gcloud dataflow flex-template build "$SPEC" --project "$PROJECT" \
  --image "$IMAGE" --sdk-language PYTHON --metadata-file pipelines/dataflow/metadata.json
echo "template: $SPEC"
echo "image:    $IMAGE"
