"""Outputs: each takes a validated curriculum and writes files."""
