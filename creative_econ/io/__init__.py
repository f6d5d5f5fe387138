"""Readers and writers for published table layouts and other input-output tools."""
