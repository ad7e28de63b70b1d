"""Errors a user can act on: each names the file and what is wrong, with its own exit code."""

from __future__ import annotations


class TrustplansError(Exception):
    """Base class. `exit_code` is what the CLI exits with."""

    exit_code = 1

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem

    def __reduce__(self) -> tuple[type[TrustplansError], tuple[str, str]]:
        """Pickled as its source and problem (it crosses from page readers to their reader)."""
        return type(self), (self.source, self.problem)


class SourceNotFound(TrustplansError):
    exit_code = 3


class UnsupportedFormat(TrustplansError):
    exit_code = 4


class CorruptFile(TrustplansError):
    exit_code = 5


class EncryptedFile(TrustplansError):
    exit_code = 6


class NoPlanFound(TrustplansError):
    exit_code = 7


class FetchFailed(TrustplansError):
    exit_code = 8


class LimitExceeded(TrustplansError):
    """Reading the file needed more memory, time or bytes than the configured limits."""

    exit_code = 9
