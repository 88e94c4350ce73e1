"""The lakehouse's history: the change feed between two snapshots, and retention.

- `table_changes`: rows inserted and deleted per table between two DuckLake versions, from DuckLake's change
  feed (`ducklake_table_changes`). A night rewrites whole partitions, so a row that was deleted and inserted
  again unchanged (a reclaimed partition's other articles, say) is netted out: what remains is what a
  consumer must apply to go from one snapshot to the other. Deletions are published like insertions.
- `expire`: keep the newest N published snapshots (and whatever `latest` names); expire every DuckLake
  snapshot older than the oldest kept one, delete the manifests of the others, then let DuckLake delete the
  data files no remaining snapshot references (`ducklake_cleanup_old_files`). Files a kept snapshot lists
  are never touched, and the change feed between kept snapshots stays complete.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from newsevents.adapters.lakehouse import ALIAS, MAIN, snapshots
from newsevents.adapters.snapshots import latest_snapshot, parse_snapshot_id, published_snapshots, read_manifest
from newsevents.config import Settings
from newsevents.core.contracts import SNAPSHOT_TABLES, TableContract

_INSERTED = "('insert', 'update_postimage')"
_DELETED = "('delete', 'update_preimage')"


def _net_counts(con: duckdb.DuckDBPyConnection, contract: TableContract, since: int, until: int) -> dict[str, int]:
    cols = ", ".join(contract.schema.names)
    feed = (f"SELECT change_type, {cols} FROM ducklake_table_changes('{ALIAS}', '{MAIN}', '{contract.name}', "
            f"{since + 1}, {until})")
    inserted, deleted = (f"SELECT {cols} FROM feed WHERE change_type IN {_INSERTED}",
                         f"SELECT {cols} FROM feed WHERE change_type IN {_DELETED}")
    row = con.execute(f"WITH feed AS MATERIALIZED ({feed}) SELECT "
                      f"(SELECT count(*) FROM ({inserted} EXCEPT ALL {deleted})), "
                      f"(SELECT count(*) FROM ({deleted} EXCEPT ALL {inserted}))").fetchall()[0]
    return {"inserted": int(row[0]), "deleted": int(row[1])}


def table_changes(con: duckdb.DuckDBPyConnection, since: int, until: int) -> dict[str, dict[str, int]]:
    """{table: {"inserted": n, "deleted": n}} from DuckLake version `since` (exclusive) to `until`."""
    if until <= since:
        return {c.name: {"inserted": 0, "deleted": 0} for c in SNAPSHOT_TABLES}
    return {c.name: _net_counts(con, c, since, until) for c in SNAPSHOT_TABLES}


def _kept(data_dir: Path, keep: int) -> list[Path]:
    """The newest `keep` published snapshots, and the one `latest` names (a backfill can leave it older)."""
    published = published_snapshots(data_dir)
    latest = latest_snapshot(data_dir)
    return [p for i, p in enumerate(published)
            if i >= len(published) - keep or (latest is not None and p.name == latest.name)]


def expire(con: duckdb.DuckDBPyConnection, settings: Settings, *, keep: int, remove_orphans: bool) -> dict:
    """Retention (see the module docstring). `remove_orphans` also removes files no snapshot ever committed
    (a killed run's): only safe while no other writer can be mid-transaction, i.e. under the run lock on an
    embedded catalog."""
    data_dir = Path(settings.data_dir)
    kept = _kept(data_dir, keep)
    if not kept:
        return {"kept": [], "removed_snapshots": [], "expired_versions": [], "deleted_files": []}
    oldest = min(read_manifest(p)["ducklake_version"] for p in kept)
    versions = [s["version"] for s in snapshots(con) if s["version"] < oldest]
    if versions:
        con.execute(f"CALL ducklake_expire_snapshots('{ALIAS}', versions => {versions})")
    deleted = [r[0] for r in con.execute(f"CALL ducklake_cleanup_old_files('{ALIAS}', cleanup_all => true)"
                                         ).fetchall()]
    if remove_orphans:
        deleted += delete_orphans(con)
    names = {p.name for p in kept}
    removed = [p for p in published_snapshots(data_dir) if p.name not in names]
    for path in removed:  # their files may be gone now: a manifest that cannot be read back is not kept
        shutil.rmtree(path)
    return {"kept": [p.name for p in kept], "removed_snapshots": [p.name for p in removed],
            "expired_versions": versions, "deleted_files": sorted(deleted)}


def delete_orphans(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Data files in the data path that no snapshot references (left by a killed transaction)."""
    return [r[0] for r in con.execute(f"CALL ducklake_delete_orphaned_files('{ALIAS}', cleanup_all => true)"
                                      ).fetchall()]


def version_of(root: Path) -> int:
    """The DuckLake version a snapshot folder names."""
    parsed = parse_snapshot_id(Path(root).name)
    return parsed[1] if parsed else int(read_manifest(root)["ducklake_version"])
