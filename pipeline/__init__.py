"""Pure interpretation stages: layout -> records -> normalised, linked, diffed records."""
__version__ = "0.1.0"
