"""Qt models."""
