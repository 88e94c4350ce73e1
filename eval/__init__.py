"""Development tool, not installed: scores the NLP stage on third-party gold sets (`make eval`, `python -m eval`).

One module per gold set (conll, petrarch_gsr, plover, petrarch_unittest, polnear), each returning a
`tally.DatasetResult`; `metrics` and `codes` hold the shared arithmetic and code normalisation, `predict` runs the
real NLP stage, `report` prints, `runner` ties them together.
"""
