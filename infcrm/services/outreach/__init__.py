"""Outreach: interactions, follow-ups, the pipeline board and the dashboard."""
