"""The one registry of resource kinds.

Every part of archcode that needs to know about a kind (the YAML loader, the CloudFormation and
Terraform importers, live discovery, the renderers, pricing and the docs) reads this table.
Adding a kind means: a model class in its own module ``kinds/<kind>.py``, a row here (``zoned``
when it lives in availability zones), a fixture in tests/fixtures/kinds.

A row names its kind's class rather than holding it: ``spec.model`` imports the class on first
use. Building a kind's pydantic class costs about a millisecond; a run pays only for the kinds it
meets (issue 17).
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType
from typing import Literal

from archcode.model.base import Resource

Layer = Literal["networking", "compute", "storage", "integration", "security", "operations"]
MermaidShape = Literal["rect", "round", "stadium", "cylinder", "hexagon", "subroutine", "circle"]


@dataclass(frozen=True)
class ApiCall:
    """The read-only boto3 call that lists a kind, and every IAM action discovery needs for it."""

    service: str
    operation: str
    iam_actions: tuple[str, ...]


@dataclass(frozen=True)
class Variant:
    """How one value of a kind's variant field changes its drawing (ALB and NLB, say)."""

    diagram_node: str
    label: str


@dataclass(frozen=True)
class KindSpec:
    kind: str
    # The name of the kind's model class, in the module named after the kind (kinds/<kind>.py).
    model_class: str
    title: str
    layer: Layer
    label: str
    diagram_node: str | None
    mermaid_shape: MermaidShape = "rect"
    aliases: Mapping[str, Mapping[str, object]] = field(default_factory=dict)
    cfn_types: tuple[str, ...] = ()
    tf_types: tuple[str, ...] = ()
    # AWS Config resource types (the ones Security Hub controls name) that are not among
    # cfn_types: a stage the kind models as fields, a snapshot CloudFormation cannot declare.
    config_types: tuple[str, ...] = ()
    api: tuple[ApiCall, ...] = ()
    variant_field: str | None = None
    variants: Mapping[object, Variant] = field(default_factory=dict)
    diagram_fallback: str = "diagrams.aws.general.General"
    global_service: bool = False
    charged: bool = True
    # Supports a resource on the data path (its role, key, logs, alarm, secret) rather than
    # carrying data itself: diagrams draw it small, gathered beside what it supports.
    supporting: bool = False
    # Lives in availability zones (its class is VpcPlaced, or an EBS volume): the multi-AZ rules
    # judge it. A field rather than a question to the class, so that the rules know without
    # building every kind's class (tests/test_lazy_kinds.py checks it against the classes).
    zoned: bool = False

    @property
    def model_path(self) -> str:
        """Where the model class lives: ``module:class``."""
        return f"archcode.model.kinds.{self.kind}:{self.model_class}"

    @property
    def model(self) -> type[Resource]:
        """The kind's model class, imported (and so built) on first use."""
        return _model(self.kind, self.model_class)

    @property
    def resource_types(self) -> tuple[str, ...]:
        """Every AWS resource type this kind stands for: CloudFormation, then AWS Config."""
        return (*self.cfn_types, *self.config_types)

    @property
    def iam_actions(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a for call in self.api for a in call.iam_actions))


@cache
def _model(kind: str, class_name: str) -> type[Resource]:
    model: type[Resource] = getattr(
        importlib.import_module(f"archcode.model.kinds.{kind}"), class_name
    )
    return model


@dataclass(frozen=True)
class ActorSpec:
    """Something outside AWS where a data flow starts or ends."""

    kind: str
    title: str
    diagram_node: str
    mermaid_shape: MermaidShape = "circle"


def _api(service: str, operation: str, *actions: str) -> ApiCall:
    return ApiCall(service, operation, actions)


_IAM_DETAILS = _api(
    "iam", "get_account_authorization_details", "iam:GetAccountAuthorizationDetails"
)

# fmt: off
# A table: one row per kind, kept compact so that it reads as one.
KINDS: tuple[KindSpec, ...] = (
    # --- networking -------------------------------------------------------------------------
    KindSpec(
        "vpc", "Vpc", "VPC", "networking", "VPC", "diagrams.aws.network.VPC",
        cfn_types=("AWS::EC2::VPC",), tf_types=("aws_vpc",),
        api=(_api("ec2", "describe_vpcs", "ec2:DescribeVpcs", "ec2:DescribeFlowLogs"),),
        charged=False,
    ),
    KindSpec(
        "subnet", "Subnet", "Subnet", "networking", "Subnet",
        "diagrams.aws.network.PrivateSubnet",
        cfn_types=("AWS::EC2::Subnet",), tf_types=("aws_subnet",),
        api=(_api("ec2", "describe_subnets", "ec2:DescribeSubnets", "ec2:DescribeRouteTables"),),
        variant_field="public",
        variants={
            True: Variant("diagrams.aws.network.PublicSubnet", "Public subnet"),
            False: Variant("diagrams.aws.network.PrivateSubnet", "Private subnet"),
        },
        charged=False,
    ),
    KindSpec(
        "internet_gateway", "InternetGateway", "Internet gateway", "networking", "IGW",
        "diagrams.aws.network.InternetGateway", aliases={"igw": {}},
        cfn_types=("AWS::EC2::InternetGateway",), tf_types=("aws_internet_gateway",),
        api=(_api("ec2", "describe_internet_gateways", "ec2:DescribeInternetGateways"),),
        charged=False,
    ),
    KindSpec(
        "nat_gateway", "NatGateway", "NAT gateway", "networking", "NAT gateway",
        "diagrams.aws.network.NATGateway", aliases={"nat": {}},
        cfn_types=("AWS::EC2::NatGateway",), tf_types=("aws_nat_gateway",),
        api=(_api("ec2", "describe_nat_gateways", "ec2:DescribeNatGateways"),),
    ),
    KindSpec(
        "security_group", "SecurityGroup", "Security group", "networking", "Security group",
        "diagrams.aws.general.GenericFirewall", mermaid_shape="hexagon", aliases={"sg": {}},
        cfn_types=("AWS::EC2::SecurityGroup",), tf_types=("aws_security_group",),
        api=(_api("ec2", "describe_security_groups", "ec2:DescribeSecurityGroups"),),
        charged=False,
    ),
    KindSpec(
        "vpc_endpoint", "VpcEndpoint", "VPC endpoint", "networking", "VPC endpoint",
        "diagrams.aws.network.Endpoint",
        cfn_types=("AWS::EC2::VPCEndpoint",), tf_types=("aws_vpc_endpoint",),
        api=(_api("ec2", "describe_vpc_endpoints", "ec2:DescribeVpcEndpoints"),),
        zoned=True,
    ),
    KindSpec(
        "route53_zone", "Route53Zone", "Route 53 hosted zone", "networking", "Route 53",
        "diagrams.aws.network.Route53HostedZone", aliases={"route53": {}, "hosted_zone": {}},
        cfn_types=("AWS::Route53::HostedZone",), tf_types=("aws_route53_zone",),
        api=(
            _api(
                "route53", "list_hosted_zones", "route53:ListHostedZones",
                "route53:ListResourceRecordSets", "route53:ListQueryLoggingConfigs",
                "route53:GetHostedZone",
            ),
        ),
        global_service=True,
    ),
    KindSpec(
        "cloudfront_distribution", "CloudFrontDistribution", "CloudFront distribution",
        "networking", "CloudFront", "diagrams.aws.network.CloudFront",
        aliases={"cloudfront": {}, "cdn": {}},
        cfn_types=("AWS::CloudFront::Distribution",), tf_types=("aws_cloudfront_distribution",),
        api=(
            _api(
                "cloudfront", "list_distributions", "cloudfront:ListDistributions",
                "cloudfront:GetDistributionConfig",
            ),
        ),
        global_service=True,
    ),
    KindSpec(
        "api_gateway", "ApiGateway", "API Gateway API", "networking", "API Gateway",
        "diagrams.aws.network.APIGateway",
        aliases={
            "apigateway": {},
            "rest_api": {"api_type": "rest"},
            "http_api": {"api_type": "http"},
            "websocket_api": {"api_type": "websocket"},
        },
        cfn_types=(
            "AWS::ApiGateway::RestApi", "AWS::ApiGatewayV2::Api",
            "AWS::Serverless::Api", "AWS::Serverless::HttpApi",
        ),
        tf_types=("aws_api_gateway_rest_api", "aws_apigatewayv2_api"),
        config_types=(
            "AWS::ApiGateway::Stage", "AWS::ApiGatewayV2::Stage", "AWS::ApiGatewayV2::Route",
        ),
        api=(
            _api("apigateway", "get_rest_apis", "apigateway:GET"),
            _api("apigatewayv2", "get_apis", "apigateway:GET"),
        ),
    ),
    KindSpec(
        "load_balancer", "LoadBalancer", "Elastic Load Balancing v2 load balancer",
        "networking", "Load balancer", "diagrams.aws.network.ELB",
        aliases={
            "elb": {}, "elbv2": {},
            "alb": {"type": "application"}, "nlb": {"type": "network"},
        },
        cfn_types=("AWS::ElasticLoadBalancingV2::LoadBalancer",), tf_types=("aws_lb", "aws_alb"),
        config_types=("AWS::ElasticLoadBalancingV2::Listener",),
        api=(
            _api(
                "elbv2", "describe_load_balancers",
                "elasticloadbalancing:DescribeLoadBalancers",
                "elasticloadbalancing:DescribeListeners",
                "elasticloadbalancing:DescribeLoadBalancerAttributes",
                "elasticloadbalancing:DescribeTargetGroups",
                "elasticloadbalancing:DescribeTargetHealth",
            ),
        ),
        variant_field="type",
        variants={
            "application": Variant("diagrams.aws.network.ALB", "ALB"),
            "network": Variant("diagrams.aws.network.NLB", "NLB"),
            "gateway": Variant("diagrams.aws.network.ELB", "GWLB"),
        },
        zoned=True,
    ),
    # --- compute ----------------------------------------------------------------------------
    KindSpec(
        "lambda_function", "LambdaFunction", "Lambda function", "compute", "Lambda",
        "diagrams.aws.compute.Lambda", mermaid_shape="stadium", aliases={"lambda": {}},
        cfn_types=("AWS::Lambda::Function", "AWS::Serverless::Function"),
        tf_types=("aws_lambda_function",),
        api=(
            _api(
                "lambda", "list_functions", "lambda:ListFunctions", "lambda:GetPolicy",
                "lambda:ListEventSourceMappings", "lambda:GetFunctionUrlConfig",
            ),
        ),
        zoned=True,
    ),
    KindSpec(
        "ec2_instance", "Ec2Instance", "EC2 instance", "compute", "EC2",
        "diagrams.aws.compute.EC2", aliases={"ec2": {}},
        cfn_types=("AWS::EC2::Instance",), tf_types=("aws_instance",),
        api=(_api("ec2", "describe_instances", "ec2:DescribeInstances"),),
        zoned=True,
    ),
    KindSpec(
        "launch_template", "LaunchTemplate", "EC2 launch template", "compute",
        "Launch template", "diagrams.aws.compute.EC2Ami",
        cfn_types=("AWS::EC2::LaunchTemplate",), tf_types=("aws_launch_template",),
        # every template's default version in one call (Versions $Default, no template named)
        api=(
            _api(
                "ec2", "describe_launch_template_versions", "ec2:DescribeLaunchTemplateVersions"
            ),
        ),
        charged=False, supporting=True,
    ),
    KindSpec(
        "autoscaling_group", "AutoScalingGroup", "Auto Scaling group", "compute",
        "Auto Scaling group", "diagrams.aws.compute.EC2AutoScaling", aliases={"asg": {}},
        cfn_types=("AWS::AutoScaling::AutoScalingGroup",), tf_types=("aws_autoscaling_group",),
        # what the group launches is read into it: the launch configuration or template it uses
        config_types=("AWS::AutoScaling::LaunchConfiguration",),
        api=(
            _api(
                "autoscaling", "describe_auto_scaling_groups",
                "autoscaling:DescribeAutoScalingGroups", "autoscaling:DescribeLaunchConfigurations",
            ),
            # what a group launches: its launch template's security groups and profile
            _api(
                "ec2", "describe_launch_template_versions", "ec2:DescribeLaunchTemplateVersions"
            ),
        ),
        zoned=True,
    ),
    KindSpec(
        "ecs_service", "EcsService", "ECS service", "compute", "ECS service",
        "diagrams.aws.compute.ECS",
        aliases={"ecs": {}, "fargate_service": {"launch_type": "FARGATE"}},
        cfn_types=("AWS::ECS::Service",), tf_types=("aws_ecs_service",),
        api=(
            _api(
                "ecs", "list_clusters", "ecs:ListClusters", "ecs:ListServices",
                "ecs:DescribeServices", "ecs:DescribeTaskDefinition",
            ),
        ),
        variant_field="launch_type",
        variants={"FARGATE": Variant("diagrams.aws.compute.Fargate", "Fargate service")},
        zoned=True,
    ),
    KindSpec(
        "eks_cluster", "EksCluster", "EKS cluster", "compute", "EKS",
        "diagrams.aws.compute.EKS", aliases={"eks": {}},
        cfn_types=("AWS::EKS::Cluster",), tf_types=("aws_eks_cluster",),
        api=(_api("eks", "list_clusters", "eks:ListClusters", "eks:DescribeCluster"),),
        zoned=True,
    ),
    KindSpec(
        "elastic_beanstalk_environment", "ElasticBeanstalkEnvironment",
        "Elastic Beanstalk environment", "compute", "Elastic Beanstalk",
        "diagrams.aws.compute.ElasticBeanstalk", aliases={"beanstalk": {}},
        cfn_types=("AWS::ElasticBeanstalk::Environment",),
        tf_types=("aws_elastic_beanstalk_environment",),
        api=(
            _api(
                "elasticbeanstalk", "describe_environments",
                "elasticbeanstalk:DescribeEnvironments",
                "elasticbeanstalk:DescribeConfigurationSettings",
            ),
        ),
        zoned=True,
    ),
    # --- storage and databases ----------------------------------------------------------------
    KindSpec(
        "rds_instance", "RdsInstance", "RDS DB instance", "storage", "RDS",
        "diagrams.aws.database.RDS", mermaid_shape="cylinder", aliases={"rds": {}},
        cfn_types=("AWS::RDS::DBInstance",), tf_types=("aws_db_instance",),
        api=(
            _api(
                "rds", "describe_db_instances", "rds:DescribeDBInstances",
                "rds:DescribeDBParameters",
            ),
        ),
        zoned=True,
    ),
    KindSpec(
        "rds_cluster", "RdsCluster", "RDS/Aurora DB cluster", "storage", "Aurora",
        "diagrams.aws.database.Aurora", mermaid_shape="cylinder", aliases={"aurora": {}},
        cfn_types=("AWS::RDS::DBCluster",), tf_types=("aws_rds_cluster",),
        api=(
            _api(
                "rds", "describe_db_clusters", "rds:DescribeDBClusters",
                "rds:DescribeDBClusterParameters",
            ),
        ),
        zoned=True,
    ),
    KindSpec(
        # diagrams 0.25.1 has no RDS Proxy icon (mingrammer/diagrams#839).
        "rds_proxy", "RdsProxy", "RDS Proxy", "storage", "RDS Proxy", None,
        diagram_fallback="diagrams.aws.database.RDS",
        cfn_types=("AWS::RDS::DBProxy",), tf_types=("aws_db_proxy",),
        api=(
            _api(
                "rds", "describe_db_proxies", "rds:DescribeDBProxies", "rds:DescribeDBProxyTargets"
            ),
        ),
        zoned=True,
    ),
    KindSpec(
        "db_snapshot", "DbSnapshot", "RDS snapshot", "storage", "DB snapshot",
        "diagrams.aws.storage.ElasticBlockStoreEBSSnapshot", aliases={"snapshot": {}},
        tf_types=("aws_db_snapshot", "aws_db_snapshot_copy"),
        config_types=("AWS::RDS::DBSnapshot", "AWS::RDS::DBClusterSnapshot"),
        api=(
            _api(
                "rds", "describe_db_snapshots", "rds:DescribeDBSnapshots",
                "rds:DescribeDBSnapshotAttributes",
            ),
            _api("rds", "describe_db_cluster_snapshots", "rds:DescribeDBClusterSnapshots"),
        ),
    ),
    KindSpec(
        "dynamodb_table", "DynamodbTable", "DynamoDB table", "storage", "DynamoDB",
        "diagrams.aws.database.Dynamodb", mermaid_shape="cylinder", aliases={"dynamodb": {}},
        cfn_types=(
            "AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable", "AWS::Serverless::SimpleTable",
        ),
        tf_types=("aws_dynamodb_table",),
        api=(
            _api(
                "dynamodb", "list_tables", "dynamodb:ListTables", "dynamodb:DescribeTable",
                "dynamodb:DescribeContinuousBackups",
            ),
            _api(
                "application-autoscaling", "describe_scalable_targets",
                "application-autoscaling:DescribeScalableTargets",
                "application-autoscaling:DescribeScalingPolicies",
            ),
        ),
    ),
    KindSpec(
        "elasticache_cluster", "ElasticacheCluster", "ElastiCache cluster", "storage",
        "ElastiCache", "diagrams.aws.database.ElastiCache", mermaid_shape="cylinder",
        aliases={"elasticache": {}, "redis": {"engine": "redis"}},
        cfn_types=("AWS::ElastiCache::ReplicationGroup", "AWS::ElastiCache::CacheCluster"),
        tf_types=("aws_elasticache_replication_group", "aws_elasticache_cluster"),
        api=(
            _api(
                "elasticache", "describe_replication_groups",
                "elasticache:DescribeReplicationGroups", "elasticache:DescribeCacheClusters",
                "elasticache:DescribeCacheSubnetGroups",
            ),
        ),
        zoned=True,
    ),
    KindSpec(
        "opensearch_domain", "OpensearchDomain", "OpenSearch / Elasticsearch domain",
        "storage", "OpenSearch", "diagrams.aws.analytics.AmazonOpensearchService",
        mermaid_shape="cylinder", aliases={"opensearch": {}, "elasticsearch": {}},
        cfn_types=("AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain"),
        tf_types=("aws_opensearch_domain", "aws_elasticsearch_domain"),
        config_types=("AWS::OpenSearch::Domain",),
        api=(_api("opensearch", "list_domain_names", "es:ListDomainNames", "es:DescribeDomains"),),
        zoned=True,
    ),
    KindSpec(
        "s3_bucket", "S3Bucket", "S3 bucket", "storage", "S3", "diagrams.aws.storage.S3",
        mermaid_shape="cylinder", aliases={"s3": {}, "bucket": {}},
        cfn_types=("AWS::S3::Bucket",), tf_types=("aws_s3_bucket",),
        api=(
            _api(
                "s3", "list_buckets", "s3:ListAllMyBuckets", "s3:GetBucketLocation",
                "s3:GetEncryptionConfiguration", "s3:GetBucketPublicAccessBlock",
                "s3:GetBucketVersioning", "s3:GetBucketPolicy", "s3:GetBucketLogging",
                "s3:GetReplicationConfiguration", "s3:GetBucketOwnershipControls",
                "s3:GetBucketObjectLockConfiguration", "s3:GetLifecycleConfiguration",
                "s3:GetBucketAcl",
            ),
        ),
        global_service=True,
    ),
    KindSpec(
        "efs_file_system", "EfsFileSystem", "EFS file system", "storage", "EFS",
        "diagrams.aws.storage.EFS", mermaid_shape="cylinder", aliases={"efs": {}},
        cfn_types=("AWS::EFS::FileSystem",), tf_types=("aws_efs_file_system",),
        api=(
            _api(
                "efs", "describe_file_systems", "elasticfilesystem:DescribeFileSystems",
                "elasticfilesystem:DescribeMountTargets",
                "elasticfilesystem:DescribeMountTargetSecurityGroups",
                "elasticfilesystem:DescribeBackupPolicy",
            ),
        ),
        zoned=True,
    ),
    KindSpec(
        "ebs_volume", "EbsVolume", "EBS volume", "storage", "EBS", "diagrams.aws.storage.EBS",
        mermaid_shape="cylinder", aliases={"ebs": {}},
        cfn_types=("AWS::EC2::Volume",), tf_types=("aws_ebs_volume",),
        api=(_api("ec2", "describe_volumes", "ec2:DescribeVolumes"),),
        zoned=True,
    ),
    KindSpec(
        "ebs_snapshot", "EbsSnapshot", "EBS snapshot", "storage", "EBS snapshot",
        "diagrams.aws.storage.ElasticBlockStoreEBSSnapshot", mermaid_shape="cylinder",
        tf_types=("aws_ebs_snapshot", "aws_ebs_snapshot_copy"),
        api=(
            _api(
                "ec2", "describe_snapshots", "ec2:DescribeSnapshots",
                "ec2:DescribeSnapshotAttribute",
            ),
        ),
    ),
    KindSpec(
        "backup_vault", "BackupVault", "AWS Backup vault", "storage", "Backup vault",
        "diagrams.aws.storage.Backup", mermaid_shape="cylinder",
        cfn_types=("AWS::Backup::BackupVault",), tf_types=("aws_backup_vault",),
        api=(_api("backup", "list_backup_vaults", "backup:ListBackupVaults"),),
    ),
    KindSpec(
        "backup_plan", "BackupPlan", "AWS Backup plan", "storage", "Backup plan",
        "diagrams.aws.storage.Backup", mermaid_shape="subroutine",
        cfn_types=("AWS::Backup::BackupPlan",), tf_types=("aws_backup_plan",),
        api=(
            _api("backup", "list_backup_plans", "backup:ListBackupPlans", "backup:GetBackupPlan"),
        ),
        charged=False,
    ),
    KindSpec(
        "backup_selection", "BackupSelection", "AWS Backup selection", "storage",
        "Backup selection", "diagrams.aws.storage.Backup", mermaid_shape="subroutine",
        cfn_types=("AWS::Backup::BackupSelection",), tf_types=("aws_backup_selection",),
        api=(
            _api(
                "backup", "list_backup_selections", "backup:ListBackupSelections",
                "backup:GetBackupSelection",
            ),
        ),
        charged=False,
    ),
    # --- integration --------------------------------------------------------------------------
    KindSpec(
        "sqs_queue", "SqsQueue", "SQS queue", "integration", "SQS",
        "diagrams.aws.integration.SQS", mermaid_shape="subroutine", aliases={"sqs": {}},
        cfn_types=("AWS::SQS::Queue",), tf_types=("aws_sqs_queue",),
        api=(_api("sqs", "list_queues", "sqs:ListQueues", "sqs:GetQueueAttributes"),),
    ),
    KindSpec(
        "sns_topic", "SnsTopic", "SNS topic", "integration", "SNS",
        "diagrams.aws.integration.SNS", mermaid_shape="subroutine", aliases={"sns": {}},
        cfn_types=("AWS::SNS::Topic",), tf_types=("aws_sns_topic",),
        api=(_api("sns", "list_topics", "sns:ListTopics", "sns:GetTopicAttributes"),),
    ),
    KindSpec(
        "eventbridge_bus", "EventbridgeBus", "EventBridge event bus", "integration",
        "EventBridge", "diagrams.aws.integration.EventbridgeCustomEventBusResource",
        mermaid_shape="subroutine", aliases={"eventbridge": {}, "event_bus": {}},
        cfn_types=("AWS::Events::EventBus",), tf_types=("aws_cloudwatch_event_bus",),
        api=(_api("events", "list_event_buses", "events:ListEventBuses"),),
    ),
    KindSpec(
        "eventbridge_rule", "EventbridgeRule", "EventBridge rule", "integration",
        "EventBridge rule", "diagrams.aws.integration.EventbridgeRule",
        cfn_types=("AWS::Events::Rule",), tf_types=("aws_cloudwatch_event_rule",),
        api=(_api("events", "list_rules", "events:ListRules", "events:ListTargetsByRule"),),
        charged=False,
    ),
    KindSpec(
        "step_functions_state_machine", "StepFunctionsStateMachine",
        "Step Functions state machine", "integration", "Step Functions",
        "diagrams.aws.integration.StepFunctions", mermaid_shape="subroutine",
        aliases={"step_functions": {}, "state_machine": {}},
        cfn_types=("AWS::StepFunctions::StateMachine", "AWS::Serverless::StateMachine"),
        tf_types=("aws_sfn_state_machine",),
        api=(
            _api(
                "stepfunctions", "list_state_machines", "states:ListStateMachines",
                "states:DescribeStateMachine",
            ),
        ),
    ),
    KindSpec(
        "msk_cluster", "MskCluster", "MSK (Kafka) cluster", "integration", "MSK",
        "diagrams.aws.analytics.ManagedStreamingForKafka", mermaid_shape="subroutine",
        aliases={"msk": {}, "kafka": {}},
        cfn_types=("AWS::MSK::Cluster",), tf_types=("aws_msk_cluster",),
        api=(_api("kafka", "list_clusters_v2", "kafka:ListClustersV2"),),
        zoned=True,
    ),
    KindSpec(
        "kinesis_stream", "KinesisStream", "Kinesis data stream", "integration",
        "Kinesis", "diagrams.aws.analytics.KinesisDataStreams", mermaid_shape="subroutine",
        aliases={"kinesis": {}},
        cfn_types=("AWS::Kinesis::Stream",), tf_types=("aws_kinesis_stream",),
        api=(
            _api(
                "kinesis", "list_streams", "kinesis:ListStreams", "kinesis:DescribeStreamSummary"
            ),
        ),
    ),
    # --- security -----------------------------------------------------------------------------
    KindSpec(
        "kms_key", "KmsKey", "KMS key", "security", "KMS key",
        "diagrams.aws.security.KMS", mermaid_shape="hexagon", aliases={"kms": {}},
        cfn_types=("AWS::KMS::Key",), tf_types=("aws_kms_key",),
        api=(
            _api(
                "kms", "list_keys", "kms:ListKeys", "kms:DescribeKey", "kms:GetKeyRotationStatus",
                "kms:ListAliases", "kms:GetKeyPolicy",
            ),
        ),
        supporting=True,
    ),
    KindSpec(
        "secrets_manager_secret", "SecretsManagerSecret", "Secrets Manager secret",
        "security", "Secret", "diagrams.aws.security.SecretsManager", mermaid_shape="hexagon",
        aliases={"secret": {}, "secretsmanager": {}},
        cfn_types=("AWS::SecretsManager::Secret",), tf_types=("aws_secretsmanager_secret",),
        api=(
            _api(
                "secretsmanager", "list_secrets", "secretsmanager:ListSecrets",
                "secretsmanager:GetResourcePolicy",
            ),
        ),
        supporting=True,
    ),
    KindSpec(
        "iam_role", "IamRole", "IAM role", "security", "IAM role",
        "diagrams.aws.security.IAMRole", mermaid_shape="hexagon", aliases={"role": {}},
        cfn_types=("AWS::IAM::Role",), tf_types=("aws_iam_role",),
        api=(_IAM_DETAILS,), global_service=True, charged=False, supporting=True,
    ),
    KindSpec(
        "iam_policy", "IamPolicy", "IAM policy", "security", "IAM policy",
        "diagrams.aws.security.IAMPermissions", mermaid_shape="hexagon", aliases={"policy": {}},
        cfn_types=("AWS::IAM::ManagedPolicy",),
        # AWS::IAM::Policy and aws_iam_role_policy are inline policies: read into the
        # inline_policies of the roles, users and groups they name, as AWS stores them.
        tf_types=("aws_iam_policy",),
        api=(_IAM_DETAILS,), global_service=True, charged=False, supporting=True,
    ),
    KindSpec(
        "iam_group", "IamGroup", "IAM group", "security", "IAM group",
        "diagrams.aws.security.IAM", mermaid_shape="hexagon",
        cfn_types=("AWS::IAM::Group",), tf_types=("aws_iam_group",),
        api=(_IAM_DETAILS,), global_service=True, charged=False, supporting=True,
    ),
    KindSpec(
        "iam_user", "IamUser", "IAM user", "security", "IAM user",
        "diagrams.aws.general.User", mermaid_shape="hexagon",
        cfn_types=("AWS::IAM::User",), tf_types=("aws_iam_user",),
        api=(
            _IAM_DETAILS,
            _api(
                "iam", "list_access_keys", "iam:ListAccessKeys", "iam:GetAccessKeyLastUsed",
                "iam:GetLoginProfile", "iam:ListMFADevices",
            ),
        ),
        global_service=True, charged=False,
    ),
    KindSpec(
        "waf_web_acl", "WafWebAcl", "WAF web ACL", "security", "WAF",
        "diagrams.aws.security.WAF", mermaid_shape="hexagon", aliases={"waf": {}},
        cfn_types=("AWS::WAFv2::WebACL",), tf_types=("aws_wafv2_web_acl",),
        api=(
            _api(
                "wafv2", "list_web_acls", "wafv2:ListWebACLs", "wafv2:GetWebACL",
                "wafv2:GetLoggingConfiguration", "wafv2:ListResourcesForWebACL",
            ),
        ),
    ),
    KindSpec(
        "shield_protection", "ShieldProtection", "Shield Advanced protection", "security",
        "Shield", "diagrams.aws.security.Shield", mermaid_shape="hexagon", aliases={"shield": {}},
        cfn_types=("AWS::Shield::Protection",), tf_types=("aws_shield_protection",),
        api=(_api("shield", "list_protections", "shield:ListProtections"),),
        global_service=True,
    ),
    KindSpec(
        "cognito_user_pool", "CognitoUserPool", "Cognito user pool", "security", "Cognito",
        "diagrams.aws.security.Cognito", mermaid_shape="hexagon", aliases={"cognito": {}},
        cfn_types=("AWS::Cognito::UserPool",), tf_types=("aws_cognito_user_pool",),
        api=(
            _api(
                "cognito-idp", "list_user_pools", "cognito-idp:ListUserPools",
                "cognito-idp:DescribeUserPool",
            ),
        ),
    ),
    # --- operations ---------------------------------------------------------------------------
    KindSpec(
        "cloudtrail_trail", "CloudtrailTrail", "CloudTrail trail", "operations",
        "CloudTrail", "diagrams.aws.management.Cloudtrail", aliases={"cloudtrail": {}},
        cfn_types=("AWS::CloudTrail::Trail",), tf_types=("aws_cloudtrail",),
        api=(
            _api(
                "cloudtrail", "describe_trails", "cloudtrail:DescribeTrails",
                "cloudtrail:GetTrailStatus", "cloudtrail:GetEventSelectors",
            ),
        ),
    ),
    KindSpec(
        "cloudwatch_log_group", "CloudwatchLogGroup", "CloudWatch log group",
        "operations", "CloudWatch Logs", "diagrams.aws.management.CloudwatchLogs",
        aliases={"log_group": {}, "cloudwatch_logs": {}},
        cfn_types=("AWS::Logs::LogGroup",), tf_types=("aws_cloudwatch_log_group",),
        api=(_api("logs", "describe_log_groups", "logs:DescribeLogGroups"),),
        supporting=True,
    ),
    KindSpec(
        "cloudwatch_alarm", "CloudwatchAlarm", "CloudWatch alarm", "operations",
        "CloudWatch alarm", "diagrams.aws.management.CloudwatchAlarm", aliases={"alarm": {}},
        cfn_types=("AWS::CloudWatch::Alarm",), tf_types=("aws_cloudwatch_metric_alarm",),
        api=(_api("cloudwatch", "describe_alarms", "cloudwatch:DescribeAlarms"),),
        supporting=True,
    ),
    KindSpec(
        "xray_group", "XrayGroup", "X-Ray group", "operations", "X-Ray",
        "diagrams.aws.devtools.XRay", aliases={"xray": {}},
        cfn_types=("AWS::XRay::Group",), tf_types=("aws_xray_group",),
        api=(_api("xray", "get_groups", "xray:GetGroups"),),
    ),
    KindSpec(
        "codepipeline_pipeline", "CodepipelinePipeline", "CodePipeline pipeline",
        "operations", "CodePipeline", "diagrams.aws.devtools.Codepipeline",
        aliases={"codepipeline": {}},
        cfn_types=("AWS::CodePipeline::Pipeline",), tf_types=("aws_codepipeline",),
        api=(
            _api(
                "codepipeline", "list_pipelines", "codepipeline:ListPipelines",
                "codepipeline:GetPipeline",
            ),
        ),
    ),
    KindSpec(
        "codebuild_project", "CodebuildProject", "CodeBuild project", "operations",
        "CodeBuild", "diagrams.aws.devtools.Codebuild", aliases={"codebuild": {}},
        cfn_types=("AWS::CodeBuild::Project",), tf_types=("aws_codebuild_project",),
        api=(
            _api(
                "codebuild", "list_projects", "codebuild:ListProjects", "codebuild:BatchGetProjects"
            ),
        ),
    ),
    KindSpec(
        "codedeploy_application", "CodedeployApplication", "CodeDeploy application",
        "operations", "CodeDeploy", "diagrams.aws.devtools.Codedeploy",
        aliases={"codedeploy": {}},
        cfn_types=("AWS::CodeDeploy::Application",), tf_types=("aws_codedeploy_app",),
        api=(
            _api(
                "codedeploy", "list_applications", "codedeploy:ListApplications",
                "codedeploy:BatchGetApplications",
            ),
        ),
        charged=False,
    ),
)

# fmt: on

ACTORS: tuple[ActorSpec, ...] = (
    ActorSpec("users", "Users", "diagrams.aws.general.Users"),
    ActorSpec("browser", "Web browser", "diagrams.aws.general.Client"),
    ActorSpec("web_app", "Web application", "diagrams.aws.general.Client"),
    ActorSpec("mobile_app", "Mobile app", "diagrams.aws.general.MobileClient"),
    ActorSpec("api_client", "API client", "diagrams.aws.general.GenericSDK"),
    ActorSpec("internet", "The internet", "diagrams.aws.general.InternetAlt1"),
    ActorSpec("external_api", "External API", "diagrams.aws.general.GenericOfficeBuilding"),
    ActorSpec("developer", "Developer", "diagrams.aws.general.User"),
    ActorSpec("on_premises", "On-premises network", "diagrams.aws.general.TraditionalServer"),
)

BY_KIND: Mapping[str, KindSpec] = MappingProxyType({spec.kind: spec for spec in KINDS})
ACTORS_BY_KIND: Mapping[str, ActorSpec] = MappingProxyType({a.kind: a for a in ACTORS})


def _names() -> dict[str, tuple[str, Mapping[str, object]]]:
    names: dict[str, tuple[str, Mapping[str, object]]] = {}
    for spec in KINDS:
        names[spec.kind] = (spec.kind, {})
        for alias, preset in spec.aliases.items():
            names[alias] = (spec.kind, preset)
        for cfn_type in spec.cfn_types:
            names[cfn_type] = (spec.kind, {})
    return names


# Every name a `kind:` may take (canonical, alias, CloudFormation type) → (kind, preset fields).
KIND_NAMES: Mapping[str, tuple[str, Mapping[str, object]]] = MappingProxyType(_names())


def resolve_kind(name: str) -> tuple[str, Mapping[str, object]] | None:
    """The canonical kind and preset fields for a kind name or alias, or None if unknown."""
    return KIND_NAMES.get(name)


def spec_for_cfn_type(cfn_type: str) -> KindSpec | None:
    found = KIND_NAMES.get(cfn_type)
    return BY_KIND[found[0]] if found and "::" in cfn_type else None


_BY_TF_TYPE: Mapping[str, KindSpec] = MappingProxyType(
    {tf_type: spec for spec in KINDS for tf_type in spec.tf_types}
)


def spec_for_tf_type(tf_type: str) -> KindSpec | None:
    return _BY_TF_TYPE.get(tf_type)
