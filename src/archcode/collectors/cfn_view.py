"""An evaluated CloudFormation template as the per-type mappers see it.

Each resource's properties are already resolved (``cfn_eval``); the view answers the questions
mappers ask: what a reference points at (and whether it has the kind a field wants), and which
auxiliary resources (a bucket policy, a rotation schedule, a stage) attach to a resource.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from archcode.collectors.cfn_eval import UNKNOWN, ResRef
from archcode.collectors.iac_draft import ABSENT, dig
from archcode.model.base import Location
from archcode.model.refs import is_outside

# SAM event types that put a function behind an API, and the API SAM creates when the event
# names none.
SAM_IMPLICIT_APIS = {"Api": "ServerlessRestApi", "HttpApi": "ServerlessHttpApi"}


@dataclass
class CfnResource:
    rid: str
    type: str
    props: dict[str, Any]
    metadata: dict[str, Any]
    location: Location
    raw_props: dict[str, Any] = field(default_factory=dict)  # before evaluation
    referenced: set[str] = field(default_factory=set)  # every resource its body mentions
    depends_on: list[str] = field(default_factory=list)
    implicit_role: str | None = None  # the role SAM creates for a function without Role


class TemplateView:
    def __init__(
        self, resources: dict[str, CfnResource], kind_of: dict[str, str], prefix: str = ""
    ) -> None:
        self.resources = resources
        self.kind_of = kind_of  # logical ids that become model resources -> their kind
        self.prefix = prefix  # model ids are prefix + logical id
        self._by_type: dict[str, list[CfnResource]] = defaultdict(list)
        self._attached: dict[tuple[str, tuple[str | int, ...]], dict[str, list[CfnResource]]] = {}
        for res in resources.values():
            self._by_type[res.type].append(res)

    def of_type(self, *types: str) -> Iterator[CfnResource]:
        for cfn_type in types:
            yield from self._by_type.get(cfn_type, ())

    def attached(self, cfn_type: str, key: str | tuple[str | int, ...], rid: str) -> list[Any]:
        """Auxiliary resources of a type whose property (path) references resource ``rid``."""
        path = (key,) if isinstance(key, str) else key
        table = self._attached.get((cfn_type, path))
        if table is None:  # one pass per (type, property): joining stays linear
            table = defaultdict(list)
            for res in self.of_type(cfn_type):
                value = dig(res.props, *path)
                targets = {self.target(v) for v in (value if isinstance(value, list) else [value])}
                for target in targets - {None}:
                    table[str(target)].append(res)
            self._attached[(cfn_type, path)] = table
        return table.get(rid, [])

    def target(self, value: Any) -> str | None:
        """The resource id a value references (following KMS aliases), if any."""
        if not isinstance(value, ResRef):
            return None
        res = self.resources.get(value.target)
        if res is not None and res.type == "AWS::KMS::Alias":
            return self.target(res.props.get("TargetKeyId"))
        return value.target

    def out(self, rid: str) -> str:
        """The model id of a logical id."""
        return self.prefix + rid

    def ref(self, value: Any, *kinds: str) -> str | None:
        """A model reference: the target id when it is a model resource of one of ``kinds``,
        or the value itself when it is a literal ARN or AWS id of something outside the
        template (a key in another account, subnet ids the template is given)."""
        if isinstance(value, str):
            return value if is_outside(value) else None
        rid = self.target(value)
        if rid is None or rid not in self.kind_of:
            return None
        return self.out(rid) if not kinds or self.kind_of[rid] in kinds else None

    def refs_raw(self, value: Any) -> list[str]:
        """Logical ids a value (or list of values) references."""
        items = value if isinstance(value, list) else [value]
        return [r for r in (self.target(i) for i in items) if r is not None]

    def refs(self, value: Any, *kinds: str) -> list[str]:
        if value is ABSENT or value is None or value is UNKNOWN:
            return []
        items = value if isinstance(value, list) else [value]
        return [r for r in (self.ref(i, *kinds) for i in items) if r is not None]


def symbolic(value: Any) -> Any:
    """A value for text-like fields (policy documents): references shown as ${Id.Attr}."""
    if isinstance(value, ResRef):
        return f"${{{value.target}{'.' + value.attribute if value.attribute else ''}}}"
    if value is UNKNOWN:
        return "${unknown}"
    if isinstance(value, dict):
        return {k: symbolic(v) for k, v in value.items()}
    if isinstance(value, list):
        return [symbolic(v) for v in value]
    return value
