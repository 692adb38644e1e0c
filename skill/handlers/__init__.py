"""ask-sdk request handlers: they read the request, ask `Replies` what to say, and render it."""
