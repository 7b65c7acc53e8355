"""The domain core: content model, validation, quiz scoring.

Nothing in this package imports MkDocs, so the CLI, the plugins and a future
successor of MkDocs share one reading and one validation of the sources.
"""
