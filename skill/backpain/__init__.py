"""Back Pain Guide: an Alexa skill that answers from NHS back-pain content."""

__version__ = "0.1.0"
