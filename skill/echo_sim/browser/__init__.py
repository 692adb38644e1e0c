"""`console`: the offline device as a local web page (conversation, screen, JSON)."""
