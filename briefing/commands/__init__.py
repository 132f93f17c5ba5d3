"""The ``briefing`` subcommands, one module each; every module has ``register(subparsers)``.

A command's ``run(args)`` returns the exit code: 0 success, 1 the command found problems (error-severity
findings), 2 bad input. A :class:`~briefing.errors.BriefingError` it raises becomes a one-line message
and exit code 2 in :func:`briefing.cli.main`.
"""

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2
