"""One page across campaigns: each campaign's state and its trends over its snapshots, side by side."""
