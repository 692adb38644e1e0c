"""The offline desktop device: a Python peer of Bespoken's virtual-alexa."""
