"""Building blocks every resource model shares: strict frozen models, references, placement."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field


class Strict(BaseModel):
    """Frozen, and a misspelled field is an error rather than a silently ignored key."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


@dataclass(frozen=True)
class RefTo:
    """Marks a field whose value names another resource (or actor) of the model.

    ``relation`` is the typed relationship the reference stands for in the graph
    (``in_subnet``, ``encrypted_by`` ...); ``kinds`` restricts the target kinds (empty: any);
    ``acyclic`` forbids cycles made of this relation (a replica of its own replica).
    """

    relation: str
    kinds: tuple[str, ...] = ()
    acyclic: bool = False
    actors: bool = False


@dataclass(frozen=True)
class Location:
    """Where a resource was written: file, 1-based line and column."""

    file: str
    line: int
    column: int = 1


def _one_or_many(value: Any) -> Any:
    # Architects write `subnets: private-a` for one subnet; the model always holds a list.
    return [value] if isinstance(value, str) else value


StrList = Annotated[
    list[str], BeforeValidator(_one_or_many, json_schema_input_type=str | list[str])
]
"""A list of strings that also accepts a single string."""


def ref(relation: str, *kinds: str, acyclic: bool = False) -> RefTo:
    """Shorthand for annotations: ``Annotated[str | None, ref("encrypted_by", "kms_key")]``."""
    return RefTo(relation, tuple(kinds), acyclic)


API_CACHE_SIZES_GB = (0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237)  # what API Gateway offers


def _cache_size(size: float) -> float:
    if size not in API_CACHE_SIZES_GB:
        raise ValueError(f"not a cache size API Gateway offers {API_CACHE_SIZES_GB}")
    return size


class Usage(Strict):
    """Usage assumptions for pricing one component, per month unless the name says otherwise."""

    monthly_requests: float | None = Field(default=None, ge=0)
    avg_duration_ms: float | None = Field(default=None, ge=0)
    gb_stored: float | None = Field(default=None, ge=0)
    gb_out: float | None = Field(default=None, ge=0)
    gb_out_by_region: dict[str, float] | None = Field(
        default=None, description="GB served per CloudFront price region (e.g. india: 1953)."
    )
    viewer_region: str | None = Field(
        default=None,
        description="CloudFront price region of the viewers when gb_out_by_region is absent "
        "(us, europe, india, japan, australia, asia, south_america, south_africa, middle_east).",
    )
    gb_processed: float | None = Field(
        default=None, ge=0, description="GB processed or ingested (NAT, endpoints, logs, streams)."
    )
    capacity_units: float | None = Field(
        default=None, ge=0, description="Average load balancer capacity units (LCU/NLCU) per hour."
    )
    users: int | None = Field(default=None, ge=0)
    mb_per_visit: float | None = Field(default=None, ge=0)
    visits_per_user: float | None = Field(default=None, ge=0)
    hours_per_month: float | None = Field(default=None, ge=0, le=744)
    read_request_units: float | None = Field(default=None, ge=0)
    write_request_units: float | None = Field(default=None, ge=0)
    ephemeral_storage_mb: int | None = Field(
        default=None,
        ge=512,
        le=10240,
        description="A Lambda function's ephemeral storage (/tmp); above 512 MB it is charged.",
    )
    cache_size_gb: Annotated[float, AfterValidator(_cache_size)] | None = Field(
        default=None,
        description="API Gateway (REST) stage cache size in GB, when caching is enabled: "
        "0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118 or 237.",
    )
    pricing_plan: Literal["pay_as_you_go", "free", "pro", "business", "premium"] | None = Field(
        default=None,
        description="How a CloudFront distribution is billed: pay-as-you-go, or a flat-rate plan.",
    )
    notes: str | None = None


class Resource(Strict):
    """Fields every resource kind has. Subclasses add a ``kind`` literal and their own facts."""

    # A kind's validator is built when a document first uses the kind (model.by_kind), not when
    # its class is defined: a small file does not pay for every kind archcode knows.
    model_config = ConfigDict(defer_build=True)

    kind: str
    name: str | None = Field(default=None, description="Display name; the id when absent.")
    description: str | None = None
    arn: str | None = None
    account: str | None = Field(default=None, description="Account id; the document's by default.")
    region: str | None = Field(default=None, description="Region; the document's by default.")
    tags: dict[str, str] = Field(default_factory=dict)
    owner: str | None = None
    usage: Usage | None = None


class VpcPlaced(Resource):
    """A resource that lives in subnets of a VPC and is guarded by security groups."""

    subnets: Annotated[StrList, ref("in_subnet", "subnet")] = Field(default_factory=list)
    security_groups: Annotated[StrList, ref("protected_by", "security_group")] = Field(
        default_factory=list
    )
    az: str | None = Field(default=None, description="Availability zone, when pinned to one.")
