"""Errors that stop a run: they become one line on stderr and exit code 2."""


class InputError(Exception):
    """A file that cannot be read as what it claims to be (missing, binary, undecodable...)."""


class UsageError(Exception):
    """A bad option or configuration value."""
