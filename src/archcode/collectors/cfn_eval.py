"""CloudFormation intrinsic functions, resolved as far as a template alone allows.

A value that depends on something only known at deploy time (a parameter without a default,
an attribute of a resource, the account id) becomes ``UNKNOWN``, never a guess. A reference to a
resource of the template becomes a ``ResRef``, so the importer can turn it into a model reference
or a connection. Every resource referenced while a value is evaluated is also recorded, whether
or not the value itself resolves (``Fn::Sub`` of a bucket's ARN still links to the bucket).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


class _Unknown:
    """A value the template does not determine."""

    _instance: _Unknown | None = None

    def __new__(cls) -> _Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Any = _Unknown()
NO_VALUE: Any = object()  # AWS::NoValue: the property is removed


@dataclass(frozen=True)
class ResRef:
    """A Ref or Fn::GetAtt naming a resource of the template (attribute None for Ref)."""

    target: str
    attribute: str | None = None


# Availability zones every AWS region has at least (what Fn::GetAZs is sure to return).
_ZONES_EVERY_REGION_HAS = 3

# Pseudo parameters with a value a template alone can give.
_PSEUDO_KNOWN = {"AWS::URLSuffix": "amazonaws.com"}


class Evaluator:
    """Resolves intrinsics against one template's parameters, mappings and conditions."""

    def __init__(
        self,
        template: Mapping[str, Any],
        parameters: Mapping[str, Any] | None = None,
        region: str | None = None,
    ) -> None:
        self.resources: Mapping[str, Any] = _mapping(template.get("Resources"))
        self.mappings: Mapping[str, Any] = _mapping(template.get("Mappings"))
        self.conditions_src: Mapping[str, Any] = _mapping(template.get("Conditions"))
        self.params: dict[str, Any] = {}
        for pname, spec in _mapping(template.get("Parameters")).items():
            given = (parameters or {}).get(pname)
            default = spec.get("Default", UNKNOWN) if isinstance(spec, dict) else UNKNOWN
            value = given if given is not None else default
            ptype = str(spec.get("Type", "")) if isinstance(spec, dict) else ""
            if isinstance(value, str) and (ptype.startswith("List<") or "CommaDelimited" in ptype):
                value = [v.strip() for v in value.split(",")] if value else []
            self.params[pname] = value
        if region:
            self.params.setdefault("AWS::Region", region)
        self._conditions: dict[str, bool | None] = {}
        self._resolving: set[str] = set()
        self.referenced: set[str] = set()  # resources referenced since the last reset
        self.unresolved: set[str] = set()  # names Ref'd that are neither resource nor parameter
        self._symbolic = False

    def text(self, node: Any) -> Any:
        """Like ``value``, but Fn::Sub and Fn::Join keep what they cannot resolve as ${Name}
        placeholders: for policy documents, whose shape matters more than every ARN."""
        self._symbolic = True
        try:
            return self.value(node)
        finally:
            self._symbolic = False

    # --- conditions ----------------------------------------------------------------------
    def condition(self, name: str) -> bool | None:
        """True, False, or None when the condition depends on something unknown."""
        if name in self._conditions:
            return self._conditions[name]
        if name in self._resolving or name not in self.conditions_src:
            return None
        self._resolving.add(name)
        value = self._truth(self.value(self.conditions_src[name]))
        self._resolving.discard(name)
        self._conditions[name] = value
        return value

    @staticmethod
    def _truth(value: Any) -> bool | None:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        return None

    # --- values --------------------------------------------------------------------------
    def value(self, node: Any) -> Any:
        """The resolved value: plain data, ResRef, UNKNOWN, with NO_VALUE entries removed."""
        if isinstance(node, dict):
            if len(node) == 1:
                ((key, arg),) = node.items()
                if key == "Ref":
                    return self._ref(arg)
                if key == "Condition" and isinstance(arg, str):
                    return self.condition(arg) if self.condition(arg) is not None else UNKNOWN
                if key.startswith("Fn::"):
                    return self._function(key[4:], arg)
            out = {}
            for key, item in node.items():
                resolved = self.value(item)
                if resolved is not NO_VALUE:
                    out[key] = resolved
            return out
        if isinstance(node, list):
            return [v for v in (self.value(item) for item in node) if v is not NO_VALUE]
        return node

    def _ref(self, name: Any) -> Any:
        if not isinstance(name, str):
            return UNKNOWN
        if name == "AWS::NoValue":
            return NO_VALUE
        if name in self.params:
            return self.params[name]
        if name in _PSEUDO_KNOWN:
            return _PSEUDO_KNOWN[name]
        if name in self.resources:
            self.referenced.add(name)
            return ResRef(name)
        if not name.startswith("AWS::"):
            self.unresolved.add(name)
        return UNKNOWN

    def _function(self, name: str, arg: Any) -> Any:
        handler = getattr(self, f"_fn_{name.lower()}", None)
        if handler is None:
            self.value(arg)  # still record the resources it mentions
            return UNKNOWN
        return handler(arg)

    def _fn_getatt(self, arg: Any) -> Any:
        if isinstance(arg, str):
            arg = arg.split(".", 1)
        if (
            isinstance(arg, list)
            and len(arg) == 2
            and isinstance(arg[0], str)
            and arg[0] in self.resources
        ):
            self.referenced.add(arg[0])
            attribute = self.value(arg[1])
            return ResRef(arg[0], attribute if isinstance(attribute, str) else None)
        if isinstance(arg, list) and arg and isinstance(arg[0], str):
            self.unresolved.add(arg[0])
        return UNKNOWN

    def _fn_if(self, arg: Any) -> Any:
        if not (isinstance(arg, list) and len(arg) == 3 and isinstance(arg[0], str)):
            return UNKNOWN
        chosen = self.condition(arg[0])
        if chosen is True:
            return self.value(arg[1])
        if chosen is False:
            return self.value(arg[2])
        # Unknown condition: the value is known only when both branches agree.
        when_true, when_false = self.value(arg[1]), self.value(arg[2])
        return when_true if when_true == when_false else UNKNOWN

    def _fn_equals(self, arg: Any) -> Any:
        if not (isinstance(arg, list) and len(arg) == 2):
            return UNKNOWN
        left, right = self.value(arg[0]), self.value(arg[1])
        if _contains_unknown(left) or _contains_unknown(right):
            return UNKNOWN
        return _scalar_text(left) == _scalar_text(right)

    def _fn_not(self, arg: Any) -> Any:
        items = arg if isinstance(arg, list) else [arg]
        inner = self._truth(self.value(items[0])) if items else None
        return UNKNOWN if inner is None else not inner

    def _fn_and(self, arg: Any) -> Any:
        values = [self._truth(self.value(a)) for a in (arg if isinstance(arg, list) else [])]
        if any(v is False for v in values):
            return False
        return True if values and all(v is True for v in values) else UNKNOWN

    def _fn_or(self, arg: Any) -> Any:
        values = [self._truth(self.value(a)) for a in (arg if isinstance(arg, list) else [])]
        if any(v is True for v in values):
            return True
        return False if values and all(v is False for v in values) else UNKNOWN

    def _fn_join(self, arg: Any) -> Any:
        if not (isinstance(arg, list) and len(arg) == 2):
            return UNKNOWN
        sep, items = self.value(arg[0]), self.value(arg[1])
        if not isinstance(sep, str) or not isinstance(items, list):
            return UNKNOWN
        if self._symbolic:
            items = [_placeholder(i) for i in items]
        if any(not isinstance(i, str | int | float) or isinstance(i, bool) for i in items):
            return UNKNOWN
        return sep.join(str(i) for i in items)

    def _fn_select(self, arg: Any) -> Any:
        if not (isinstance(arg, list) and len(arg) == 2):
            return UNKNOWN
        index, items = self.value(arg[0]), self.value(arg[1])
        try:
            position = int(index)
        except (TypeError, ValueError):
            return UNKNOWN
        if isinstance(items, list) and 0 <= position < len(items):
            return items[position]
        return UNKNOWN

    def _fn_getazs(self, arg: Any) -> Any:
        """The region's zones. Which names an account gets is its own business, but the n-th
        entry is a different zone from the m-th: a template that spreads subnets over
        ``!Select [0, !GetAZs '']`` and ``[1, ...]`` is in two zones. Every region has at least
        three, so three are given; a later index stays unknown."""
        region = self.value(arg)
        if not isinstance(region, str) or not region:
            known = self.params.get("AWS::Region")
            region = known if isinstance(known, str) else "${AWS::Region}"
        return [f"zone {n} of {region}" for n in range(1, _ZONES_EVERY_REGION_HAS + 1)]

    def _fn_split(self, arg: Any) -> Any:
        if not (isinstance(arg, list) and len(arg) == 2):
            return UNKNOWN
        sep, text = self.value(arg[0]), self.value(arg[1])
        if isinstance(sep, str) and sep and isinstance(text, str):
            return text.split(sep)
        return UNKNOWN

    def _fn_findinmap(self, arg: Any) -> Any:
        if not (isinstance(arg, list) and len(arg) >= 3):
            return UNKNOWN
        keys = [self.value(a) for a in arg[:3]]
        if not all(isinstance(k, str | int) and not isinstance(k, bool) for k in keys):
            return self.value(arg[3]["DefaultValue"]) if _has_default(arg) else UNKNOWN
        found: Any = self.mappings
        for key in keys:
            found = found.get(str(key)) if isinstance(found, dict) else None
        if found is None:
            return self.value(arg[3]["DefaultValue"]) if _has_default(arg) else UNKNOWN
        return self.value(found)

    def _fn_sub(self, arg: Any) -> Any:
        variables: dict[str, Any] = {}
        if isinstance(arg, list) and len(arg) == 2 and isinstance(arg[1], dict):
            template = arg[0]
            variables = {k: self.value(v) for k, v in arg[1].items()}
        else:
            template = arg
        if not isinstance(template, str):
            return UNKNOWN
        known = True
        parts: list[str] = []
        for literal, name in _sub_parts(template):
            parts.append(literal)
            if name is None:
                continue
            if name in variables:
                value = variables[name]
            elif "." in name and name.split(".", 1)[0] in self.resources:
                value = self._fn_getatt(name.split(".", 1))
            else:
                value = self._ref(name)
            if isinstance(value, str | int | float) and not isinstance(value, bool):
                parts.append(str(value))
            elif self._symbolic:
                parts.append("${" + name + "}")
            else:
                known = False
        return "".join(parts) if known else UNKNOWN

    def _fn_base64(self, arg: Any) -> Any:
        self.value(arg)
        return UNKNOWN


def _placeholder(value: Any) -> Any:
    if isinstance(value, ResRef):
        return "${" + value.target + (f".{value.attribute}" if value.attribute else "") + "}"
    return "${unknown}" if value is UNKNOWN else value


def _sub_parts(template: str) -> list[tuple[str, str | None]]:
    """(literal, variable name or None) pairs of a Fn::Sub string; ${!x} is a literal ${x}."""
    parts: list[tuple[str, str | None]] = []
    rest = template
    while True:
        start = rest.find("${")
        if start < 0:
            parts.append((rest, None))
            return parts
        end = rest.find("}", start)
        if end < 0:
            parts.append((rest, None))
            return parts
        name = rest[start + 2 : end].strip()
        if name.startswith("!"):
            parts.append((rest[:start] + "${" + name[1:] + "}", None))
        else:
            parts.append((rest[:start], name))
        rest = rest[end + 1 :]


def _has_default(arg: list[Any]) -> bool:
    return len(arg) == 4 and isinstance(arg[3], dict) and "DefaultValue" in arg[3]


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


def _contains_unknown(value: Any) -> bool:
    if value is UNKNOWN or isinstance(value, ResRef):
        return True
    if isinstance(value, list):
        return any(_contains_unknown(v) for v in value)
    if isinstance(value, dict):
        return any(_contains_unknown(v) for v in value.values())
    return False


def _scalar_text(value: Any) -> Any:
    # CloudFormation compares parameter values as text: "true" equals true, "1" equals 1.
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return value
