"""Bringing existing records in: the Board's Excel registers (registers.py)."""
