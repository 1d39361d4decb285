"""Storage behind one small interface: SQLite by default, PostgreSQL for shared deployments."""

from kroniek.store.database import Batch, NewArticle, Store, default_url
from kroniek.store.schema import ANALYSED, PENDING, SKIPPED

__all__ = ["ANALYSED", "PENDING", "SKIPPED", "Batch", "NewArticle", "Store", "default_url"]
