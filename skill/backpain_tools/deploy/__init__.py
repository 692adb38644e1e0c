"""Deploy tooling: build-rule checks for the model and manifest, and Lambda packaging."""
