"""The architecture document: actors, resources of every registered kind, connections."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import Field, PrivateAttr, StringConstraints, model_validator

from archcode.model.account import AccountSettings
from archcode.model.base import Location, Resource, Strict
from archcode.model.by_kind import ByKind
from archcode.model.registry import ACTORS, resolve_kind

# Ids appear in error messages, diagrams and finding ids: no spaces or control characters.
Id = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:/@+=-]*$", max_length=512)]

if TYPE_CHECKING:
    AnyResource = Resource
else:
    # Every registered kind, validated as one discriminated union on `kind` (see by_kind).
    AnyResource = Annotated[Resource, ByKind()]

if TYPE_CHECKING:
    ActorKind = str
else:
    ActorKind = Literal[tuple(a.kind for a in ACTORS)]

# Protocols that say for themselves whether a hop is encrypted in transit.
ENCRYPTED_PROTOCOLS = frozenset({"https", "tls", "wss", "ssh", "sftp", "grpcs", "mqtts", "h2"})
PLAINTEXT_PROTOCOLS = frozenset({"http", "ws", "ftp", "telnet", "smtp", "grpc"})


class Actor(Strict):
    """Someone or something outside AWS: users, a browser, a mobile app, an external API."""

    kind: ActorKind
    name: str | None = None
    description: str | None = None


class Connection(Strict):
    """A directed data flow between two resources or actors."""

    source: str = Field(alias="from")
    target: str = Field(alias="to")
    protocol: str | None = Field(default=None, examples=["https", "postgresql", "tcp"])
    port: int | None = Field(default=None, ge=0, le=65535)
    label: str | None = None
    encrypted: bool | None = Field(
        default=None, description="Encrypted in transit; inferred from the protocol when absent."
    )

    @model_validator(mode="before")
    @classmethod
    def _arrow_shorthand(cls, value: Any) -> Any:
        # `- users -> api` is the short form of `{from: users, to: api}`.
        if isinstance(value, str):
            source, sep, target = value.partition("->")
            if not sep or not source.strip() or not target.strip():
                raise ValueError('a connection is "a -> b" or a mapping with from and to')
            return {"from": source.strip(), "to": target.strip()}
        return value

    @property
    def encrypted_in_transit(self) -> bool | None:
        """Whether the hop is encrypted: stated, else implied by the protocol, else unknown."""
        if self.encrypted is not None:
            return self.encrypted
        protocol = (self.protocol or "").lower()
        if protocol in ENCRYPTED_PROTOCOLS:
            return True
        if protocol in PLAINTEXT_PROTOCOLS:
            return False
        return None


class CoverageGap(Strict):
    """A read live discovery could not make: the facts it would have given stay UNKNOWN."""

    account: str | None = None
    region: str | None = None
    service: str = Field(examples=["s3", "rds"])
    operation: str = Field(examples=["get_bucket_encryption", "describe_db_proxies"])
    error: str = Field(
        description="Error code (AccessDenied ...), or NotCollected for kinds not read yet."
    )
    message: str | None = None
    kinds: list[str] = Field(default_factory=list, description="Kinds whose facts are missing.")


class Waiver(Strict):
    """An accepted finding: this rule may fail on these resources, for a reason, until a date.

    ``resource`` is a glob of resource ids (``legacy-*``); an importer that reads a waiver
    written on a resource (CloudFormation ``Metadata: archcode: waivers:``) fills in that
    resource. After ``expires`` the waiver stops applying and the finding is active again.
    """

    rule: str = Field(min_length=1, description="Id of the rule waived.")
    resource: str = Field(min_length=1, description="Glob of resource ids the waiver covers.")
    reason: str = Field(pattern=r"\S", description="Why the finding is accepted (required).")
    expires: date = Field(description="Last day the waiver applies (YYYY-MM-DD).")


class Architecture(Strict):
    """One architecture: what archcode draws, checks and prices."""

    archcode: Literal[1] = Field(default=1, description="Format version of this document.")
    name: str
    description: str | None = None
    account: str | None = Field(default=None, description="Default account id for resources.")
    region: str | None = Field(default=None, description="Default region for resources.")
    actors: dict[Id, Actor] = Field(default_factory=dict)
    resources: dict[Id, AnyResource] = Field(default_factory=dict)
    connections: list[Connection] = Field(default_factory=list)
    coverage: list[CoverageGap] = Field(
        default_factory=list,
        description="Reads that discovery could not make (denied, failed, unsupported).",
    )
    waivers: list[Waiver] = Field(
        default_factory=list, description="Accepted findings, each with a reason and an expiry."
    )
    account_settings: list[AccountSettings] = Field(
        default_factory=list,
        description="Account-level settings (default EBS encryption, S3 Block Public Access, "
        "password policy, root user): read by discovery, stated as assumptions otherwise.",
    )
    account_names: dict[str, str] = Field(
        default_factory=dict,
        description="Names of the model's accounts (id -> name), as the AWS Organization lists "
        "them: reports name each account with them.",
    )
    _locations: dict[str, Location] = PrivateAttr(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _normalise_resources(cls, value: Any) -> Any:
        """Resolve kind aliases and CloudFormation types, and apply the document's placement.

        Top-level keys starting with ``x-`` are ignored: they hold YAML anchors used as
        templates (the docker-compose convention).
        """
        if isinstance(value, dict):
            value = {k: v for k, v in value.items() if not str(k).startswith("x-")}
            if isinstance(value.get("account_settings"), dict):  # one account: a mapping
                value["account_settings"] = [value["account_settings"]]
        if not isinstance(value, dict) or not isinstance(value.get("resources"), dict):
            return value
        defaults = {k: value[k] for k in ("account", "region") if value.get(k) is not None}
        resources: dict[Any, Any] = {}
        for rid, body in value["resources"].items():
            if isinstance(body, dict) and isinstance(body.get("kind"), str):
                found = resolve_kind(body["kind"])
                if found is not None:
                    kind, preset = found
                    body = {**defaults, **preset, **body, "kind": kind}
            resources[rid] = body
        return {**value, "resources": resources}

    def settings_of(self, account: str | None) -> list[AccountSettings]:
        """The settings stated for ``account`` (and those naming no account)."""
        return [s for s in self.account_settings if s.account in (account, None)]

    def location(self, node_id: str) -> Location | None:
        """Where the resource or actor was written, when the source says."""
        return self._locations.get(node_id)

    def set_locations(self, locations: dict[str, Location]) -> None:
        """Record source locations (loaders call this once, right after validation)."""
        self._locations.update(locations)

    def node(self, node_id: str) -> Resource | Actor | None:
        """The resource or actor with this id."""
        return self.resources.get(node_id) or self.actors.get(node_id)

    def of_kind(self, *kinds: str) -> list[tuple[str, Resource]]:
        """Resources of the given kinds, in document order."""
        return [(rid, r) for rid, r in self.resources.items() if r.kind in kinds]
