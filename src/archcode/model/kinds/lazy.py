"""Stand-ins for the kind model classes: they answer ``isinstance`` without building the class.

Building a kind's pydantic class costs about a millisecond; the rules and analyses import some
fifty of them for their ``isinstance`` checks, and every `archcode check` would pay for all of
them. ``from archcode.model.kinds.lazy import RdsInstance`` gives a class whose ``isinstance``
answers what the real class's would: a resource is an instance of a kind's class exactly when its
``kind`` is that kind (no kind's class derives from another's; tests/test_lazy_kinds.py checks
the two answers agree for every kind). Stand-ins work in tuples, ``A | B`` unions and ``match``
class patterns. Type checkers see the real classes: a module imports them under
``TYPE_CHECKING`` and the stand-ins otherwise::

    if TYPE_CHECKING:
        from archcode.model.kinds.rds_instance import RdsInstance
    else:
        from archcode.model.kinds.lazy import RdsInstance

A stand-in cannot be instantiated, validated or read for fields: code that needs the class
imports it from the kind's module where it is used (its kind is then present anyway).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from archcode.model.base import Resource


class KindCheck(type):
    """Metaclass of the stand-ins: instance checks compare the resource's kind."""

    kind: str
    model_class: str

    def __instancecheck__(cls, instance: object) -> bool:
        return isinstance(instance, Resource) and instance.kind == cls.kind

    def __subclasscheck__(cls, subclass: type) -> bool:
        return (
            isinstance(subclass, type)
            and issubclass(subclass, Resource)
            and subclass.__module__ == f"archcode.model.kinds.{cls.kind}"
            and subclass.__qualname__ == cls.model_class
        )

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        raise TypeError(
            f"{cls.__name__} from archcode.model.kinds.lazy only answers isinstance; import "
            f"the class from archcode.model.kinds.{cls.kind}"
        )

    def __repr__(cls) -> str:
        return f"<stand-in for archcode.model.kinds.{cls.kind}.{cls.model_class}>"


@cache
def _classes() -> dict[str, str]:
    from archcode.model.registry import KINDS

    return {spec.model_class: spec.kind for spec in KINDS}


@cache
def stand_in(class_name: str) -> KindCheck:
    """The stand-in for the kind model class of that name."""
    kind = _classes()[class_name]
    return KindCheck(class_name, (), {"kind": kind, "model_class": class_name})


def __getattr__(name: str) -> KindCheck:
    if name not in _classes():
        raise AttributeError(f"module {__name__!r} has no kind class {name!r}")
    return stand_in(name)
