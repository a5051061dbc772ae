"""Sources of the model: the archcode YAML format (and, as they land, IaC and live AWS)."""

from __future__ import annotations

from archcode.collectors.yaml_model import load_yaml_model
from archcode.io import read_text
from archcode.model.architecture import Architecture


def load_architecture(path: str) -> Architecture:
    """Read one architecture from a file path or "-" (standard input)."""
    name, text = read_text(path)
    return load_yaml_model(text, name)


__all__ = ["load_architecture", "load_yaml_model"]
