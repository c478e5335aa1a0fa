"""Printers of reachability answers and matrices: ``text`` (terminal) and ``json``."""

from .json import answer_json, matrix_json_chunks
from .text import answer_text, matrix_text_lines

__all__ = ["answer_json", "answer_text", "matrix_json_chunks", "matrix_text_lines"]
