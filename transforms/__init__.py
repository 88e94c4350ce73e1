"""Pure transforms of the newsevents pipeline."""
