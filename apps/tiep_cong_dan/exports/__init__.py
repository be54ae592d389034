"""Sending records out: the export for the national database on citizen reception,
complaints and denunciations (national.py; layout in docs/national-export.md)."""
