"""The ``spark-submit`` entry point of the Spark job.

    spark-submit --master local[2] src/gigatrack/spark/__main__.py INPUT... --out DIR [--published YYYY-MM-DD] \\
        [--db postgresql://...]

(or ``python -m gigatrack.spark ...``, which starts a local session). On a cluster, gigatrack must be
installed on every executor (or shipped with ``--py-files``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="gigatrack.spark", description="Extract gigatrack facts with Spark.")
    parser.add_argument("inputs", nargs="+", help="WARC, JSONL, .txt or .html files, or folders of them")
    parser.add_argument("--out", required=True, help="output folder (Parquet tables articles, facts, errors)")
    parser.add_argument("--published", type=dt.date.fromisoformat, default=None,
                        help="publication date for articles that carry none (YYYY-MM-DD)")
    parser.add_argument("--db", default=None, help="also store every article in this gigatrack database")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    from pyspark.sql import SparkSession

    from gigatrack.spark.job import run

    args = parse_args(argv)
    spark = SparkSession.builder.appName("gigatrack").getOrCreate()  # master and resources from spark-submit
    try:
        summary = run(spark, args.inputs, args.out, published=args.published, db=args.db)
    finally:
        spark.stop()
    print(f"{summary.articles} articles, {summary.facts} facts, {summary.errors} errors; Parquet in {summary.out}")
    return 1 if summary.errors else 0


if __name__ == "__main__":
    sys.exit(main())
