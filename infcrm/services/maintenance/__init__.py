"""Maintenance: health checks, trash, forget, and the settings kept with the data."""
