"""The quality gate: Great Expectations suites and cross-table checks derived from the contracts."""

import os

# Before great_expectations is first imported (by the gate module): no usage analytics from a batch job.
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
