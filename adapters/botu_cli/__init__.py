"""botu_cli: the `botu` command line, a thin front end over ``botu_core``.

It turns arguments into the library's commands and prints the library's views as
tables (Dutch or English) or as one JSON document. It holds no rules of its own.
"""

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    from .main import main as _main

    return _main(argv)
