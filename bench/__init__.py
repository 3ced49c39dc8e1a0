"""`make bench`: measures STAGE's pages, saves, exports and first loads on synthetic shows."""
