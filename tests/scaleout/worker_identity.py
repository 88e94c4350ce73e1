"""`[core] hostname_callable` of the Celery workers in tests/scaleout/test_celery_workers.py.

Both workers run on this one machine, so the default (the machine's FQDN) would give their task instances the
same hostname; each worker's environment names it instead (SCALEOUT_WORKER_HOSTNAME), as separate machines
would. A real deployment keeps the default.
"""

from __future__ import annotations

import os
import socket


def hostname() -> str:
    return os.environ.get("SCALEOUT_WORKER_HOSTNAME") or socket.getfqdn()
