"""MkDocs adapters: thin plugins over the domain core in `academy.core`."""
