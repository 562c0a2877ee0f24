"""The error types of the core.

Every public function of the core that is handed bad input raises
:class:`InvalidInput`; its message says what was wrong and what is allowed, and
``param`` names the offending parameter so that the API can turn it into a
problem-details response without guessing.
"""

from __future__ import annotations


class ProgramsError(Exception):
    """Base class of every error the core raises on purpose."""


class InvalidInput(ProgramsError, ValueError):
    """Input that cannot be used, with the parameter named and what is allowed."""

    def __init__(self, param: str, message: str, *, allowed: str | None = None, status: int = 400):
        super().__init__(message)
        self.param = param
        self.message = message
        self.allowed = allowed
        self.status = status

    def __str__(self) -> str:
        return f"{self.param}: {self.message}" + (
            f" (allowed: {self.allowed})" if self.allowed else ""
        )


class UnknownLocation(InvalidInput):
    """A well-formed ZIP or place that we have no coordinates for."""


class StoreUnavailable(ProgramsError):
    """The store cannot be reached or read; callers answer 503 and retry later."""


class StoreError(ProgramsError):
    """A write to the store failed; the caller must not treat the run as complete."""
