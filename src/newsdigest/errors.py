"""Typed errors: each carries the input's name and reads as one line to the user."""

from __future__ import annotations


class NewsdigestError(Exception):
    """Base class; ``str(err)`` is the one line shown to the user."""


class InputError(NewsdigestError):
    """One input (file, record, request field) could not be read; others go on."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason


class NoArticlesError(NewsdigestError):
    """Nothing usable was found in the inputs."""


class ModelUnavailableError(NewsdigestError):
    """An optional model backend is not installed or its file cannot be loaded."""


class StoreError(NewsdigestError):
    """The store could not be opened or written; nothing partial was committed."""
