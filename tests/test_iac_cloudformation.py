"""CloudFormation templates into the model: short tags, JSON, SAM, parameters, conditions,
unknowns, diagnostics, waivers and source lines."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml

from archcode.cli import main
from archcode.collectors import load_architecture, load_architectures
from archcode.collectors.cfn_eval import UNKNOWN, Evaluator, ResRef
from archcode.collectors.cfn_parse import CfnLoader, parse_template
from archcode.collectors.cloudformation import load_cloudformation, parse, to_architecture
from archcode.collectors.detect import detect_format
from archcode.errors import InputError, Problem, UsageError
from archcode.model.architecture import Architecture
from archcode.model.kinds.compute import Ec2Instance, EksCluster, LambdaFunction
from archcode.model.kinds.data import (
    DynamodbTable,
    ElasticacheCluster,
    RdsCluster,
    RdsInstance,
    S3Bucket,
)
from archcode.model.kinds.network import ApiGateway, LoadBalancer
from archcode.model.kinds.operations import CloudwatchAlarm

IAC = Path(__file__).resolve().parent / "fixtures" / "iac"


def template(text: str, name: str = "t.yaml") -> Architecture:
    return to_architecture(textwrap.dedent(text), name)


def test_every_short_tag_becomes_the_long_form() -> None:
    data, _ = parse_template(
        textwrap.dedent(
            """
            Resources:
              X:
                Type: AWS::S3::Bucket
                Properties:
                  A: !Ref Param
                  B: !GetAtt Other.Arn
                  C: !Sub "${Other}-x"
                  D: !If [Cond, 1, 2]
                  E: !Join ["-", [a, b]]
                  F: !Select [0, !Split [",", "a,b"]]
                  G: !FindInMap [M, K, V]
                  H: !Equals [a, b]
                  I: !Not [!Condition Cond]
                  J: !GetAZs ""
                  K: !Base64 text
                  L: !ImportValue shared
                  M: !Cidr [10.0.0.0/16, 2, 8]
                  N: !And [true, !Or [false, true]]
            """
        ),
        "t.yaml",
    )
    props = data["Resources"]["X"]["Properties"]
    assert props["A"] == {"Ref": "Param"}
    assert props["B"] == {"Fn::GetAtt": ["Other", "Arn"]}
    assert props["C"] == {"Fn::Sub": "${Other}-x"}
    assert props["D"] == {"Fn::If": ["Cond", 1, 2]}
    assert props["F"] == {"Fn::Select": [0, {"Fn::Split": [",", "a,b"]}]}
    assert props["I"] == {"Fn::Not": [{"Condition": "Cond"}]}
    assert props["J"] == {"Fn::GetAZs": ""}
    assert props["N"] == {"Fn::And": [True, {"Fn::Or": [False, True]}]}
    assert set(props) == set("ABCDEFGHIJKLMN")


def test_the_loader_is_safe_python_tags_are_refused() -> None:
    assert issubclass(CfnLoader, yaml.SafeLoader) or "CSafeLoader" in str(CfnLoader.__mro__)
    with pytest.raises(InputError) as caught:
        parse_template("Resources:\n  X: !!python/object/apply:os.system [echo hi]\n", "t.yaml")
    assert caught.value.problems[0].line == 2


def test_syntax_errors_name_file_and_line() -> None:
    with pytest.raises(InputError) as caught:
        parse_template("Resources:\n  X:\n    Type: [unclosed\n", "bad.yaml")
    problem = caught.value.problems[0]
    assert (problem.file, problem.line) == ("bad.yaml", 4)


def test_a_billion_laughs_template_is_refused() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join(f'*a{i - 1}' for _ in range(10))}]" for i in range(1, 8)]
    text = "\n".join([*lines, "Resources: {X: {Type: AWS::S3::Bucket, Properties: {T: *a7}}}"])
    with pytest.raises(InputError) as caught:
        parse_template(text, "bomb.yaml")
    assert "alias" in caught.value.problems[0].message


def test_intrinsics_resolve_with_defaults_and_leave_the_rest_unknown() -> None:
    ev = Evaluator(
        {
            "Parameters": {
                "Env": {"Type": "String", "Default": "prod"},
                "NoDefault": {"Type": "String"},
                "Azs": {"Type": "CommaDelimitedList", "Default": "a,b"},
            },
            "Mappings": {"Sizes": {"prod": {"Mem": 512}}},
            "Conditions": {
                "IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]},
                "Unknown": {"Fn::Equals": [{"Ref": "NoDefault"}, "x"]},
                "Both": {"Fn::And": [{"Condition": "IsProd"}, {"Condition": "Unknown"}]},
                "Either": {"Fn::Or": [{"Condition": "IsProd"}, {"Condition": "Unknown"}]},
            },
            "Resources": {"Bucket": {"Type": "AWS::S3::Bucket"}},
        }
    )
    assert ev.condition("IsProd") is True
    assert ev.condition("Unknown") is None
    assert ev.condition("Both") is None
    assert ev.condition("Either") is True
    assert ev.value({"Fn::FindInMap": ["Sizes", {"Ref": "Env"}, "Mem"]}) == 512
    assert ev.value({"Fn::Select": [1, {"Ref": "Azs"}]}) == "b"
    assert ev.value({"Fn::Sub": "${Env}-app"}) == "prod-app"
    assert ev.value({"Fn::Sub": "${Bucket.Arn}/*"}) is UNKNOWN
    assert ev.text({"Fn::Sub": "${Bucket.Arn}/*"}) == "${Bucket.Arn}/*"
    assert ev.value({"Fn::Join": ["-", ["a", {"Ref": "NoDefault"}]]}) is UNKNOWN
    assert ev.value({"Fn::If": ["Unknown", 1, 2]}) is UNKNOWN
    assert ev.value({"Fn::If": ["Unknown", 7, 7]}) == 7  # both branches agree
    assert ev.value({"Fn::GetAtt": ["Bucket", "Arn"]}) == ResRef("Bucket", "Arn")
    assert ev.value({"Ref": "AWS::AccountId"}) is UNKNOWN
    assert ev.value({"a": {"Ref": "AWS::NoValue"}, "b": 1}) == {"b": 1}
    assert "Bucket" in ev.referenced


def test_an_unresolvable_value_is_unknown_never_a_guess() -> None:
    arch = template(
        """
        Parameters:
          Encrypt: {Type: String, AllowedValues: ["true", "false"]}
        Conditions:
          Encrypted: !Equals [!Ref Encrypt, "true"]
        Resources:
          Db:
            Type: AWS::RDS::DBInstance
            Properties:
              Engine: postgres
              StorageEncrypted: !Ref Encrypt
              MultiAZ: !If [Encrypted, true, false]
              DeletionProtection: true
        """
    )
    db = arch.resources["Db"]
    assert isinstance(db, RdsInstance)
    assert (db.storage_encrypted, db.multi_az, db.deletion_protection) == (None, None, True)
    assert db.backup_retention_days == 1  # a property left out takes AWS's default
    assert db.port == 5432  # so does the port: the engine's (RDS.23 was UNKNOWN on samples)


def test_a_list_the_template_does_not_determine_is_unknown_not_empty() -> None:
    arch = template(
        """
        Parameters:
          Logs: {Type: CommaDelimitedList}
        Conditions:
          InVirginia: !Equals [!Ref "AWS::Region", us-east-1]
        Resources:
          ByParameter:
            Type: AWS::RDS::DBInstance
            Properties: {Engine: postgres, EnableCloudwatchLogsExports: !Ref Logs}
          ByCondition:
            Type: AWS::RDS::DBCluster
            Properties:
              Engine: aurora-postgresql
              EnableCloudwatchLogsExports: !If [InVirginia, [postgresql], !Ref "AWS::NoValue"]
          Stated:
            Type: AWS::RDS::DBInstance
            Properties: {Engine: postgres, EnableCloudwatchLogsExports: [postgresql]}
          None:
            Type: AWS::RDS::DBInstance
            Properties: {Engine: postgres}
        """
    )
    exports = {
        rid: r.log_exports
        for rid, r in arch.resources.items()
        if isinstance(r, RdsInstance | RdsCluster)
    }
    assert exports == {
        "ByParameter": None,
        "ByCondition": None,
        "Stated": ["postgresql"],
        "None": [],
    }


def test_alarm_actions_outside_the_model_count_and_a_condition_leaves_them_unknown() -> None:
    # The shape of the Auto Scaling and Neptune samples of aws-cloudformation-templates.
    arch = template(
        """
        Conditions:
          CreateTopic: !Equals [!Ref "AWS::Region", us-east-1]
        Resources:
          Topic: {Type: AWS::SNS::Topic}
          ScaleUp:
            Type: AWS::AutoScaling::ScalingPolicy
            Properties: {AutoScalingGroupName: g, ScalingAdjustment: 1}
          Scales:
            Type: AWS::CloudWatch::Alarm
            Properties: {AlarmActions: [!Ref ScaleUp]}
          MaybeTopic:
            Type: AWS::CloudWatch::Alarm
            Properties: {AlarmActions: [!If [CreateTopic, !Ref Topic, !Ref "AWS::NoValue"]]}
          Pages:
            Type: AWS::CloudWatch::Alarm
            Properties: {AlarmActions: [!Ref Topic]}
          Silent: {Type: AWS::CloudWatch::Alarm, Properties: {MetricName: CPU}}
        """
    )
    actions = {
        rid: r.actions for rid, r in arch.resources.items() if isinstance(r, CloudwatchAlarm)
    }
    assert actions == {
        "Scales": ["${ScaleUp}"],
        "MaybeTopic": None,
        "Pages": ["Topic"],
        "Silent": [],
    }


def test_an_instance_without_interfaces_takes_its_subnets_public_ip_setting() -> None:
    # Most EC2 samples of aws-cloudformation-templates name a SubnetId and no interface.
    arch = template(
        """
        Parameters:
          Given: {Type: "AWS::EC2::Subnet::Id"}
        Resources:
          Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
          Pub:
            Type: AWS::EC2::Subnet
            Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24, MapPublicIpOnLaunch: true}
          Priv:
            Type: AWS::EC2::Subnet
            Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24}
          InPub: {Type: AWS::EC2::Instance, Properties: {ImageId: ami-1, SubnetId: !Ref Pub}}
          InPriv: {Type: AWS::EC2::Instance, Properties: {ImageId: ami-1, SubnetId: !Ref Priv}}
          InGiven: {Type: AWS::EC2::Instance, Properties: {ImageId: ami-1, SubnetId: !Ref Given}}
          Stated:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: ami-1
              NetworkInterfaces:
                - {DeviceIndex: "0", SubnetId: !Ref Pub, AssociatePublicIpAddress: false}
        """
    )
    public = {rid: r.public_ip for rid, r in arch.resources.items() if isinstance(r, Ec2Instance)}
    assert public == {"InPub": True, "InPriv": False, "InGiven": None, "Stated": False}


def test_a_replica_bucket_named_at_deploy_time_is_a_replica_not_none() -> None:
    # The shape of aws-cloudformation-templates' S3CrossAccountReplicationWithKMS source bucket.
    arch = template(
        """
        Resources:
          Source:
            Type: AWS::S3::Bucket
            Properties:
              ReplicationConfiguration:
                Role: arn:aws:iam::111122223333:role/replication
                Rules:
                  - Status: Enabled
                    Destination:
                      Bucket: !Sub "arn:${AWS::Partition}:s3:::${AWS::StackName}-replica"
          Alone: {Type: AWS::S3::Bucket}
        """
    )
    source, alone = arch.resources["Source"], arch.resources["Alone"]
    assert isinstance(source, S3Bucket) and isinstance(alone, S3Bucket)
    assert (source.replicates_to, alone.replicates_to) == (["${Source.ReplicationDestination}"], [])


def test_eks_log_types_a_condition_decides_are_unknown_not_off() -> None:
    arch = template(
        """
        Parameters:
          Kind: {Type: String}
        Conditions:
          InVirginia: !Equals [!Ref "AWS::Region", us-east-1]
        Resources:
          ByCondition:
            Type: AWS::EKS::Cluster
            Properties:
              RoleArn: arn:aws:iam::111122223333:role/eks
              ResourcesVpcConfig: {SubnetIds: [subnet-12345678]}
              Logging:
                ClusterLogging:
                  EnabledTypes: !If [InVirginia, [{Type: audit}], !Ref "AWS::NoValue"]
          OneOpen:
            Type: AWS::EKS::Cluster
            Properties:
              RoleArn: arn:aws:iam::111122223333:role/eks
              ResourcesVpcConfig: {SubnetIds: [subnet-12345678]}
              Logging: {ClusterLogging: {EnabledTypes: [{Type: api}, {Type: !Ref Kind}]}}
          Off:
            Type: AWS::EKS::Cluster
            Properties:
              RoleArn: arn:aws:iam::111122223333:role/eks
              ResourcesVpcConfig: {SubnetIds: [subnet-12345678]}
        """
    )
    logs = {
        rid: (r.control_plane_logging, r.audit_logging)
        for rid, r in arch.resources.items()
        if isinstance(r, EksCluster)
    }
    assert logs == {"ByCondition": (None, None), "OneOpen": (True, None), "Off": (False, False)}


def test_a_setting_a_condition_may_remove_is_unknown_a_parameter_is_set() -> None:
    arch = template(
        """
        Parameters:
          Token: {Type: String, NoEcho: true}
        Conditions:
          InVirginia: !Equals [!Ref "AWS::Region", us-east-1]
        Resources:
          Logs: {Type: AWS::S3::Bucket}
          Maybe:
            Type: AWS::S3::Bucket
            Properties:
              LoggingConfiguration:
                !If [InVirginia, {DestinationBucketName: !Ref Logs}, !Ref "AWS::NoValue"]
              LifecycleConfiguration: {Rules: !If [InVirginia, [{Status: Enabled}], []]}
          Cache:
            Type: AWS::ElastiCache::ReplicationGroup
            Properties: {ReplicationGroupDescription: r, Engine: redis, AuthToken: !Ref Token}
        """
    )
    maybe, logs = arch.resources["Maybe"], arch.resources["Logs"]
    assert isinstance(maybe, S3Bucket) and isinstance(logs, S3Bucket)
    assert (maybe.access_logging, maybe.lifecycle_rules) == (None, None)
    assert (logs.access_logging, logs.lifecycle_rules) == (False, False)
    cache = arch.resources["Cache"]
    assert isinstance(cache, ElasticacheCluster) and cache.auth_token_enabled is True


def test_parameters_given_on_the_command_line_replace_defaults() -> None:
    text = textwrap.dedent(
        """
        Parameters:
          Encrypt: {Type: String, Default: "false"}
        Resources:
          Db: {Type: AWS::RDS::DBInstance, Properties: {StorageEncrypted: !Ref Encrypt}}
        """
    )
    assert to_architecture(text, "t.yaml").resources["Db"].storage_encrypted is False
    arch = to_architecture(text, "t.yaml", {"Encrypt": "true"})
    assert arch.resources["Db"].storage_encrypted is True


def test_a_resource_whose_condition_is_false_is_not_deployed() -> None:
    arch = template(
        """
        Parameters:
          Env: {Type: String, Default: prod}
        Conditions:
          IsDev: !Equals [!Ref Env, dev]
          Maybe: !Equals [!Ref "AWS::Region", eu-west-1]
        Resources:
          DevBucket: {Type: AWS::S3::Bucket, Condition: IsDev}
          MaybeBucket: {Type: AWS::S3::Bucket, Condition: Maybe}
        """
    )
    assert set(arch.resources) == {"MaybeBucket"}


def test_references_become_model_references_and_flows() -> None:
    arch = load_architecture(str(IAC / "cloudfront-lambda-dynamodb.cfn.yaml"), diagnostics=[])
    backend = arch.resources["Backend"]
    assert isinstance(backend, LambdaFunction)
    assert backend.role == "BackendRole"
    flows = {(c.source, c.target) for c in arch.connections}
    assert {("Api", "Backend"), ("Backend", "Table"), ("Cdn", "SiteBucket")} <= flows
    assert ("Backend", "BackendRole") not in flows  # a role is a reference, not a data flow


def test_json_templates_read_like_yaml_ones_with_lines() -> None:
    diagnostics: list[Problem] = []
    arch = load_architecture(str(IAC / "data-tier.cfn.json"), diagnostics=diagnostics)
    orders, legacy = arch.resources["Orders"], arch.resources["Legacy"]
    assert isinstance(orders, RdsInstance) and isinstance(legacy, RdsInstance)
    assert (orders.storage_encrypted, orders.kms_key) == (True, "DataKey")
    assert orders.multi_az is None  # depends on the region: unknown
    assert (legacy.storage_encrypted, legacy.publicly_accessible) == (False, None)
    exports = arch.resources["Exports"]
    assert isinstance(exports, S3Bucket)
    assert (exports.encryption, exports.block_public_access, exports.versioning) == (
        "sse-kms",
        False,
        False,
    )
    location = arch.location("Legacy")
    assert location is not None and (location.line, location.column) == (35, 5)
    assert [str(p) for p in diagnostics] == [
        f"{IAC / 'data-tier.cfn.json'}:60:5: resource Pipeline: "
        "unsupported type AWS::Glue::Job: not in the model"
    ]


def test_sam_functions_get_their_implicit_roles_apis_and_globals() -> None:
    arch = load_architecture(str(IAC / "sam-orders.cfn.yaml"))
    create = arch.resources["CreateOrder"]
    assert isinstance(create, LambdaFunction)
    assert (create.runtime, create.memory_mb, create.tracing) == ("python3.12", 256, "active")
    assert create.environment == ["LOG_LEVEL", "TABLE"]  # Globals merged with the function's
    assert create.role == "CreateOrderRole"
    assert "ssm:GetParameter" in str(arch.resources["CreateOrderRole"])
    rest, http = arch.resources["ServerlessRestApi"], arch.resources["ServerlessHttpApi"]
    assert isinstance(rest, ApiGateway) and isinstance(http, ApiGateway)
    assert (rest.api_type, rest.stage, http.api_type) == ("rest", "Prod", "http")
    table = arch.resources["OrdersTable"]
    assert isinstance(table, DynamodbTable)
    assert (table.billing_mode, table.encryption) == ("PAY_PER_REQUEST", "aws_managed")
    process = arch.resources["ProcessOrder"]
    assert isinstance(process, LambdaFunction)
    assert (process.tracing, process.function_url_auth) == ("passthrough", "NONE")
    flows = {(c.source, c.target) for c in arch.connections}
    assert {
        ("ServerlessRestApi", "CreateOrder"),
        ("ServerlessHttpApi", "CreateOrder"),
        ("CreateOrder", "OrdersTable"),
        ("CreateOrder", "OrdersQueue"),
        ("OrdersQueue", "ProcessOrder"),
        ("internet", "ServerlessRestApi"),  # entry points no other entry point fronts
        ("internet", "ServerlessHttpApi"),
    } == flows


def test_waivers_come_from_metadata_and_tags() -> None:
    arch = load_architecture(str(IAC / "data-tier.cfn.json"), diagnostics=[])
    waivers = {(w.resource, w.rule, w.reason, str(w.expires)) for w in arch.waivers}
    assert waivers == {
        ("Legacy", "rds-instance-storage-encrypted", "retired in Q3", "2027-03-31"),
        ("Legacy", "rds-instance-multi-az", "legacy, read-only", "2027-03-31"),
        ("Legacy", "rds-instance-automatic-backups", "legacy, read-only", "2027-03-31"),
    }
    cdn = load_architecture(str(IAC / "cloudfront-lambda-dynamodb.cfn.yaml"), diagnostics=[])
    assert [(w.rule, w.resource, str(w.expires)) for w in cdn.waivers] == [
        ("cloudfront-distribution-waf", "Cdn", "2027-06-30")
    ]


def test_a_waiver_without_reason_or_expiry_is_bad_input_at_its_resource() -> None:
    text = """
        Resources:
          Db:
            Type: AWS::RDS::DBInstance
            Metadata:
              archcode:
                waivers: [rds-instance-multi-az]
        """
    with pytest.raises(InputError) as caught:
        template(text)
    assert [str(p) for p in caught.value.problems] == [
        "t.yaml:3: resource Db: waiver of rds-instance-multi-az: expires, reason: a waiver "
        "needs a reason and an expiry date (YYYY-MM-DD)"
    ]


@pytest.mark.parametrize(
    ("metadata", "field"),
    [
        ('"rds-instance-multi-az"', "Metadata.archcode"),
        ("{waivers: rds-instance-multi-az}", "Metadata.archcode.waivers"),
        ("{waivers: [5]}", "Metadata.archcode.waivers[0]"),
        ("{waivers: [{reason: r}]}", "Metadata.archcode.waivers[0]"),
    ],
)
def test_a_waiver_block_of_the_wrong_shape_is_bad_input_naming_its_field(
    metadata: str, field: str
) -> None:
    text = f"""
        Resources:
          Db:
            Type: AWS::RDS::DBInstance
            Metadata:
              archcode: {metadata}
        """
    with pytest.raises(InputError) as caught:
        template(text)
    assert [(p.line, p.resource, p.field) for p in caught.value.problems] == [(3, "Db", field)]


def test_a_value_the_model_cannot_hold_is_a_warning_not_a_failure() -> None:
    diagnostics: list[Problem] = []
    text = textwrap.dedent(
        """
        Resources:
          Fn: {Type: AWS::Lambda::Function, Properties: {MemorySize: 64, Runtime: python3.12}}
        """
    )
    arch = load_cloudformation_text(text, diagnostics)
    fn = arch.resources["Fn"]
    assert isinstance(fn, LambdaFunction)
    assert (fn.memory_mb, fn.runtime) == (None, "python3.12")
    assert [p.message for p in diagnostics] == [
        "memory_mb: the source value does not fit the model; left unknown"
    ]


def test_a_reference_to_a_name_the_template_does_not_define_is_a_warning_at_its_property() -> None:
    diagnostics: list[Problem] = []
    text = textwrap.dedent(
        """
        Parameters:
          Env: {Type: String}
        Resources:
          Db:
            Type: AWS::RDS::DBInstance
            Properties:
              DBSubnetGroupName: !Ref Nothing
              DBName: !Sub "${Env}-${AWS::Region}-${Missing.Name}"
              VPCSecurityGroups: [!GetAtt Gone.GroupId, !Ref Env]
        """
    )
    arch = load_cloudformation_text(text, diagnostics)
    assert isinstance(arch.resources["Db"], RdsInstance)
    assert [(p.line, p.resource, p.field, p.message.split(",")[0]) for p in diagnostics] == [
        (8, "Db", "Properties.DBSubnetGroupName", "refers to Nothing"),
        (9, "Db", "Properties.DBName", "refers to Missing.Name"),
        (10, "Db", "Properties.VPCSecurityGroups", "refers to Gone"),
    ]


def load_cloudformation_text(text: str, diagnostics: list[Problem]) -> Architecture:
    draft = load_cloudformation([parse(text, "t.yaml")], "t")
    arch = draft.build()
    diagnostics.extend(draft.diagnostics)
    return arch


def test_a_template_without_resources_is_bad_input() -> None:
    with pytest.raises(InputError) as caught:
        to_architecture("AWSTemplateFormatVersion: '2010-09-09'\nResources: []\n", "t.yaml")
    assert "Resources" in caught.value.problems[0].message


def test_formats_are_detected_from_the_text() -> None:
    assert detect_format("AWSTemplateFormatVersion: '2010-09-09'\n") == "cloudformation"
    assert detect_format("Transform: AWS::Serverless-2016-10-31\nResources: {}\n") == (
        "cloudformation"
    )
    assert detect_format('{"Resources": {}}') == "cloudformation"
    assert detect_format('{"format_version": "1.2", "terraform_version": "1.9.8"}') == "terraform"
    assert detect_format("name: x\nresources: {}\n") == "archcode"
    assert detect_format('{"name": "x", "resources": {}}') == "archcode"


def test_a_directory_is_one_architecture_or_one_per_file(tmp_path: Path) -> None:
    shared = "Resources:\n  Bucket: {Type: AWS::S3::Bucket}\n"
    (tmp_path / "a.yaml").write_text(shared)
    (tmp_path / "b.yaml").write_text(shared + "  Key: {Type: AWS::KMS::Key}\n")
    (tmp_path / "notes.txt").write_text("not a template")
    arch = load_architecture(str(tmp_path))
    assert set(arch.resources) == {"a.Bucket", "b.Bucket", "b.Key"}  # colliding ids qualified
    location = arch.location("b.Key")
    assert location is not None and location.file.endswith("b.yaml") and location.line == 3
    each = load_architectures(str(tmp_path))
    assert [(Path(name).name, sorted(a.resources)) for name, a in each] == [
        ("a.yaml", ["Bucket"]),
        ("b.yaml", ["Bucket", "Key"]),
    ]


def test_an_unknown_input_format_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        load_architecture(str(IAC / "sam-orders.cfn.yaml"), "cdk")


def test_a_load_balancer_reads_its_listeners_targets_and_web_acl() -> None:
    arch = load_architecture(str(IAC / "alb-lambda.cfn.yaml"))
    alb = arch.resources["Alb"]
    assert isinstance(alb, LoadBalancer)
    assert (alb.type, alb.scheme, alb.web_acl, alb.targets) == (
        "application",
        "internet-facing",
        "Acl",
        ["Fn"],
    )
    assert [(x.protocol, x.port, x.redirect_to_https) for x in alb.listeners] == [
        ("HTTP", 80, True),
        ("HTTPS", 443, False),
    ]
    assert (alb.drop_invalid_headers, alb.deletion_protection, alb.cross_zone) == (
        True,
        False,
        True,
    )
    flows = {(c.source, c.target, c.protocol) for c in arch.connections}
    assert flows == {("internet", "Alb", "https"), ("Alb", "Fn", None)}


def test_parameters_given_to_validate_choose_conditions() -> None:
    path = str(IAC / "cloudfront-lambda-dynamodb.cfn.yaml")
    staging = load_architecture(path, parameters={"Environment": "staging"}, diagnostics=[])
    assert "StagingAlarmTopic" in staging.resources
    assert staging.resources["Backend"].memory_mb == 256  # type: ignore[attr-defined]
    assert "StagingAlarmTopic" not in load_architecture(path, diagnostics=[]).resources
    assert main(["validate", "--parameter", "Environment=staging", path]) == 0
    assert main(["validate", "--parameter", "Environment", path]) == 2


def test_the_internet_actor_never_takes_a_resource_id() -> None:
    arch = template("Resources:\n  internet: {Type: AWS::ApiGateway::RestApi}\n")
    assert list(arch.actors) == ["internet-actor"]
    assert [(c.source, c.target, c.protocol) for c in arch.connections] == [
        ("internet-actor", "internet", "https")
    ]
