"""Ingest: inputs of every supported format become ``Article`` records or ``IngestError``s."""

from kroniek.ingest.options import ReadOptions
from kroniek.ingest.sources import iter_articles

__all__ = ["ReadOptions", "iter_articles"]
