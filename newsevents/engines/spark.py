"""Ingest on Apache Spark: clean → parse → code on executors, rows to Parquet, then the store.

An executor of :mod:`newsevents.coding`: the furniture filter, duplicate
decision, batch coder, coding-error rejections and run bookkeeping (with
the claims-ledger linking after the load) are the ones a local run uses.

``pip install newsevents[spark]`` (pyspark; Java 17). The driver streams the
inputs (reading is cheap; the NLP is the cost) in *waves* of documents, each
numbered with its position in the input stream. Per wave:

1. executors clean the documents (``mapPartitions``); the driver collects
   only ``(position, article id)`` and decides, exactly as a local run does,
   which articles are new, which repeat an earlier one in this run
   (rejected as ``duplicate``) and which the store already holds;
2. executors parse and code the new articles (``mapPartitions``: the spaCy
   model is loaded once per Python worker process and reused by every
   partition it runs) and write their rows as Parquet partitioned by
   publication date (:mod:`newsevents.engines.parquet`);
3. unless ``load=False``, the driver loads the wave's Parquet into the store
   in input order, one transaction per ``ingest_batch_docs`` documents — the
   same writes as a local run, so the merged events and every export are
   byte-identical to ``ingest --workers N``.

With ``load=False`` the Parquet datasets are the output (for a lakehouse:
Delta/Iceberg tables, Databricks, EMR, Dataproc); load them later with
:func:`load_parquet`.
"""

from __future__ import annotations

import itertools
import os
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from functools import partial

from .. import __version__
from ..errors import ConfigError
from ..models import Article, Rejected
from ..settings import Settings, load_settings
from . import parquet as P
from .runinfo import model_version, run_record

DEFAULT_MASTER = "local[*]"
# Documents per wave: big enough that the per-wave barrier is small next to the NLP.
DEFAULT_WAVE_DOCS = 20_000


def spark_available() -> str | None:
    """None when pyspark and Java are usable, else the reason they are not.

    >>> spark_available() is None or "install" in spark_available()  # doctest: +SKIP
    True
    """
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed; install it with `pip install newsevents[spark]`"
    java_home = os.environ.get("JAVA_HOME")
    java = os.path.join(java_home, "bin", "java") if java_home else shutil.which("java")
    if not java or not os.path.exists(java):
        return ("Java is not installed (Spark needs Java 17); install it, e.g. "
                "`apt-get install openjdk-17-jre-headless`, or set JAVA_HOME")
    return None


def get_session(master: str | None = None, app_name: str = "newsevents"):
    """A SparkSession for ``master`` (default ``$SPARK_MASTER`` or ``local[*]``).

    Executors run this interpreter (``PYSPARK_PYTHON=sys.executable``) so they
    import the same newsevents; on a cluster, install newsevents[spark] on
    the executors (or ship a packed virtualenv) instead. The web UI is off
    and the driver binds 127.0.0.1 in local mode.

    >>> spark = get_session("local[2]")  # doctest: +SKIP
    """
    reason = spark_available()
    if reason:
        raise ConfigError(f"the spark engine is not available: {reason}")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    os.environ.setdefault("PYTHONHASHSEED", "0")  # the same seed on every executor
    from pyspark.sql import SparkSession

    master = master or os.environ.get("SPARK_MASTER") or DEFAULT_MASTER
    if master.startswith("local"):
        # Keep a local run on loopback: Spark otherwise picks the first non-loopback address.
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    builder = (SparkSession.builder.master(master).appName(app_name)
               .config("spark.ui.enabled", "false")
               .config("spark.python.worker.reuse", "true")
               .config("spark.executorEnv.PYTHONHASHSEED", os.environ["PYTHONHASHSEED"]))
    if master.startswith("local"):
        builder = (builder.config("spark.driver.host", "127.0.0.1")
                   .config("spark.driver.bindAddress", "127.0.0.1"))
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


# -- executor side -------------------------------------------------------------

def _clean_partition(settings: Settings, items: Iterable[tuple]) -> Iterator[tuple]:
    from ..clean import clean_document

    for seq, item in items:
        yield seq, item if isinstance(item, Rejected) else clean_document(item, settings)


def _code_partition(settings: Settings, schemas, base_uri: str, tag: str, decision,
                    index: int, items: Iterable[tuple]) -> Iterator[dict]:
    """Parse and code this partition's new articles; write every row as Parquet."""
    from ..coding import DuplicateGate, code_articles, coding_rejection

    code_seqs, dup_seqs = decision.value
    now = datetime.now(UTC).replace(tzinfo=None)
    rows: dict[str, list[dict]] = {t: [] for t in P.TABLES}
    to_code: list[tuple[int, Article]] = []
    n_events = 0
    for seq, item in items:
        if isinstance(item, Rejected):
            rows["rejections"] += P.rejection_rows(seq, item, None, now)
        elif seq in dup_seqs:
            rows["rejections"] += P.rejection_rows(seq, DuplicateGate.duplicate(item), None, now)
        elif seq in code_seqs:
            to_code.append((seq, item))
    files: list[str] = []
    # Code in slices so a large partition never holds all its rows at once.
    step = max(settings.ingest_batch_docs, 1) * 4
    for i in range(0, len(to_code), step):
        chunk = to_code[i:i + step]
        for (seq, _), coded in zip(chunk, code_articles([a for _, a in chunk], settings)):
            if coded.error:  # recorded as a local run records it
                rows["rejections"] += P.rejection_rows(seq, coding_rejection(coded), None, now)
                continue
            n_events += len(coded.events)
            for table, table_rows in P.coded_rows(seq, coded, None, now).items():
                rows[table] += table_rows
        files += P.write_parts(rows, schemas, base_uri, f"{tag}-{index:05d}-{i // step:04d}")
        rows = {t: [] for t in P.TABLES}
    files += P.write_parts(rows, schemas, base_uri, f"{tag}-{index:05d}-last")
    yield {"files": files, "articles": len(to_code), "events": n_events}


# -- driver side -----------------------------------------------------------------

def ingest_spark(inputs: Iterable[str], store, settings: Settings | None = None,
                 master: str | None = None, parquet_dir: str | None = None, *,
                 load: bool = True, spark=None, wave_docs: int = DEFAULT_WAVE_DOCS,
                 progress=None):
    """Ingest on Spark; returns the same :class:`~newsevents.pipeline.IngestReport` as ``ingest``.

    ``parquet_dir`` (a path or a ``file://``, ``s3://``, ``hdfs://``, ``gs://``
    URI every executor can write) keeps the Parquet datasets; without it
    they go to a temporary folder removed after loading. ``load=False``
    leaves them for a lakehouse and writes only the run record to the store.
    ``spark`` reuses an existing SparkSession (then ``master`` is ignored and
    the session is not stopped).

    >>> from newsevents.store import open_store
    >>> with open_store("news.duckdb") as store:  # doctest: +SKIP
    ...     report = ingest_spark(["corpus.jsonl"], store, master="local[2]",
    ...                           parquet_dir="s3://bucket/newsevents/run1")
    """
    from ..coding import (
        DUPLICATE,
        NEW,
        STORED,
        DuplicateGate,
        IngestReport,
        book_batch,
        drop_site_furniture,
        finish_run,
    )
    from ..ingest import iter_documents

    settings = settings or load_settings()
    if not load and parquet_dir is None:
        raise ConfigError("load=False keeps only the Parquet output, so give parquet_dir")
    inputs = [str(i) for i in inputs]
    own_session = spark is None
    spark = spark or get_session(master)
    sc = spark.sparkContext
    temp_dir = None
    if parquet_dir is None:
        temp_dir = parquet_dir = tempfile.mkdtemp(prefix="newsevents-parquet-")
    report = IngestReport()
    run_id = store.start_run(__version__, model_version(settings.model),
                             run_record(settings, "spark", sc.defaultParallelism), inputs)
    report.run_id = run_id
    schemas = P.store_schemas(store)
    # The furniture filter runs on the driver over the same windows as a local run.
    stream = enumerate(drop_site_furniture(iter_documents(inputs, settings)))
    gate = DuplicateGate()
    slices = max(sc.defaultParallelism * 4, 1)
    try:
        for wave_no in itertools.count():
            wave = list(itertools.islice(stream, wave_docs))
            if not wave:
                break
            cleaned = sc.parallelize(wave, min(slices, len(wave))).mapPartitions(
                partial(_clean_partition, settings)).persist()
            ids = sorted(cleaned.map(
                lambda t: (t[0], None if isinstance(t[1], Rejected) else t[1].id)).collect())
            known = store.known_articles(i for _, i in ids if i)
            verdicts = gate.decide([aid for _, aid in ids], known)
            code_seqs = {seq for (seq, _), v in zip(ids, verdicts) if v == NEW}
            dup_seqs = {seq for (seq, _), v in zip(ids, verdicts) if v == DUPLICATE}
            report.already_stored += sum(1 for v in verdicts if v == STORED)
            decision = sc.broadcast((code_seqs, dup_seqs))
            tag = f"{run_id[:12]}-{wave_no:05d}"
            results = cleaned.mapPartitionsWithIndex(partial(
                _code_partition, settings, schemas, parquet_dir, tag, decision)).collect()
            cleaned.unpersist()
            decision.unpersist()
            files = [f for r in results for f in r["files"]]
            tables = P.read_tables(parquet_dir, files) if files else {}
            reasons = (tables["rejections"].column("reason").to_pylist()
                       if "rejections" in tables else [])
            if load and tables:
                articles = P.load_tables(store, tables, run_id, settings.ingest_batch_docs)
            else:
                articles = len(code_seqs) - reasons.count("coding-error")
            book_batch(report, documents=len(wave), articles=articles,
                       events=sum(r["events"] for r in results), reasons=reasons)
            if progress:
                progress(report.documents, report.articles)
    except BaseException:
        finish_run(store, report, interrupted=True)
        raise
    finally:
        if own_session:
            spark.stop()
        if temp_dir:
            shutil.rmtree(temp_dir, ignore_errors=True)
    return finish_run(store, report, link=load)  # load=False stored nothing to link


def load_parquet(parquet_dir: str, store, run_id: str | None = None,
                 batch_docs: int = 64) -> int:
    """Load Parquet datasets written by ``ingest_spark(..., load=False)`` into a store.

    Rows go in input order, ``batch_docs`` articles per transaction, through
    the same writes as a local run; articles already stored are skipped, so
    loading twice changes nothing. Returns the number of new articles.

    As after every load, the claims ledger is then linked across articles.

    >>> load_parquet("s3://bucket/newsevents/run1", open_store("news.duckdb"))  # doctest: +SKIP
    """
    from ..store.ledger import link_ledger

    written = P.load_tables(store, P.read_tables(parquet_dir), run_id, batch_docs)
    if written:
        link_ledger(store)
    return written
