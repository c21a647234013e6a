"""Exchange: what goes in and out through files — the people import, its history, export rows."""
