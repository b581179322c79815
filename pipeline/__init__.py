"""fr-extract: structured extraction from French news pages.

    from pipeline import Extractor
    doc = Extractor().extract(text, doc_id="x")
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["Document", "Entity", "Extractor", "read_jsonl", "write_jsonl"]

from pipeline.model import Document, Entity, read_jsonl, write_jsonl


def __getattr__(name: str):
    # The Extractor pulls in spaCy; import it only when asked for.
    if name == "Extractor":
        from pipeline.extractor import Extractor

        return Extractor
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
