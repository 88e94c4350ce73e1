"""`newsevents run` (the five steps in-process, without a scheduler) and `newsevents summary`."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from datetime import UTC, date, datetime
from pathlib import Path

from tqdm import tqdm

from newsevents import pipeline
from newsevents.adapters import storage, workarea
from newsevents.adapters.lakehouse import CatalogBusyError
from newsevents.adapters.objectstore import is_uri
from newsevents.adapters.snapshots import latest_snapshot
from newsevents.adapters.storage import RunLockedError
from newsevents.cli.common import EXIT_FAILED, EXIT_LOCKED, EXIT_OK, EXIT_USAGE, one_line
from newsevents.cli.sql import query_text
from newsevents.config import Settings, configured_landing, usable_cpus
from newsevents.nlp.dictionaries import DictionaryError
from newsevents.pipeline import QualityGateError


def example_sql(night: date) -> str:
    """The summary's example query: the events of that night's partition (not the oldest of the warehouse)."""
    return f"""
SELECT e.event_date, s.name AS source, e.event_code, e.plover_type, t.name AS target
FROM events e
JOIN actors s ON s.actor_id = e.source_actor_id
LEFT JOIN actors t ON t.actor_id = e.target_actor_id
WHERE e.partition_date = DATE '{night.isoformat()}'
ORDER BY e.event_date DESC, e.article_id, e.start_char
LIMIT 12
""".strip()


def _progress(total: int, enabled: bool):
    """A tqdm bar on stderr advanced at the end of every step (and of every transform shard)."""
    if not enabled:
        return None
    bar = tqdm(total=total, desc="newsevents", unit="step", file=sys.stderr)

    def on_step(name: str, phase: str) -> None:
        if phase == "end":
            bar.set_postfix_str(name)
            bar.update(1)

    return bar, on_step


def default_workers(shards: int) -> int:
    """NLP processes when --workers is not given: the usable cores, no more than there are shards."""
    return max(1, min(usable_cpus(), shards))


def run_settings(*, inputs: list[str] | None, feeds: list[str] | None, data_dir: Path, shards: int | None = None,
                 model: str = "") -> Settings:
    """The run's settings: options over environment. `--feed` alone reads no landing folder."""
    if inputs is None and feeds and not configured_landing():
        inputs = []
    return Settings.from_env(data_dir=data_dir, inputs=None if inputs is None else tuple(inputs),
                             feeds=None if feeds is None else tuple(feeds), shards=shards,
                             spacy_model=model or None)


def run_pipeline(*, inputs: list[str] | None, feeds: list[str] | None, data_dir: Path, logical_date: date,
                 shards: int | None = None, workers: int | None = None, model: str = "",
                 progress: bool = False) -> dict:
    """The CLI's settings for `pipeline.run_night`: the five steps in order, in-process."""
    settings = run_settings(inputs=inputs, feeds=feeds, data_dir=data_dir, shards=shards, model=model)
    bar = _progress(3 + settings.shards + 2, progress)
    try:
        return pipeline.run_night(settings, logical_date=logical_date,
                                  workers=workers or default_workers(settings.shards),
                                  on_step=bar[1] if bar else None)
    finally:
        if bar is not None:
            bar[0].close()


#: Third-party loggers: what they say about hostile input belongs in the run log, not on the console.
LIBRARY_LOGGERS = ("great_expectations", "trafilatura", "htmldate", "courlan", "justext", "charset_normalizer",
                   "py.warnings")


def route_library_logs(path: Path) -> None:
    """Send the libraries' WARNING and above to `path` (appended) instead of stderr; a parse error that
    trafilatura logs for one bad page is a reject, not an ERROR line of a successful run."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    for name in LIBRARY_LOGGERS:
        logger = logging.getLogger(name)
        for old in logger.handlers:  # an earlier run's log in this process
            old.close()
        logger.handlers = [handler]
        logger.setLevel(logging.WARNING)
        logger.propagate = False


def _missing_input(settings: Settings, logical_date: date) -> str | None:
    for path in settings.inputs_for(logical_date):
        if not is_uri(path) and not Path(path).exists():
            return path
    return None


def cmd_run(args: argparse.Namespace) -> int:
    logical_date = args.date or datetime.now(UTC).date()
    logging.basicConfig(level=logging.WARNING if args.quiet else logging.INFO,
                        format="%(levelname)s %(name)s %(message)s", stream=sys.stderr)
    settings = run_settings(inputs=args.input, feeds=args.feed, data_dir=args.data_dir, shards=args.shards)
    missing = _missing_input(settings, logical_date)
    if missing:
        print(f"newsevents: input not found: {missing} (give --input PATH or --feed URL, or set "
              "NEWSEVENTS_LANDING)", file=sys.stderr)
        return EXIT_USAGE
    route_library_logs(storage.work_dir(args.data_dir, logical_date).parent / "run.log")
    try:
        pipeline.check_dictionaries()
    except DictionaryError as exc:
        print(f"newsevents: dictionary error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        run_pipeline(inputs=args.input, feeds=args.feed, data_dir=args.data_dir, logical_date=logical_date,
                     shards=args.shards, workers=args.workers, model=args.model,
                     progress=sys.stderr.isatty() and not args.quiet)
    except QualityGateError as exc:
        print(f"newsevents: not published: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except (RunLockedError, CatalogBusyError) as exc:
        print(f"newsevents: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    except Exception as exc:  # noqa: BLE001 - the contract promises a one-line reason, not a traceback
        logging.getLogger("newsevents").debug("run failed", exc_info=True)
        print(f"newsevents: run failed: {one_line(exc)}", file=sys.stderr)
        return EXIT_FAILED
    if not args.quiet:
        print(render_summary(args.data_dir, logical_date=logical_date))
    return EXIT_OK


def render_summary(data_dir: Path, *, logical_date: date | None = None) -> str:
    """A short report of the latest published snapshot: counts, quality, and the night's events."""
    snapshot = latest_snapshot(data_dir)
    if snapshot is None:
        raise FileNotFoundError(f"no published snapshot under {data_dir}/snapshots; run `newsevents run` first")
    manifest = json.loads((snapshot / "manifest.json").read_text(encoding="utf-8"))
    run_date = logical_date or date.fromisoformat(manifest["logical_date"])
    work = workarea.night_location(Settings.from_env(data_dir=data_dir).work_location, run_date)
    stats_at = workarea.child(work, "extract", "stats.json")
    stats = workarea.read_json(stats_at) if workarea.exists(stats_at) else {}
    quality_path = snapshot / "quality.json"
    quality = json.loads(quality_path.read_text(encoding="utf-8")) if quality_path.exists() else {}
    lines = [f"newsevents run {run_date.isoformat()}"]
    if stats:
        lines.append(f"  articles this night: read {stats.get('read')}, accepted {stats.get('accepted')}, "
                     f"rejected {stats.get('rejected')}, duplicates {stats.get('duplicates')}")
        if stats.get("by_reason"):
            reasons = ", ".join(f"{k} {v}" for k, v in sorted(stats["by_reason"].items()))
            lines.append(f"  rejects by reason: {reasons}")
    lines.append(f"  validation: {quality.get('headline', 'n/a')}")
    lines.append(f"  snapshot: {snapshot} (report: {snapshot / 'report.html'})")
    data = {n: e for n, e in manifest["tables"].items() if e.get("kind", "data") == "data"}
    codes = {n: e for n, e in manifest["tables"].items() if e.get("kind") == "code"}
    lines.append("  rows (whole warehouse): " + ", ".join(f"{name} {entry['rows']}" for name, entry in data.items()))
    if codes:
        lines.append("  code tables: " + ", ".join(f"{name} {entry['rows']}" for name, entry in codes.items()))
    lines += ["", f"example query (the events of night {run_date.isoformat()}):"]
    lines.append("  " + example_sql(run_date).replace("\n", "\n  "))
    lines.append(query_text(data_dir, example_sql(run_date)))
    return "\n".join(lines)


def cmd_summary(args: argparse.Namespace) -> int:
    """The summary, or one line naming what is missing or broken (exit 1)."""
    try:
        print(render_summary(args.data_dir))
    except Exception as exc:  # noqa: BLE001 - the contract promises a one-line reason, not a traceback
        print(f"newsevents: cannot read {args.data_dir}: {one_line(exc)}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def main(args: argparse.Namespace) -> int:
    return cmd_run(args) if args.command == "run" else cmd_summary(args)
