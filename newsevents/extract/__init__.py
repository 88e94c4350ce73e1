"""Extract stage, pure part: raw input records -> cleaned, validated `articles` and `rejected_articles`.

Everything here works on values already in memory: no file or network I/O and no clock reads (the run's
logical time is passed in). Reading files and fetching feeds lives in `newsevents.adapters.sources`.

Flow: a source parses its bytes with `formats` (JSON Lines, text, HTML) or `feeds` (RSS/Atom) into `records`
(`RawRecord`, a candidate article's fields, or `RawReject`, something that could not even be parsed);
`articles.build_articles` validates and cleans each candidate (`validation`, using `cleaning`, `dates`,
`language` and `ids`), deduplicates, and returns the two contract tables plus counts satisfying
``read == accepted + rejected + duplicates``.
"""
