"""Airflow / Cloud Composer example: newsbeam daily over yesterday's raw files, then compaction.

Not imported by newsbeam; copy it to the Composer DAG folder and set the Airflow Variables
newsbeam_project, newsbeam_region, newsbeam_bucket, newsbeam_image.  Needs
apache-airflow-providers-google (and apache-airflow-providers-apache-beam for the Beam route).

Airflow passes the data interval, so the input window comes from Jinja (no placeholders needed), and
`max_active_runs=1` keeps two runs from updating the cross-run dedupe index at the same time.
"""
from __future__ import annotations

import datetime as dt

from airflow import DAG
from airflow.models import Variable
from airflow.operators.bash import BashOperator
from airflow.providers.google.cloud.operators.dataflow import DataflowStartFlexTemplateOperator

PROJECT = Variable.get("newsbeam_project", default_var="my-project")
REGION = Variable.get("newsbeam_region", default_var="europe-west1")
BUCKET = Variable.get("newsbeam_bucket", default_var="my-bucket")
IMAGE = Variable.get("newsbeam_image", default_var=f"{REGION}-docker.pkg.dev/{PROJECT}/newsbeam/newsbeam:latest")
DAY = "{{ data_interval_start.strftime('%Y/%m/%d') }}"

with DAG(
    dag_id="newsbeam_daily",
    schedule="30 1 * * *",  # UTC; the run for day D starts on D+1 01:30 over raw/D/*
    start_date=dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc),
    catchup=True,  # backfills one input window per missed day
    max_active_runs=1,
    default_args={"retries": 1, "retry_delay": dt.timedelta(minutes=10)},
    tags=["newsbeam"],
) as dag:
    ingest = DataflowStartFlexTemplateOperator(
        task_id="ingest",
        project_id=PROJECT,
        location=REGION,
        wait_until_finished=True,
        body={
            "launchParameter": {
                "jobName": "newsbeam-{{ ds_nodash }}",
                "containerSpecGcsPath": f"gs://{BUCKET}/templates/newsbeam.json",
                "parameters": {
                    "input": f"gs://{BUCKET}/raw/{DAY}/*",
                    "output": f"gs://{BUCKET}/news",
                    "timezone": "Asia/Shanghai",
                    "run_id": "daily-{{ ds_nodash }}",
                },
                "environment": {
                    "sdkContainerImage": IMAGE,
                    "tempLocation": f"gs://{BUCKET}/tmp",
                    "stagingLocation": f"gs://{BUCKET}/staging",
                    "maxWorkers": 10,
                },
            }
        },
    )

    # Articles of day D keep arriving for a while (late feeds): compact D-2's partitions, which
    # are settled.  Runs wherever `newsbeam[gcp]` is installed (Composer PyPI packages, or the image).
    compact = BashOperator(
        task_id="compact",
        bash_command=f"newsbeam compact --output gs://{BUCKET}/news --date {{{{ macros.ds_add(ds, -2) }}}}",
    )

    ingest >> compact

# The Beam-operator route (no template; the worker builds the graph from the installed package):
#
#   from airflow.providers.apache.beam.operators.beam import BeamRunPythonPipelineOperator
#   from airflow.providers.google.cloud.operators.dataflow import DataflowConfiguration
#   BeamRunPythonPipelineOperator(
#       task_id="ingest_beam", runner="DataflowRunner",
#       py_file="/home/airflow/gcs/dags/newsbeam_main.py",      # a copy of pipelines/dataflow/main.py
#       py_requirements=["newsbeam[gcp]==0.2.0"], py_interpreter="python3", py_system_site_packages=False,
#       pipeline_options={"input": f"gs://{BUCKET}/raw/{DAY}/*", "output": f"gs://{BUCKET}/news",
#                         "temp_location": f"gs://{BUCKET}/tmp", "sdk_container_image": IMAGE},
#       dataflow_config=DataflowConfiguration(job_name="newsbeam-{{ ds_nodash }}", project_id=PROJECT,
#                                             location=REGION, wait_until_finished=True),
#   )
