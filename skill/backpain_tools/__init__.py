"""The `backpain` command: talk to the skill offline, serve it, package and validate it."""
