"""One module or folder per screen."""
