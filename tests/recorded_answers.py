"""Recorded answers of the read-only AWS calls discovery makes, one account and region.

Written for tests/test_source_coverage.py in the response shapes of the AWS API reference (the
same shapes boto3 returns): each service group's answers set every member a rule-read field of
its kinds comes from, so that the fields the collectors declare come out of a discovery. The
answers are keyed by service group, then by operation; a group's reader answers its calls from
its own table (two services may share an operation name).
"""

from __future__ import annotations

import json
from typing import Any

ACCOUNT, REGION = "111122223333", "eu-west-1"
KEY = f"arn:aws:kms:{REGION}:{ACCOUNT}:key/1111-2222"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/app"
FN = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:fn"
VPC, SUBNET, SG = "vpc-0aaa", "subnet-0aaa", "sg-0aaa"
EFS_ARN = f"arn:aws:elasticfilesystem:{REGION}:{ACCOUNT}"
LB = f"arn:aws:elasticloadbalancing:{REGION}:{ACCOUNT}:loadbalancer/app/web-lb/1"
SECRET = f"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:db-credentials-AbCdEf"
TAGS = [{"Key": "Name", "Value": "tagged"}, {"Key": "backup", "Value": "daily"}]


def _policy(principal: Any) -> str:
    statement = {"Effect": "Allow", "Principal": principal, "Action": "*", "Resource": "*"}
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


ANSWERS: dict[str, dict[str, Any]] = {
    "ec2": {
        "describe_flow_logs": {"FlowLogs": [{"ResourceId": VPC}]},
        "describe_vpcs": {"Vpcs": [{"VpcId": VPC, "CidrBlock": "10.0.0.0/16", "Tags": TAGS}]},
        "describe_route_tables": {
            "RouteTables": [
                {
                    "VpcId": VPC,
                    "Routes": [{"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-0aaa"}],
                    "Associations": [{"SubnetId": SUBNET}],
                }
            ]
        },
        "describe_subnets": {
            "Subnets": [
                {
                    "SubnetId": SUBNET,
                    "VpcId": VPC,
                    "AvailabilityZone": "eu-west-1a",
                    "CidrBlock": "10.0.1.0/24",
                    "MapPublicIpOnLaunch": False,
                    "SubnetArn": f"arn:aws:ec2:{REGION}:{ACCOUNT}:subnet/{SUBNET}",
                    "Tags": TAGS,
                }
            ]
        },
        "describe_internet_gateways": {
            "InternetGateways": [
                {"InternetGatewayId": "igw-0aaa", "Attachments": [{"VpcId": VPC}], "Tags": TAGS}
            ]
        },
        "describe_nat_gateways": {
            "NatGateways": [
                {
                    "NatGatewayId": "nat-0aaa",
                    "SubnetId": SUBNET,
                    "State": "available",
                    "ConnectivityType": "public",
                    "Tags": TAGS,
                }
            ]
        },
        "describe_security_groups": {
            "SecurityGroups": [
                {
                    "GroupId": SG,
                    "GroupName": "app",
                    "Description": "app",
                    "VpcId": VPC,
                    "SecurityGroupArn": f"arn:aws:ec2:{REGION}:{ACCOUNT}:security-group/{SG}",
                    "IpPermissions": [
                        {
                            "IpProtocol": "tcp",
                            "FromPort": 443,
                            "ToPort": 443,
                            "IpRanges": [{"CidrIp": "0.0.0.0/0"}],
                        }
                    ],
                    "IpPermissionsEgress": [
                        {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}
                    ],
                    "Tags": TAGS,
                }
            ]
        },
        "describe_vpc_endpoints": {
            "VpcEndpoints": [
                {
                    "VpcEndpointId": "vpce-0aaa",
                    "VpcEndpointType": "Interface",
                    "VpcId": VPC,
                    "ServiceName": f"com.amazonaws.{REGION}.secretsmanager",
                    "SubnetIds": [SUBNET],
                    "Groups": [{"GroupId": SG, "GroupName": "app"}],
                    "PrivateDnsEnabled": True,
                    "PolicyDocument": _policy("*"),
                    "Tags": TAGS,
                }
            ]
        },
        "describe_instances": {
            "Reservations": [
                {
                    "Instances": [
                        {
                            "InstanceId": "i-0aaa",
                            "InstanceType": "t3.micro",
                            "ImageId": "ami-0123456789abcdef0",
                            "SubnetId": SUBNET,
                            "SecurityGroups": [{"GroupId": SG}],
                            "NetworkInterfaces": [{"NetworkInterfaceId": "eni-0aaa"}],
                            "Placement": {"AvailabilityZone": "eu-west-1a"},
                            "State": {"Name": "running"},
                            "MetadataOptions": {"HttpTokens": "required"},
                            "Monitoring": {"State": "disabled"},
                            "IamInstanceProfile": {
                                "Arn": f"arn:aws:iam::{ACCOUNT}:instance-profile/app"
                            },
                            "Tags": TAGS,
                        }
                    ]
                }
            ]
        },
        "describe_volumes": {
            "Volumes": [
                {
                    "VolumeId": "vol-0aaa",
                    "VolumeType": "gp3",
                    "Size": 20,
                    "Iops": 3000,
                    "Encrypted": True,
                    "KmsKeyId": KEY,
                    "AvailabilityZone": "eu-west-1a",
                    "Attachments": [{"InstanceId": "i-0aaa"}],
                    "Tags": TAGS,
                }
            ]
        },
        "describe_snapshots": {
            "Snapshots": [
                {
                    "SnapshotId": "snap-0aaa",
                    "VolumeId": "vol-0aaa",
                    "VolumeSize": 20,
                    "State": "completed",
                    "OwnerId": ACCOUNT,
                    "Encrypted": True,
                    "KmsKeyId": KEY,
                    "Tags": TAGS,
                }
            ]
        },
        "describe_launch_template_versions": {
            "LaunchTemplateVersions": [
                {
                    "LaunchTemplateId": "lt-0bbb",
                    "LaunchTemplateName": "web",
                    "VersionNumber": 3,
                    "DefaultVersion": True,
                    "LaunchTemplateData": {
                        "InstanceType": "t3.small",
                        "MetadataOptions": {"HttpTokens": "optional"},
                        "NetworkInterfaces": [
                            {"DeviceIndex": 0, "AssociatePublicIpAddress": True}
                        ],
                        "BlockDeviceMappings": [
                            {"DeviceName": "/dev/xvda", "Ebs": {"Encrypted": False}}
                        ],
                    },
                }
            ]
        },
        "describe_snapshot_attribute": {
            "SnapshotId": "snap-0aaa",
            "CreateVolumePermissions": [{"Group": "all"}, {"UserId": "444455556666"}],
        },
    },
    "kms": {
        "list_keys": {"Keys": [{"KeyId": "1111-2222", "KeyArn": KEY}]},
        "list_aliases": {"Aliases": [{"AliasName": "alias/app", "TargetKeyId": "1111-2222"}]},
        "describe_key": {
            "KeyMetadata": {
                "KeyId": "1111-2222",
                "Arn": KEY,
                "KeyManager": "CUSTOMER",
                "KeyState": "Enabled",
                "KeySpec": "SYMMETRIC_DEFAULT",
                "MultiRegion": False,
            }
        },
        "get_key_rotation_status": {"KeyRotationEnabled": True},
        "get_key_policy": {"Policy": _policy({"AWS": f"arn:aws:iam::{ACCOUNT}:root"})},
    },
    "secretsmanager": {
        "list_secrets": {
            "SecretList": [
                {
                    "Name": "db-credentials",
                    "ARN": SECRET,
                    "KmsKeyId": KEY,
                    "RotationEnabled": True,
                    "RotationLambdaARN": FN,
                    "RotationRules": {"AutomaticallyAfterDays": 30},
                    "Tags": TAGS,
                    "LastAccessedDate": "2026-11-30T00:00:00+00:00",
                    "CreatedDate": "2025-01-15T09:30:00+00:00",
                }
            ]
        },
        "get_resource_policy": {"ResourcePolicy": _policy({"AWS": ROLE})},
    },
    "lambda": {
        "list_functions": {
            "Functions": [
                {
                    "FunctionName": "fn",
                    "FunctionArn": FN,
                    "Runtime": "python3.12",
                    "Role": ROLE,
                    "KMSKeyArn": KEY,
                    "VpcConfig": {"SubnetIds": [SUBNET], "SecurityGroupIds": [SG]},
                    "Environment": {"Variables": {"STAGE": "not-kept"}},
                    "TracingConfig": {"Mode": "Active"},
                    "DeadLetterConfig": {"TargetArn": f"arn:aws:sqs:{REGION}:{ACCOUNT}:orders"},
                    "Architectures": ["arm64"],
                }
            ]
        },
        "get_policy": {"Policy": _policy({"Service": "apigateway.amazonaws.com"})},
        "get_function_url_config": {"AuthType": "AWS_IAM"},
        "list_event_source_mappings": {
            "EventSourceMappings": [
                {"FunctionArn": FN, "EventSourceArn": f"arn:aws:sqs:{REGION}:{ACCOUNT}:orders"}
            ]
        },
    },
    "dynamodb": {
        "list_tables": {"TableNames": ["orders"]},
        "describe_table": {
            "Table": {
                "TableName": "orders",
                "TableArn": f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/orders",
                "BillingModeSummary": {"BillingMode": "PROVISIONED"},
                "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5},
                "SSEDescription": {"Status": "ENABLED", "KMSMasterKeyArn": KEY},
                "DeletionProtectionEnabled": True,
                "Replicas": [{"RegionName": "eu-central-1"}],
            }
        },
        "describe_continuous_backups": {
            "ContinuousBackupsDescription": {
                "PointInTimeRecoveryDescription": {"PointInTimeRecoveryStatus": "ENABLED"}
            }
        },
        "describe_key": {"KeyMetadata": {"KeyManager": "CUSTOMER"}},
        "describe_scalable_targets": {
            "ScalableTargets": [
                {
                    "ServiceNamespace": "dynamodb",
                    "ResourceId": "table/orders",
                    "ScalableDimension": f"dynamodb:table:{unit}CapacityUnits",
                    "MinCapacity": 5,
                    "MaxCapacity": 100,
                }
                for unit in ("Read", "Write")
            ]
        },
        "describe_scaling_policies": {
            "ScalingPolicies": [
                {
                    "PolicyName": f"orders-{unit}",
                    "ServiceNamespace": "dynamodb",
                    "ResourceId": "table/orders",
                    "ScalableDimension": f"dynamodb:table:{unit}CapacityUnits",
                    "PolicyType": "TargetTrackingScaling",
                }
                for unit in ("Read", "Write")
            ]
        },
    },
    "messaging": {
        "list_queues": {"QueueUrls": [f"https://sqs.{REGION}.amazonaws.com/{ACCOUNT}/orders"]},
        "get_queue_attributes": {
            "Attributes": {
                "QueueArn": f"arn:aws:sqs:{REGION}:{ACCOUNT}:orders",
                "KmsMasterKeyId": KEY,
                "Policy": _policy({"Service": "sns.amazonaws.com"}),
                "RedrivePolicy": json.dumps(
                    {"deadLetterTargetArn": f"arn:aws:sqs:{REGION}:{ACCOUNT}:orders"}
                ),
            }
        },
        "list_topics": {"Topics": [{"TopicArn": f"arn:aws:sns:{REGION}:{ACCOUNT}:events"}]},
        "get_topic_attributes": {
            "Attributes": {"KmsMasterKeyId": KEY, "Policy": _policy({"AWS": ROLE})}
        },
    },
    "logs": {
        "describe_log_groups": {
            "logGroups": [
                {
                    "logGroupName": "/aws/lambda/fn",
                    "arn": f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:/aws/lambda/fn:*",
                    "retentionInDays": 30,
                    "kmsKeyId": KEY,
                }
            ]
        }
    },
    "efs": {
        "describe_file_systems": {
            "FileSystems": [
                {
                    "FileSystemId": "fs-0aaa",
                    "FileSystemArn": f"{EFS_ARN}:file-system/fs-0aaa",
                    "Name": "shared",
                    "Encrypted": True,
                    "KmsKeyId": KEY,
                    "AvailabilityZoneName": "eu-west-1a",
                    "PerformanceMode": "generalPurpose",
                    "ThroughputMode": "elastic",
                    "Tags": TAGS,
                }
            ]
        },
        "describe_mount_targets": {
            "MountTargets": [{"MountTargetId": "fsmt-0aaa", "SubnetId": SUBNET}]
        },
        "describe_mount_target_security_groups": {"SecurityGroups": [SG]},
        "describe_backup_policy": {"BackupPolicy": {"Status": "ENABLED"}},
    },
    "elasticache": {
        "describe_cache_subnet_groups": {
            "CacheSubnetGroups": [
                {"CacheSubnetGroupName": "private", "Subnets": [{"SubnetIdentifier": SUBNET}]}
            ]
        },
        "describe_cache_clusters": {
            "CacheClusters": [
                {
                    "CacheClusterId": "sessions-001",
                    "ReplicationGroupId": "sessions",
                    "Engine": "redis",
                    "EngineVersion": "7.1",
                    "CacheNodeType": "cache.t4g.small",
                    "AutoMinorVersionUpgrade": True,
                    "SecurityGroups": [{"SecurityGroupId": SG}],
                    "CacheSubnetGroupName": "private",
                },
                {
                    "CacheClusterId": "memo",
                    "ARN": f"arn:aws:elasticache:{REGION}:{ACCOUNT}:cluster:memo",
                    "Engine": "memcached",
                    "CacheNodeType": "cache.t4g.small",
                    "NumCacheNodes": 1,
                    "PreferredAvailabilityZone": "eu-west-1a",
                    "CacheSubnetGroupName": "private",
                    "SecurityGroups": [{"SecurityGroupId": SG}],
                },
            ]
        },
        "describe_replication_groups": {
            "ReplicationGroups": [
                {
                    "ReplicationGroupId": "sessions",
                    "ARN": f"arn:aws:elasticache:{REGION}:{ACCOUNT}:replicationgroup:sessions",
                    "MemberClusters": ["sessions-001"],
                    "AutomaticFailover": "enabled",
                    "MultiAZ": "enabled",
                    "AtRestEncryptionEnabled": True,
                    "TransitEncryptionEnabled": True,
                    "KmsKeyId": KEY,
                    "SnapshotRetentionLimit": 7,
                    "AuthTokenEnabled": True,
                }
            ]
        },
    },
    "opensearch": {
        "list_domain_names": {"DomainNames": [{"DomainName": "search"}]},
        "describe_domains": {
            "DomainStatusList": [
                {
                    "DomainName": "search",
                    "ARN": f"arn:aws:es:{REGION}:{ACCOUNT}:domain/search",
                    "EngineVersion": "OpenSearch_2.13",
                    "ClusterConfig": {
                        "InstanceType": "r6g.large.search",
                        "InstanceCount": 2,
                        "ZoneAwarenessEnabled": True,
                        "DedicatedMasterEnabled": False,
                    },
                    "EncryptionAtRestOptions": {"Enabled": True, "KmsKeyId": KEY},
                    "NodeToNodeEncryptionOptions": {"Enabled": True},
                    "DomainEndpointOptions": {
                        "EnforceHTTPS": True,
                        "TLSSecurityPolicy": "Policy-Min-TLS-1-2-2019-07",
                    },
                    "VPCOptions": {"SubnetIds": [SUBNET], "SecurityGroupIds": [SG]},
                    "AccessPolicies": _policy({"AWS": "*"}),
                    "AdvancedSecurityOptions": {
                        "Enabled": True,
                        "InternalUserDatabaseEnabled": False,
                    },
                    "EBSOptions": {"VolumeSize": 100},
                    "LogPublishingOptions": {
                        "ES_APPLICATION_LOGS": {
                            "CloudWatchLogsLogGroupArn": (
                                f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:search-errors"
                            ),
                            "Enabled": True,
                        }
                    },
                }
            ]
        },
    },
    "kinesis": {
        "list_streams": {"StreamNames": ["clicks"]},
        "describe_stream_summary": {
            "StreamDescriptionSummary": {
                "StreamARN": f"arn:aws:kinesis:{REGION}:{ACCOUNT}:stream/clicks",
                "StreamModeDetails": {"StreamMode": "ON_DEMAND"},
                "EncryptionType": "KMS",
                "KeyId": KEY,
                "RetentionPeriodHours": 24,
            }
        },
    },
    "iam": {
        "get_account_authorization_details": {
            "RoleDetailList": [
                {
                    "RoleName": "app",
                    "Arn": ROLE,
                    "Path": "/",
                    "AssumeRolePolicyDocument": _policy({"Service": "ec2.amazonaws.com"}),
                    "AttachedManagedPolicies": [
                        {"PolicyArn": f"arn:aws:iam::{ACCOUNT}:policy/app-read"},
                        {"PolicyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"},
                    ],
                    "RolePolicyList": [{"PolicyName": "inline", "PolicyDocument": _policy("*")}],
                    "InstanceProfileList": [
                        {
                            "Arn": f"arn:aws:iam::{ACCOUNT}:instance-profile/app",
                            "InstanceProfileName": "app",
                        }
                    ],
                    "Tags": TAGS,
                }
            ],
            "Policies": [
                {
                    "PolicyName": "app-read",
                    "Arn": f"arn:aws:iam::{ACCOUNT}:policy/app-read",
                    "PolicyVersionList": [
                        {"IsDefaultVersion": True, "Document": _policy({"AWS": ROLE})}
                    ],
                }
            ],
            "UserDetailList": [
                {
                    "UserName": "deployer",
                    "Arn": f"arn:aws:iam::{ACCOUNT}:user/deployer",
                    "GroupList": ["deployers"],
                    "AttachedManagedPolicies": [
                        {"PolicyArn": f"arn:aws:iam::{ACCOUNT}:policy/app-read"},
                        {"PolicyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"},
                    ],
                    "UserPolicyList": [{"PolicyName": "inline", "PolicyDocument": _policy("*")}],
                    "Tags": TAGS,
                }
            ],
            "GroupDetailList": [
                {
                    "GroupName": "deployers",
                    "Arn": f"arn:aws:iam::{ACCOUNT}:group/deployers",
                    "AttachedManagedPolicies": [
                        {"PolicyArn": f"arn:aws:iam::{ACCOUNT}:policy/app-read"},
                        {"PolicyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"},
                    ],
                    "GroupPolicyList": [{"PolicyName": "inline", "PolicyDocument": _policy("*")}],
                }
            ],
        },
        "list_access_keys": {"AccessKeyMetadata": [{"Status": "Active"}]},
        "list_mfa_devices": {"MFADevices": []},
        "get_login_profile": {"LoginProfile": {"UserName": "deployer"}},
    },
    "rds": {
        "describe_db_instances": {
            "DBInstances": [
                {
                    "DBInstanceIdentifier": "db",
                    "DBInstanceArn": f"arn:aws:rds:{REGION}:{ACCOUNT}:db:db",
                    "DbiResourceId": "db-AAAA",
                    "Engine": "postgres",
                    "EngineVersion": "16.3",
                    "IAMDatabaseAuthenticationEnabled": True,
                    "CopyTagsToSnapshot": True,
                    "EnabledCloudwatchLogsExports": ["postgresql", "upgrade"],
                    "DBInstanceClass": "db.t4g.micro",
                    "StorageEncrypted": True,
                    "KmsKeyId": KEY,
                    "MultiAZ": False,
                    "AvailabilityZone": "eu-west-1a",
                    "BackupRetentionPeriod": 7,
                    "PubliclyAccessible": False,
                    "DeletionProtection": True,
                    "Endpoint": {"Port": 5432},
                    "DBParameterGroups": [{"DBParameterGroupName": "tls"}],
                    "DBSubnetGroup": {"Subnets": [{"SubnetIdentifier": SUBNET}]},
                    "VpcSecurityGroups": [{"VpcSecurityGroupId": SG}],
                    "TagList": TAGS,
                },
                {
                    "DBInstanceIdentifier": "db-replica",
                    "Engine": "postgres",
                    "ReadReplicaSourceDBInstanceIdentifier": "db",
                    "TagList": TAGS,
                },
                {
                    "DBInstanceIdentifier": "aurora-1",
                    "Engine": "aurora-postgresql",
                    "DBClusterIdentifier": "aurora",
                    "DBSubnetGroup": {"Subnets": [{"SubnetIdentifier": SUBNET}]},
                    "TagList": TAGS,
                },
            ]
        },
        "describe_db_clusters": {
            "DBClusters": [
                {
                    "DBClusterIdentifier": "aurora",
                    "DBClusterArn": f"arn:aws:rds:{REGION}:{ACCOUNT}:cluster:aurora",
                    "DbClusterResourceId": "cluster-AAAA",
                    "Engine": "aurora-postgresql",
                    "EngineVersion": "16.4",
                    "IAMDatabaseAuthenticationEnabled": True,
                    "CopyTagsToSnapshot": True,
                    "EnabledCloudwatchLogsExports": ["postgresql"],
                    "DBClusterMembers": [{"DBInstanceIdentifier": "aurora-1"}],
                    "AvailabilityZones": ["eu-west-1a", "eu-west-1b"],
                    "StorageEncrypted": True,
                    "KmsKeyId": KEY,
                    "MultiAZ": True,
                    "BackupRetentionPeriod": 7,
                    "DeletionProtection": True,
                    "PubliclyAccessible": False,
                    "ReplicationSourceIdentifier": f"arn:aws:rds:{REGION}:{ACCOUNT}:cluster:old",
                    "VpcSecurityGroups": [{"VpcSecurityGroupId": SG}],
                    "TagList": TAGS,
                },
                {
                    "DBClusterIdentifier": "old",
                    "DBClusterArn": f"arn:aws:rds:{REGION}:{ACCOUNT}:cluster:old",
                    "Engine": "aurora-mysql",
                    "BacktrackWindow": 86400,
                    "DBClusterParameterGroup": "audit",
                },
            ]
        },
        "describe_db_proxies": {
            "DBProxies": [
                {
                    "DBProxyName": "proxy",
                    "DBProxyArn": f"arn:aws:rds:{REGION}:{ACCOUNT}:db-proxy:prx-1",
                    "EngineFamily": "POSTGRESQL",
                    "Auth": [
                        {
                            "SecretArn": SECRET,
                            "IAMAuth": "REQUIRED",
                        }
                    ],
                    "RoleArn": ROLE,
                    "RequireTLS": True,
                    "VpcSubnetIds": [SUBNET],
                    "VpcSecurityGroupIds": [SG],
                }
            ]
        },
        "describe_db_proxy_targets": {"Targets": [{"RdsResourceId": "db"}]},
        "describe_db_cluster_parameters": {
            "Parameters": [
                {"ParameterName": "server_audit_logging", "ParameterValue": "1"},
                {"ParameterName": "server_audit_events", "ParameterValue": "CONNECT,QUERY_DDL"},
            ]
        },
        "describe_db_parameters": {
            "Parameters": [
                {"ParameterName": "log_connections", "ParameterValue": "1"},
                {"ParameterName": "rds.force_ssl", "ParameterValue": "1"},
            ]
        },
        "describe_db_snapshots": {
            "DBSnapshots": [
                {
                    "DBSnapshotIdentifier": "daily",
                    "DBSnapshotArn": f"arn:aws:rds:{REGION}:{ACCOUNT}:snapshot:daily",
                    "DBInstanceIdentifier": "db",
                    "SnapshotType": "manual",
                    "Encrypted": True,
                    "KmsKeyId": KEY,
                    "TagList": TAGS,
                },
                {
                    "DBSnapshotIdentifier": "daily-copy",
                    "SourceDBSnapshotIdentifier": f"arn:aws:rds:{REGION}:{ACCOUNT}:snapshot:daily",
                    "SnapshotType": "manual",
                },
            ]
        },
        "describe_db_snapshot_attributes": {
            "DBSnapshotAttributesResult": {
                "DBSnapshotAttributes": [
                    {"AttributeName": "restore", "AttributeValues": ["444455556666"]}
                ]
            }
        },
        "describe_db_cluster_snapshots": {"DBClusterSnapshots": []},
    },
    "cloudtrail": {
        "describe_trails": {
            "trailList": [
                {
                    "Name": "trail",
                    "TrailARN": f"arn:aws:cloudtrail:{REGION}:{ACCOUNT}:trail/trail",
                    "IsMultiRegionTrail": True,
                    "LogFileValidationEnabled": True,
                    "IsOrganizationTrail": False,
                    "KmsKeyId": KEY,
                    "S3BucketName": "site",
                    "CloudWatchLogsLogGroupArn": (
                        f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:/aws/lambda/fn:*"
                    ),
                }
            ]
        },
        "get_trail_status": {"IsLogging": True},
        "get_event_selectors": {"EventSelectors": [{"IncludeManagementEvents": True}]},
    },
    "cloudwatch": {
        "describe_alarms": {
            "MetricAlarms": [
                {
                    "AlarmName": "errors",
                    "AlarmArn": f"arn:aws:cloudwatch:{REGION}:{ACCOUNT}:alarm:errors",
                    "Namespace": "AWS/Lambda",
                    "MetricName": "Errors",
                    "Statistic": "Sum",
                    "Threshold": 1.0,
                    "ComparisonOperator": "GreaterThanOrEqualToThreshold",
                    "Dimensions": [{"Name": "FunctionName", "Value": "fn"}],
                    "AlarmActions": [f"arn:aws:sns:{REGION}:{ACCOUNT}:events"],
                }
            ]
        }
    },
    "s3": {
        "list_buckets": {"Buckets": [{"Name": "site", "BucketRegion": REGION}]},
        "get_bucket_encryption": {
            "ServerSideEncryptionConfiguration": {
                "Rules": [
                    {
                        "ApplyServerSideEncryptionByDefault": {
                            "SSEAlgorithm": "aws:kms",
                            "KMSMasterKeyID": KEY,
                        }
                    }
                ]
            }
        },
        "get_public_access_block": {
            "PublicAccessBlockConfiguration": {
                "BlockPublicAcls": True,
                "IgnorePublicAcls": True,
                "BlockPublicPolicy": True,
                "RestrictPublicBuckets": True,
            }
        },
        "get_bucket_versioning": {"Status": "Enabled"},
        "get_bucket_policy": {
            "Policy": json.dumps(
                {
                    "Statement": [
                        {
                            "Effect": "Deny",
                            "Principal": "*",
                            "Action": "s3:*",
                            "Resource": "*",
                            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                        }
                    ]
                }
            )
        },
        "get_bucket_logging": {"LoggingEnabled": {"TargetBucket": "site"}},
        "get_bucket_acl": {
            "Owner": {"ID": "owner"},
            "Grants": [
                {"Grantee": {"Type": "CanonicalUser", "ID": "owner"}, "Permission": "FULL_CONTROL"},
                {
                    "Grantee": {
                        "Type": "Group",
                        "URI": "http://acs.amazonaws.com/groups/global/AllUsers",
                    },
                    "Permission": "READ",
                },
            ],
        },
        "get_bucket_replication": {
            "ReplicationConfiguration": {
                "Rules": [{"Destination": {"Bucket": "arn:aws:s3:::site"}}]
            }
        },
        "get_bucket_ownership_controls": {
            "OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]}
        },
        "get_object_lock_configuration": {
            "ObjectLockConfiguration": {
                "ObjectLockEnabled": "Enabled",
                "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE", "Days": 30}},
            }
        },
        "get_bucket_lifecycle_configuration": {
            "Rules": [{"ID": "expire", "Status": "Enabled", "Expiration": {"Days": 365}}]
        },
    },
    "backup": {
        "list_backup_vaults": {
            "BackupVaultList": [
                {
                    "BackupVaultName": "vault",
                    "BackupVaultArn": f"arn:aws:backup:{REGION}:{ACCOUNT}:backup-vault:vault",
                    "EncryptionKeyArn": KEY,
                    "Locked": True,
                }
            ]
        },
        "list_backup_plans": {
            "BackupPlansList": [
                {
                    "BackupPlanId": "plan-1",
                    "BackupPlanName": "daily",
                    "BackupPlanArn": f"arn:aws:backup:{REGION}:{ACCOUNT}:backup-plan:plan-1",
                }
            ]
        },
        "get_backup_plan": {
            "BackupPlan": {
                "Rules": [
                    {
                        "RuleName": "daily",
                        "TargetBackupVaultName": "vault",
                        "ScheduleExpression": "cron(0 5 * * ? *)",
                        "Lifecycle": {"DeleteAfterDays": 35},
                        "CopyActions": [
                            {
                                "DestinationBackupVaultArn": (
                                    f"arn:aws:backup:{REGION}:{ACCOUNT}:backup-vault:vault"
                                ),
                                "Lifecycle": {"DeleteAfterDays": 90},
                            }
                        ],
                    }
                ]
            }
        },
        "list_backup_selections": {
            "BackupSelectionsList": [
                {"SelectionId": "sel-1", "SelectionName": "tagged", "IamRoleArn": ROLE}
            ]
        },
        "get_backup_selection": {
            "BackupSelection": {
                "Resources": [f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/orders"],
                "ListOfTags": [
                    {
                        "ConditionType": "STRINGEQUALS",
                        "ConditionKey": "backup",
                        "ConditionValue": "daily",
                    }
                ],
            }
        },
    },
    "ecs": {
        "list_clusters": {"clusterArns": [f"arn:aws:ecs:{REGION}:{ACCOUNT}:cluster/apps"]},
        "list_services": {"serviceArns": [f"arn:aws:ecs:{REGION}:{ACCOUNT}:service/apps/web"]},
        "describe_services": {
            "services": [
                {
                    "serviceName": "web",
                    "serviceArn": f"arn:aws:ecs:{REGION}:{ACCOUNT}:service/apps/web",
                    "launchType": "FARGATE",
                    "desiredCount": 2,
                    "taskDefinition": f"arn:aws:ecs:{REGION}:{ACCOUNT}:task-definition/web:1",
                    "networkConfiguration": {
                        "awsvpcConfiguration": {
                            "subnets": [SUBNET],
                            "securityGroups": [SG],
                            "assignPublicIp": "DISABLED",
                        }
                    },
                    "tags": [{"key": "backup", "value": "daily"}],
                }
            ]
        },
        "describe_task_definition": {
            "taskDefinition": {
                "cpu": "256",
                "memory": "512",
                "taskRoleArn": ROLE,
                "executionRoleArn": ROLE,
                "containerDefinitions": [
                    {"name": "web", "environment": [{"name": "STAGE", "value": "not-kept"}]}
                ],
            }
        },
    },
    "eks": {
        "list_clusters": {"clusters": ["k8s"]},
        "describe_cluster": {
            "cluster": {
                "name": "k8s",
                "arn": f"arn:aws:eks:{REGION}:{ACCOUNT}:cluster/k8s",
                "version": "1.30",
                "roleArn": ROLE,
                "resourcesVpcConfig": {
                    "subnetIds": [SUBNET],
                    "securityGroupIds": [SG],
                    "endpointPublicAccess": False,
                    "endpointPrivateAccess": True,
                },
                "encryptionConfig": [{"resources": ["secrets"], "provider": {"keyArn": KEY}}],
                "logging": {"clusterLogging": [{"types": ["audit"], "enabled": True}]},
                "tags": {"backup": "daily"},
            }
        },
    },
    "elasticbeanstalk": {
        "describe_environments": {
            "Environments": [
                {
                    "EnvironmentName": "shop-prod",
                    "EnvironmentArn": (
                        f"arn:aws:elasticbeanstalk:{REGION}:{ACCOUNT}:environment/shop/shop-prod"
                    ),
                    "ApplicationName": "shop",
                    "SolutionStackName": "64bit Amazon Linux 2023 v4.3.0 running Python 3.12",
                    "Tier": {"Name": "WebServer"},
                    "Status": "Ready",
                }
            ]
        },
        "describe_configuration_settings": {
            "ConfigurationSettings": [
                {
                    "OptionSettings": [
                        {"Namespace": "aws:ec2:vpc", "OptionName": "Subnets", "Value": SUBNET},
                        {
                            "Namespace": "aws:elasticbeanstalk:healthreporting:system",
                            "OptionName": "SystemType",
                            "Value": "enhanced",
                        },
                        {
                            "Namespace": "aws:elasticbeanstalk:cloudwatch:logs",
                            "OptionName": "StreamLogs",
                            "Value": "true",
                        },
                        {
                            "Namespace": "aws:autoscaling:launchconfiguration",
                            "OptionName": "IamInstanceProfile",
                            "Value": "app",
                        },
                        {
                            "Namespace": "aws:autoscaling:launchconfiguration",
                            "OptionName": "SecurityGroups",
                            "Value": SG,
                        },
                        {
                            "Namespace": "aws:elasticbeanstalk:application:environment",
                            "OptionName": "STAGE",
                            "Value": "not-kept",
                        },
                    ]
                }
            ]
        },
    },
    "autoscaling": {
        "describe_launch_template_versions": {
            "LaunchTemplateVersions": [
                {
                    "LaunchTemplateData": {
                        "InstanceType": "t3.small",
                        "IamInstanceProfile": {"Name": "app"},
                        "SecurityGroupIds": [SG],
                        "MetadataOptions": {"HttpTokens": "required", "HttpEndpoint": "enabled"},
                    }
                }
            ]
        },
        "describe_auto_scaling_groups": {
            "AutoScalingGroups": [
                {
                    "AutoScalingGroupName": "web",
                    "AutoScalingGroupARN": (
                        f"arn:aws:autoscaling:{REGION}:{ACCOUNT}:autoScalingGroup:1:"
                        "autoScalingGroupName/web"
                    ),
                    "MinSize": 1,
                    "MaxSize": 2,
                    "DesiredCapacity": 1,
                    "HealthCheckType": "ELB",
                    "VPCZoneIdentifier": SUBNET,
                    "LaunchTemplate": {"LaunchTemplateId": "lt-0aaa", "Version": "$Latest"},
                    "Tags": TAGS,
                }
            ]
        },
    },
    "events": {
        "list_event_buses": {
            "EventBuses": [
                {
                    "Name": "orders",
                    "Arn": f"arn:aws:events:{REGION}:{ACCOUNT}:event-bus/orders",
                    "Policy": _policy({"AWS": f"arn:aws:iam::{ACCOUNT}:root"}),
                    "KmsKeyIdentifier": KEY,
                }
            ]
        },
        "list_rules": {
            "Rules": [
                {
                    "Name": "placed",
                    "Arn": f"arn:aws:events:{REGION}:{ACCOUNT}:rule/orders/placed",
                    "EventPattern": json.dumps({"source": ["shop"]}),
                    "State": "ENABLED",
                }
            ]
        },
        "list_targets_by_rule": {"Targets": [{"Id": "fn", "Arn": FN}]},
    },
    "stepfunctions": {
        "list_state_machines": {
            "stateMachines": [
                {
                    "name": "checkout",
                    "stateMachineArn": f"arn:aws:states:{REGION}:{ACCOUNT}:stateMachine:checkout",
                    "type": "STANDARD",
                }
            ]
        },
        "describe_state_machine": {
            "roleArn": ROLE,
            "loggingConfiguration": {"level": "ALL"},
            "tracingConfiguration": {"enabled": True},
            "encryptionConfiguration": {"kmsKeyId": KEY, "type": "CUSTOMER_MANAGED_KMS_KEY"},
        },
    },
    "codepipeline": {
        "list_pipelines": {"pipelines": [{"name": "release"}]},
        "get_pipeline": {
            "pipeline": {
                "name": "release",
                "roleArn": ROLE,
                "artifactStore": {
                    "type": "S3",
                    "location": "site",
                    "encryptionKey": {"id": KEY, "type": "KMS"},
                },
                "stages": [{"name": "Source"}, {"name": "Build"}],
            },
            "metadata": {"pipelineArn": f"arn:aws:codepipeline:{REGION}:{ACCOUNT}:release"},
        },
    },
    "codebuild": {
        "list_projects": {"projects": ["build"]},
        "batch_get_projects": {
            "projects": [
                {
                    "name": "build",
                    "arn": f"arn:aws:codebuild:{REGION}:{ACCOUNT}:project/build",
                    "serviceRole": ROLE,
                    "encryptionKey": KEY,
                    "environment": {
                        "image": "aws/codebuild/standard:7.0",
                        "computeType": "BUILD_GENERAL1_SMALL",
                        "privilegedMode": False,
                        "environmentVariables": [
                            {"name": "STAGE", "value": "not-kept", "type": "PLAINTEXT"}
                        ],
                    },
                    "logsConfig": {"cloudWatchLogs": {"status": "ENABLED"}},
                }
            ]
        },
    },
    "codedeploy": {
        "list_applications": {"applications": ["deploy"]},
        "batch_get_applications": {
            "applicationsInfo": [{"applicationName": "deploy", "computePlatform": "Lambda"}]
        },
    },
    "xray": {
        "get_groups": {
            "Groups": [
                {
                    "GroupName": "app",
                    "GroupARN": f"arn:aws:xray:{REGION}:{ACCOUNT}:group/app/1",
                    "FilterExpression": 'service("fn")',
                }
            ]
        }
    },
    "route53": {
        "list_hosted_zones": {
            "HostedZones": [
                {
                    "Id": "/hostedzone/Z0AAA",
                    "Name": "example.com.",
                    "Config": {"PrivateZone": True},
                }
            ]
        },
        "get_hosted_zone": {"VPCs": [{"VPCRegion": REGION, "VPCId": VPC}]},
        "list_resource_record_sets": {
            "ResourceRecordSets": [
                {
                    "Name": "www.example.com.",
                    "Type": "A",
                    "AliasTarget": {"DNSName": "web-lb-1.eu-west-1.elb.amazonaws.com."},
                }
            ]
        },
        "list_query_logging_configs": {"QueryLoggingConfigs": [{"Id": "q-1"}]},
    },
    "wafv2": {
        "list_web_acls": {
            "WebACLs": [
                {
                    "Name": "regional",
                    "Id": "acl-1",
                    "ARN": f"arn:aws:wafv2:{REGION}:{ACCOUNT}:regional/webacl/regional/acl-1",
                }
            ]
        },
        "get_web_acl": {
            "WebACL": {
                "DefaultAction": {"Block": {}},
                "Rules": [{"Name": "common"}],
                "VisibilityConfig": {"CloudWatchMetricsEnabled": True},
            }
        },
        "get_logging_configuration": {"LoggingConfiguration": {"ResourceArn": "x"}},
        "list_resources_for_web_acl": {"ResourceArns": []},
    },
    "shield": {
        "list_protections": {
            "Protections": [
                {
                    "Id": "p-1",
                    "Name": "lb",
                    "ProtectionArn": f"arn:aws:shield::{ACCOUNT}:protection/p-1",
                    "ResourceArn": LB,
                }
            ]
        }
    },
    "cognito": {
        "list_user_pools": {"UserPools": [{"Id": f"{REGION}_AAA", "Name": "customers"}]},
        "describe_user_pool": {
            "UserPool": {
                "Name": "customers",
                "Arn": f"arn:aws:cognito-idp:{REGION}:{ACCOUNT}:userpool/{REGION}_AAA",
                "MfaConfiguration": "ON",
                "UserPoolAddOns": {"AdvancedSecurityMode": "ENFORCED"},
                "Policies": {
                    "PasswordPolicy": {
                        "MinimumLength": 12,
                        "RequireUppercase": True,
                        "RequireLowercase": True,
                        "RequireNumbers": True,
                        "RequireSymbols": True,
                        "TemporaryPasswordValidityDays": 7,
                    }
                },
                "DeletionProtection": "ACTIVE",
            }
        },
    },
    "kafka": {
        "list_clusters_v2": {
            "ClusterInfoList": [
                {
                    "ClusterName": "kafka",
                    "ClusterArn": f"arn:aws:kafka:{REGION}:{ACCOUNT}:cluster/kafka/1",
                    "ClusterType": "PROVISIONED",
                    "Provisioned": {
                        "BrokerNodeGroupInfo": {
                            "InstanceType": "kafka.m5.large",
                            "ClientSubnets": [SUBNET],
                            "SecurityGroups": [SG],
                            "StorageInfo": {"EbsStorageInfo": {"VolumeSize": 100}},
                            "ConnectivityInfo": {"PublicAccess": {"Type": "DISABLED"}},
                        },
                        "ClientAuthentication": {
                            "Sasl": {"Iam": {"Enabled": True}},
                            "Unauthenticated": {"Enabled": False},
                        },
                        "CurrentBrokerSoftwareInfo": {"KafkaVersion": "3.6.0"},
                        "NumberOfBrokerNodes": 2,
                        "EncryptionInfo": {
                            "EncryptionAtRest": {"DataVolumeKMSKeyId": KEY},
                            "EncryptionInTransit": {"ClientBroker": "TLS", "InCluster": True},
                        },
                    },
                }
            ]
        }
    },
    "elbv2": {
        "describe_load_balancers": {
            "LoadBalancers": [
                {
                    "LoadBalancerName": "web-lb",
                    "LoadBalancerArn": LB,
                    "DNSName": "web-lb-1.eu-west-1.elb.amazonaws.com",
                    "Type": "application",
                    "Scheme": "internet-facing",
                    "AvailabilityZones": [{"ZoneName": "eu-west-1a", "SubnetId": SUBNET}],
                    "SecurityGroups": [SG],
                }
            ]
        },
        "describe_load_balancer_attributes": {
            "Attributes": [
                {"Key": "access_logs.s3.enabled", "Value": "true"},
                {"Key": "deletion_protection.enabled", "Value": "true"},
                {"Key": "routing.http.drop_invalid_header_fields.enabled", "Value": "true"},
                {"Key": "load_balancing.cross_zone.enabled", "Value": "true"},
            ]
        },
        "describe_listeners": {
            "Listeners": [
                {
                    "Protocol": "HTTPS",
                    "Port": 443,
                    "SslPolicy": "ELBSecurityPolicy-TLS13-1-2-2021-06",
                }
            ]
        },
        "describe_target_groups": {"TargetGroups": [{"TargetGroupArn": "tg-1"}]},
        "describe_target_health": {"TargetHealthDescriptions": [{"Target": {"Id": "i-0aaa"}}]},
    },
    "cloudfront": {
        "get_distribution_config": {
            "DistributionConfig": {
                "Logging": {"Enabled": True, "Bucket": "logs.s3.amazonaws.com"},
                "DefaultRootObject": "index.html",
            }
        },
        "list_distributions": {
            "DistributionList": {
                "Items": [
                    {
                        "Id": "E2QWRUHAPOMQZL",
                        "ARN": f"arn:aws:cloudfront::{ACCOUNT}:distribution/E2QWRUHAPOMQZL",
                        "DomainName": "d111111abcdef8.cloudfront.net",
                        "Comment": "site",
                        "Aliases": {"Quantity": 1, "Items": ["www.example.com"]},
                        "Origins": {
                            "Quantity": 1,
                            "Items": [
                                {
                                    "Id": "s3",
                                    "DomainName": f"site.s3.{REGION}.amazonaws.com",
                                    "S3OriginConfig": {"OriginAccessIdentity": ""},
                                    "OriginAccessControlId": "E1OAC",
                                }
                            ],
                        },
                        "DefaultCacheBehavior": {"ViewerProtocolPolicy": "redirect-to-https"},
                        "CacheBehaviors": {
                            "Quantity": 1,
                            "Items": [
                                {"PathPattern": "/api/*", "ViewerProtocolPolicy": "https-only"}
                            ],
                        },
                        "ViewerCertificate": {
                            "MinimumProtocolVersion": "TLSv1.2_2021",
                            "CloudFrontDefaultCertificate": False,
                            "SSLSupportMethod": "sni-only",
                        },
                        "WebACLId": (
                            f"arn:aws:wafv2:{REGION}:{ACCOUNT}:regional/webacl/regional/acl-1"
                        ),
                        "PriceClass": "PriceClass_100",
                        "OriginGroups": {"Quantity": 0},
                    }
                ]
            }
        },
    },
    "apigateway": {
        "get_rest_apis": {
            "items": [
                {
                    "id": "a1b2c3",
                    "name": "orders",
                    "endpointConfiguration": {"types": ["REGIONAL"]},
                    "tags": {"backup": "daily"},
                }
            ]
        },
        "get_apis": {
            "Items": [
                {
                    "ApiId": "h1t2p3",
                    "Name": "live",
                    "ProtocolType": "HTTP",
                    "Tags": {"backup": "daily"},
                }
            ]
        },
        "get_stages": {
            "item": [
                {
                    "stageName": "prod",
                    "tracingEnabled": True,
                    "cacheClusterEnabled": True,
                    "accessLogSettings": {"destinationArn": "arn:aws:logs:x"},
                    "webAclArn": (
                        f"arn:aws:wafv2:{REGION}:{ACCOUNT}:regional/webacl/regional/acl-1"
                    ),
                    "methodSettings": {
                        "*/*": {
                            "loggingLevel": "INFO",
                            "cacheDataEncrypted": True,
                            "throttlingRateLimit": 100.0,
                        }
                    },
                }
            ],
            "Items": [
                {
                    "StageName": "$default",
                    "AccessLogSettings": {"DestinationArn": "arn:aws:logs:x"},
                    "DefaultRouteSettings": {"LoggingLevel": "INFO", "ThrottlingRateLimit": 50.0},
                }
            ],
        },
        "get_resources": {
            "items": [
                {
                    "resourceMethods": {
                        "GET": {
                            "authorizationType": "AWS_IAM",
                            "methodIntegration": {
                                "uri": (
                                    f"arn:aws:apigateway:{REGION}:lambda:path/2015-03-31/"
                                    f"functions/{FN}/invocations"
                                )
                            },
                        }
                    }
                }
            ]
        },
        "get_routes": {"Items": [{"AuthorizationType": "JWT"}]},
        "get_integrations": {"Items": [{"IntegrationUri": FN}]},
    },
}
