"""The quality gate: Great Expectations suites and cross-table checks derived from the contracts.

    suites   derive GX suites from the contracts; render and write `expectations/` (documentation)
    engine   the ephemeral GX context: validation and Data Docs
    checks   cross-table checks (foreign keys, spans, dates, row counts, row rules) from the declarations
    results  one evaluated `Check` and JSON-safe observed values
    gate     `validate_tables` and its `QualityReport`; `python -m newsevents.quality.gate` rewrites expectations/
"""

import os

# Before great_expectations is first imported (by the engine module): no usage analytics from a batch job.
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
