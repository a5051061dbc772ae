"""Sources of the model: the archcode YAML format, CloudFormation templates, Terraform plans.

``load_architecture`` is the one entry every verb uses: it reads a file, standard input or a
directory, detects the format (or takes ``input_format``) and returns the model. Importer
diagnostics (unsupported resource types, values that do not fit) are warnings on stderr unless
the caller collects them in ``diagnostics``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from archcode.collectors.detect import FORMATS, TEMPLATE_SUFFIXES, Format, detect_format
from archcode.collectors.yaml_model import load_yaml_model
from archcode.errors import InputError, Problem, UsageError
from archcode.gcpause import paused_gc
from archcode.io import is_directory, read_text, walk_files
from archcode.model.architecture import Architecture

if TYPE_CHECKING:
    from archcode.collectors import cloudformation
    from archcode.collectors.iac_draft import Draft


def load_architecture(
    path: str,
    input_format: str | None = None,
    *,
    diagnostics: list[Problem] | None = None,
    parameters: Mapping[str, str] | None = None,
) -> Architecture:
    """Read one architecture from a file, "-" (standard input) or a directory of templates.

    A directory is read as one architecture: every template in it (and below it), with ids
    told apart by file name where two templates use the same logical id. ``parameters`` are
    CloudFormation parameter values; they replace the templates' defaults.
    """
    fmt = _format_option(input_format)
    if is_directory(path):
        return _load_directory(path, fmt, diagnostics, parameters)
    name, text = read_text(path)
    found = detect_format(text) if fmt is None else fmt
    if found == "archcode":
        return load_yaml_model(text, name)
    with paused_gc():
        draft = _draft_from([(name, text, found)], PurePath(name).stem, parameters)
        return _finish(draft, diagnostics)


def load_architectures(
    path: str,
    input_format: str | None = None,
    *,
    diagnostics: list[Problem] | None = None,
    parameters: Mapping[str, str] | None = None,
) -> list[tuple[str, Architecture]]:
    """Each file on its own: a file gives itself, a directory one architecture per template."""
    options: dict[str, Any] = {"diagnostics": diagnostics, "parameters": parameters}
    if not is_directory(path):
        return [(path, load_architecture(path, input_format, **options))]
    problems: list[Problem] = []
    found: list[tuple[str, Architecture]] = []
    for file in _template_files(path):
        try:
            found.append((file, load_architecture(file, input_format, **options)))
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    return found


def _format_option(input_format: str | None) -> Format | None:
    if input_format in (None, "auto"):
        return None
    if input_format not in FORMATS:
        raise UsageError(f"unknown input format {input_format!r}; use one of {', '.join(FORMATS)}")
    return input_format  # type: ignore[return-value]


def _template_files(directory: str) -> list[str]:
    files = walk_files(directory, TEMPLATE_SUFFIXES)
    if not files:
        raise InputError([Problem(directory, "no templates (.yaml .yml .json .template) here")])
    return files


def _load_directory(
    directory: str,
    fmt: Format | None,
    diagnostics: list[Problem] | None,
    parameters: Mapping[str, str] | None,
) -> Architecture:
    sources: list[tuple[str, str, Format]] = []
    problems: list[Problem] = []
    for file in _template_files(directory):
        try:
            name, text = read_text(file)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        found = detect_format(text) if fmt is None else fmt
        if found == "archcode":
            problems.append(
                Problem(name, "an archcode document cannot be merged with templates; read it alone")
            )
            continue
        sources.append((name, text, found))
    if problems:
        raise InputError(problems)
    with paused_gc():
        draft = _draft_from(
            sources, PurePath(directory.rstrip("/")).name or "architecture", parameters
        )
        return _finish(draft, diagnostics)


def _draft_from(
    sources: list[tuple[str, str, Format]], name: str, parameters: Mapping[str, str] | None
) -> Draft:
    # Imported here: archcode YAML users never pay for the importers.
    from archcode.collectors import cloudformation, terraform
    from archcode.collectors.iac_draft import Draft

    draft = Draft(name)
    problems: list[Problem] = []
    templates = []
    for file, text, fmt in sources:
        try:
            if fmt == "cloudformation":
                templates.append(cloudformation.parse(text, file))
            else:
                terraform.load_terraform(terraform.parse(text, file), draft)
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    cloudformation.load_cloudformation(
        templates,
        name,
        parameters,
        draft=draft,
        prefixes=_prefixes(templates, set(draft.resources)),
    )
    return draft


def _prefixes(templates: list[cloudformation.Template], taken: set[str]) -> dict[str, str]:
    """Templates whose logical ids collide with another's get their file stem as a prefix."""
    from archcode.collectors import cloudformation

    seen: dict[str, int] = {rid: 1 for rid in taken}
    for template in templates:
        for rid in cloudformation.logical_ids(template):
            seen[rid] = seen.get(rid, 0) + 1
    return {
        t.name: f"{PurePath(t.name).stem}."
        for t in templates
        if any(seen[rid] > 1 for rid in cloudformation.logical_ids(t))
    }


def _finish(draft: Draft, diagnostics: list[Problem] | None) -> Architecture:
    from archcode.collectors.iac_draft import print_diagnostics

    try:
        return draft.build()
    finally:
        if diagnostics is None:
            print_diagnostics(draft.diagnostics)
        else:
            diagnostics.extend(draft.diagnostics)


__all__ = ["load_architecture", "load_architectures", "load_yaml_model"]
