"""The `archcode` command line: one verb per job.

Each verb lives in its own module under `archcode.verbs` and registers itself on `app`; every
module there is imported below, so adding a verb touches no other file. Verb modules import
only typer and their option types at the top: what a verb needs (the model, boto3, the
renderers) is imported when it runs, so `archcode --help` or a `check` in a pre-commit hook
does not pay for the rest (tests/test_startup.py keeps it so).

Exit codes everywhere: 0 clean, 1 findings at or above --fail-on, 2 bad input or usage,
3 internal error (a traceback only with --debug).
"""

from __future__ import annotations

import contextlib
import copy
import errno
import functools
import gc
import importlib
import os
import sys
import traceback
from collections.abc import Callable
from typing import Annotated, Any

import typer
from typer.main import get_command_name
from typer.models import CommandInfo, TyperInfo

from archcode import __version__
from archcode.errors import InputError, UsageError, shown
from archcode.io import os_problem
from archcode.pydantic_plugins import skip_plugin_search

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help and usage errors: typer's rich formatting imports rich's Markdown, Syntax and
    # traceback modules (about 80 ms, more than everything else `--help` needs).
    rich_markup_mode=None,
    help="An AWS architecture as code: validate, draw, check and price one typed model.",
)
_state = {"debug": False, "gc": True}

InputFormat = Annotated[
    str,
    typer.Option(
        "--input-format",
        help="auto (detected; the default), archcode, cloudformation or terraform (plan JSON).",
    ),
]

Output = Annotated[
    str | None, typer.Option("--output", "-o", help="Write here instead of standard output.")
]


def debugging() -> bool:
    """Whether --debug was given: tracebacks of contained errors go to standard error too."""
    return bool(_state["debug"])


def _version(value: bool) -> None:
    if value:
        typer.echo(f"archcode {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of errors.")] = False,
) -> None:
    _state["debug"] = debug


def _register_verbs() -> None:
    # From sys.modules: the package may be importing this module (archcode/verbs/__init__.py).
    verbs = importlib.import_module("archcode.verbs")
    # The directory listed directly: pkgutil (and what it imports) costs more than the listing.
    names = {entry.removesuffix(".py") for path in verbs.__path__ for entry in os.listdir(path)}
    for module in sorted(names):
        if module.isidentifier() and not module.startswith("_"):
            importlib.import_module(f"archcode.verbs.{module}")
    _collect_from_the_verb_on(app)


def _collect_from_the_verb_on(verbs: typer.Typer) -> None:
    """Each verb's work runs with the garbage collector as `main` found it (see `main`)."""
    for command in verbs.registered_commands:
        if command.callback is not None:
            command.callback = _resuming_gc(command.callback)
    for group in verbs.registered_groups:
        if group.typer_instance is None:
            continue
        own = group.typer_instance.registered_callback  # `audit`, `rules`: a verb by itself too
        if own is not None and callable(own.callback):
            own.callback = _resuming_gc(own.callback)
        _collect_from_the_verb_on(group.typer_instance)


def _resuming_gc(callback: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(callback)  # typer reads the verb's options from the wrapped signature
    def verb(*args: Any, **kwargs: Any) -> Any:
        if _state["gc"]:
            gc.enable()
        return callback(*args, **kwargs)

    return verb


def _verb_name(command: CommandInfo | TyperInfo) -> str | None:
    """The name the command line calls a registered verb by, as typer names it."""
    if isinstance(command, CommandInfo):
        if command.name is None and command.callback is not None:
            return get_command_name(command.callback.__name__)
        return command.name
    return command.name if isinstance(command.name, str) else None


def _app_for(argv: list[str]) -> typer.Typer:
    """`app` with only the verb argv runs, when it plainly runs one.

    Typer turns every registered verb (each option of each) into a click command on every
    run: a fifth of what a small `archcode check` costs. A copy holding only the named verb
    gives the same parse, help and errors for it; anything else (no verb, a misspelled one,
    an option other than --debug before it, --help at the top) gets the whole command line.
    """
    verb = next((arg for arg in argv if arg != "--debug"), None)
    if verb is None or verb.startswith("-"):
        return app
    commands = [c for c in app.registered_commands if _verb_name(c) == verb]
    groups = [g for g in app.registered_groups if _verb_name(g) == verb]
    if len(commands) + len(groups) != 1:
        return app
    only = copy.copy(app)
    only.registered_commands, only.registered_groups = commands, groups
    return only


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code.

    Typer handles usage errors itself (exit 2); archcode's own errors and anything unexpected
    are turned into one-line messages here.
    """
    args = sys.argv[1:] if argv is None else argv
    # Until the verb starts (typer's parse, the pydantic adapters it builds for the options),
    # nothing made is garbage: collections then only walked the new objects again, a tenth
    # of a small check's time. The verb's own work runs with the collector as it was.
    _state["gc"] = gc.isenabled()
    gc.disable()
    try:
        _app_for(args)(args=args, prog_name="archcode")
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (EXIT_OK if exc.code is None else 1)
    except InputError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_INPUT
    except UsageError as exc:
        print(f"archcode: {shown(str(exc))}", file=sys.stderr)
        return EXIT_INPUT
    except OSError as exc:
        if not _output_failure(exc):
            return _internal(exc)
        print(os_problem("<stdout>", exc, "cannot write: "), file=sys.stderr)
        return EXIT_INPUT
    except Exception as exc:  # the last line of defence: exit 3, never a bare traceback
        return _internal(exc)
    finally:
        if _state["gc"]:
            gc.enable()
    return EXIT_OK


def _internal(exc: Exception) -> int:
    if _state["debug"]:
        traceback.print_exc()
    print(
        f"archcode: internal error: {type(exc).__name__}: {shown(str(exc))} "
        "(run with --debug for details)",
        file=sys.stderr,
    )
    return EXIT_INTERNAL


# What writing to standard output (a full disk, a closed pipe) raises: files archcode writes
# itself go through archcode.io, which names them; an error without a file name is stdout.
_OUTPUT_ERRNOS = frozenset({errno.ENOSPC, errno.EPIPE, errno.EDQUOT, errno.EFBIG, errno.EIO})


def _output_failure(exc: OSError) -> bool:
    return exc.filename is None and exc.errno in _OUTPUT_ERRNOS


def run() -> None:
    """Console-script entry point."""
    # Pydantic looks for plugins (entry points of every installed distribution) when the first
    # model is built; archcode's own models need none, so its process skips the search (a user
    # who sets the variable, to name plugins to leave out say, keeps theirs).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    skip_plugin_search()  # nor imports what the search would need (archcode.pydantic_plugins)
    code = main()
    try:
        sys.stdout.flush()
    except OSError as exc:
        if not _output_failure(exc):
            raise
        print(os_problem("<stdout>", exc, "cannot write: "), file=sys.stderr)
        code = code or EXIT_INPUT
    if code != EXIT_OK:
        # Nothing more may be flushed into a stdout that failed (no "Exception ignored" noise).
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    # The interpreter's last act is a collection over every object still alive: the model
    # classes, validators and rules a run made, all freed with the process anyway. Frozen,
    # they are left out of it (a fifth of a small check's time; output is flushed above).
    gc.freeze()
    sys.exit(code)


_register_verbs()
