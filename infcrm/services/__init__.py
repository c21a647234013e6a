"""The use cases: one function per thing a user does, one transaction each.

This package is also the scripting API: it takes plain values and returns frozen dataclasses
or ids, never an ORM object or a session, and it never imports Qt.
"""
