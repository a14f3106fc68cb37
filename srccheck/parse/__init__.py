"""The note parser's pieces; citations.py is its entry point (parse_note, parse_citation, split_note)."""
