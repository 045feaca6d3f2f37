"""The one definition of newsbeam's output records (pydantic), and the Parquet schemas derived from it."""
from schemas.article import (  # noqa: F401
    Article,
    DuplicateRecord,
    Entity,
    RejectRecord,
    RelationRecord,
    RELATION_SCHEMA,
    arrow_schema,
    ARTICLE_SCHEMA,
    ARTICLE_FILE_SCHEMA,
    ARTICLE_PARTITION_COLUMNS,
    DUPLICATE_SCHEMA,
    REJECT_SCHEMA,
    PIPELINE_VERSION,
)
