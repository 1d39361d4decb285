"""kroniek: Dutch-language news to an event chronicle."""

from kroniek.models import Article, Doc, Entity, Event, IngestError, Place, Quote, TimeRef

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Doc",
    "Entity",
    "Event",
    "IngestError",
    "Place",
    "Quote",
    "TimeRef",
    "__version__",
]
