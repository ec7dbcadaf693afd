"""Read models: SQLAlchemy tables projected from the log, and the queries over them."""

from .store import ReadModelStore, make_engine

__all__ = ["ReadModelStore", "make_engine"]
