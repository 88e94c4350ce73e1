"""`newsevents ddl` and `newsevents dictionary`: documents derived from the table contracts."""

from __future__ import annotations

import argparse

from newsevents.cli.common import EXIT_OK
from newsevents.core.contracts import data_dictionary_markdown, warehouse_ddl


def main(args: argparse.Namespace) -> int:
    print(warehouse_ddl() if args.command == "ddl" else data_dictionary_markdown(), end="")
    return EXIT_OK
