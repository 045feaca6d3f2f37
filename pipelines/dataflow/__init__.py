"""Google Dataflow packaging: Flex Template (Dockerfile, metadata.json, main.py), launch scripts, Airflow DAG."""
