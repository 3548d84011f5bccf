"""Offers to and from a CSV file, one row per option: its columns, reading it, writing it."""
