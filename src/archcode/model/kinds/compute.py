"""Compute kinds: functions, instances, containers, Kubernetes, Beanstalk.

One module per kind (kinds/<kind>.py); this module re-exports its group's, for
the collectors, pricers, renderers and tests that import them by group. Nothing on the
`archcode check` path imports it: that would build every class of the group."""

from archcode.model.kinds._shared import EbsEncryption, EnvNames, ebs_encryption
from archcode.model.kinds.autoscaling_group import AutoScalingGroup
from archcode.model.kinds.ec2_instance import Ec2Instance
from archcode.model.kinds.ecs_service import EcsService
from archcode.model.kinds.eks_cluster import EksCluster
from archcode.model.kinds.elastic_beanstalk_environment import ElasticBeanstalkEnvironment
from archcode.model.kinds.lambda_function import LambdaFunction
from archcode.model.kinds.launch_template import LaunchTemplate

__all__ = [
    "AutoScalingGroup",
    "EbsEncryption",
    "Ec2Instance",
    "EcsService",
    "EksCluster",
    "ElasticBeanstalkEnvironment",
    "EnvNames",
    "LambdaFunction",
    "LaunchTemplate",
    "ebs_encryption",
]
