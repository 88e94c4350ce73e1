"""`python -m bench` (`make bench`): throughput (end-to-end run vs raw spaCy; skips without eval data) and
history (a one-article night on 1k vs 100k articles of history, reruns, disk after 30 nights) and celery
(a 1,000-article night on 1 and 2 Celery workers against `newsevents run`)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from bench.runner import CELERY_ARTICLES, DEFAULT_ARTICLES, main_bench, parse_workers, positive_int


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0],
                                     exit_on_error=False)
    parser.add_argument("--articles", type=positive_int, default=DEFAULT_ARTICLES,
                        help=f"articles in the corpus (default {DEFAULT_ARTICLES}; e.g. 40 for a quick run)")
    parser.add_argument("--eval-dir", type=Path, default=None,
                        help="folder holding articles/ and polnear/ (default: NEWSEVENTS_EVAL_DIR, else "
                             "<repo>/../shared/eval)")
    parser.add_argument("--out", type=Path,
                        default=Path(os.environ.get("NEWSEVENTS_DATA_DIR", "data")) / "bench" / "latest.json",
                        help="where to write the figures as JSON (default: $NEWSEVENTS_DATA_DIR/bench/latest.json)")
    parser.add_argument("--workers", type=parse_workers, default=[1, 2], metavar="1,2",
                        help="process counts to measure, comma-separated (default 1,2)")
    parser.add_argument("--scenario", choices=("all", "throughput", "history", "celery"), default="all",
                        help="throughput (end to end vs raw spaCy), history (a night's cost vs the history it "
                             "lands on, disk after 30 nights), celery (a night on 1 and 2 Celery workers vs "
                             "`newsevents run`), or all three (default)")
    parser.add_argument("--celery-articles", type=positive_int, default=CELERY_ARTICLES,
                        help=f"articles of the celery scenario's night (default {CELERY_ARTICLES})")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse the options (an argument error is one line on stderr, exit 2) and run the benchmark."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except argparse.ArgumentError as exc:
        print(f"{parser.prog}: {exc} (see --help)", file=sys.stderr)
        raise SystemExit(2) from None
    return main_bench(eval_dir=args.eval_dir, articles=args.articles, workers=args.workers, out=args.out,
                      scenario=args.scenario, celery_articles=args.celery_articles)


if __name__ == "__main__":
    sys.exit(main())
