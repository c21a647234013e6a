"""Campaigns: campaigns, deals and their terms, agreements, results and the report."""
