"""Tests of the deploy tooling: the Lambda zip, the skill package, the manifest and model checks."""
