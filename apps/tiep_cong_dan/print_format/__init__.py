"""Official documents (Decree 30/2020 layout): sandboxed templates, one context builder
per document, rendered to PDF (WeasyPrint). See render.py and context.py."""
