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
        "list_event_source_mappings": {"EventSourceMappings": []},
    },
    "dynamodb": {
        "list_tables": {"TableNames": ["orders"]},
        "describe_table": {
            "Table": {
                "TableName": "orders",
                "TableArn": f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/orders",
                "BillingModeSummary": {"BillingMode": "PAY_PER_REQUEST"},
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
                },
                {
                    "CacheClusterId": "memo",
                    "ARN": f"arn:aws:elasticache:{REGION}:{ACCOUNT}:cluster:memo",
                    "Engine": "memcached",
                    "CacheNodeType": "cache.t4g.small",
                    "NumCacheNodes": 1,
                    "PreferredAvailabilityZone": "eu-west-1a",
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
                    "EBSOptions": {"VolumeSize": 100},
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
                        {"Arn": f"arn:aws:iam::{ACCOUNT}:instance-profile/app"}
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
                        {"PolicyArn": f"arn:aws:iam::{ACCOUNT}:policy/app-read"}
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
                    "DBInstanceClass": "db.t4g.micro",
                    "StorageEncrypted": True,
                    "KmsKeyId": KEY,
                    "MultiAZ": False,
                    "AvailabilityZone": "eu-west-1a",
                    "BackupRetentionPeriod": 7,
                    "PubliclyAccessible": False,
                    "DeletionProtection": True,
                    "Endpoint": {"Port": 5432},
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
                    "Engine": "aurora-postgresql",
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
        "get_bucket_replication": {
            "ReplicationConfiguration": {
                "Rules": [{"Destination": {"Bucket": "arn:aws:s3:::site"}}]
            }
        },
        "get_bucket_ownership_controls": {
            "OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]}
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
}
