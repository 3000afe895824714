"""Apache Spark: the snapshot's Parquet files read by a Spark session, local or a cluster's."""

from bilateral.engine.contract import EngineFactory
from bilateral.engine.spark.engine import SparkEngine
from bilateral.engine.spark.session import spark_session

open_engine: EngineFactory = SparkEngine  # the engine keeps the contract (checked by mypy)

__all__ = ["SparkEngine", "open_engine", "spark_session"]
