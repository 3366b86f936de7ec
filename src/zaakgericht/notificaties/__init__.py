"""Notifications: the outbox that every change writes to, and (later) kanalen and abonnementen."""
