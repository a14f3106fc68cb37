"""srccheck: check a manuscript's footnote citations against a BibTeX bibliography."""

__version__ = "0.1.0"
