"""Tests of the interaction model, its paraphrase fixtures, and the model rules checker."""
