"""Operations kinds: audit trails, logs, alarms, tracing, and the delivery pipeline.

One module per kind (kinds/<kind>.py); this module re-exports its group's, for
the collectors, pricers, renderers and tests that import them by group. Nothing on the
`archcode check` path imports it: that would build every class of the group."""

from archcode.model.kinds._shared import (
    KmsRef,
    ReadWrite,
    advanced_selector,
    management_read_write,
    read_write,
)
from archcode.model.kinds.cloudtrail_trail import CloudtrailTrail
from archcode.model.kinds.cloudwatch_alarm import CloudwatchAlarm
from archcode.model.kinds.cloudwatch_log_group import CloudwatchLogGroup
from archcode.model.kinds.codebuild_project import CodebuildProject
from archcode.model.kinds.codedeploy_application import CodedeployApplication
from archcode.model.kinds.codepipeline_pipeline import CodepipelinePipeline
from archcode.model.kinds.xray_group import XrayGroup

__all__ = [
    "CloudtrailTrail",
    "CloudwatchAlarm",
    "CloudwatchLogGroup",
    "CodebuildProject",
    "CodedeployApplication",
    "CodepipelinePipeline",
    "KmsRef",
    "ReadWrite",
    "XrayGroup",
    "advanced_selector",
    "management_read_write",
    "read_write",
]
