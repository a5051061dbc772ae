"""The `archcode` command line: one verb per job.

Each verb lives in its own module under `archcode.verbs` and registers itself on `app`; every
module there is imported below, so adding a verb touches no other file. A verb states its
options as plain `option`/`argument` values (this module turns them into the standard library's
argparse parsers) and imports nothing heavy at the top: what a verb needs (the model, boto3, the
renderers) is imported when it runs, so `archcode --help` or a `check` in a pre-commit hook
does not pay for the rest (tests/test_startup.py keeps it so).

Exit codes everywhere: 0 clean, 1 findings at or above --fail-on, 2 bad input or usage,
3 internal error (a traceback only with --debug).
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import gc
import importlib
import itertools
import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, NoReturn, TypeVar

from archcode import __version__
from archcode.errors import InputError, UsageError, shown
from archcode.io import os_problem
from archcode.pydantic_plugins import skip_plugin_search

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report a process SIGINT stopped

Verb = TypeVar("Verb", bound=Callable[..., None])


@dataclass(frozen=True)
class Option:
    """An option of a verb: `--flag VALUE`, passed to the verb as the keyword `dest`."""

    flags: tuple[str, ...]
    help: str
    dest: str
    default: Any = None
    choices: type[StrEnum] | None = None  # exactly these values; the verb gets the member
    type: Callable[[str], Any] | None = None  # int, Path: a value it rejects is a usage error
    flag: bool = False  # no value: True when given
    repeat: bool = False  # may be given again: the verb gets a list (None when never given)
    nargs: int | None = None  # takes this many values (a list)
    metavar: str | tuple[str, ...] | None = None
    range: tuple[int, int] | None = None  # an int from..to, both included


@dataclass(frozen=True)
class Argument:
    """A positional argument of a verb: one value, or with `nargs` "+" one or more, "?" maybe."""

    dest: str
    help: str
    nargs: str | None = None
    metavar: str | None = None


Param = Option | Argument


def option(
    *flags: str,
    help: str,
    dest: str | None = None,
    default: Any = None,
    choices: type[StrEnum] | None = None,
    type: Callable[[str], Any] | None = None,
    flag: bool = False,
    repeat: bool = False,
    nargs: int | None = None,
    metavar: str | tuple[str, ...] | None = None,
    range: tuple[int, int] | None = None,
) -> Option:
    """An option named by its flags, the long one first; `dest` is the long one's name."""
    name = dest or flags[0].lstrip("-").replace("-", "_")
    default = False if flag else default
    return Option(flags, help, name, default, choices, type, flag, repeat, nargs, metavar, range)


def argument(
    dest: str, help: str, nargs: str | None = None, metavar: str | None = None
) -> Argument:
    return Argument(dest, help, nargs, metavar)


class Command:
    """A verb (its options and the function that does its work), or a group of sub-verbs that
    may do work of its own when none is named (`archcode rules`, `archcode audit`)."""

    def __init__(
        self,
        name: str,
        help: str = "",
        params: Sequence[Param] = (),
        action: Callable[..., None] | None = None,
    ) -> None:
        self.name, self.help, self.params, self.action = name, help, tuple(params), action
        self.commands: dict[str, Command] = {}

    def command(self, *params: Param, name: str | None = None) -> Callable[[Verb], Verb]:
        """Register the decorated function as a verb; its docstring is the verb's help."""

        def register(function: Verb) -> Verb:
            verb = name or function.__name__.replace("_", "-")
            self.commands[verb] = Command(verb, function.__doc__ or "", params, function)
            return function

        return register

    def group(self, name: str, help: str) -> Command:
        """A verb made of sub-verbs (`archcode prices refresh`)."""
        self.commands[name] = group = Command(name, help)
        return group

    def callback(self, *params: Param) -> Callable[[Verb], Verb]:
        """The group's own work, run when no sub-verb is named."""

        def register(function: Verb) -> Verb:
            self.params, self.action = params, function
            return function

        return register

    def description(self) -> str:
        own = self.action.__doc__ if self.commands and self.action else None
        return "\n\n".join(_cleaned(text) for text in (self.help, own) if text)

    def summary(self) -> str:
        """The first sentence of the help: the verb's line in its group's list."""
        first = " ".join(_cleaned(self.help).split("\n\n")[0].split())
        end = first.find(". ")
        return first if end < 0 else first[: end + 1]


app = Command(
    "archcode", "An AWS architecture as code: validate, draw, check and price one typed model."
)
_state = {"debug": False, "gc": True}

InputFormat = option(
    "--input-format",
    default="auto",
    metavar="FORMAT",
    help="auto (detected; the default), archcode, cloudformation or terraform (plan JSON).",
)
Output = option("--output", "-o", metavar="FILE", help="Write here instead of standard output.")


def debugging() -> bool:
    """Whether --debug was given: tracebacks of contained errors go to standard error too."""
    return bool(_state["debug"])


def _cleaned(doc: str) -> str:
    """A docstring without the indentation of its continuation lines."""
    first, _, rest = doc.strip().partition("\n")
    lines = rest.splitlines()
    indent = min((len(ln) - len(ln.lstrip()) for ln in lines if ln.strip()), default=0)
    return "\n".join([first, *(ln[indent:].rstrip() for ln in lines)]).strip()


def _register_verbs() -> None:
    # From sys.modules: the package may be importing this module (archcode/verbs/__init__.py).
    verbs = importlib.import_module("archcode.verbs")
    # The directory listed directly: pkgutil (and what it imports) costs more than the listing.
    names = {entry.removesuffix(".py") for path in verbs.__path__ for entry in os.listdir(path)}
    for module in sorted(names):
        if module.isidentifier() and not module.startswith("_"):
            importlib.import_module(f"archcode.verbs.{module}")


class _Help(argparse.RawDescriptionHelpFormatter):
    """Docstrings' own line breaks; `-f, --format {text,json}` with the values shown once."""

    def add_argument(self, action: argparse.Action) -> None:
        if isinstance(action, argparse._SubParsersAction):  # its verbs, a line each
            for verb in action._get_subactions():
                super().add_argument(verb)
        else:
            super().add_argument(action)

    def _format_action_invocation(self, action: argparse.Action) -> str:
        if not action.option_strings or action.nargs == 0:
            return super()._format_action_invocation(action)
        flags = sorted(action.option_strings, key=lambda f: f.startswith("--"))
        return f"{', '.join(flags)} {self._format_args(action, action.dest.upper())}"


_NUMBER = re.compile(r"-\d+|-\d*\.\d+")  # an argument to argparse, not an option


class _Parser(argparse.ArgumentParser):
    """A verb's parser: options and arguments in any order, as `archcode check a.yaml -f json
    b.yaml`, and an option's value may start with a dash (`--external-id -x1`), as click allowed.

    argparse alone reads a value starting with a dash as an option, and its intermixed parse
    (Python 3.11) reads words after `--` as options too. So a verb's words are put in order
    first: each option with its value as one word (`--external-id=-x1`, `-o-x1`), the options,
    then `--`, then the arguments, and everything after a `--` given is an argument. A parser of
    sub-verbs (`archcode audit history`) parses as usual.
    """

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        words = list(sys.argv[1:] if args is None else args)
        if self._subparsers is not None:
            parsed, extra = super().parse_known_args(words, namespace)
        else:
            options, arguments, unknown = self._in_order(words)
            if unknown:  # named first, not a missing argument after it
                self.error(f"unrecognized arguments: {unknown[0]}")
            ordered = [*options, "--", *arguments] if arguments else options
            parsed, extra = super().parse_known_args(ordered, namespace)
        if extra:  # named by this verb's parser, not the top one
            self.error(f"unrecognized arguments: {' '.join(extra)}")
        return parsed, extra

    def _action(self, word: str) -> argparse.Action | None:
        """The option a word names (`--format`, `--format=json`, `-f`, `-fjson`), if any."""
        known = self._option_string_actions
        if word.startswith("--"):
            return known.get(word.split("=", 1)[0])
        return known.get(word) or known.get(word[:2])

    def _in_order(self, words: list[str]) -> tuple[list[str], list[str], list[str]]:
        """The options (each with its value in the same word), the arguments, and the words
        that name no option of this verb."""
        options: list[str] = []
        arguments: list[str] = []
        unknown: list[str] = []
        rest = iter(words)
        for word in rest:
            if word == "--":
                arguments.extend(rest)
                break
            if not word.startswith("-") or word == "-" or _NUMBER.fullmatch(word):
                arguments.append(word)
                continue
            action = self._action(word)
            if action is None:
                unknown.append(word)
            attached = "=" in word if word.startswith("--") else len(word) > 2
            if action is None or attached or action.nargs == 0:
                options.append(word)
            elif action.nargs is None:  # one value: the next word, whatever it starts with
                value = next(rest, None)
                if value is None:
                    options.append(word)  # argparse says the value is missing
                else:
                    options.append(f"{word}={value}" if word.startswith("--") else word + value)
            else:  # a fixed number of values (cost --compare A B)
                count = action.nargs if isinstance(action.nargs, int) else 0
                options.extend([word, *itertools.islice(rest, count)])
        return options, arguments, unknown

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_INPUT, f"{self.prog}: error: {message}\n")


def _in_range(low: int, high: int) -> Callable[[str], int]:
    def checked(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} is not in the range {low}..{high}")
        return value

    return checked


def _usage(prog: str, command: Command) -> str:
    words = [prog, "[OPTIONS]"]
    for param in command.params:
        if isinstance(param, Argument):
            name = param.metavar or param.dest.upper()
            shapes = {"+": f"{name} [{name} ...]", "?": f"[{name}]"}
            words.append(shapes.get(param.nargs or "", name))
    if command.commands:
        words.append("[VERB ...]" if command.action else "VERB ...")
    return " ".join(words)


def _add_param(parser: argparse.ArgumentParser, param: Param) -> None:
    text = param.help.replace("%", "%%")  # argparse %-formats each help text
    if isinstance(param, Argument):
        metavar = param.metavar or param.dest.upper()
        parser.add_argument(param.dest, help=text, nargs=param.nargs, metavar=metavar)
        return
    if param.range is not None:
        text += f" [{param.range[0]}..{param.range[1]}]"
    if param.default is not None and param.default is not False:
        text += f" [default: {param.default}]".replace("%", "%%")
    kwargs: dict[str, Any] = {"dest": param.dest, "default": param.default, "help": text}
    if param.flag:
        parser.add_argument(*param.flags, action="store_true", **kwargs)
        return
    kwargs["metavar"] = param.metavar or param.flags[0].lstrip("-").upper()
    if param.choices is not None:
        kwargs["choices"] = [member.value for member in param.choices]
        kwargs["metavar"] = param.metavar or f"{{{','.join(kwargs['choices'])}}}"
    if param.range is not None:
        kwargs["type"] = _in_range(*param.range)
    elif param.type is not None:
        kwargs["type"] = param.type
    if param.nargs is not None:
        kwargs["nargs"] = param.nargs
    parser.add_argument(*param.flags, action="append" if param.repeat else "store", **kwargs)


def _add_verbs(
    parser: argparse.ArgumentParser, command: Command, prog: str, only: str | None = None
) -> None:
    verbs = parser.add_subparsers(title="verbs", metavar="VERB", parser_class=_Parser)
    for name in [only] if only else sorted(command.commands):
        sub = command.commands[name]
        child = verbs.add_parser(
            name,
            prog=f"{prog} {name}",
            help=sub.summary(),
            description=sub.description(),
            usage=_usage(f"{prog} {name}", sub),
            formatter_class=_Help,
            add_help=False,
            allow_abbrev=False,
        )
        child.add_argument("--help", action="help", help="Show this message and exit.")
        for param in sub.params:
            _add_param(child, param)
        child.set_defaults(_command=sub, _parser=child)
        if sub.commands:
            _add_verbs(child, sub, f"{prog} {name}")


def parser(verb: str | None = None) -> argparse.ArgumentParser:
    """The command line as one argparse parser, a sub-parser per verb; given `verb`, the
    top-level parser holds that verb's sub-parser alone (see `_named_verb`)."""
    top = _Parser(
        prog="archcode",
        description=app.help,
        usage="archcode [--version] [--debug] VERB ...",
        formatter_class=_Help,
        add_help=False,
        allow_abbrev=False,
    )
    top.add_argument("--help", action="help", help="Show this message and exit.")
    top.add_argument(
        "--version", action="version", version=f"archcode {__version__}", help="Print the version."
    )
    top.add_argument("--debug", action="store_true", help="Show tracebacks of errors.")
    top.set_defaults(_command=app, _parser=top)
    _add_verbs(top, app, "archcode", verb)
    return top


def _named_verb(args: list[str]) -> str | None:
    """The verb `args` plainly run, if they do: its parser alone parses them.

    Building every verb's parser (each option of each) is a few milliseconds of every run; the
    one verb's parser gives the same parse, help and errors for it. Anything else (no verb, a
    misspelled one, an option other than --debug before it, --help at the top) gets them all.
    """
    verb = next((arg for arg in args if arg != "--debug"), None)
    return verb if verb in app.commands else None


def _run(args: list[str]) -> int:
    """Parse `args` and run the verb they name; usage errors exit 2 (SystemExit)."""
    parsed = parser(_named_verb(args)).parse_args(args)
    _state["debug"] = parsed.debug
    command: Command = parsed._command
    if command.action is None:  # `archcode`, `archcode prices`: which verb?
        parsed._parser.print_help(sys.stderr)
        return EXIT_INPUT
    values = {}
    for param in command.params:
        value = getattr(parsed, param.dest)
        if isinstance(param, Option) and param.choices is not None and value is not None:
            value = param.choices(value)
        values[param.dest] = value
    # The verb's own work runs with the collector as `main` found it (see `main`).
    if _state["gc"]:
        gc.enable()
    command.action(**values)
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code.

    argparse reports usage errors itself (exit 2); archcode's own errors and anything
    unexpected are turned into one-line messages here.
    """
    args = sys.argv[1:] if argv is None else argv
    # Until the verb starts (the parse, the verb modules' imports), nothing made is garbage:
    # collections then only walked the new objects again, a tenth of a small check's time.
    # The verb's own work runs with the collector as it was.
    _state["gc"] = gc.isenabled()
    _state["debug"] = False
    gc.disable()
    try:
        return _run(args)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (EXIT_OK if exc.code is None else 1)
    except InputError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_INPUT
    except UsageError as exc:
        print(f"archcode: {shown(str(exc))}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:  # Ctrl-C: the shells' 128 + SIGINT, no traceback
        print("archcode: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
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


def _internal(exc: Exception) -> int:
    if _state["debug"]:
        import traceback

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
