"""Resolving a speaker phrase to who speaks, by families of rules (see resolver.py)."""
from archive.attribution.speakers.resolver import Resolver

__all__ = ["Resolver"]
