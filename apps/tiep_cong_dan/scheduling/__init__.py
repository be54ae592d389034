"""Turning approved petitions into sessions: the calendar, the queue, the agenda with
its slots and bridge points, and the invitations (scheme III.1–III.3, Decree 154
Chapter V)."""
