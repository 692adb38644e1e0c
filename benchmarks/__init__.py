"""Measures what Back Pain Guide costs, side by side with a bare ask-sdk-core skill."""
