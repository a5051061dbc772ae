"""Mappers of single resource types, CloudFormation and Terraform side by side: snapshots and
their copies, regions of provider aliases, DNS records, access keys."""

from __future__ import annotations

import textwrap
from pathlib import Path

from tests.test_iac_terraform import config, load, plan, ref, resource

from archcode.collectors import load_architecture
from archcode.collectors.cfn_kinds import AUXILIARY as CFN_AUXILIARY
from archcode.collectors.cfn_kinds import MAPPERS as CFN_MAPPERS
from archcode.collectors.cloudformation import to_architecture
from archcode.collectors.tf_kinds import AUXILIARY as TF_AUXILIARY
from archcode.collectors.tf_kinds import MAPPERS as TF_MAPPERS
from archcode.errors import Problem
from archcode.model.architecture import Architecture
from archcode.model.kinds.compute import (
    AutoScalingGroup,
    ElasticBeanstalkEnvironment,
    LaunchTemplate,
)
from archcode.model.kinds.data import DbSnapshot, EbsSnapshot, RdsCluster
from archcode.model.kinds.integration import EventbridgeBus, MskCluster
from archcode.model.kinds.network import ApiGateway, LoadBalancer, Route53Zone
from archcode.model.kinds.operations import (
    CloudtrailTrail,
    CodebuildProject,
    CodepipelinePipeline,
)
from archcode.model.kinds.security import CognitoUserPool, IamUser
from archcode.model.registry import BY_KIND, spec_for_cfn_type, spec_for_tf_type
from archcode.model.routing import subnet_public
from archcode.rules.engine import evaluate

IAC = Path(__file__).resolve().parent / "fixtures" / "iac"


def template(text: str) -> Architecture:
    return to_architecture(textwrap.dedent(text), "t.yaml")


def test_a_snapshot_copy_in_a_provider_aliased_region_is_a_copy_in_that_region(
    tmp_path: Path,
) -> None:
    document = plan(
        [
            resource("aws_kms_key.main", {"enable_key_rotation": True}),
            resource("aws_kms_key.dr", {"enable_key_rotation": True}),
            resource("aws_s3_bucket.exports", {"bucket": "exports"}),
            resource("aws_db_instance.db", {"engine": "mysql", "storage_encrypted": True}),
            resource("aws_db_snapshot.daily", {"db_snapshot_identifier": "daily"}),
            resource("aws_db_snapshot_copy.dr", {"target_db_snapshot_identifier": "daily-dr"}),
            resource("aws_rds_export_task.daily", {"export_task_identifier": "daily"}),
        ],
        [
            config("aws_db_instance.db", {"kms_key_id": ref("aws_kms_key.main.arn")}),
            config(
                "aws_db_snapshot.daily",
                {"db_instance_identifier": ref("aws_db_instance.db.identifier")},
            ),
            {
                **config(
                    "aws_db_snapshot_copy.dr",
                    {
                        "source_db_snapshot_identifier": ref(
                            "aws_db_snapshot.daily.db_snapshot_arn"
                        ),
                        "kms_key_id": ref("aws_kms_key.dr.arn"),
                    },
                ),
                "provider_config_key": "aws.dr",
            },
            {**config("aws_kms_key.dr", {}), "provider_config_key": "aws.dr"},
            config(
                "aws_rds_export_task.daily",
                {
                    "source_arn": ref("aws_db_snapshot.daily.db_snapshot_arn"),
                    "s3_bucket_name": ref("aws_s3_bucket.exports.id"),
                },
            ),
        ],
    )
    document["configuration"]["provider_config"]["aws.dr"] = {
        "name": "aws",
        "alias": "dr",
        "expressions": {"region": {"constant_value": "us-west-2"}},
    }
    arch = load(tmp_path, document)
    daily = arch.resources["aws_db_snapshot.daily"]
    copy = arch.resources["aws_db_snapshot_copy.dr"]
    assert isinstance(daily, DbSnapshot) and isinstance(copy, DbSnapshot)
    # a snapshot is encrypted as its instance is, with the instance's key
    assert (daily.source, daily.encrypted, daily.kms_key) == (
        "aws_db_instance.db",
        True,
        "aws_kms_key.main",
    )
    assert (daily.automated, daily.exported_to) == (False, "aws_s3_bucket.exports")
    assert (copy.copy_of, copy.encrypted, copy.kms_key) == (
        "aws_db_snapshot.daily",
        True,
        "aws_kms_key.dr",
    )
    assert (copy.region, arch.resources["aws_kms_key.dr"].region, daily.region) == (
        "us-west-2",
        "us-west-2",
        "eu-west-1",
    )
    flows = {(c.source, c.target) for c in arch.connections}
    assert ("aws_db_snapshot.daily", "aws_db_snapshot_copy.dr") in flows
    assert ("aws_db_snapshot.daily", "aws_s3_bucket.exports") in flows
    verdicts = {(r.rule.id, r.resource): r.outcome.value for r in evaluate(arch)}
    assert verdicts[("data-store-cross-region-backup", "aws_db_instance.db")] == "PASS"


def test_a_snapshot_shared_with_all_is_public(tmp_path: Path) -> None:
    arch = load(
        tmp_path,
        plan([resource("aws_db_snapshot.s", {"shared_accounts": ["all", "444455556666"]})]),
    )
    snapshot = arch.resources["aws_db_snapshot.s"]
    assert isinstance(snapshot, DbSnapshot)
    assert (snapshot.public, snapshot.shared_with_accounts) == (True, ["444455556666"])
    assert snapshot.encrypted is None  # neither a key nor a known instance: unknown


def test_dns_records_and_access_keys_are_joined_onto_zone_and_user(tmp_path: Path) -> None:
    arch = load(
        tmp_path,
        plan(
            [
                resource("aws_route53_zone.z", {"name": "example.com.", "vpc": []}),
                resource("aws_route53_record.www", {"name": "www.example.com", "type": "A"}),
                resource("aws_cloudfront_distribution.cdn", {"enabled": True}),
                resource("aws_iam_user.u", {"name": "ci"}),
                resource("aws_iam_access_key.k", {"status": "Inactive"}),
                resource("aws_iam_access_key.k2", {"status": "Active"}),
            ],
            [
                config(
                    "aws_route53_record.www",
                    {
                        "zone_id": ref("aws_route53_zone.z.zone_id"),
                        "alias": [{"name": ref("aws_cloudfront_distribution.cdn.domain_name")}],
                    },
                ),
                config("aws_iam_access_key.k", {"user": ref("aws_iam_user.u.name")}),
                config("aws_iam_access_key.k2", {"user": ref("aws_iam_user.u.name")}),
            ],
        ),
    )
    zone = arch.resources["aws_route53_zone.z"]
    assert isinstance(zone, Route53Zone)
    assert (zone.domain, zone.private) == ("example.com", False)
    # the alias block is known only after apply (the distribution is new): read from the
    # configuration
    assert [(r.name, r.type, r.alias, r.target) for r in zone.records] == [
        ("www.example.com", "A", True, "aws_cloudfront_distribution.cdn")
    ]
    user = arch.resources["aws_iam_user.u"]
    assert isinstance(user, IamUser)
    assert sorted(k.active for k in user.access_keys) == [False, True]


def test_cloudformation_record_sets_and_access_keys() -> None:
    arch = template(
        """
        Resources:
          Zone:
            Type: AWS::Route53::HostedZone
            Properties: {Name: example.com.}
          Www:
            Type: AWS::Route53::RecordSet
            Properties:
              HostedZoneId: !Ref Zone
              Name: www.example.com.
              Type: A
              AliasTarget: {DNSName: !GetAtt Cdn.DomainName, HostedZoneId: Z2FDTNDATAQYW2}
          Cdn:
            Type: AWS::CloudFront::Distribution
            Properties: {DistributionConfig: {Enabled: true}}
          Ci:
            Type: AWS::IAM::User
          CiKey:
            Type: AWS::IAM::AccessKey
            Properties: {UserName: !Ref Ci, Status: Inactive}
          Lonely:
            Type: AWS::IAM::User
        """
    )
    zone = arch.resources["Zone"]
    assert isinstance(zone, Route53Zone)
    assert zone.domain == "example.com"
    assert [(r.name, r.alias, r.target) for r in zone.records] == [("www.example.com", True, "Cdn")]
    ci, lonely = arch.resources["Ci"], arch.resources["Lonely"]
    assert isinstance(ci, IamUser) and isinstance(lonely, IamUser)
    assert [k.active for k in ci.access_keys] == [False]
    assert lonely.access_keys == []


def test_the_seed_fixtures_read_without_unsupported_types() -> None:
    for name in (
        "serverless-encrypted-backups.cfn.yaml",
        "serverless-encrypted-backups.tfplan.json",
    ):
        diagnostics: list[Problem] = []
        load_architecture(str(IAC / name), diagnostics=diagnostics)
        assert [str(d) for d in diagnostics] == []


def test_cloudformation_auto_scaling_group_reads_its_launch_template() -> None:
    arch = template(
        """
        Resources:
          V: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
          Sn: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref V, CidrBlock: 10.0.0.0/24}}
          Sg: {Type: AWS::EC2::SecurityGroup, Properties: {GroupDescription: nodes}}
          Role:
            Type: AWS::IAM::Role
            Properties: {AssumeRolePolicyDocument: {Statement: []}}
          Profile: {Type: AWS::IAM::InstanceProfile, Properties: {Roles: [!Ref Role]}}
          Lt:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                InstanceType: m6g.large
                IamInstanceProfile: {Arn: !GetAtt Profile.Arn}
                SecurityGroupIds: [!Ref Sg]
          Nodes:
            Type: AWS::AutoScaling::AutoScalingGroup
            Properties:
              MinSize: "2"
              MaxSize: "10"
              DesiredCapacity: "3"
              VPCZoneIdentifier: [!Ref Sn]
              LaunchTemplate: {LaunchTemplateId: !Ref Lt, Version: !GetAtt Lt.LatestVersionNumber}
          Bare:
            Type: AWS::AutoScaling::AutoScalingGroup
            Properties: {MinSize: "1", MaxSize: "1"}
        """
    )
    nodes, bare = arch.resources["Nodes"], arch.resources["Bare"]
    assert isinstance(nodes, AutoScalingGroup) and isinstance(bare, AutoScalingGroup)
    assert (nodes.instance_type, nodes.min_size, nodes.max_size, nodes.desired_capacity) == (
        "m6g.large",
        2,
        10,
        3,
    )
    assert (nodes.role, nodes.subnets, nodes.security_groups) == ("Role", ["Sn"], ["Sg"])
    assert (nodes.health_check_type, bare.instance_type, bare.role) == ("EC2", None, None)


def test_cloudformation_beanstalk_environment_reads_its_option_settings() -> None:
    arch = template(
        """
        Resources:
          V: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
          A: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref V, CidrBlock: 10.0.0.0/24}}
          B: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref V, CidrBlock: 10.0.1.0/24}}
          Sg: {Type: AWS::EC2::SecurityGroup, Properties: {GroupDescription: app}}
          Role:
            Type: AWS::IAM::Role
            Properties: {AssumeRolePolicyDocument: {Statement: []}}
          Profile: {Type: AWS::IAM::InstanceProfile, Properties: {Roles: [!Ref Role]}}
          Web:
            Type: AWS::ElasticBeanstalk::Environment
            Properties:
              ApplicationName: modern-app
              SolutionStackName: 64bit Amazon Linux 2023 v6.1.0 running Node.js 20
              OptionSettings:
                - {Namespace: aws:autoscaling:launchconfiguration, OptionName: InstanceType,
                   Value: t3.small}
                - {Namespace: aws:autoscaling:launchconfiguration,
                   OptionName: IamInstanceProfile, Value: !Ref Profile}
                - {Namespace: aws:autoscaling:launchconfiguration, OptionName: SecurityGroups,
                   Value: !Ref Sg}
                - {Namespace: aws:autoscaling:asg, OptionName: MinSize, Value: "2"}
                - {Namespace: aws:autoscaling:asg, OptionName: MaxSize, Value: "6"}
                - {Namespace: aws:elasticbeanstalk:environment, OptionName: LoadBalancerType,
                   Value: application}
                - {Namespace: aws:elasticbeanstalk:managedactions,
                   OptionName: ManagedActionsEnabled, Value: "true"}
                - {Namespace: aws:elasticbeanstalk:healthreporting:system,
                   OptionName: SystemType, Value: enhanced}
                - {Namespace: aws:ec2:vpc, OptionName: Subnets,
                   Value: !Join [",", [!Ref A, !Ref B]]}
                - {Namespace: aws:elasticbeanstalk:application:environment,
                   OptionName: BACKEND_URL, Value: https://backend.internal}
          Worker:
            Type: AWS::ElasticBeanstalk::Environment
            Properties:
              ApplicationName: modern-app
              Tier: {Name: Worker, Type: SQS/HTTP}
        """
    )
    web, worker = arch.resources["Web"], arch.resources["Worker"]
    assert isinstance(web, ElasticBeanstalkEnvironment)
    assert isinstance(worker, ElasticBeanstalkEnvironment)
    assert (web.application, web.instance_type, web.min_instances, web.max_instances) == (
        "modern-app",
        "t3.small",
        2,
        6,
    )
    assert (web.load_balancer_type, web.managed_updates, web.enhanced_health) == (
        "application",
        True,
        True,
    )
    assert (web.role, web.subnets, web.security_groups) == ("Role", ["A", "B"], ["Sg"])
    assert web.environment == ["BACKEND_URL"]
    assert (worker.tier, worker.load_balancer_type, worker.managed_updates) == (
        "Worker",
        "none",
        None,
    )


def test_cloudformation_msk_cluster_defaults_and_settings() -> None:
    arch = template(
        """
        Resources:
          Key: {Type: AWS::KMS::Key, Properties: {KeyPolicy: {Statement: []}}}
          V: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
          Sn: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref V, CidrBlock: 10.0.0.0/24}}
          Kafka:
            Type: AWS::MSK::Cluster
            Properties:
              ClusterName: modern-app
              KafkaVersion: 3.6.0
              NumberOfBrokerNodes: 2
              BrokerNodeGroupInfo:
                InstanceType: kafka.m7g.large
                ClientSubnets: [!Ref Sn]
                StorageInfo: {EBSStorageInfo: {VolumeSize: 500}}
              EncryptionInfo:
                EncryptionAtRest: {DataVolumeKMSKeyId: !GetAtt Key.Arn}
                EncryptionInTransit: {ClientBroker: TLS, InCluster: true}
              ClientAuthentication: {Sasl: {Iam: {Enabled: true}}}
              LoggingInfo:
                BrokerLogs: {CloudWatchLogs: {Enabled: true, LogGroup: kafka}}
          Open:
            Type: AWS::MSK::Cluster
            Properties:
              ClusterName: open
              KafkaVersion: 3.6.0
              NumberOfBrokerNodes: 3
              BrokerNodeGroupInfo: {InstanceType: kafka.t3.small, ClientSubnets: [a, b, c]}
              EncryptionInfo: {EncryptionInTransit: {ClientBroker: TLS_PLAINTEXT}}
        """
    )
    kafka, open_ = arch.resources["Kafka"], arch.resources["Open"]
    assert isinstance(kafka, MskCluster) and isinstance(open_, MskCluster)
    assert (kafka.broker_count, kafka.storage_gb_per_broker, kafka.kms_key) == (2, 500, "Key")
    assert (kafka.client_broker_encryption, kafka.in_cluster_encryption) == ("TLS", True)
    assert (kafka.public_access, kafka.unauthenticated_access, kafka.broker_logging) == (
        False,
        False,
        True,
    )
    assert kafka.subnets == ["Sn"]
    # No client authentication at all lets anyone in; the AWS-owned key encrypts at rest.
    assert (open_.unauthenticated_access, open_.kms_key, open_.broker_logging) == (
        True,
        None,
        False,
    )
    assert (open_.client_broker_encryption, open_.storage_gb_per_broker) == ("TLS_PLAINTEXT", 1000)


def test_cloudformation_event_bus_and_pipeline() -> None:
    arch = template(
        """
        Resources:
          Key: {Type: AWS::KMS::Key, Properties: {KeyPolicy: {Statement: []}}}
          Bus:
            Type: AWS::Events::EventBus
            Properties: {Name: modern-app, KmsKeyIdentifier: !GetAtt Key.Arn}
          BusArchive:
            Type: AWS::Events::Archive
            Properties: {SourceArn: !GetAtt Bus.Arn}
          BusPolicy:
            Type: AWS::Events::EventBusPolicy
            Properties:
              EventBusName: !Ref Bus
              StatementId: producer
              Statement: {Effect: Allow, Principal: {AWS: "111122223333"},
                          Action: "events:PutEvents", Resource: !GetAtt Bus.Arn}
          Plain:
            Type: AWS::Events::EventBus
            Properties: {Name: plain}
          Artifacts: {Type: AWS::S3::Bucket}
          Role:
            Type: AWS::IAM::Role
            Properties: {AssumeRolePolicyDocument: {Statement: []}}
          Pipeline:
            Type: AWS::CodePipeline::Pipeline
            Properties:
              RoleArn: !GetAtt Role.Arn
              ArtifactStore:
                Type: S3
                Location: !Ref Artifacts
                EncryptionKey: {Id: !GetAtt Key.Arn, Type: KMS}
              Stages:
                - {Name: Source, Actions: []}
                - {Name: Build, Actions: []}
        """
    )
    bus, plain, pipeline = (arch.resources[i] for i in ("Bus", "Plain", "Pipeline"))
    assert isinstance(bus, EventbridgeBus) and isinstance(plain, EventbridgeBus)
    assert (bus.kms_key, bus.archive_enabled, plain.kms_key, plain.archive_enabled) == (
        "Key",
        True,
        None,
        False,
    )
    assert (bus.has_policy, plain.has_policy) == (True, False)
    assert bus.policy is not None and plain.policy is None
    assert [s.principals for s in bus.policy.statement] == [["111122223333"]]
    assert isinstance(pipeline, CodepipelinePipeline)
    assert (pipeline.stages, pipeline.artifact_bucket, pipeline.role, pipeline.kms_key) == (
        ["Source", "Build"],
        "Artifacts",
        "Role",
        "Key",
    )


def test_terraform_asg_beanstalk_msk_bus_pipeline_and_build(tmp_path: Path) -> None:
    setting = [
        ("aws:autoscaling:launchconfiguration", "InstanceType", "t3.small"),
        ("aws:autoscaling:asg", "MinSize", "2"),
        ("aws:autoscaling:asg", "MaxSize", "6"),
        ("aws:elasticbeanstalk:environment", "LoadBalancerType", "application"),
        ("aws:elasticbeanstalk:managedactions", "ManagedActionsEnabled", "true"),
        ("aws:elasticbeanstalk:healthreporting:system", "SystemType", "enhanced"),
        ("aws:elasticbeanstalk:application:environment", "BACKEND_URL", "https://b"),
    ]
    document = plan(
        [
            resource("aws_vpc.v", {"cidr_block": "10.0.0.0/16"}),
            resource("aws_subnet.a", {"cidr_block": "10.0.0.0/24"}),
            resource("aws_security_group.app", {"name": "app"}),
            resource("aws_kms_key.k", {"enable_key_rotation": True}),
            resource("aws_iam_role.r", {"name": "r", "assume_role_policy": "{}"}),
            resource("aws_iam_instance_profile.p", {"name": "p"}),
            resource("aws_launch_template.lt", {"instance_type": "m6g.large"}),
            resource(
                "aws_autoscaling_group.nodes",
                {"min_size": 2, "max_size": 10, "desired_capacity": 3, "health_check_type": "EC2"},
            ),
            resource(
                "aws_elastic_beanstalk_environment.web",
                {
                    "application": "modern-app",
                    "tier": "WebServer",
                    "setting": [
                        {"namespace": n, "name": k, "value": v, "resource": ""}
                        for n, k, v in setting
                    ],
                },
            ),
            resource(
                "aws_msk_cluster.kafka",
                {
                    "kafka_version": "3.6.0",
                    "number_of_broker_nodes": 2,
                    "broker_node_group_info": [
                        {
                            "instance_type": "kafka.m7g.large",
                            "storage_info": [{"ebs_storage_info": [{"volume_size": 500}]}],
                            "connectivity_info": [{"public_access": [{"type": "DISABLED"}]}],
                        }
                    ],
                    "encryption_info": [
                        {"encryption_in_transit": [{"client_broker": "TLS", "in_cluster": True}]}
                    ],
                    "client_authentication": [{"unauthenticated": False}],
                    "logging_info": [{"broker_logs": [{"cloudwatch_logs": [{"enabled": True}]}]}],
                },
            ),
            resource("aws_msk_cluster.open", {"client_authentication": [], "logging_info": []}),
            resource("aws_cloudwatch_event_bus.bus", {"name": "modern-app"}),
            resource("aws_cloudwatch_event_archive.bus", {"name": "all"}),
            resource("aws_s3_bucket.artifacts", {"bucket": "artifacts"}),
            resource(
                "aws_codepipeline.pipeline",
                {"stage": [{"name": "Source"}, {"name": "Build"}, {"name": "Deploy"}]},
            ),
            resource(
                "aws_codebuild_project.build",
                {
                    "environment": [
                        {
                            "image": "aws/codebuild/standard:7.0",
                            "compute_type": "BUILD_GENERAL1_SMALL",
                            "privileged_mode": False,
                            "environment_variable": [
                                {"name": "STAGE", "type": "PLAINTEXT", "value": "prod"},
                                {"name": "TOKEN", "type": "SECRETS_MANAGER", "value": "x"},
                            ],
                        }
                    ],
                    "logs_config": [],
                },
            ),
            resource(
                "aws_codebuild_project.quiet",
                {"logs_config": [{"cloudwatch_logs": [{"status": "DISABLED"}], "s3_logs": []}]},
            ),
        ],
        [
            config("aws_subnet.a", {"vpc_id": ref("aws_vpc.v.id")}),
            config("aws_iam_instance_profile.p", {"role": ref("aws_iam_role.r.name")}),
            config(
                "aws_launch_template.lt",
                {
                    "iam_instance_profile": [{"name": ref("aws_iam_instance_profile.p.name")}],
                    "vpc_security_group_ids": ref("aws_security_group.app.id"),
                },
            ),
            config(
                "aws_autoscaling_group.nodes",
                {
                    "launch_template": [{"id": ref("aws_launch_template.lt.id")}],
                    "vpc_zone_identifier": ref("aws_subnet.a.id"),
                },
            ),
            config(
                "aws_elastic_beanstalk_environment.web",
                {
                    "setting": [
                        {
                            "namespace": {"constant_value": "aws:ec2:vpc"},
                            "name": {"constant_value": "Subnets"},
                            "value": ref("aws_subnet.a.id"),
                        },
                        {
                            "namespace": {"constant_value": "aws:autoscaling:launchconfiguration"},
                            "name": {"constant_value": "IamInstanceProfile"},
                            "value": ref("aws_iam_instance_profile.p.name"),
                        },
                    ]
                },
            ),
            config(
                "aws_msk_cluster.kafka",
                {"encryption_info": [{"encryption_at_rest_kms_key_arn": ref("aws_kms_key.k.arn")}]},
            ),
            config(
                "aws_cloudwatch_event_bus.bus", {"kms_key_identifier": ref("aws_kms_key.k.arn")}
            ),
            config(
                "aws_cloudwatch_event_archive.bus",
                {"event_source_arn": ref("aws_cloudwatch_event_bus.bus.arn")},
            ),
            config(
                "aws_codepipeline.pipeline",
                {
                    "role_arn": ref("aws_iam_role.r.arn"),
                    "artifact_store": [
                        {
                            "location": ref("aws_s3_bucket.artifacts.bucket"),
                            "encryption_key": [{"id": ref("aws_kms_key.k.arn")}],
                        }
                    ],
                },
            ),
            config("aws_codebuild_project.build", {"service_role": ref("aws_iam_role.r.arn")}),
        ],
    )
    arch = load(tmp_path, document)
    r = arch.resources
    nodes, web = r["aws_autoscaling_group.nodes"], r["aws_elastic_beanstalk_environment.web"]
    assert isinstance(nodes, AutoScalingGroup) and isinstance(web, ElasticBeanstalkEnvironment)
    assert (nodes.instance_type, nodes.role, nodes.subnets, nodes.security_groups) == (
        "m6g.large",
        "aws_iam_role.r",
        ["aws_subnet.a"],
        ["aws_security_group.app"],
    )
    assert (nodes.min_size, nodes.max_size, nodes.desired_capacity) == (2, 10, 3)
    assert (web.instance_type, web.min_instances, web.max_instances) == ("t3.small", 2, 6)
    assert (web.load_balancer_type, web.managed_updates, web.enhanced_health) == (
        "application",
        True,
        True,
    )
    assert (web.role, web.subnets, web.environment) == (
        "aws_iam_role.r",
        ["aws_subnet.a"],
        ["BACKEND_URL"],
    )
    kafka, open_ = r["aws_msk_cluster.kafka"], r["aws_msk_cluster.open"]
    assert isinstance(kafka, MskCluster) and isinstance(open_, MskCluster)
    assert (kafka.kms_key, kafka.storage_gb_per_broker, kafka.public_access) == (
        "aws_kms_key.k",
        500,
        False,
    )
    assert (kafka.unauthenticated_access, kafka.broker_logging) == (False, True)
    assert (open_.unauthenticated_access, open_.broker_logging) == (True, False)
    bus = r["aws_cloudwatch_event_bus.bus"]
    assert isinstance(bus, EventbridgeBus)
    assert (bus.kms_key, bus.archive_enabled) == ("aws_kms_key.k", True)
    pipeline = r["aws_codepipeline.pipeline"]
    assert isinstance(pipeline, CodepipelinePipeline)
    assert (pipeline.stages, pipeline.artifact_bucket, pipeline.role, pipeline.kms_key) == (
        ["Source", "Build", "Deploy"],
        "aws_s3_bucket.artifacts",
        "aws_iam_role.r",
        "aws_kms_key.k",
    )
    build, quiet = r["aws_codebuild_project.build"], r["aws_codebuild_project.quiet"]
    assert isinstance(build, CodebuildProject) and isinstance(quiet, CodebuildProject)
    assert (build.image, build.role, build.logging_enabled, build.plaintext_environment) == (
        "aws/codebuild/standard:7.0",
        "aws_iam_role.r",
        True,
        ["STAGE"],
    )
    assert quiet.logging_enabled is False


def test_cloudformation_flows_through_tasks_vpc_links_buses_pipelines_and_tls_groups() -> None:
    arch = template(
        """
        Resources:
          Table:
            Type: AWS::DynamoDB::Table
            Properties:
              AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]
              KeySchema: [{AttributeName: pk, KeyType: HASH}]
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - {Name: app, Environment: [{Name: TABLE, Value: !Ref Table}]}
          Service:
            Type: AWS::ECS::Service
            Properties:
              TaskDefinition: !Ref Task
              LoadBalancers: [{TargetGroupArn: !Ref Group, ContainerPort: 8080}]
          Nlb: {Type: AWS::ElasticLoadBalancingV2::LoadBalancer, Properties: {Type: network}}
          Group:
            Type: AWS::ElasticLoadBalancingV2::TargetGroup
            Properties: {Protocol: TLS, Port: 8080, TargetType: ip}
          Listener:
            Type: AWS::ElasticLoadBalancingV2::Listener
            Properties:
              LoadBalancerArn: !Ref Nlb
              Protocol: TLS
              Port: 443
              DefaultActions: [{Type: forward, TargetGroupArn: !Ref Group}]
          Api:
            Type: AWS::ApiGateway::RestApi
            Properties: {Name: api}
          Link:
            Type: AWS::ApiGateway::VpcLink
            Properties: {Name: link, TargetArns: [!Ref Nlb]}
          Method:
            Type: AWS::ApiGateway::Method
            Properties:
              RestApiId: !Ref Api
              ResourceId: !GetAtt Api.RootResourceId
              HttpMethod: ANY
              AuthorizationType: AWS_IAM
              Integration: {Type: HTTP_PROXY, ConnectionType: VPC_LINK, ConnectionId: !Ref Link}
          Bus: {Type: AWS::Events::EventBus, Properties: {Name: bus}}
          Queue: {Type: AWS::SQS::Queue}
          Rule:
            Type: AWS::Events::Rule
            Properties:
              EventBusName: !Ref Bus
              EventPattern: {source: [app]}
              Targets: [{Id: q, Arn: !GetAtt Queue.Arn}]
          Project:
            Type: AWS::CodeBuild::Project
            Properties:
              ServiceRole: arn:aws:iam::111122223333:role/build
              Environment: {Image: img, ComputeType: BUILD_GENERAL1_SMALL}
              LogsConfig: {CloudWatchLogs: {Status: DISABLED}}
          Pipeline:
            Type: AWS::CodePipeline::Pipeline
            Properties:
              RoleArn: arn:aws:iam::111122223333:role/pipeline
              Stages:
                - Name: Build
                  Actions: [{Name: b, Configuration: {ProjectName: !Ref Project}}]
        """
    )
    flows = {(c.source, c.target): c.protocol for c in arch.connections}
    assert flows[("Service", "Table")] == "https"  # from the task definition's containers
    assert flows[("Nlb", "Service")] == "tls"  # the target group's protocol
    assert ("Api", "Nlb") in flows  # through the VPC link
    assert flows[("Bus", "Queue")] == flows[("Rule", "Queue")] == "https"
    assert ("Rule", "Bus") not in flows  # the rule's bus is where events come from
    assert ("Pipeline", "Project") in flows
    nlb, project = arch.resources["Nlb"], arch.resources["Project"]
    assert isinstance(nlb, LoadBalancer) and nlb.targets == ["Service"]
    assert isinstance(project, CodebuildProject) and project.logging_enabled is False


def test_cloudformation_cluster_reads_zones_and_exposure_from_its_instances() -> None:
    members = """
          A:
            Type: AWS::RDS::DBInstance
            Properties: {DBClusterIdentifier: !Ref Db, DBInstanceClass: db.r6g.large,
                         Engine: aurora-postgresql, AvailabilityZone: eu-west-1a,
                         PubliclyAccessible: false}
          B:
            Type: AWS::RDS::DBInstance
            Properties: {DBClusterIdentifier: !Ref Db, DBInstanceClass: db.r6g.large,
                         Engine: aurora-postgresql, AvailabilityZone: %s,
                         PubliclyAccessible: %s}
    """
    head = """
        Resources:
          Db: {Type: AWS::RDS::DBCluster, Properties: {Engine: aurora-postgresql}}
    """
    both = template(head + members % ("eu-west-1b", "false")).resources["Db"]
    same = template(head + members % ("eu-west-1a", "true")).resources["Db"]
    alone = template(head).resources["Db"]
    assert isinstance(both, RdsCluster) and isinstance(same, RdsCluster)
    assert isinstance(alone, RdsCluster)
    assert (both.multi_az, both.publicly_accessible) == (True, False)
    # two instances in one zone: the zone of a failover is not known, so unknown, not False
    assert (same.multi_az, same.publicly_accessible) == (None, True)
    assert (alone.multi_az, alone.publicly_accessible) == (None, None)


def test_websocket_apis_read_execution_logging() -> None:
    arch = template(
        """
        Resources:
          Ws:
            Type: AWS::ApiGatewayV2::Api
            Properties: {Name: ws, ProtocolType: WEBSOCKET}
          Stage:
            Type: AWS::ApiGatewayV2::Stage
            Properties: {ApiId: !Ref Ws, StageName: v1,
                         DefaultRouteSettings: {LoggingLevel: ERROR}}
          Http:
            Type: AWS::ApiGatewayV2::Api
            Properties: {Name: http, ProtocolType: HTTP}
          HttpStage:
            Type: AWS::ApiGatewayV2::Stage
            Properties: {ApiId: !Ref Http, StageName: v1}
        """
    )
    ws, http = arch.resources["Ws"], arch.resources["Http"]
    assert isinstance(ws, ApiGateway) and isinstance(http, ApiGateway)
    assert (ws.api_type, ws.execution_logging) == ("websocket", True)
    assert http.execution_logging is None  # HTTP APIs have no execution logs


def test_a_route_attribute_naming_an_internet_gateway_makes_its_subnets_public(
    tmp_path: Path,
) -> None:
    """Terraform writes `route` (an attribute) as one expression; the gateway id is unknown."""
    route = {"cidr_block": "0.0.0.0/0", "nat_gateway_id": "", "vpc_endpoint_id": ""}
    arch = load(
        tmp_path,
        plan(
            [
                resource("aws_vpc.v", {"cidr_block": "10.0.0.0/16"}),
                resource("aws_internet_gateway.igw", {}),
                resource("aws_subnet.pub", {"cidr_block": "10.0.0.0/24"}),
                resource("aws_subnet.priv", {"cidr_block": "10.0.1.0/24"}),
                resource("aws_route_table.pub", {"route": [route]}),
                resource("aws_route_table.priv", {"route": []}),
                resource("aws_route_table_association.pub", {}),
                resource("aws_route_table_association.priv", {}),
            ],
            [
                config("aws_subnet.pub", {"vpc_id": ref("aws_vpc.v.id")}),
                config("aws_subnet.priv", {"vpc_id": ref("aws_vpc.v.id")}),
                config("aws_internet_gateway.igw", {"vpc_id": ref("aws_vpc.v.id")}),
                config("aws_route_table.pub", {"route": ref("aws_internet_gateway.igw.id")}),
                config(
                    "aws_route_table_association.pub",
                    {
                        "subnet_id": ref("aws_subnet.pub.id"),
                        "route_table_id": ref("aws_route_table.pub.id"),
                    },
                ),
                config(
                    "aws_route_table_association.priv",
                    {
                        "subnet_id": ref("aws_subnet.priv.id"),
                        "route_table_id": ref("aws_route_table.priv.id"),
                    },
                ),
            ],
        ),
    )
    judged = [subnet_public(arch.resources[s]) for s in ("aws_subnet.pub", "aws_subnet.priv")]
    assert judged == [
        True,
        False,
    ]


def test_every_mapper_is_for_a_type_the_registry_lists_and_no_joined_type_is_a_kind() -> None:
    # The registry alone decides which type becomes which kind; a mapper or a joined
    # (auxiliary) type it does not know about would be a second, private type map.
    assert [t for t in CFN_MAPPERS if spec_for_cfn_type(t) is None] == []
    assert [t for t in TF_MAPPERS if spec_for_tf_type(t) is None] == []
    assert [t for t in CFN_AUXILIARY if spec_for_cfn_type(t) is not None] == []
    assert [t for t in TF_AUXILIARY if spec_for_tf_type(t) is not None] == []
    assert spec_for_tf_type("aws_db_instance") is BY_KIND["rds_instance"]


def test_cloudformation_instance_reads_imdsv2_from_its_launch_template_only() -> None:
    arch = template(
        """
        Resources:
          Plain:
            Type: AWS::EC2::Instance
            Properties: {ImageId: ami-1, InstanceType: t3.micro}
          Optional:
            Type: AWS::EC2::Instance
            Properties:
              LaunchTemplate: {LaunchTemplateId: !Ref OptionalLt, Version: "1"}
          Required:
            Type: AWS::EC2::Instance
            Properties:
              LaunchTemplate: {LaunchTemplateId: !Ref RequiredLt, Version: "1"}
          OptionalLt:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData: {ImageId: ami-1, MetadataOptions: {HttpTokens: optional}}
          RequiredLt:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData: {ImageId: ami-1, MetadataOptions: {HttpTokens: required}}
        """
    )
    tokens = {
        rid: r.imdsv2_required for rid, r in arch.resources.items() if r.kind == "ec2_instance"
    }
    # Without a launch template the AMI or the account default decides: unknown.
    assert tokens == {"Plain": None, "Optional": False, "Required": True}
    # the templates are resources of their own (EC2.170 judges them)
    assert {rid for rid, _r in arch.of_kind("launch_template")} == {"OptionalLt", "RequiredLt"}


_SCALED_TABLE = """
    Resources:
      Table:
        Type: AWS::DynamoDB::Table
        Properties:
          TableName: orders
          BillingMode: PROVISIONED
          ProvisionedThroughput: {ReadCapacityUnits: 5, WriteCapacityUnits: 5}
          AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]
          KeySchema: [{AttributeName: pk, KeyType: HASH}]
      Read:
        Type: AWS::ApplicationAutoScaling::ScalableTarget
        Properties:
          ServiceNamespace: dynamodb
          ResourceId: !Sub "table/${Table}"
          ScalableDimension: dynamodb:table:ReadCapacityUnits
          MinCapacity: 5
          MaxCapacity: 50
      ReadPolicy:
        Type: AWS::ApplicationAutoScaling::ScalingPolicy
        Properties:
          PolicyName: read
          PolicyType: TargetTrackingScaling
          ScalingTargetId: !Ref Read
"""
_WRITE_TARGET = """
      Write:
        Type: AWS::ApplicationAutoScaling::ScalableTarget
        Properties:
          ServiceNamespace: dynamodb
          ResourceId: table/orders
          ScalableDimension: dynamodb:{scope}:WriteCapacityUnits
          MinCapacity: 5
          MaxCapacity: 50
"""
_WRITE_POLICY = """
      WritePolicy:
        Type: AWS::ApplicationAutoScaling::ScalingPolicy
        Properties:
          PolicyName: write
          PolicyType: TargetTrackingScaling
          ServiceNamespace: dynamodb
          ResourceId: table/orders
          ScalableDimension: dynamodb:{scope}:WriteCapacityUnits
"""


def test_dynamodb_auto_scaling_needs_a_target_and_a_policy_per_table_dimension(
    tmp_path: Path,
) -> None:
    def cfn(text: str) -> bool | None:
        value: bool | None = template(text).resources["Table"].model_dump()["autoscaling"]
        return value

    both = _WRITE_TARGET + _WRITE_POLICY
    assert cfn(_SCALED_TABLE + both.format(scope="table")) is True
    assert cfn(_SCALED_TABLE + both.format(scope="index")) is False  # an index's is its own
    assert cfn(_SCALED_TABLE + _WRITE_TARGET.format(scope="table")) is False  # no policy
    assert cfn(_SCALED_TABLE) is False

    def tf(dimensions: list[str], policies: bool = True) -> bool | None:
        found = [
            resource(
                f"aws_appautoscaling_{part}.t{i}",
                {
                    "service_namespace": "dynamodb",
                    "resource_id": "table/orders",  # by value, as in a plan of what exists
                    "scalable_dimension": dimension,
                },
            )
            for i, dimension in enumerate(dimensions)
            for part in (("target", "policy") if policies else ("target",))
        ]
        table = resource("aws_dynamodb_table.t", {"name": "orders", "billing_mode": "PROVISIONED"})
        arch = load(tmp_path, plan([table, *found]))
        value: bool | None = arch.resources["aws_dynamodb_table.t"].model_dump()["autoscaling"]
        return value

    read, write = "dynamodb:table:ReadCapacityUnits", "dynamodb:table:WriteCapacityUnits"
    assert (tf([read, write]), tf([read]), tf([])) == (True, False, False)
    assert tf([read, write], policies=False) is False


def test_terraform_rest_api_stage_facts_are_unknown_without_a_stage(tmp_path: Path) -> None:
    api = resource("aws_api_gateway_rest_api.api", {"name": "api"})
    stage = resource("aws_api_gateway_stage.prod", {"stage_name": "prod"})
    cert = resource("aws_api_gateway_client_certificate.c", {"description": "backend"})
    linked = [
        config("aws_api_gateway_stage.prod", {
            "rest_api_id": ref("aws_api_gateway_rest_api.api.id"),
            # created by the same plan: the id is known after apply, the expression now
            "client_certificate_id": ref("aws_api_gateway_client_certificate.c.id"),
        }),
    ]  # fmt: skip
    alone = load(tmp_path, plan([api])).resources["aws_api_gateway_rest_api.api"]
    staged = load(tmp_path, plan([api, stage, cert], linked)).resources[
        "aws_api_gateway_rest_api.api"
    ]
    assert isinstance(alone, ApiGateway) and isinstance(staged, ApiGateway)
    facts = ("xray_tracing", "cache_enabled", "cache_encrypted", "client_certificate")
    assert [getattr(alone, f) for f in facts] == [None] * 4
    assert staged.client_certificate is True


def test_cloudformation_group_launch_configuration_metadata_and_public_ip() -> None:
    arch = template(
        """
        Resources:
          Config:
            Type: AWS::AutoScaling::LaunchConfiguration
            Properties:
              ImageId: ami-0123456789abcdef0
              InstanceType: t3.micro
              AssociatePublicIpAddress: true
              MetadataOptions: {HttpTokens: required}
          Legacy:
            Type: AWS::AutoScaling::AutoScalingGroup
            Properties: {MinSize: "1", MaxSize: "2", LaunchConfigurationName: !Ref Config}
          Template:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData: {InstanceType: t3.micro}
          Modern:
            Type: AWS::AutoScaling::AutoScalingGroup
            Properties:
              MinSize: "1"
              MaxSize: "2"
              LaunchTemplate: {LaunchTemplateId: !Ref Template, Version: "1"}
          Unresolved:
            Type: AWS::AutoScaling::AutoScalingGroup
            Properties:
              MinSize: "1"
              MaxSize: "2"
              LaunchTemplate: {LaunchTemplateId: lt-0123456789abcdef0, Version: "1"}
        """
    )
    legacy, modern, unresolved = (arch.resources[i] for i in ("Legacy", "Modern", "Unresolved"))
    assert isinstance(legacy, AutoScalingGroup) and isinstance(modern, AutoScalingGroup)
    assert isinstance(unresolved, AutoScalingGroup)
    assert (legacy.imdsv2_required, legacy.public_ip) == (True, True)
    # Unstated HttpTokens: the AMI or the account default decides; no public IP was asked for.
    assert (modern.imdsv2_required, modern.public_ip) == (None, False)
    # A template outside the stack: nothing is known of what the group launches.
    assert (unresolved.imdsv2_required, unresolved.public_ip) == (None, None)


def test_cloudformation_user_pool_password_policy() -> None:
    arch = template(
        """
        Resources:
          Default: {Type: AWS::Cognito::UserPool, Properties: {UserPoolName: default}}
          Partial:
            Type: AWS::Cognito::UserPool
            Properties:
              Policies: {PasswordPolicy: {MinimumLength: 10, RequireSymbols: true}}
          Weak:
            Type: AWS::Cognito::UserPool
            Properties:
              Policies:
                PasswordPolicy: {MinimumLength: 8, RequireLowercase: true,
                                 RequireUppercase: true, RequireNumbers: false,
                                 RequireSymbols: true, TemporaryPasswordValidityDays: 30}
        """
    )
    pools = [arch.resources[i] for i in ("Default", "Partial", "Weak")]
    assert all(isinstance(p, CognitoUserPool) for p in pools)
    facts = [
        (p.password_requires_all_classes, p.temporary_password_days)
        for p in pools
        if isinstance(p, CognitoUserPool)
    ]
    # No policy: Cognito's default one; a requirement left out of a policy is not read.
    assert facts == [(True, 7), (None, None), (False, 30)]


def test_beanstalk_log_streaming_from_option_settings() -> None:
    from archcode.collectors.beanstalk import LOGS, beanstalk_fields

    def stream(*values: object) -> object:
        return beanstalk_fields([(LOGS, "StreamLogs", v) for v in values], None)[0]["stream_logs"]

    # Not set: the API's default (off); set twice to different values: unknown.
    assert (stream(), stream("true"), stream(True, "true"), stream("false")) == (
        False,
        True,
        True,
        False,
    )
    assert stream("true", "false") is None


def test_terraform_group_launched_from_a_launch_configuration(tmp_path: Path) -> None:
    arch = load(
        tmp_path,
        plan(
            [
                resource(
                    "aws_launch_configuration.legacy",
                    {
                        "name": "legacy-lc",
                        "instance_type": "t3.micro",
                        "associate_public_ip_address": True,
                        "metadata_options": [{"http_tokens": "required"}],
                        "security_groups": ["sg-0aaa"],
                    },
                ),
                resource("aws_security_group.app", {"id": "sg-0aaa", "name": "app"}),
                resource(
                    "aws_autoscaling_group.legacy",
                    {"min_size": 1, "max_size": 2, "launch_configuration": "legacy-lc"},
                ),
            ],
            config=[
                config(
                    "aws_autoscaling_group.legacy",
                    {"launch_configuration": ref("aws_launch_configuration.legacy.name")},
                ),
                config(
                    "aws_launch_configuration.legacy",
                    {"security_groups": ref("aws_security_group.app.id")},
                ),
            ],
        ),
    )
    group = arch.resources["aws_autoscaling_group.legacy"]
    assert isinstance(group, AutoScalingGroup)
    assert (group.instance_type, group.imdsv2_required, group.public_ip) == ("t3.micro", True, True)
    assert group.security_groups == ["aws_security_group.app"]


def test_cloudtrail_management_read_write_from_every_selector_form() -> None:
    """CloudTrail.1 asks for read and write management events: basic selectors'
    ReadWriteType (together), advanced selectors' readOnly field, AWS's All without any."""
    arch = template(
        """
        Resources:
          Plain: {Type: AWS::CloudTrail::Trail, Properties: {IsLogging: true, S3BucketName: b}}
          WriteOnly:
            Type: AWS::CloudTrail::Trail
            Properties:
              IsLogging: true
              S3BucketName: b
              EventSelectors: [{ReadWriteType: WriteOnly}]
          Both:
            Type: AWS::CloudTrail::Trail
            Properties:
              IsLogging: true
              S3BucketName: b
              EventSelectors: [{ReadWriteType: ReadOnly}, {ReadWriteType: WriteOnly}]
          DataOnly:
            Type: AWS::CloudTrail::Trail
            Properties:
              IsLogging: true
              S3BucketName: b
              EventSelectors: [{IncludeManagementEvents: false, ReadWriteType: All}]
          AdvancedRead:
            Type: AWS::CloudTrail::Trail
            Properties:
              IsLogging: true
              S3BucketName: b
              AdvancedEventSelectors:
                - FieldSelectors:
                    - {Field: eventCategory, Equals: [Management]}
                    - {Field: readOnly, Equals: ["true"]}
          AdvancedAll:
            Type: AWS::CloudTrail::Trail
            Properties:
              IsLogging: true
              S3BucketName: b
              AdvancedEventSelectors:
                - FieldSelectors: [{Field: eventCategory, Equals: [Management]}]
        """
    )
    found = {
        rid: (r.management_events, r.management_read_write)
        for rid, r in arch.of_kind("cloudtrail_trail")
        if isinstance(r, CloudtrailTrail)
    }
    assert found == {
        "Plain": (True, "All"),
        "WriteOnly": (True, "WriteOnly"),
        "Both": (True, "All"),
        "DataOnly": (False, None),
        "AdvancedRead": (True, "ReadOnly"),
        "AdvancedAll": (True, "All"),
    }


def test_terraform_trail_selectors_templates_and_snapshot_sharing(tmp_path: Path) -> None:
    """A plan's event_selector / advanced_event_selector, a launch template's string-typed
    `encrypted`, and the accounts aws_snapshot_create_volume_permission shares a snapshot with."""
    management = [{"field": "eventCategory", "equals": ["Management"]}]
    document = plan(
        [
            resource(
                "aws_cloudtrail.write", {"event_selector": [{"read_write_type": "WriteOnly"}]}
            ),
            resource(
                "aws_cloudtrail.advanced",
                {"advanced_event_selector": [{"name": "m", "field_selector": management}]},
            ),
            resource("aws_cloudtrail.plain", {"name": "plain"}),
            resource(
                "aws_launch_template.lt",
                {
                    "metadata_options": [{"http_tokens": "optional"}],
                    "network_interfaces": [{"associate_public_ip_address": "false"}],
                    "block_device_mappings": [
                        {"ebs": [{"encrypted": "true"}]},
                        {"ebs": [{"encrypted": "false"}]},
                    ],
                },
            ),
            resource("aws_ebs_volume.data", {"size": 8, "encrypted": True}),
            resource("aws_ebs_snapshot.snap", {"tags": {}}),
            resource("aws_snapshot_create_volume_permission.p", {"account_id": "444455556666"}),
        ],
        [
            config("aws_ebs_snapshot.snap", {"volume_id": ref("aws_ebs_volume.data.id")}),
            config(
                "aws_snapshot_create_volume_permission.p",
                {"snapshot_id": ref("aws_ebs_snapshot.snap.id")},
            ),
        ],
    )
    arch = load(tmp_path, document)
    trails = {
        rid: (t.management_events, t.management_read_write)
        for rid, t in arch.of_kind("cloudtrail_trail")
        if isinstance(t, CloudtrailTrail)
    }
    assert trails == {
        "aws_cloudtrail.write": (True, "WriteOnly"),
        "aws_cloudtrail.advanced": (True, "All"),
        "aws_cloudtrail.plain": (None, "All"),
    }
    lt = arch.resources["aws_launch_template.lt"]
    assert isinstance(lt, LaunchTemplate)
    assert (lt.imdsv2_required, lt.public_ip, lt.ebs_encryption) == (False, False, "unencrypted")
    snap = arch.resources["aws_ebs_snapshot.snap"]
    assert isinstance(snap, EbsSnapshot)
    # encrypted as its volume is; a plan cannot share with 'all'
    assert (snap.volume, snap.encrypted, snap.public) == ("aws_ebs_volume.data", True, False)
    assert snap.shared_with_accounts == ["444455556666"]
