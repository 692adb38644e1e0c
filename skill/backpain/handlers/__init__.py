"""ask-sdk request handlers: read the request, ask the `Conversation` what to say, render it."""
