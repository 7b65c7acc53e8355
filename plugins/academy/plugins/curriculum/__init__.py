"""The `academy-curriculum` plugin: module pages, catalogue, tracks, trainer edition, progress."""
