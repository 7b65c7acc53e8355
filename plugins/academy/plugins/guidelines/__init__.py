"""The `academy-guidelines` plugin: version line, workshop cross-references, changes and print pages."""
