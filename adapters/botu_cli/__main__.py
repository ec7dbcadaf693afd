"""`python -m botu_cli` runs the `botu` command line."""

from .main import run

run()
