"""The demo database: realistic made-up people, outreach and campaigns that show every feature.

It writes through the services and bulk inserts like an import would; it is not a use case
of its own, so it lives beside services/, not in it.
"""
