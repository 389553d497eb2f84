"""A small service whose findings exercise every output format and suppression style."""
