"""Talking to the platform: adapters, health monitor, reconciler, simulator (httpx only here)."""
