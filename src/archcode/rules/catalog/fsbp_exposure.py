"""Security Hub FSBP network-exposure and least-privilege controls over fields the model holds."""

from __future__ import annotations

from typing import TYPE_CHECKING

from archcode.model.kinds._shared import rds_default_port
from archcode.model.origins import lambda_url_domain
from archcode.rules.analysis import iam
from archcode.rules.analysis.memo import per_context
from archcode.rules.analysis.reachability import in_public_subnet, world_ports
from archcode.rules.base import (
    Category,
    Frameworks,
    Outcome,
    Remediation,
    Severity,
    Verdict,
    expect,
    failed,
    none_found,
    not_applicable,
    passed,
    unknown,
)
from archcode.rules.catalog.fsbp_encryption import VIEWER_CERTIFICATE_CFN, VIEWER_CERTIFICATE_TF
from archcode.rules.context import Context
from archcode.rules.registry import resource_rule

if TYPE_CHECKING:
    from archcode.model.kinds.api_gateway import ApiGateway
    from archcode.model.kinds.autoscaling_group import AutoScalingGroup
    from archcode.model.kinds.cloudfront_distribution import (
        CloudFrontDistribution,
        CloudFrontOrigin,
    )
    from archcode.model.kinds.codebuild_project import CodebuildProject
    from archcode.model.kinds.cognito_user_pool import CognitoUserPool
    from archcode.model.kinds.db_snapshot import DbSnapshot
    from archcode.model.kinds.ebs_snapshot import EbsSnapshot
    from archcode.model.kinds.ec2_instance import Ec2Instance
    from archcode.model.kinds.ecs_service import EcsService
    from archcode.model.kinds.efs_file_system import EfsFileSystem
    from archcode.model.kinds.eks_cluster import EksCluster
    from archcode.model.kinds.elasticache_cluster import ElasticacheCluster
    from archcode.model.kinds.eventbridge_bus import EventbridgeBus
    from archcode.model.kinds.iam_user import IamUser
    from archcode.model.kinds.lambda_function import LambdaFunction
    from archcode.model.kinds.launch_template import LaunchTemplate
    from archcode.model.kinds.load_balancer import LoadBalancer
    from archcode.model.kinds.msk_cluster import MskCluster
    from archcode.model.kinds.opensearch_domain import OpensearchDomain
    from archcode.model.kinds.rds_cluster import RdsCluster
    from archcode.model.kinds.rds_instance import RdsInstance
    from archcode.model.kinds.s3_bucket import S3Bucket
    from archcode.model.kinds.secrets_manager_secret import SecretsManagerSecret
    from archcode.model.kinds.security_group import SecurityGroup
    from archcode.model.kinds.subnet import Subnet
    from archcode.model.kinds.vpc import Vpc
    from archcode.model.kinds.vpc_endpoint import VpcEndpoint
    from archcode.model.kinds.waf_web_acl import WafWebAcl
else:
    from archcode.model.kinds.lazy import (
        LambdaFunction,
        RdsCluster,
        RdsInstance,
        S3Bucket,
        Subnet,
        VpcEndpoint,
    )

EXPOSURE = ("SEC05-BP01",)
IN_TRANSIT = ("SEC09-BP02",)
LEAST_PRIVILEGE = ("SEC03-BP02",)


@resource_rule(
    id="ec2-instance-imdsv2",
    title="EC2 instances require IMDSv2",
    severity=Severity.HIGH,
    category=Category.NETWORK_EXPOSURE,
    kinds=("ec2_instance",),
    frameworks=Frameworks(security_hub=("EC2.8",), cis=("5.6",), well_architected=("SEC05-BP02",)),
    rationale="IMDSv1 answers a plain GET: one server-side request forgery in the application "
    "hands the instance role's credentials to the attacker. IMDSv2 needs a session token that "
    "such requests cannot obtain.",
    remediation=Remediation(
        text="Require session tokens (HttpTokens required) in the instance metadata options.",
        yaml="imdsv2_required: true",
        cloudformation="MetadataOptions:\n  HttpTokens: required\n  HttpPutResponseHopLimit: 1",
        terraform=(
            "metadata_options {\n"
            '  http_tokens                 = "required"\n'
            "  http_put_response_hop_limit = 1\n"
            "}"
        ),
    ),
    per_account=True,
)
def ec2_instance_imdsv2(instance: Ec2Instance, ctx: Context) -> Verdict:
    return expect(instance.imdsv2_required, "imdsv2_required", "IMDSv1 is allowed")


@resource_rule(
    id="autoscaling-group-imdsv2",
    title="Auto Scaling groups launch instances that require IMDSv2",
    severity=Severity.HIGH,
    category=Category.NETWORK_EXPOSURE,
    kinds=("autoscaling_group",),
    frameworks=Frameworks(security_hub=("AutoScaling.3",), well_architected=("SEC05-BP02",)),
    rationale="Every instance the group launches inherits its launch template's or "
    "configuration's metadata options: with IMDSv1 allowed, one server-side request forgery "
    "hands the instance role's credentials out. AutoScaling.3 fails a launch configuration "
    "that does not state HttpTokens; here an unstated value is unknown (the AMI or the "
    "account's IMDS default may require tokens). Templates themselves: launch-template-imdsv2.",
    remediation=Remediation(
        text="Require session tokens in the launch template's metadata options.",
        yaml="imdsv2_required: true",
        cloudformation="LaunchTemplateData:\n  MetadataOptions:\n    HttpTokens: required\n"
        "    HttpPutResponseHopLimit: 1",
        terraform=(
            "# in the aws_launch_template the group uses\n"
            "metadata_options {\n"
            '  http_tokens                 = "required"\n'
            "  http_put_response_hop_limit = 1\n"
            "}"
        ),
    ),
    per_account=True,
)
def autoscaling_group_imdsv2(group: AutoScalingGroup, ctx: Context) -> Verdict:
    return expect(group.imdsv2_required, "imdsv2_required", "launched instances allow IMDSv1")


@resource_rule(
    id="autoscaling-group-no-public-ip",
    title="Auto Scaling groups do not ask for public IPs on launched instances",
    severity=Severity.HIGH,
    category=Category.NETWORK_EXPOSURE,
    kinds=("autoscaling_group",),
    frameworks=Frameworks(security_hub=("Autoscaling.5",), well_architected=EXPOSURE),
    rationale="A launch configuration or template that associates a public IPv4 address makes "
    "every instance of the group reachable from the internet, whatever its subnet. Like "
    "Autoscaling.5 this judges the launch data only (a public subnet's own auto-assign "
    "setting is judged by the subnet rule). Templates themselves: launch-template-no-public-ip.",
    remediation=Remediation(
        text="Do not associate public IP addresses in the launch template; use private "
        "subnets behind a load balancer.",
        yaml="public_ip: false",
        cloudformation="LaunchTemplateData:\n  NetworkInterfaces:\n    - DeviceIndex: 0\n"
        "      AssociatePublicIpAddress: false",
        terraform=(
            "# in the aws_launch_template the group uses\n"
            "network_interfaces {\n"
            "  associate_public_ip_address = false\n"
            "}"
        ),
    ),
    per_account=True,
)
def autoscaling_group_no_public_ip(group: AutoScalingGroup, ctx: Context) -> Verdict:
    return expect(
        None if group.public_ip is None else not group.public_ip,
        "public_ip",
        "launched instances get a public IP address",
    )


@resource_rule(
    id="launch-template-imdsv2",
    title="EC2 launch templates require IMDSv2",
    severity=Severity.MEDIUM,
    category=Category.NETWORK_EXPOSURE,
    kinds=("launch_template",),
    frameworks=Frameworks(security_hub=("EC2.170",), well_architected=("SEC05-BP02",)),
    rationale="Every instance launched from the template (by a group, a fleet, a person) "
    "inherits its metadata options: with IMDSv1 allowed, one server-side request forgery "
    "hands the instance role's credentials out. EC2.170 judges the default version and fails "
    "an unstated HttpTokens; here unstated is unknown (the AMI or the account's IMDS default "
    "may require tokens).",
    remediation=Remediation(
        text="Require session tokens in the template's metadata options.",
        yaml="imdsv2_required: true",
        cloudformation="LaunchTemplateData:\n  MetadataOptions:\n    HttpTokens: required\n"
        "    HttpPutResponseHopLimit: 1",
        terraform=(
            "metadata_options {\n"
            '  http_tokens                 = "required"\n'
            "  http_put_response_hop_limit = 1\n"
            "}"
        ),
    ),
)
def launch_template_imdsv2(template: LaunchTemplate, ctx: Context) -> Verdict:
    return expect(template.imdsv2_required, "imdsv2_required", "IMDSv1 is allowed")


@resource_rule(
    id="launch-template-no-public-ip",
    title="EC2 launch templates do not assign public IPs to network interfaces",
    severity=Severity.HIGH,
    category=Category.NETWORK_EXPOSURE,
    kinds=("launch_template",),
    frameworks=Frameworks(security_hub=("EC2.25",), well_architected=EXPOSURE),
    rationale="A template whose network interface associates a public IPv4 address makes "
    "every instance launched from it reachable from the internet, whatever its subnet. Like "
    "EC2.25 this judges the template's default version, whoever launches it.",
    remediation=Remediation(
        text="Do not associate public IP addresses in the template; reach instances through "
        "a load balancer or Session Manager.",
        yaml="public_ip: false",
        cloudformation="LaunchTemplateData:\n  NetworkInterfaces:\n    - DeviceIndex: 0\n"
        "      AssociatePublicIpAddress: false",
        terraform="network_interfaces {\n  associate_public_ip_address = false\n}",
    ),
)
def launch_template_no_public_ip(template: LaunchTemplate, ctx: Context) -> Verdict:
    return expect(
        None if template.public_ip is None else not template.public_ip,
        "public_ip",
        "a network interface gets a public IP address",
    )


@resource_rule(
    id="ec2-instance-no-public-ip",
    title="EC2 instances have no public IPv4 address",
    severity=Severity.HIGH,
    category=Category.NETWORK_EXPOSURE,
    kinds=("ec2_instance",),
    frameworks=Frameworks(security_hub=("EC2.9",), well_architected=EXPOSURE),
    rationale="A public address makes the instance directly reachable from the internet: one "
    "permissive security group rule away from exposure. Reach instances through a load "
    "balancer, Session Manager or a VPN instead.",
    remediation=Remediation(
        text="Launch the instance without a public IP, in a private subnet.",
        yaml="public_ip: false\nsubnets: [private-a]",
        cloudformation="NetworkInterfaces:\n  - DeviceIndex: '0'\n"
        "    AssociatePublicIpAddress: false\n    SubnetId: !Ref PrivateA",
        terraform=(
            "associate_public_ip_address = false\n"
            "subnet_id                   = aws_subnet.private_a.id"
        ),
    ),
    per_account=True,
)
def ec2_instance_no_public_ip(instance: Ec2Instance, ctx: Context) -> Verdict:
    if instance.public_ip is None:
        return unknown("public_ip")
    return failed("the instance has a public IPv4 address") if instance.public_ip else passed()


@resource_rule(
    id="subnet-no-auto-public-ip",
    title="Subnets do not assign public IPv4 addresses automatically",
    severity=Severity.MEDIUM,
    category=Category.NETWORK_EXPOSURE,
    kinds=("subnet",),
    frameworks=Frameworks(security_hub=("EC2.15",), well_architected=EXPOSURE),
    rationale="With auto-assign on, every instance launched in the subnet gets a public address "
    "whether or not it should be reachable; public addresses should be a choice per resource.",
    remediation=Remediation(
        text="Turn off MapPublicIpOnLaunch; give a public address only where one is needed.",
        yaml="map_public_ip_on_launch: false",
        cloudformation="MapPublicIpOnLaunch: false",
        terraform="map_public_ip_on_launch = false",
    ),
    per_account=True,
)
def subnet_no_auto_public_ip(subnet: Subnet, ctx: Context) -> Verdict:
    value = subnet.map_public_ip_on_launch
    if value is None:
        return unknown("map_public_ip_on_launch")
    return failed("assigns a public IPv4 address to every instance") if value else passed()


@resource_rule(
    id="ecs-service-no-public-ip",
    title="ECS services do not assign public IP addresses to their tasks",
    severity=Severity.HIGH,
    category=Category.NETWORK_EXPOSURE,
    kinds=("ecs_service",),
    frameworks=Frameworks(security_hub=("ECS.2",), well_architected=EXPOSURE),
    rationale="A task with a public address is reachable from the internet around the load "
    "balancer in front of it; private subnets with a NAT gateway or VPC endpoints give it the "
    "same outbound access.",
    remediation=Remediation(
        text="Set AssignPublicIp to DISABLED and run the tasks in private subnets.",
        yaml="assign_public_ip: false\nsubnets: [private-a, private-b]",
        cloudformation="NetworkConfiguration:\n  AwsvpcConfiguration:\n"
        "    AssignPublicIp: DISABLED\n    Subnets: [!Ref PrivateA, !Ref PrivateB]",
        terraform=(
            "network_configuration {\n"
            "  subnets          = [aws_subnet.private_a.id, aws_subnet.private_b.id]\n"
            "  assign_public_ip = false\n"
            "}"
        ),
    ),
    per_account=True,
)
def ecs_service_no_public_ip(service: EcsService, ctx: Context) -> Verdict:
    if service.assign_public_ip is None:
        return unknown("assign_public_ip")
    return failed("its tasks get public IP addresses") if service.assign_public_ip else passed()


@resource_rule(
    id="eks-cluster-endpoint-not-public",
    title="EKS cluster endpoints are not publicly accessible",
    severity=Severity.HIGH,
    category=Category.NETWORK_EXPOSURE,
    kinds=("eks_cluster",),
    frameworks=Frameworks(security_hub=("EKS.1",), well_architected=EXPOSURE),
    rationale="A public Kubernetes API endpoint is exposed to every scanner and to any leaked "
    "kubeconfig; EKS.1 fails it even with a CIDR allow list, and so does this rule.",
    remediation=Remediation(
        text="Turn on private endpoint access and turn off public access.",
        yaml="endpoint_public_access: false\nendpoint_private_access: true",
        cloudformation="ResourcesVpcConfig:\n  EndpointPublicAccess: false\n"
        "  EndpointPrivateAccess: true\n  SubnetIds: [!Ref PrivateA, !Ref PrivateB]",
        terraform=(
            "vpc_config {\n"
            "  subnet_ids              = [aws_subnet.private_a.id, aws_subnet.private_b.id]\n"
            "  endpoint_public_access  = false\n"
            "  endpoint_private_access = true\n"
            "}"
        ),
    ),
    per_account=True,
)
def eks_cluster_endpoint_not_public(cluster: EksCluster, ctx: Context) -> Verdict:
    if cluster.endpoint_public_access is None:
        return unknown("endpoint_public_access")
    if cluster.endpoint_public_access:
        return failed("the Kubernetes API endpoint is public")
    return passed()


@resource_rule(
    id="opensearch-domain-in-vpc",
    title="OpenSearch domains are in a VPC",
    severity=Severity.CRITICAL,
    category=Category.NETWORK_EXPOSURE,
    kinds=("opensearch_domain",),
    frameworks=Frameworks(security_hub=("OpenSearch.2", "ES.2"), well_architected=EXPOSURE),
    rationale="A domain outside a VPC has a public endpoint, guarded only by its access policy; "
    "in a VPC, security groups and private addressing keep it off the internet. (ES.2 for "
    "Elasticsearch domains, which the model holds as opensearch_domain too.)",
    remediation=Remediation(
        text="Create the domain with VPC options (private subnets and a security group).",
        yaml="subnets: [private-a, private-b]\nsecurity_groups: [search-sg]",
        cloudformation="VPCOptions:\n  SubnetIds: [!Ref PrivateA, !Ref PrivateB]\n"
        "  SecurityGroupIds: [!Ref SearchSg]",
        terraform=(
            "vpc_options {\n"
            "  subnet_ids         = [aws_subnet.private_a.id, aws_subnet.private_b.id]\n"
            "  security_group_ids = [aws_security_group.search.id]\n"
            "}"
        ),
    ),
    per_account=True,
)
def opensearch_domain_in_vpc(domain: OpensearchDomain, ctx: Context) -> Verdict:
    # No VPC options means a public endpoint (the AWS default), not an unknown fact.
    if domain.subnets:
        return passed()
    return failed("the domain has a public endpoint (no VPC options)")


@resource_rule(
    id="opensearch-fine-grained-access-control",
    title="OpenSearch domains have fine-grained access control enabled",
    severity=Severity.HIGH,
    category=Category.LEAST_PRIVILEGE,
    kinds=("opensearch_domain",),
    frameworks=Frameworks(security_hub=("OpenSearch.7",), well_architected=LEAST_PRIVILEGE),
    rationale="Without fine-grained access control, anyone the domain policy admits can read "
    "and write every index; with it, roles limit access per index, document and field.",
    remediation=Remediation(
        text="Enable fine-grained access control (needs HTTPS, node-to-node and at-rest "
        "encryption).",
        yaml="fine_grained_access_control: true",
        cloudformation="AdvancedSecurityOptions:\n  Enabled: true\n"
        "  InternalUserDatabaseEnabled: false\n  MasterUserOptions:\n"
        "    MasterUserARN: !GetAtt SearchAdmin.Arn",
        terraform=(
            "advanced_security_options {\n"
            "  enabled                        = true\n"
            "  internal_user_database_enabled = false\n"
            "  master_user_options {\n"
            "    master_user_arn = aws_iam_role.search_admin.arn\n"
            "  }\n"
            "}"
        ),
    ),
    per_account=True,
)
def opensearch_fine_grained_access_control(domain: OpensearchDomain, ctx: Context) -> Verdict:
    return expect(
        domain.fine_grained_access_control,
        "fine_grained_access_control",
        "fine-grained access control is off",
    )


@resource_rule(
    id="msk-cluster-no-public-access",
    title="MSK clusters have public access disabled",
    severity=Severity.MEDIUM,
    category=Category.NETWORK_EXPOSURE,
    kinds=("msk_cluster",),
    frameworks=Frameworks(security_hub=("MSK.4",), well_architected=EXPOSURE),
    rationale="Public brokers can be reached from the internet; Kafka clients normally live "
    "in the VPC or reach it over peering, PrivateLink or a VPN.",
    remediation=Remediation(
        text="Turn public access off (connectivity info PublicAccess DISABLED).",
        yaml="public_access: false",
        cloudformation="BrokerNodeGroupInfo:\n  ConnectivityInfo:\n"
        "    PublicAccess: {Type: DISABLED}",
        terraform=('connectivity_info {\n  public_access {\n    type = "DISABLED"\n  }\n}'),
    ),
    per_account=True,
)
def msk_cluster_no_public_access(cluster: MskCluster, ctx: Context) -> Verdict:
    if cluster.public_access is None:
        return unknown("public_access")
    return failed("the brokers are publicly accessible") if cluster.public_access else passed()


@resource_rule(
    id="msk-cluster-authenticated-access",
    title="MSK clusters do not allow unauthenticated access",
    severity=Severity.MEDIUM,
    category=Category.LEAST_PRIVILEGE,
    kinds=("msk_cluster",),
    frameworks=Frameworks(security_hub=("MSK.6",), well_architected=LEAST_PRIVILEGE),
    rationale="With unauthenticated access any client that reaches the brokers can produce "
    "and consume every topic; IAM, SASL/SCRAM or mutual TLS tie each client to an identity.",
    remediation=Remediation(
        text="Disable unauthenticated access and enable IAM (or SASL/SCRAM, mTLS) auth.",
        yaml="unauthenticated_access: false",
        cloudformation="ClientAuthentication:\n  Unauthenticated: {Enabled: false}\n"
        "  Sasl: {Iam: {Enabled: true}}",
        terraform=(
            "client_authentication {\n  unauthenticated = false\n  sasl {\n    iam = true\n  }\n}"
        ),
    ),
    per_account=True,
)
def msk_cluster_authenticated_access(cluster: MskCluster, ctx: Context) -> Verdict:
    if cluster.unauthenticated_access is None:
        return unknown("unauthenticated_access")
    if cluster.unauthenticated_access:
        return failed("unauthenticated clients are allowed")
    return passed()


@resource_rule(
    id="rds-snapshot-not-public",
    title="RDS snapshots are not public",
    severity=Severity.CRITICAL,
    category=Category.NETWORK_EXPOSURE,
    kinds=("db_snapshot",),
    frameworks=Frameworks(security_hub=("RDS.1",), well_architected=("SEC03-BP07",)),
    rationale="A public snapshot can be restored by any AWS account: a full copy of the "
    "database, outside every control of this account.",
    remediation=Remediation(
        text="Remove 'all' from the snapshot's restore attribute; share with named accounts.",
        yaml="public: false",
        cloudformation="# aws rds modify-db-snapshot-attribute --attribute-name restore "
        "--values-to-remove all\n# (snapshot sharing is not a CloudFormation property)",
        terraform=(
            '# snapshot sharing is not a Terraform argument: remove "all" from restore\n'
            "# aws rds modify-db-snapshot-attribute --attribute-name restore --values-to-remove all"
        ),
    ),
    per_account=True,
)
def rds_snapshot_not_public(snapshot: DbSnapshot, ctx: Context) -> Verdict:
    if snapshot.public is None:
        return unknown("public")
    return failed("any AWS account can restore it") if snapshot.public else passed()


def _snapshot_block(snapshot: EbsSnapshot, ctx: Context) -> str | None:
    """The region's EBS snapshot block public access state, where the model states it."""
    region = snapshot.region or ctx.arch.region
    account = snapshot.account or ctx.arch.account
    states = [
        s.ebs_snapshot_block_public_access
        for s in ctx.arch.settings_of(account)
        if s.ebs_snapshot_block_public_access and s.region in (region, None)
    ]
    return states[-1] if states else None


@resource_rule(
    id="ebs-snapshot-not-public",
    title="EBS snapshots are not public",
    severity=Severity.CRITICAL,
    category=Category.NETWORK_EXPOSURE,
    kinds=("ebs_snapshot",),
    frameworks=Frameworks(security_hub=("EC2.1",), well_architected=("SEC03-BP07",)),
    rationale="Any AWS account can create a volume from a public snapshot: a full copy of the "
    "disk, outside every control of this account. The region's snapshot block public access "
    "in block-all-sharing mode keeps even such a snapshot private (AWS no longer lists or "
    "restores it publicly); block-new-sharing only refuses new public shares.",
    remediation=Remediation(
        text="Remove the group 'all' from the snapshot's createVolumePermission (share with "
        "named accounts), and turn on snapshot block public access (block-all-sharing) in "
        "every region. CloudFormation has no EBS snapshot resource type.",
        yaml="public: false",
        cloudformation="# No CloudFormation type for an EBS snapshot: run aws ec2 "
        "modify-snapshot-attribute --snapshot-id <id> --attribute createVolumePermission "
        "--operation-type remove --group-names all",
        terraform='resource "aws_ebs_snapshot_block_public_access" "this" {\n'
        '  state = "block-all-sharing"\n}',
    ),
)
def ebs_snapshot_not_public(snapshot: EbsSnapshot, ctx: Context) -> Verdict:
    if snapshot.public is None:
        return unknown("public")
    if not snapshot.public:
        return passed()
    if _snapshot_block(snapshot, ctx) == "block-all-sharing":
        return passed("shared with 'all', but the region's snapshot block public access "
                      "blocks all public sharing")  # fmt: skip
    return failed("any AWS account can create a volume from it")


# Security Hub EC2.18's default authorizedTcpPorts.
AUTHORIZED_PORTS = frozenset({80, 443})


@resource_rule(
    id="security-group-only-authorized-ports-open",
    title="Security groups allow unrestricted ingress only to ports 80 and 443",
    severity=Severity.HIGH,
    category=Category.NETWORK_EXPOSURE,
    kinds=("security_group",),
    frameworks=Frameworks(security_hub=("EC2.18",), well_architected=("SEC05-BP02",)),
    rationale="Anything other than the web ports open to 0.0.0.0/0 or ::/0 is attack surface "
    "that scanners find within minutes; EC2.18's default authorizes 80 and 443 only.",
    remediation=Remediation(
        text="Restrict every other rule to known CIDRs or a source security group.",
        yaml="ingress:\n  - {port: 443, cidr: [0.0.0.0/0]}\n"
        "  - {port: 8080, security_group: alb-sg}",
        cloudformation="SecurityGroupIngress:\n  - {IpProtocol: tcp, FromPort: 443, ToPort: 443, "
        "CidrIp: 0.0.0.0/0}\n  - {IpProtocol: tcp, FromPort: 8080, ToPort: 8080, "
        "SourceSecurityGroupId: !Ref AlbSg}",
        terraform=(
            'resource "aws_vpc_security_group_ingress_rule" "app" {\n'
            "  security_group_id            = aws_security_group.app.id\n"
            '  ip_protocol                  = "tcp"\n'
            "  from_port                    = 8080\n"
            "  to_port                      = 8080\n"
            "  referenced_security_group_id = aws_security_group.alb.id\n"
            "}"
        ),
    ),
    per_account=True,
)
def security_group_only_authorized_ports(group: SecurityGroup, ctx: Context) -> Verdict:
    found = world_ports(group)
    bad = sorted(
        {
            f"{low}" if low == high else f"{low}-{high}"
            for low, high in found.sure
            if not (low == high and low in AUTHORIZED_PORTS)
        }
    )
    if bad:  # a known violation: whatever the unknown rules turn out to be
        return failed(f"open to the internet on ports {', '.join(bad)}")
    for span, why in found.maybe:
        if span is None or not (span[0] == span[1] and span[0] in AUTHORIZED_PORTS):
            return Verdict(Outcome.UNKNOWN, why)
    return passed()


@resource_rule(
    id="apigateway-v2-route-authorization",
    title="API Gateway HTTP and WebSocket routes specify an authorization type",
    severity=Severity.MEDIUM,
    category=Category.LEAST_PRIVILEGE,
    kinds=("api_gateway",),
    frameworks=Frameworks(security_hub=("APIGateway.8",), well_architected=("SEC03-BP01",)),
    rationale="A route with authorization NONE lets anyone on the internet invoke the backend; "
    "IAM, JWT, Cognito or a Lambda authorizer tie every call to a caller. The model records "
    "one authorization per API, so one open route among protected ones is not seen.",
    remediation=Remediation(
        text="Give every route an authorizer (JWT, IAM or Lambda).",
        yaml="authorization: jwt",
        cloudformation="Type: AWS::ApiGatewayV2::Route\nProperties:\n  AuthorizationType: JWT\n"
        "  AuthorizerId: !Ref JwtAuthorizer",
        terraform=(
            'resource "aws_apigatewayv2_route" "orders" {\n'
            "  api_id             = aws_apigatewayv2_api.api.id\n"
            '  route_key          = "GET /orders"\n'
            '  authorization_type = "JWT"\n'
            "  authorizer_id      = aws_apigatewayv2_authorizer.jwt.id\n"
            "}"
        ),
    ),
    per_account=True,
)
def apigateway_v2_route_authorization(api: ApiGateway, ctx: Context) -> Verdict:
    if api.api_type == "rest":
        return not_applicable("APIGateway.8 judges HTTP and WebSocket routes")
    if api.authorization is None:
        return unknown("authorization")
    if api.authorization == "none":
        return failed("routes have no authorization")
    return passed(api.authorization)


@resource_rule(
    id="cloudfront-s3-origin-access-control",
    title="CloudFront distributions reach S3 origins through origin access control",
    severity=Severity.MEDIUM,
    category=Category.LEAST_PRIVILEGE,
    kinds=("cloudfront_distribution",),
    frameworks=Frameworks(security_hub=("CloudFront.13",), well_architected=("SEC03-BP07",)),
    rationale="Origin access control signs every request to the bucket, so the bucket policy "
    "can admit only this distribution; legacy OAI lacks SSE-KMS and PUT support and no "
    "identity at all leaves the bucket open to direct reads.",
    remediation=Remediation(
        text="Attach an origin access control to the S3 origin and allow only the "
        "distribution (aws:SourceArn) in the bucket policy.",
        yaml="origins:\n  - {target: site, origin_access: oac}",
        cloudformation="Origins:\n  - Id: site\n    DomainName: !GetAtt Site.RegionalDomainName\n"
        "    OriginAccessControlId: !GetAtt SiteOac.Id\n"
        "    S3OriginConfig: {OriginAccessIdentity: ''}",
        terraform=(
            "origin {\n"
            '  origin_id                = "site"\n'
            "  domain_name              = aws_s3_bucket.site.bucket_regional_domain_name\n"
            "  origin_access_control_id = aws_cloudfront_origin_access_control.site.id\n"
            "}"
        ),
    ),
    per_account=True,
)
def cloudfront_s3_origin_access_control(cdn: CloudFrontDistribution, ctx: Context) -> Verdict:
    s3_origins = [o for o in cdn.origins if isinstance(ctx.resource(o.target), S3Bucket)]
    if not s3_origins:
        return not_applicable("no S3 origin in the model")
    for origin in s3_origins:
        if origin.origin_access in ("oai", "none"):
            return failed(f"S3 origin {origin.target} uses {origin.origin_access}, not OAC")
    if any(o.origin_access is None for o in s3_origins):
        return unknown("origin_access")
    return passed()


@resource_rule(
    id="cloudfront-default-root-object",
    title="CloudFront distributions have a default root object",
    severity=Severity.CRITICAL,
    category=Category.NETWORK_EXPOSURE,
    kinds=("cloudfront_distribution",),
    frameworks=Frameworks(security_hub=("CloudFront.1",), well_architected=EXPOSURE),
    rationale="Without a default root object, a request for the root URL is passed to the "
    "origin as is, which can list the bucket's contents. As CloudFront.1 does, a distribution "
    "whose origins are all custom (a load balancer, an instance, a website endpoint named by "
    "domain) is not judged; one whose origins the model does not list is.",
    remediation=Remediation(
        text="Set a default root object (e.g. index.html).",
        yaml="default_root_object: index.html",
        cloudformation="DistributionConfig:\n  DefaultRootObject: index.html",
        terraform='default_root_object = "index.html"',
    ),
    per_account=True,
)
def cloudfront_default_root_object(cdn: CloudFrontDistribution, ctx: Context) -> Verdict:
    # No DefaultRootObject means none (the AWS default), not an unknown fact.
    if cdn.default_root_object:
        return passed(cdn.default_root_object)
    s3 = [_is_s3_origin(o, ctx) for o in cdn.origins]
    if s3 and True not in s3:
        if None in s3:
            return unknown("whether an origin is an S3 bucket")
        return not_applicable("custom origins only: CloudFront.1 judges S3 origins")
    return failed("no default root object")


def _is_s3_origin(origin: CloudFrontOrigin, ctx: Context) -> bool | None:
    target = ctx.resource(origin.target)
    if target is not None:
        return isinstance(target, S3Bucket)
    if origin.origin_access in ("oac", "oai"):
        return True
    domain = (origin.domain or "").lower()
    if not domain:
        return None
    # A bucket's REST endpoint (b.s3.region..., legacy b.s3-region...); a website endpoint is
    # a custom origin to CloudFront.
    return "s3-website" not in domain and (".s3." in domain or ".s3-" in domain)


@resource_rule(
    id="codebuild-project-not-privileged",
    title="CodeBuild project environments do not run in privileged mode",
    severity=Severity.HIGH,
    category=Category.LEAST_PRIVILEGE,
    kinds=("codebuild_project",),
    frameworks=Frameworks(security_hub=("CodeBuild.5",), well_architected=LEAST_PRIVILEGE),
    rationale="Privileged mode gives the build root on the Docker host: any build step (a "
    "compromised dependency) can escape the container.",
    remediation=Remediation(
        text="Turn privileged mode off unless the project builds Docker images.",
        yaml="privileged_mode: false",
        cloudformation="Environment:\n  PrivilegedMode: false",
        terraform=(
            "environment {\n"
            '  compute_type    = "BUILD_GENERAL1_SMALL"\n'
            '  image           = "aws/codebuild/standard:7.0"\n'
            '  type            = "LINUX_CONTAINER"\n'
            "  privileged_mode = false\n"
            "}"
        ),
    ),
    per_account=True,
)
def codebuild_project_not_privileged(project: CodebuildProject, ctx: Context) -> Verdict:
    if project.privileged_mode is None:
        return unknown("privileged_mode")
    return failed("privileged mode is on") if project.privileged_mode else passed()


_AWS_CREDENTIAL_VARIABLES = frozenset({"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"})


@resource_rule(
    id="codebuild-no-plaintext-aws-credentials",
    title="CodeBuild projects do not hold AWS credentials in plaintext environment variables",
    severity=Severity.CRITICAL,
    category=Category.SECRETS,
    kinds=("codebuild_project",),
    frameworks=Frameworks(security_hub=("CodeBuild.2",), well_architected=("SEC02-BP03",)),
    rationale="Plaintext variables are shown to anyone who can read the project; an access "
    "key there is a long-lived credential outside IAM's rotation. The project's service role "
    "already gives the build credentials.",
    remediation=Remediation(
        text="Remove the variables; use the service role, or PARAMETER_STORE/SECRETS_MANAGER "
        "variable types.",
        yaml="plaintext_environment: []",
        cloudformation="Environment:\n  EnvironmentVariables:\n"
        "    - {Name: DEPLOY_TOKEN, Type: SECRETS_MANAGER, Value: deploy/token}",
        terraform=(
            "environment_variable {\n"
            '  name  = "DEPLOY_TOKEN"\n'
            '  type  = "SECRETS_MANAGER"\n'
            '  value = "deploy/token"\n'
            "}"
        ),
    ),
    per_account=True,
)
def codebuild_no_plaintext_aws_credentials(project: CodebuildProject, ctx: Context) -> Verdict:
    found = sorted(_AWS_CREDENTIAL_VARIABLES & set(project.plaintext_environment))
    if found:
        return failed(f"plaintext {', '.join(found)}")
    return none_found("no plaintext AWS credential variable", Outcome.PASS)


@resource_rule(
    id="iam-user-mfa",
    title="IAM users have MFA enabled",
    severity=Severity.MEDIUM,
    category=Category.LEAST_PRIVILEGE,
    kinds=("iam_user",),
    frameworks=Frameworks(
        security_hub=("IAM.5", "IAM.19"), cis=("1.10",), well_architected=("SEC02-BP01",)
    ),
    rationale="A password or an access key alone is one phishing email or one leaked file "
    "away from the account; MFA makes a stolen secret useless on its own. IAM.19 asks MFA of "
    "every user, IAM.5 of users with a console password: this rule fails both.",
    remediation=Remediation(
        text="Enable an MFA device for the user (or move people to IAM Identity Center).",
        yaml="mfa_enabled: true",
        cloudformation="# MFA devices are enrolled by the user (aws iam enable-mfa-device)\n"
        "Type: AWS::IAM::Policy  # deny all but MFA setup while aws:MultiFactorAuthPresent "
        "is false",
        terraform=(
            "# MFA devices are enrolled by the user; deny everything else until they are\n"
            'resource "aws_iam_group_policy_attachment" "require_mfa" {\n'
            "  group      = aws_iam_group.people.name\n"
            "  policy_arn = aws_iam_policy.require_mfa.arn\n"
            "}"
        ),
    ),
    per_account=True,
)
def iam_user_mfa(user: IamUser, ctx: Context) -> Verdict:
    if user.mfa_enabled is None:
        return unknown("mfa_enabled")
    if user.mfa_enabled:
        return passed()
    if user.console_access:
        return failed("console password without MFA")
    return failed("no MFA device")


@resource_rule(
    id="iam-user-no-direct-policies",
    title="IAM users receive permissions only through groups",
    severity=Severity.LOW,
    category=Category.LEAST_PRIVILEGE,
    kinds=("iam_user",),
    frameworks=Frameworks(security_hub=("IAM.2",), cis=("1.15",), well_architected=LEAST_PRIVILEGE),
    rationale="Policies attached user by user drift apart and are forgotten when people change "
    "roles; groups (or roles) keep permissions reviewable in one place.",
    remediation=Remediation(
        text="Move the user's policies to a group and add the user to it.",
        yaml="managed_policies: []\ninline_policies: {}\ngroups: [developers]",
        cloudformation="Type: AWS::IAM::UserToGroupAddition\nProperties:\n"
        "  GroupName: !Ref Developers\n  Users: [!Ref User]",
        terraform=(
            'resource "aws_iam_user_group_membership" "user" {\n'
            "  user   = aws_iam_user.user.name\n"
            "  groups = [aws_iam_group.developers.name]\n"
            "}"
        ),
    ),
    per_account=True,
)
def iam_user_no_direct_policies(user: IamUser, ctx: Context) -> Verdict:
    direct = [*user.managed_policies, *user.managed_policy_arns, *user.inline_policies]
    if direct:
        return failed(f"policies attached to the user: {', '.join(sorted(direct))}")
    return none_found("no policy attached to the user", Outcome.PASS)


UNUSED_KEY_DAYS = 45  # IAM.22 (CIS 1.12); IAM.8 allows 90


@resource_rule(
    id="iam-user-unused-access-keys",
    title=f"IAM users have no active access key unused for {UNUSED_KEY_DAYS} days or more",
    severity=Severity.MEDIUM,
    category=Category.LEAST_PRIVILEGE,
    kinds=("iam_user",),
    frameworks=Frameworks(
        security_hub=("IAM.22", "IAM.8"), cis=("1.12",), well_architected=("SEC02-BP05",)
    ),
    rationale="A key nobody uses is a credential nobody watches: if it leaks, its use stands "
    "out to no one. IAM.22 and IAM.8 also judge console passwords, whose last use the model "
    "does not record: this rule judges access keys only.",
    remediation=Remediation(
        text="Deactivate, then delete, access keys unused for 45 days.",
        yaml="access_keys: [{active: false, last_used_days: 200}]",
        cloudformation="Type: AWS::IAM::AccessKey\nProperties:\n  UserName: !Ref User\n"
        "  Status: Inactive",
        terraform=(
            'resource "aws_iam_access_key" "user" {\n'
            "  user   = aws_iam_user.user.name\n"
            '  status = "Inactive"\n'
            "}"
        ),
    ),
    per_account=True,
)
def iam_user_unused_access_keys(user: IamUser, ctx: Context) -> Verdict:
    active = [k for k in user.access_keys if k.active]
    if not active:
        return none_found("no active access key", Outcome.PASS)
    stale = [k.last_used_days for k in active if (k.last_used_days or 0) >= UNUSED_KEY_DAYS]
    if stale:
        return failed(f"an active access key unused for {max(d or 0 for d in stale)} days")
    # A key younger than the limit cannot have been unused that long, used or not.
    undecided = [
        k
        for k in active
        if k.last_used_days is None and (k.age_days is None or k.age_days >= UNUSED_KEY_DAYS)
    ]
    if undecided:
        return unknown("last_used_days")
    return passed()


@resource_rule(
    id="rds-iam-authentication",
    title="RDS DB instances and clusters have IAM database authentication enabled",
    severity=Severity.MEDIUM,
    category=Category.LEAST_PRIVILEGE,
    kinds=("rds_instance", "rds_cluster"),
    frameworks=Frameworks(security_hub=("RDS.10", "RDS.12"), well_architected=("SEC02-BP02",)),
    rationale="IAM authentication replaces long-lived database passwords with 15-minute "
    "tokens tied to an IAM principal, so access is granted and revoked in IAM.",
    remediation=Remediation(
        text="Enable IAM database authentication and grant rds-db:connect to the callers.",
        yaml="iam_auth: true",
        cloudformation="EnableIAMDatabaseAuthentication: true",
        terraform="iam_database_authentication_enabled = true",
    ),
    per_account=True,
)
def rds_iam_authentication(db: RdsInstance | RdsCluster, ctx: Context) -> Verdict:
    if isinstance(db, RdsInstance) and db.cluster:
        return not_applicable("an Aurora cluster member: IAM auth is set on the cluster")
    return expect(db.iam_auth, "iam_auth", "IAM database authentication is off")


@resource_rule(
    id="s3-bucket-acls-disabled",
    title="S3 buckets disable ACLs (object ownership bucket owner enforced)",
    severity=Severity.MEDIUM,
    category=Category.LEAST_PRIVILEGE,
    kinds=("s3_bucket",),
    frameworks=Frameworks(security_hub=("S3.12",), well_architected=("SEC03-BP07",)),
    rationale="ACLs grant access object by object, outside the bucket policy and IAM; with "
    "ACLs disabled, policies alone decide who can read the data. (S3.12 fails buckets whose "
    "ACLs grant access; this rule asks for ACLs to be disabled, which is stricter.)",
    remediation=Remediation(
        text="Set object ownership to BucketOwnerEnforced.",
        yaml="acls_disabled: true",
        cloudformation="OwnershipControls:\n  Rules:\n    - ObjectOwnership: BucketOwnerEnforced",
        terraform=(
            'resource "aws_s3_bucket_ownership_controls" "data" {\n'
            "  bucket = aws_s3_bucket.data.id\n"
            "  rule {\n"
            '    object_ownership = "BucketOwnerEnforced"\n'
            "  }\n"
            "}"
        ),
    ),
    per_account=True,
)
def s3_bucket_acls_disabled(bucket: S3Bucket, ctx: Context) -> Verdict:
    return expect(bucket.acls_disabled, "acls_disabled", "ACLs are enabled")


@resource_rule(
    id="elasticache-redis-auth",
    title="ElastiCache Redis clusters older than 6.0 use Redis AUTH",
    severity=Severity.MEDIUM,
    category=Category.LEAST_PRIVILEGE,
    kinds=("elasticache_cluster",),
    frameworks=Frameworks(security_hub=("ElastiCache.6",), well_architected=("SEC03-BP01",)),
    rationale="Before Redis 6 (and its RBAC), an AUTH token is the only thing between a client "
    "that reaches the port and every key in the cache.",
    remediation=Remediation(
        text="Set an AUTH token (needs in-transit encryption), or upgrade to 6.x and use RBAC.",
        yaml="auth_token_enabled: true\ntransit_encryption: true",
        cloudformation="AuthToken: '{{resolve:secretsmanager:cache-auth}}'\n"
        "TransitEncryptionEnabled: true",
        terraform=(
            "transit_encryption_enabled = true\nauth_token                 = var.cache_auth_token"
        ),
    ),
    per_account=True,
)
def elasticache_redis_auth(cache: ElasticacheCluster, ctx: Context) -> Verdict:
    if cache.engine in ("memcached", "valkey"):
        return not_applicable(f"{cache.engine} is not judged by ElastiCache.6")
    if cache.engine_version is None:
        return unknown("engine_version")
    try:
        major = int(cache.engine_version.split(".")[0])
    except ValueError:
        return unknown("engine_version")
    if major >= 6:
        return not_applicable("Redis 6 and later use RBAC")
    return expect(cache.auth_token_enabled, "auth_token_enabled", "no Redis AUTH token")


@resource_rule(
    id="load-balancer-drop-invalid-headers",
    title="Application Load Balancers drop invalid HTTP headers",
    severity=Severity.MEDIUM,
    category=Category.NETWORK_EXPOSURE,
    kinds=("load_balancer",),
    frameworks=Frameworks(security_hub=("ELB.4",), well_architected=("SEC05-BP02",)),
    rationale="Headers that are not valid HTTP are a request-smuggling vector: dropping them "
    "at the load balancer keeps the targets from interpreting them differently.",
    remediation=Remediation(
        text="Set routing.http.drop_invalid_header_fields.enabled to true.",
        yaml="drop_invalid_headers: true",
        cloudformation="LoadBalancerAttributes:\n"
        "  - {Key: routing.http.drop_invalid_header_fields.enabled, Value: 'true'}",
        terraform="drop_invalid_header_fields = true",
    ),
    per_account=True,
)
def load_balancer_drop_invalid_headers(lb: LoadBalancer, ctx: Context) -> Verdict:
    if lb.type != "application":
        return not_applicable("only Application Load Balancers parse HTTP headers")
    return expect(lb.drop_invalid_headers, "drop_invalid_headers", "invalid headers are passed on")


@resource_rule(
    id="waf-web-acl-has-rules",
    title="WAF web ACLs have at least one rule or rule group",
    severity=Severity.MEDIUM,
    category=Category.NETWORK_EXPOSURE,
    kinds=("waf_web_acl",),
    frameworks=Frameworks(security_hub=("WAF.10",), well_architected=("SEC05-BP03",)),
    rationale="A web ACL without rules applies only its default action: associated with a "
    "front door it looks like protection and filters nothing.",
    remediation=Remediation(
        text="Add managed rule groups (e.g. AWSManagedRulesCommonRuleSet) or your own rules.",
        yaml="rules: [AWSManagedRulesCommonRuleSet]",
        cloudformation="Rules:\n  - Name: common\n    Priority: 0\n    OverrideAction: {None: {}}\n"
        "    Statement:\n      ManagedRuleGroupStatement:\n        VendorName: AWS\n"
        "        Name: AWSManagedRulesCommonRuleSet\n    VisibilityConfig:\n"
        "      {CloudWatchMetricsEnabled: true, MetricName: common, SampledRequestsEnabled: true}",
        terraform=(
            "rule {\n"
            '  name     = "common"\n'
            "  priority = 0\n"
            "  override_action {\n"
            "    none {}\n"
            "  }\n"
            "  statement {\n"
            "    managed_rule_group_statement {\n"
            '      vendor_name = "AWS"\n'
            '      name        = "AWSManagedRulesCommonRuleSet"\n'
            "    }\n"
            "  }\n"
            "  visibility_config {\n"
            "    cloudwatch_metrics_enabled = true\n"
            '    metric_name                = "common"\n'
            "    sampled_requests_enabled   = true\n"
            "  }\n"
            "}"
        ),
    ),
    per_account=True,
)
def waf_web_acl_has_rules(acl: WafWebAcl, ctx: Context) -> Verdict:
    if acl.rules:
        return passed(f"{len(acl.rules)} rules")
    # Discovery reads the rules with GetWebACL: when that is denied, "no rules" is not known.
    return none_found("the web ACL has no rules", Outcome.FAIL)


@resource_rule(
    id="rds-instance-non-default-port",
    title="RDS DB instances do not listen on their engine's default port",
    severity=Severity.LOW,
    category=Category.NETWORK_EXPOSURE,
    kinds=("rds_instance",),
    frameworks=Frameworks(security_hub=("RDS.23",), well_architected=("SEC05-BP02",)),
    rationale="Scanners and worms try the default database ports first; a custom port keeps "
    "the instance out of the cheapest sweeps (it is no substitute for closed security "
    "groups). RDS.23 also judges clusters, whose port the model does not record.",
    remediation=Remediation(
        text="Set a non-default port (the instance must be restarted with it).",
        yaml="port: 15432",
        cloudformation="Port: '15432'",
        terraform="port = 15432",
    ),
    per_account=True,
)
def rds_instance_non_default_port(db: RdsInstance, ctx: Context) -> Verdict:
    if db.cluster:
        return not_applicable("an Aurora cluster member: the port is the cluster's")
    if db.engine is None:
        return unknown("engine")
    default = rds_default_port(db.engine)  # RDS.23 fails an instance listening on it
    if default is None:
        return not_applicable(f"no default port known for engine {db.engine}")
    if db.port is None:
        return unknown("port")
    if db.port == default:
        return failed(f"listens on the default port {db.port}")
    return passed(f"port {db.port}")


@resource_rule(
    id="cognito-user-pool-mfa",
    title="Cognito user pools require MFA",
    severity=Severity.MEDIUM,
    category=Category.LEAST_PRIVILEGE,
    kinds=("cognito_user_pool",),
    frameworks=Frameworks(security_hub=("Cognito.5",), well_architected=("SEC02-BP01",)),
    rationale="Passwords are reused and leaked; with MFA ON a replayed password is not enough "
    "to sign in. OPTIONAL leaves most users on one factor, so it fails too.",
    remediation=Remediation(
        text="Set MFA to ON with a TOTP (or SMS) factor.",
        yaml="mfa: 'ON'",
        cloudformation="MfaConfiguration: 'ON'\nEnabledMfas: [SOFTWARE_TOKEN_MFA]",
        terraform=(
            'mfa_configuration = "ON"\nsoftware_token_mfa_configuration {\n  enabled = true\n}'
        ),
    ),
    per_account=True,
)
def cognito_user_pool_mfa(pool: CognitoUserPool, ctx: Context) -> Verdict:
    if pool.mfa is None:
        return unknown("mfa")
    if pool.mfa != "ON":
        return failed(f"MFA is {pool.mfa}")
    return passed()


# Interface endpoints FSBP asks every VPC to have, by the service name's last part.
_ENDPOINT_CONTROLS = {
    "ec2": "EC2.10",
    "ecr.api": "EC2.55",
    "ecr.dkr": "EC2.56",
    "ssm": "EC2.57",
    "ssm-contacts": "EC2.58",
    "ssm-incidents": "EC2.60",
}


def _endpoint_service(service: str) -> str:
    """ "com.amazonaws.us-east-1.ecr.api" and "ecr.api" both name ecr.api."""
    name = service.lower()
    for short in _ENDPOINT_CONTROLS:
        if name == short or name.endswith(f".{short}"):
            return short
    return name


@per_context
def _endpoint_services_by_vpc(ctx: Context) -> dict[str | None, set[str]]:
    """VPC id -> the services it has endpoints for (indexed once per run)."""
    found: dict[str | None, set[str]] = {}
    for _eid, endpoint in ctx.of_kind("vpc_endpoint"):
        assert isinstance(endpoint, VpcEndpoint)
        found.setdefault(endpoint.vpc, set()).add(_endpoint_service(endpoint.service))
    return found


@resource_rule(
    id="vpc-service-endpoints",
    title="VPCs have interface endpoints for the EC2, ECR and Systems Manager APIs",
    severity=Severity.MEDIUM,
    category=Category.NETWORK_EXPOSURE,
    kinds=("vpc",),
    frameworks=Frameworks(
        security_hub=tuple(_ENDPOINT_CONTROLS.values()), well_architected=("SEC05-BP01",)
    ),
    relies_on=("vpc_endpoint",),
    rationale="With endpoints, calls to these AWS APIs from inside the VPC stay on the AWS "
    "network and can be limited by endpoint policies, instead of going out through an "
    "internet or NAT gateway. FSBP asks each VPC for six of them (EC2.10 EC2, EC2.55 ECR API, "
    "EC2.56 ECR Docker registry, EC2.57 Systems Manager, EC2.58 Incident Manager Contacts, "
    "EC2.60 Incident Manager); the finding lists the missing ones.",
    remediation=Remediation(
        text="Create interface VPC endpoints for com.amazonaws.<region>.ec2, ecr.api, ecr.dkr, "
        "ssm, ssm-contacts and ssm-incidents.",
        yaml="ec2-api: {kind: vpc_endpoint, vpc: vpc, service: ec2, "
        "subnets: [private-a, private-b]}",
        cloudformation="Type: AWS::EC2::VPCEndpoint\nProperties:\n  VpcId: !Ref Vpc\n"
        "  ServiceName: !Sub 'com.amazonaws.${AWS::Region}.ec2'\n"
        "  VpcEndpointType: Interface\n  PrivateDnsEnabled: true",
        terraform=(
            'resource "aws_vpc_endpoint" "ec2" {\n'
            "  vpc_id              = aws_vpc.main.id\n"
            '  service_name        = "com.amazonaws.us-east-1.ec2"\n'
            '  vpc_endpoint_type   = "Interface"\n'
            "  subnet_ids          = [aws_subnet.private_a.id, aws_subnet.private_b.id]\n"
            "  private_dns_enabled = true\n"
            "}"
        ),
    ),
)
def vpc_service_endpoints(vpc: Vpc, ctx: Context) -> Verdict:
    have = _endpoint_services_by_vpc(ctx).get(ctx.id_of(vpc), set())
    missing = [f"{s} ({c})" for s, c in _ENDPOINT_CONTROLS.items() if s not in have]
    if missing:  # relies_on: UNKNOWN when the endpoints could not be read
        return failed(f"no interface endpoint for {', '.join(missing)}")
    return passed()


@resource_rule(
    id="load-balancer-waf",
    title="Application Load Balancers are associated with a WAF web ACL",
    severity=Severity.MEDIUM,
    category=Category.NETWORK_EXPOSURE,
    kinds=("load_balancer",),
    frameworks=Frameworks(security_hub=("ELB.16",), well_architected=("SEC05-BP03",)),
    relies_on=("waf_web_acl",),
    rationale="A web ACL on the load balancer filters injection, bad bots and floods whoever "
    "sends them, internal callers included; ELB.16 asks it of every Application Load "
    "Balancer, internet-facing or not (internet-entry-point-waf accepts a WAF on the "
    "CloudFront distribution in front instead).",
    remediation=Remediation(
        text="Associate a regional WAF web ACL with the load balancer.",
        yaml="web_acl: alb-acl",
        cloudformation="Type: AWS::WAFv2::WebACLAssociation\nProperties:\n"
        "  ResourceArn: !Ref LoadBalancer\n  WebACLArn: !GetAtt AlbAcl.Arn",
        terraform=(
            'resource "aws_wafv2_web_acl_association" "alb" {\n'
            "  resource_arn = aws_lb.app.arn\n"
            "  web_acl_arn  = aws_wafv2_web_acl.alb.arn\n"
            "}"
        ),
    ),
    per_account=True,
)
def load_balancer_waf(lb: LoadBalancer, ctx: Context) -> Verdict:
    if lb.type != "application":
        return not_applicable(f"WAF cannot be associated with {lb.type} load balancers")
    # No web_acl means none is associated (the AWS default), not an unknown fact.
    return passed(f"web ACL {lb.web_acl}") if lb.web_acl else failed("no WAF web ACL")


# The actions Security Hub S3.6 (Config rule s3-bucket-blacklisted-actions-prohibited) forbids
# bucket policies to grant to other accounts.
_OWNER_ONLY_ACTIONS = (
    "s3:DeleteBucketPolicy",
    "s3:PutBucketAcl",
    "s3:PutBucketPolicy",
    "s3:PutEncryptionConfiguration",
    "s3:PutObjectAcl",
)


@resource_rule(
    id="s3-bucket-policy-no-cross-account-admin",
    title="S3 bucket policies do not let other accounts change the bucket's policy, ACLs or "
    "encryption",
    severity=Severity.HIGH,
    category=Category.LEAST_PRIVILEGE,
    kinds=("s3_bucket",),
    frameworks=Frameworks(security_hub=("S3.6",), well_architected=("SEC03-BP07",)),
    rationale="Another account allowed to rewrite the bucket policy, the ACLs or the default "
    "encryption can take the bucket over: grant it the data actions it needs, never these. "
    "Conditions are not read, as S3.6 does not read them.",
    remediation=Remediation(
        text="Remove s3:PutBucketPolicy, s3:DeleteBucketPolicy, s3:PutBucketAcl, "
        "s3:PutObjectAcl and s3:PutEncryptionConfiguration from statements for other accounts.",
        yaml="policy:\n  Statement:\n    - Effect: Allow\n      Principal: {AWS: "
        "'arn:aws:iam::444455556666:root'}\n      Action: [s3:GetObject]\n"
        "      Resource: arn:aws:s3:::shared/*",
        cloudformation="PolicyDocument:\n  Statement:\n    - Effect: Allow\n"
        "      Principal: {AWS: 'arn:aws:iam::444455556666:root'}\n"
        "      Action: [s3:GetObject]\n      Resource: !Sub '${Bucket.Arn}/*'",
        terraform=(
            'data "aws_iam_policy_document" "shared" {\n'
            "  statement {\n"
            '    actions   = ["s3:GetObject"]\n'
            '    resources = ["${aws_s3_bucket.shared.arn}/*"]\n'
            "    principals {\n"
            '      type        = "AWS"\n'
            '      identifiers = ["arn:aws:iam::444455556666:root"]\n'
            "    }\n"
            "  }\n"
            "}"
        ),
    ),
)
def s3_bucket_policy_no_cross_account_admin(bucket: S3Bucket, ctx: Context) -> Verdict:
    document = bucket.policy
    if document is None:
        return none_found("no bucket policy in the model", Outcome.PASS)
    owner = bucket.account or ctx.arch.account
    undecided = False
    for i, statement in enumerate(document.statement):
        if not iam.allows(statement):
            continue
        granted = [a for a in _OWNER_ONLY_ACTIONS if iam.covers_action(statement, a)]
        if not granted:
            continue
        for principal in iam.aws_principals(statement):
            account = iam.principal_account(principal)
            if principal == "*" or (account and owner and account != owner):
                who = statement.sid or f"statement {i + 1}"
                return failed(f"{who} lets {principal} call {', '.join(granted)}")
            if account and owner is None:
                undecided = True
    if undecided:
        return unknown("account of the bucket")
    return passed()


MAX_ROTATION_DAYS = 90  # SecretsManager.4's default maxDaysSinceRotation


@resource_rule(
    id="secretsmanager-secret-rotation-period",
    title=f"Secrets Manager secrets rotate at least every {MAX_ROTATION_DAYS} days",
    severity=Severity.MEDIUM,
    category=Category.SECRETS,
    kinds=("secrets_manager_secret",),
    frameworks=Frameworks(security_hub=("SecretsManager.4",), well_architected=("SEC02-BP05",)),
    rationale="A credential that leaked stays useful until it is rotated: 90 days bounds that. "
    "SecretsManager.4 reads the date of the last rotation, which the model does not hold: this "
    "rule judges the rotation schedule, so a secret rotated by hand is not credited and a "
    "scheduled rotation that keeps failing is not caught (SecretsManager.2).",
    remediation=Remediation(
        text=f"Enable rotation every {MAX_ROTATION_DAYS} days or less.",
        yaml="rotation_enabled: true\nrotation_days: 30",
        cloudformation="Type: AWS::SecretsManager::RotationSchedule\nProperties:\n"
        "  SecretId: !Ref Secret\n  RotationLambdaARN: !GetAtt Rotator.Arn\n"
        "  RotationRules: {AutomaticallyAfterDays: 30}",
        terraform=(
            'resource "aws_secretsmanager_secret_rotation" "db" {\n'
            "  secret_id           = aws_secretsmanager_secret.db.id\n"
            "  rotation_lambda_arn = aws_lambda_function.rotator.arn\n"
            "  rotation_rules {\n"
            "    automatically_after_days = 30\n"
            "  }\n"
            "}"
        ),
    ),
    per_account=True,
)
def secretsmanager_secret_rotation_period(secret: SecretsManagerSecret, ctx: Context) -> Verdict:
    if secret.rotation_enabled is False:
        return failed("automatic rotation is off")
    if secret.rotation_enabled is None:
        return unknown("rotation_enabled")
    if secret.rotation_days is None:
        return unknown("rotation_days")
    if secret.rotation_days > MAX_ROTATION_DAYS:
        return failed(f"rotates every {secret.rotation_days} days")
    return passed(f"rotates every {secret.rotation_days} days")


@resource_rule(
    id="rds-instance-private-subnets",
    title="RDS DB instances are not in public subnets",
    severity=Severity.HIGH,
    category=Category.NETWORK_EXPOSURE,
    kinds=("rds_instance",),
    frameworks=Frameworks(security_hub=("RDS.46",), well_architected=EXPOSURE),
    rationale="A database in a subnet routed to an internet gateway is one setting "
    "(publicly_accessible) and one security group rule away from the internet; private "
    "subnets take that path away whatever the other settings say.",
    remediation=Remediation(
        text="Put the DB subnet group in private subnets only (no route to an internet gateway).",
        yaml="subnets: [private-a, private-b]",
        cloudformation="Type: AWS::RDS::DBSubnetGroup\nProperties:\n"
        "  DBSubnetGroupDescription: private\n  SubnetIds: [!Ref PrivateA, !Ref PrivateB]",
        terraform=(
            'resource "aws_db_subnet_group" "private" {\n'
            '  name       = "private"\n'
            "  subnet_ids = [aws_subnet.private_a.id, aws_subnet.private_b.id]\n"
            "}"
        ),
    ),
    per_account=True,
)
def rds_instance_private_subnets(db: RdsInstance, ctx: Context) -> Verdict:
    placed: RdsInstance | RdsCluster = db
    cluster = ctx.resource(db.cluster)
    if not db.subnets and isinstance(cluster, RdsCluster):
        placed = cluster  # an Aurora member sits in its cluster's subnet group
    if not placed.subnets:
        return unknown("subnets (none named: the default VPC's public subnets, or not read)")
    public, subnet = in_public_subnet(placed, ctx)
    if public is None:
        return unknown("public flag of its subnets")
    return failed(f"subnet {subnet} routes to an internet gateway") if public else passed()


# Recommended ELB security policies (ELB.17): the TLS 1.3 family, FIPS variants included.
_RECOMMENDED_ELB_POLICY_PREFIX = "ELBSecurityPolicy-TLS13-"


@resource_rule(
    id="load-balancer-listeners-tls",
    title="Load balancer listeners use TLS with a recommended security policy",
    severity=Severity.MEDIUM,
    category=Category.ENCRYPTION,
    kinds=("load_balancer",),
    frameworks=Frameworks(security_hub=("ELB.18", "ELB.17"), well_architected=IN_TRANSIT),
    rationale="A plain HTTP or TCP listener carries requests and credentials readable on the "
    "way; a TLS listener on an old security policy still accepts TLS 1.0/1.1. An HTTP "
    "listener that only redirects to HTTPS passes (no data crosses it), as Prowler reads it.",
    remediation=Remediation(
        text="Use HTTPS or TLS listeners (HTTP only to redirect) with a TLS 1.3 security policy "
        "such as ELBSecurityPolicy-TLS13-1-2-2021-06.",
        yaml="listeners:\n  - {protocol: HTTPS, port: 443, "
        "ssl_policy: ELBSecurityPolicy-TLS13-1-2-2021-06}\n"
        "  - {protocol: HTTP, port: 80, redirect_to_https: true}",
        cloudformation="Type: AWS::ElasticLoadBalancingV2::Listener\nProperties:\n"
        "  Protocol: HTTPS\n  Port: 443\n  SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06\n"
        "  Certificates: [{CertificateArn: !Ref Cert}]",
        terraform=(
            'resource "aws_lb_listener" "https" {\n'
            "  load_balancer_arn = aws_lb.app.arn\n"
            "  port              = 443\n"
            '  protocol          = "HTTPS"\n'
            '  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"\n'
            "  certificate_arn   = aws_acm_certificate.app.arn\n"
            "  default_action {\n"
            '    type             = "forward"\n'
            "    target_group_arn = aws_lb_target_group.app.arn\n"
            "  }\n"
            "}"
        ),
    ),
    per_account=True,
)
def load_balancer_listeners_tls(lb: LoadBalancer, ctx: Context) -> Verdict:
    if lb.type == "gateway":
        return not_applicable("Gateway Load Balancers pass traffic through without listeners")
    if not lb.listeners:
        return unknown("listeners")
    undecided = ""
    for listener in lb.listeners:
        where = f"{listener.protocol} listener on {listener.port}"
        if listener.protocol in ("HTTPS", "TLS"):
            policy = listener.ssl_policy
            if policy is None:
                undecided = f"ssl_policy of the {where}"
            elif not policy.startswith(_RECOMMENDED_ELB_POLICY_PREFIX):
                return failed(f"ELB.17: {where} uses {policy}")
        elif listener.protocol == "HTTP" and listener.redirect_to_https is None:
            undecided = f"redirect_to_https of the {where}"
        elif not (listener.protocol == "HTTP" and listener.redirect_to_https):
            return failed(f"ELB.18: {where} is not encrypted")
    if undecided:
        return unknown(undecided)
    return passed()


@resource_rule(
    id="efs-mount-targets-private-subnets",
    title="EFS mount targets are not in subnets that assign public IP addresses",
    severity=Severity.MEDIUM,
    category=Category.NETWORK_EXPOSURE,
    kinds=("efs_file_system",),
    frameworks=Frameworks(security_hub=("EFS.6",), well_architected=EXPOSURE),
    rationale="A subnet that gives every launch a public address is a public-facing subnet; "
    "a file system's mount targets belong with the private tier that mounts them.",
    remediation=Remediation(
        text="Create the mount targets in private subnets (MapPublicIpOnLaunch false).",
        yaml="subnets: [private-a, private-b]",
        cloudformation="Type: AWS::EFS::MountTarget\nProperties:\n  FileSystemId: !Ref Files\n"
        "  SubnetId: !Ref PrivateA\n  SecurityGroups: [!Ref FilesSg]",
        terraform=(
            'resource "aws_efs_mount_target" "a" {\n'
            "  file_system_id  = aws_efs_file_system.files.id\n"
            "  subnet_id       = aws_subnet.private_a.id\n"
            "  security_groups = [aws_security_group.files.id]\n"
            "}"
        ),
    ),
    per_account=True,
)
def efs_mount_targets_private_subnets(fs: EfsFileSystem, ctx: Context) -> Verdict:
    if not fs.subnets:  # templates' mount targets are not always read into the model
        return unknown("subnets of its mount targets")
    undecided = ""
    for sid in fs.subnets:
        subnet = ctx.resource(sid)
        value = subnet.map_public_ip_on_launch if isinstance(subnet, Subnet) else None
        if value:
            return failed(f"mount target subnet {sid} assigns public IP addresses")
        if value is None:
            undecided = sid
    if undecided:
        return unknown(f"map_public_ip_on_launch of subnet {undecided}")
    return passed()


@resource_rule(
    id="eventbridge-bus-resource-policy",
    title="EventBridge custom event buses have a resource-based policy",
    severity=Severity.LOW,
    category=Category.LEAST_PRIVILEGE,
    kinds=("eventbridge_bus",),
    frameworks=Frameworks(security_hub=("EventBridge.3",), well_architected=LEAST_PRIVILEGE),
    rationale="A bus policy states which accounts, organizations and services may put events "
    "on the bus; without one, who can publish is left to each caller's identity policies. "
    "EventBridge.3 judges custom buses only; the default bus is not judged. Whether the policy "
    "itself is too open is the public resource policy rule's question.",
    remediation=Remediation(
        text="Attach a resource-based policy that names who may put events on the bus.",
        yaml="policy:\n  Statement:\n    - {Effect: Allow, Principal: {AWS: "
        '"arn:aws:iam::111122223333:root"}, Action: events:PutEvents, Resource: "*"}',
        cloudformation="Type: AWS::Events::EventBusPolicy\nProperties:\n"
        "  EventBusName: !Ref Bus\n  StatementId: producer-account\n  Statement:\n"
        "    Effect: Allow\n    Principal: {AWS: arn:aws:iam::111122223333:root}\n"
        "    Action: events:PutEvents\n    Resource: !GetAtt Bus.Arn",
        terraform=(
            'resource "aws_cloudwatch_event_bus_policy" "bus" {\n'
            "  event_bus_name = aws_cloudwatch_event_bus.bus.name\n"
            "  policy         = data.aws_iam_policy_document.bus.json\n"
            "}"
        ),
    ),
    per_account=True,
)
def eventbridge_bus_resource_policy(bus: EventbridgeBus, ctx: Context) -> Verdict:
    if bus.name == "default":
        return not_applicable("the account's default event bus")
    if bus.policy is not None:
        return passed()
    return expect(bus.has_policy, "has_policy", "the custom event bus has no resource-based policy")


@resource_rule(
    id="cognito-user-pool-strong-passwords",
    title="Cognito user pools require strong passwords",
    severity=Severity.MEDIUM,
    category=Category.LEAST_PRIVILEGE,
    kinds=("cognito_user_pool",),
    frameworks=Frameworks(security_hub=("Cognito.3",), well_architected=LEAST_PRIVILEGE),
    rationale="Short passwords without character classes, and temporary passwords valid for "
    "weeks, are what credential stuffing and guessing succeed against. The thresholds are "
    "Cognito.3's defaults: at least 8 characters, a lowercase letter, an uppercase letter, a "
    "number and a symbol, temporary passwords valid for at most 7 days.",
    remediation=Remediation(
        text="Require 8+ characters with all four character classes; expire temporary "
        "passwords within 7 days.",
        yaml="password_min_length: 12\npassword_requires_all_classes: true\n"
        "temporary_password_days: 7",
        cloudformation="Policies:\n  PasswordPolicy:\n    MinimumLength: 12\n"
        "    RequireLowercase: true\n    RequireUppercase: true\n    RequireNumbers: true\n"
        "    RequireSymbols: true\n    TemporaryPasswordValidityDays: 7",
        terraform=(
            "password_policy {\n"
            "  minimum_length                   = 12\n"
            "  require_lowercase                = true\n"
            "  require_uppercase                = true\n"
            "  require_numbers                  = true\n"
            "  require_symbols                  = true\n"
            "  temporary_password_validity_days = 7\n"
            "}"
        ),
    ),
    per_account=True,
)
def cognito_user_pool_strong_passwords(pool: CognitoUserPool, ctx: Context) -> Verdict:
    weak = []
    if pool.password_min_length is not None and pool.password_min_length < 8:
        weak.append(f"minimum length {pool.password_min_length}")
    if pool.password_requires_all_classes is False:
        weak.append("not every character class is required")
    if pool.temporary_password_days is not None and pool.temporary_password_days > 7:
        weak.append(f"temporary passwords valid {pool.temporary_password_days} days")
    if weak:
        return failed("; ".join(weak))
    for name in ("password_min_length", "password_requires_all_classes", "temporary_password_days"):
        if getattr(pool, name) is None:
            return unknown(name)
    return passed()


@resource_rule(
    id="cognito-user-pool-threat-protection-enforced",
    title="Cognito user pools enforce threat protection",
    severity=Severity.MEDIUM,
    category=Category.LEAST_PRIVILEGE,
    kinds=("cognito_user_pool",),
    frameworks=Frameworks(security_hub=("Cognito.1",), well_architected=LEAST_PRIVILEGE),
    rationale="Threat protection scores each sign-in for compromised credentials and unusual "
    "context; in AUDIT mode it only reports, in ENFORCED mode it blocks or challenges risky "
    "sign-ins. Cognito.1 fails anything short of full-function enforcement for standard "
    "authentication (custom authentication flows are Cognito.4's, not judged here).",
    remediation=Remediation(
        text="Set threat protection (advanced security) to ENFORCED.",
        yaml="advanced_security: true\nadvanced_security_enforced: true",
        cloudformation="UserPoolAddOns:\n  AdvancedSecurityMode: ENFORCED",
        terraform='user_pool_add_ons {\n  advanced_security_mode = "ENFORCED"\n}',
    ),
    per_account=True,
)
def cognito_user_pool_threat_protection_enforced(pool: CognitoUserPool, ctx: Context) -> Verdict:
    if pool.advanced_security is False:
        return failed("threat protection is off")
    return expect(
        pool.advanced_security_enforced,
        "advanced_security_enforced",
        "threat protection only audits (AUDIT mode)",
    )


@resource_rule(
    id="cloudfront-sni",
    title="CloudFront distributions serve their custom certificate with SNI",
    severity=Severity.LOW,
    category=Category.NETWORK_EXPOSURE,
    kinds=("cloudfront_distribution",),
    frameworks=Frameworks(security_hub=("CloudFront.8",), well_architected=EXPOSURE),
    rationale="With SNI, CloudFront serves the custom certificate from its shared edge "
    "addresses; a dedicated IP address per edge location (vip) is there for pre-2010 clients "
    "only and costs $600 a month. CloudFront.8 fails a distribution with a custom certificate "
    "whose support method is not sni-only; one on the default *.cloudfront.net certificate is "
    "not judged.",
    remediation=Remediation(
        text="Serve the custom certificate with SNI.",
        yaml="ssl_support_method: sni-only",
        cloudformation=VIEWER_CERTIFICATE_CFN,
        terraform=VIEWER_CERTIFICATE_TF,
    ),
    per_account=True,
)
def cloudfront_sni(cdn: CloudFrontDistribution, ctx: Context) -> Verdict:
    if cdn.uses_default_certificate:
        return not_applicable("the default CloudFront certificate (no custom certificate)")
    if cdn.ssl_support_method is None:
        return unknown("ssl_support_method")
    if cdn.ssl_support_method != "sni-only":
        return failed(f"the custom certificate is served with {cdn.ssl_support_method}, not SNI")
    return passed()


@resource_rule(
    id="elasticache-custom-subnet-group",
    title="ElastiCache clusters are not in the default subnet group",
    severity=Severity.HIGH,
    category=Category.NETWORK_EXPOSURE,
    kinds=("elasticache_cluster",),
    frameworks=Frameworks(security_hub=("ElastiCache.7",), well_architected=EXPOSURE),
    rationale="A cache launched without a subnet group goes into the 'default' one, built from "
    "the default VPC's subnets, which are public (they give instances public addresses). "
    "ElastiCache.7 fails a cluster whose CacheSubnetGroupName is 'default'; name a subnet "
    "group of private subnets in the VPC the cache belongs to.",
    remediation=Remediation(
        text="Create a subnet group of private subnets and launch the cache in it.",
        yaml="default_subnet_group: false\nsubnets: [private_a, private_b]",
        cloudformation="CacheSubnetGroupName: !Ref CacheSubnets",
        terraform="subnet_group_name = aws_elasticache_subnet_group.private.name",
    ),
    per_account=True,
)
def elasticache_custom_subnet_group(cache: ElasticacheCluster, ctx: Context) -> Verdict:
    if cache.default_subnet_group is None:
        return unknown("default_subnet_group")
    if cache.default_subnet_group:
        return failed("the cache is in the 'default' subnet group")
    return passed()


@resource_rule(
    id="ec2-instance-single-eni",
    title="EC2 instances use a single network interface",
    severity=Severity.LOW,
    category=Category.NETWORK_EXPOSURE,
    kinds=("ec2_instance",),
    frameworks=Frameworks(security_hub=("EC2.17",), well_architected=EXPOSURE),
    rationale="An instance with interfaces in several subnets is dual-homed: it bridges "
    "networks that security groups and network ACLs were meant to keep apart. EC2.17 fails an "
    "instance with more than one network interface (ENI or EFA), EKS nodes included (whose CNI "
    "adds interfaces at run time: waive those).",
    remediation=Remediation(
        text="Keep one network interface per instance; reach other subnets through routing.",
        yaml="network_interface_count: 1",
        cloudformation="NetworkInterfaces:\n  - DeviceIndex: '0'\n    SubnetId: !Ref Private",
        terraform=(
            "network_interface {\n"
            "  device_index         = 0\n"
            "  network_interface_id = aws_network_interface.app.id\n"
            "}"
        ),
    ),
    per_account=True,
)
def ec2_instance_single_eni(instance: Ec2Instance, ctx: Context) -> Verdict:
    count = instance.network_interface_count
    if count is None:
        return unknown("network_interface_count")
    if count > 1:
        return failed(f"{count} network interfaces")
    return passed()


@resource_rule(
    id="cloudfront-lambda-url-origin-access-control",
    title="CloudFront distributions reach Lambda function URL origins through origin access "
    "control",
    severity=Severity.MEDIUM,
    category=Category.NETWORK_EXPOSURE,
    kinds=("cloudfront_distribution",),
    frameworks=Frameworks(security_hub=("CloudFront.16",), well_architected=("SEC03-BP07",)),
    rationale="Without origin access control a function URL behind CloudFront must allow "
    "anonymous calls (AuthType NONE), so anyone can call it directly, around the "
    "distribution's WAF, caching and headers. With OAC, CloudFront signs each request and the "
    "URL can require AWS_IAM. CloudFront.16 fails a distribution with a function URL origin "
    "(a *.lambda-url.<region>.on.aws host) that has no OAC.",
    remediation=Remediation(
        text="Attach a Lambda origin access control to the origin, set the URL's auth type to "
        "AWS_IAM and let the distribution invoke it (lambda:InvokeFunctionUrl with its "
        "SourceArn).",
        yaml="origins:\n  - {target: api_fn, origin_access: oac}",
        cloudformation="Origins:\n  - Id: fn\n"
        "    DomainName: !Select [2, !Split ['/', !GetAtt FnUrl.FunctionUrl]]\n"
        "    OriginAccessControlId: !GetAtt FnOac.Id\n"
        "    CustomOriginConfig: {OriginProtocolPolicy: https-only}",
        terraform=(
            "origin {\n"
            '  origin_id                = "fn"\n'
            "  domain_name              = "
            'split("/", aws_lambda_function_url.fn.function_url)[2]\n'
            "  origin_access_control_id = aws_cloudfront_origin_access_control.fn.id\n"
            "}"
        ),
    ),
    per_account=True,
)
def cloudfront_lambda_url_origin_access_control(
    cdn: CloudFrontDistribution, ctx: Context
) -> Verdict:
    url_origins = [
        o
        for o in cdn.origins
        if lambda_url_domain(o.domain) or isinstance(ctx.resource(o.target), LambdaFunction)
    ]
    if not url_origins:
        return not_applicable("no Lambda function URL origin in the model")
    for origin in url_origins:
        if origin.origin_access in ("oai", "none"):
            return failed(f"function URL origin {origin.target or origin.domain} has no OAC")
    if any(o.origin_access is None for o in url_origins):
        return unknown("origin_access")
    return passed()
