"""The Elastic Beanstalk environment kind (elastic_beanstalk_environment)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Annotated, Literal

from pydantic import Field

from archcode.model.base import VpcPlaced, ref
from archcode.model.kinds._shared import EnvNames


class ElasticBeanstalkEnvironment(VpcPlaced):
    kind: Literal["elastic_beanstalk_environment"] = "elastic_beanstalk_environment"
    application: str | None = None
    platform: str | None = None
    tier: Literal["WebServer", "Worker"] = "WebServer"
    instance_type: str | None = None
    min_instances: int | None = Field(default=None, ge=0)
    max_instances: int | None = Field(default=None, ge=0)
    load_balancer_type: Literal["application", "network", "classic", "none"] | None = None
    managed_updates: bool | None = None
    enhanced_health: bool | None = None
    stream_logs: bool | None = Field(
        default=None, description="Instance logs are streamed to CloudWatch Logs."
    )
    role: Annotated[str | None, ref("assumes_role", "iam_role")] = None
    environment: EnvNames = Field(default_factory=list)
