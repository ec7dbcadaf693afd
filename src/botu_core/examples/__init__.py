"""Example histories that can be recorded into a store (demo data and test fixtures)."""

from .botu_2021 import BOTU_2021_SLUG, agreement_template, load_botu_2021, terms_2021, terms_2022

EXAMPLES = {"botu-2021": load_botu_2021}

__all__ = ["BOTU_2021_SLUG", "EXAMPLES", "agreement_template", "load_botu_2021", "terms_2021", "terms_2022"]
