"""Periodic audits with history: stored runs and what changed between them."""
