"""Apache Spark: the same read -> clean -> extract functions over inputs partitioned across executors.

Needs the ``spark`` extra (``pip install 'gigatrack[spark]'``, which brings pyspark) and a Java runtime.
Run it with ``gigatrack spark`` or ``spark-submit``; see ``gigatrack.spark.__main__``.
"""

from __future__ import annotations

from gigatrack.spark.job import JobSummary, extract_file, input_files, run

__all__ = ["JobSummary", "extract_file", "input_files", "run"]
