"""avtale: Norwegian public agreements as validated YAML, built to DOCX, PDF, HTML and Markdown."""

__version__ = "0.1.0"
