"""How `make test` shares the suite between two workers (`pytest -n 2 --dist loadfile`, pytest-xdist).

Each test file is one unit of work (its module fixtures run once, on one worker), except the two Airflow service
stacks (tests/scaleout/test_celery_workers.py, test_production_airflow.py), which form one unit: each starts
PostgreSQL, the Airflow services and workers, and two of them side by side on two cores would slow both towards
their run timeouts. Units go to the workers in collection order, so the long tiers are collected first: the
stacks and the crash and rerun tier start at once and the many short unit and golden files fill the other worker
around them. Only the order and the grouping change; every test builds its own inputs in temp dirs. A plain
`pytest` (no -n) runs the same tests one after another.
"""

from __future__ import annotations

from pathlib import Path

import pytest

#: Tiers by how early their files should start; a tier not named here comes last, in pytest's order.
TIER_ORDER = ("scaleout", "reliability", "integration", "golden", "unit")
#: Files that form one unit of work, run one after the other on one worker (name -> files from the rootdir).
SERIAL_GROUPS = {"airflow-service-stacks": ("tests/scaleout/test_celery_workers.py",
                                            "tests/scaleout/test_production_airflow.py")}


def _tier_rank(item, root: Path) -> int:
    """A test's place in TIER_ORDER by its folder under tests/ (relative to the rootdir, wherever the clone is)."""
    parts = item.path.relative_to(root).parts
    tier = parts[1] if len(parts) > 2 and parts[0] == "tests" else ""
    return TIER_ORDER.index(tier) if tier in TIER_ORDER else len(TIER_ORDER)


def unit_of_work(nodeid: str) -> str:
    """The unit a test belongs to: its file, or the serial group that holds its file."""
    file = nodeid.split("::", 1)[0]
    return next((name for name, files in SERIAL_GROUPS.items() if file in files), file)


def pytest_collection_modifyitems(session, config, items) -> None:
    """Long tiers first; a stable sort keeps pytest's order inside a tier, so each file stays contiguous."""
    items.sort(key=lambda item: _tier_rank(item, config.rootpath))


@pytest.hookimpl(optionalhook=True)  # a pytest-xdist hook: ignored when xdist is not installed
def pytest_xdist_make_scheduler(config, log):
    """With `--dist loadfile`, units of work as `unit_of_work` says (xdist's own grouping is by file only)."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class UnitsOfWork(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return unit_of_work(nodeid)

    return UnitsOfWork(config, log)
