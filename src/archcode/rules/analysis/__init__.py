"""Analyses the rule catalogue shares: backups, placement, reachability, traffic paths, IAM."""
