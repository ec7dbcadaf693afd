"""The library's version, on its own so that any module can name it (a round records
the version that counted it) without importing the whole package."""

__version__ = "0.1.0"

__all__ = ["__version__"]
