"""`python -m eval` (`make eval`): score the NLP stage against the third-party gold data; skips if absent."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from eval.runner import main_eval


class _Parser(argparse.ArgumentParser):
    """Argument errors are one line on stderr."""
    def error(self, message: str):
        self.exit(2, f"{self.prog}: {message} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m eval", description=__doc__.split("\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=None,
                        help="gold data folder (default: NEWSEVENTS_EVAL_DIR, else <repo>/../shared/eval)")
    parser.add_argument("--out", type=Path,
                        default=Path(os.environ.get("NEWSEVENTS_DATA_DIR", "data")) / "eval" / "latest.json",
                        help="where to write the figures as JSON (default: $NEWSEVENTS_DATA_DIR/eval/latest.json)")
    parser.add_argument("--limit", type=int, default=None, help="at most N items per dataset (quick runs)")
    parser.add_argument("--only", default="",
                        help="comma-separated dataset names to score (default: all), e.g. plover-gsr,challenge")
    parser.add_argument("--workers", type=int, default=2, help="processes for the polnear articles (default 2)")
    return parser


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    args = build_parser().parse_args(argv)
    only = tuple(name.strip() for name in args.only.split(",") if name.strip())
    return main_eval(eval_dir=args.eval_dir, out=args.out, limit=args.limit, workers=args.workers, only=only)


if __name__ == "__main__":
    sys.exit(main())
