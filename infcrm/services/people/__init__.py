"""People: influencers and their accounts, the list, duplicates, merge and the change log."""
