"""The command groups of `botu`, one module each (``botu coop …`` is ``coop.py``); ``app``
puts them together."""
