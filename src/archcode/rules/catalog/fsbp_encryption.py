"""Security Hub FSBP encryption controls (at rest and in transit) outside RDS, Aurora and EFS.

The family rules judge several kinds with one question ("is it encrypted at rest?"); each kind's
own control id is in the rule's metadata and in the verdict's message.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from archcode.model.base import Resource
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
from archcode.rules.context import Context
from archcode.rules.registry import resource_rule

if TYPE_CHECKING:
    from archcode.model.kinds.api_gateway import ApiGateway
    from archcode.model.kinds.cloudfront_distribution import CloudFrontDistribution
    from archcode.model.kinds.codebuild_project import CodebuildProject
    from archcode.model.kinds.db_snapshot import DbSnapshot
    from archcode.model.kinds.ebs_volume import EbsVolume
    from archcode.model.kinds.eks_cluster import EksCluster
    from archcode.model.kinds.elasticache_cluster import ElasticacheCluster
    from archcode.model.kinds.kinesis_stream import KinesisStream
    from archcode.model.kinds.kms_key import KmsKey
    from archcode.model.kinds.launch_template import LaunchTemplate
    from archcode.model.kinds.load_balancer import LoadBalancer
    from archcode.model.kinds.msk_cluster import MskCluster
    from archcode.model.kinds.opensearch_domain import OpensearchDomain
    from archcode.model.kinds.rds_instance import RdsInstance
    from archcode.model.kinds.rds_proxy import RdsProxy
    from archcode.model.kinds.s3_bucket import S3Bucket
    from archcode.model.kinds.sns_topic import SnsTopic
    from archcode.model.kinds.sqs_queue import SqsQueue
else:
    from archcode.model.kinds.lazy import (
        DbSnapshot,
        EbsVolume,
        ElasticacheCluster,
        KinesisStream,
        LoadBalancer,
        MskCluster,
        OpensearchDomain,
        RdsInstance,
        RdsProxy,
        SnsTopic,
        SqsQueue,
    )

AT_REST = ("SEC08-BP02",)
IN_TRANSIT = ("SEC09-BP02",)


def _snapshot_encrypted(snapshot: DbSnapshot, ctx: Context) -> bool | None:
    if snapshot.encrypted is not None:
        return snapshot.encrypted
    source = ctx.resource(snapshot.source)  # a snapshot inherits its database's encryption
    return getattr(source, "storage_encrypted", None)


@resource_rule(
    id="data-encrypted-at-rest",
    title="Queues, topics, streams, caches, search domains, volumes and snapshots are encrypted "
    "at rest",
    severity=Severity.MEDIUM,
    category=Category.ENCRYPTION,
    kinds=(
        "sqs_queue",
        "sns_topic",
        "kinesis_stream",
        "elasticache_cluster",
        "opensearch_domain",
        "ebs_volume",
        "db_snapshot",
    ),
    frameworks=Frameworks(
        security_hub=(
            "SQS.1",
            "SNS.1",
            "Kinesis.1",
            "ElastiCache.4",
            "OpenSearch.1",
            "ES.1",
            "EC2.3",
            "RDS.4",
        ),
        well_architected=AT_REST,
    ),
    rationale="Data at rest outside the databases (messages waiting in a queue or topic, "
    "records in a stream, cached sessions, search indexes, volumes and snapshots) is read by "
    "whoever obtains the storage or a copy of it unless it is encrypted. SQS passes with "
    "SSE-SQS (AWS's default for new queues); SNS needs a KMS key (without one AWS only "
    "encrypts its disks; SNS.1 left FSBP in April 2024 and remains a NIST 800-53 control). "
    "EC2.3 judges attached volumes; this rule judges every volume, attached or "
    "not (stricter).",
    remediation=Remediation(
        text="Turn on encryption at rest (SSE-SQS or SSE-KMS for queues, a KMS key for topics, "
        "KMS for streams, at-rest encryption for Redis and OpenSearch, encrypted volumes and "
        "snapshots; caches, domains and volumes must be re-created or copied).",
        yaml="# sqs_queue\nencryption: sse-sqs\n# sns_topic\nkms_key: alias/aws/sns\n"
        "# kinesis_stream\nencryption: KMS\n# elasticache_cluster\nat_rest_encryption: true\n"
        "# opensearch_domain\nencryption_at_rest: true\n# ebs_volume, db_snapshot\nencrypted: true",
        cloudformation="# AWS::SQS::Queue\nSqsManagedSseEnabled: true\n# AWS::SNS::Topic\n"
        "KmsMasterKeyId: alias/aws/sns\n# AWS::Kinesis::Stream\nStreamEncryption:\n"
        "  EncryptionType: KMS\n  KeyId: alias/aws/kinesis\n"
        "# AWS::ElastiCache::ReplicationGroup\nAtRestEncryptionEnabled: true\n"
        "# AWS::OpenSearchService::Domain\nEncryptionAtRestOptions: {Enabled: true}\n"
        "# AWS::EC2::Volume\nEncrypted: true",
        terraform=(
            'resource "aws_sqs_queue" "jobs" {\n'
            "  sqs_managed_sse_enabled = true\n"
            "}\n"
            "\n"
            'resource "aws_sns_topic" "events" {\n'
            '  kms_master_key_id = "alias/aws/sns"\n'
            "}\n"
            "\n"
            'resource "aws_kinesis_stream" "clicks" {\n'
            '  encryption_type = "KMS"\n'
            '  kms_key_id      = "alias/aws/kinesis"\n'
            "}\n"
            "\n"
            'resource "aws_ebs_volume" "data" {\n'
            "  encrypted = true\n"
            "}"
        ),
    ),
    per_account=True,
)
def data_encrypted_at_rest(resource: Resource, ctx: Context) -> Verdict:
    if isinstance(resource, SqsQueue):
        if resource.encryption is None:
            return unknown("encryption")
        if resource.encryption == "none":
            return failed("SQS.1: the queue is not encrypted at rest")
        return passed(resource.encryption)
    if isinstance(resource, SnsTopic):
        # No KmsMasterKeyId means no encryption: SNS has no default.
        if resource.kms_key:
            return passed(f"encrypted with {resource.kms_key}")
        no_key = "SNS.1: the topic has no KMS key (AWS disk encryption only)"
        return none_found(no_key, Outcome.FAIL)
    if isinstance(resource, KinesisStream):
        if resource.encryption is None:
            return unknown("encryption")
        if resource.encryption == "NONE":
            return failed("Kinesis.1: the stream is not encrypted at rest")
        return passed("KMS")
    if isinstance(resource, ElasticacheCluster):
        if resource.engine == "memcached":
            return not_applicable("ElastiCache.4 judges Redis and Valkey replication groups")
        value = resource.at_rest_encryption
        return expect(value, "at_rest_encryption", "ElastiCache.4: not encrypted at rest")
    if isinstance(resource, OpensearchDomain):
        value = resource.encryption_at_rest
        return expect(value, "encryption_at_rest", "OpenSearch.1: not encrypted at rest")
    if isinstance(resource, EbsVolume):
        return expect(resource.encrypted, "encrypted", "EC2.3: the volume is not encrypted")
    if isinstance(resource, DbSnapshot):
        value = _snapshot_encrypted(resource, ctx)
        return expect(value, "encrypted", "RDS.4: the snapshot is not encrypted")
    return not_applicable(f"{resource.kind} is not judged")


@resource_rule(
    id="s3-bucket-kms-encryption",
    title="S3 buckets are encrypted at rest with AWS KMS keys",
    severity=Severity.MEDIUM,
    category=Category.ENCRYPTION,
    kinds=("s3_bucket",),
    frameworks=Frameworks(security_hub=("S3.17",), well_architected=AT_REST),
    rationale="Every bucket is encrypted with SSE-S3 by default; SSE-KMS adds a key policy "
    "(a second permission, kms:Decrypt) in front of the objects and logs every use of the key.",
    remediation=Remediation(
        text="Set default encryption to SSE-KMS (with a bucket key to limit KMS requests).",
        yaml="encryption: sse-kms\nkms_key: data-key",
        cloudformation="BucketEncryption:\n  ServerSideEncryptionConfiguration:\n"
        "    - ServerSideEncryptionByDefault:\n        SSEAlgorithm: aws:kms\n"
        "        KMSMasterKeyID: !Ref DataKey\n      BucketKeyEnabled: true",
        terraform=(
            'resource "aws_s3_bucket_server_side_encryption_configuration" "data" {\n'
            "  bucket = aws_s3_bucket.data.id\n"
            "  rule {\n"
            "    apply_server_side_encryption_by_default {\n"
            '      sse_algorithm     = "aws:kms"\n'
            "      kms_master_key_id = aws_kms_key.data.arn\n"
            "    }\n"
            "    bucket_key_enabled = true\n"
            "  }\n"
            "}"
        ),
    ),
    per_account=True,
)
def s3_bucket_kms_encryption(bucket: S3Bucket, ctx: Context) -> Verdict:
    if bucket.encryption is None:
        return unknown("encryption")
    if bucket.encryption in ("sse-kms", "dsse-kms"):
        return passed(bucket.encryption)
    return failed(f"default encryption is {bucket.encryption}, not SSE-KMS")


@resource_rule(
    id="eks-cluster-secrets-encrypted",
    title="EKS clusters encrypt Kubernetes secrets with a KMS key",
    severity=Severity.MEDIUM,
    category=Category.ENCRYPTION,
    kinds=("eks_cluster",),
    frameworks=Frameworks(security_hub=("EKS.3",), well_architected=AT_REST),
    rationale="Envelope encryption of secrets with a KMS key means a copy of etcd (a backup, a "
    "snapshot) does not reveal the cluster's secrets without kms:Decrypt.",
    remediation=Remediation(
        text="Enable secrets encryption with a customer managed KMS key.",
        yaml="secrets_kms_key: eks-key",
        cloudformation="EncryptionConfig:\n  - Resources: [secrets]\n"
        "    Provider: {KeyArn: !GetAtt EksKey.Arn}",
        terraform=(
            "encryption_config {\n"
            '  resources = ["secrets"]\n'
            "  provider {\n"
            "    key_arn = aws_kms_key.eks.arn\n"
            "  }\n"
            "}"
        ),
    ),
    per_account=True,
)
def eks_cluster_secrets_encrypted(cluster: EksCluster, ctx: Context) -> Verdict:
    # No encryption config means none (the AWS default), not an unknown fact.
    if cluster.secrets_kms_key:
        return passed(f"secrets encrypted with {cluster.secrets_kms_key}")
    return failed("Kubernetes secrets are not envelope-encrypted with a KMS key")


@resource_rule(
    id="kms-key-not-pending-deletion",
    title="KMS keys are not scheduled for deletion",
    severity=Severity.CRITICAL,
    category=Category.ENCRYPTION,
    kinds=("kms_key",),
    frameworks=Frameworks(security_hub=("KMS.3",), well_architected=("SEC08-BP01",)),
    rationale="Once a key is deleted, every piece of data encrypted under it is unreadable for "
    "good; a scheduled deletion is the last chance to notice one that is still in use.",
    remediation=Remediation(
        text="Cancel the key deletion unless nothing is encrypted under the key any more.",
        yaml="pending_deletion: false",
        cloudformation="# remove the PendingWindowInDays deletion: keep the key resource\n"
        "Type: AWS::KMS::Key\nDeletionPolicy: Retain",
        terraform=(
            "# cancel the deletion (aws kms cancel-key-deletion), then keep the key\n"
            'resource "aws_kms_key" "data" {\n'
            "  enable_key_rotation = true\n"
            "  lifecycle {\n"
            "    prevent_destroy = true\n"
            "  }\n"
            "}"
        ),
    ),
    per_account=True,
)
def kms_key_not_pending_deletion(key: KmsKey, ctx: Context) -> Verdict:
    if key.manager == "aws":
        return not_applicable("AWS managed keys cannot be scheduled for deletion")
    if key.pending_deletion is None:
        return unknown("pending_deletion")
    return failed("the key is scheduled for deletion") if key.pending_deletion else passed()


_RDS_TLS_CONTROLS = {
    "postgres": "RDS.38",
    "mysql": "RDS.39",
    "sqlserver": "RDS.41",
    "mariadb": "RDS.44",
}
_RECOMMENDED_OPENSEARCH_TLS = ("Policy-Min-TLS-1-2-PFS-2023-10",)


def _opensearch_in_transit(domain: OpensearchDomain) -> Verdict:
    if domain.node_to_node_encryption is False:
        return failed("OpenSearch.3: node-to-node encryption is off")
    if domain.enforce_https is False:
        return failed("OpenSearch.8: HTTPS is not enforced")
    if domain.tls_policy is not None and domain.tls_policy not in _RECOMMENDED_OPENSEARCH_TLS:
        return failed(f"OpenSearch.8: TLS policy {domain.tls_policy} is not the latest")
    if domain.node_to_node_encryption is None:
        return unknown("node_to_node_encryption")
    if domain.enforce_https is None:
        return unknown("enforce_https")
    if domain.tls_policy is None:
        return unknown("tls_policy")
    return passed("node-to-node encryption, HTTPS and the latest TLS policy")


def _msk_in_transit(cluster: MskCluster) -> Verdict:
    if cluster.in_cluster_encryption is False:
        return failed("MSK.1: traffic between brokers is not encrypted")
    if cluster.client_broker_encryption in ("PLAINTEXT", "TLS_PLAINTEXT"):
        return failed(f"MSK.1: brokers accept {cluster.client_broker_encryption} clients")
    if cluster.in_cluster_encryption is None:
        return unknown("in_cluster_encryption")
    if cluster.client_broker_encryption is None:
        return unknown("client_broker_encryption")
    return passed("TLS between brokers and to clients")


def _rds_in_transit(db: RdsInstance) -> Verdict:
    if db.cluster:
        return not_applicable("an Aurora cluster member (RDS.38 to RDS.44 judge RDS instances)")
    if db.engine is None:
        return unknown("engine")
    engine = db.engine.lower()
    control = next(
        (c for prefix, c in _RDS_TLS_CONTROLS.items() if engine.split("-")[0] == prefix), None
    )
    if control is None:
        return not_applicable(f"no in-transit control for engine {db.engine}")
    return expect(db.require_tls, "require_tls", f"{control}: the instance accepts plain text")


def _alb_in_transit(lb: LoadBalancer) -> Verdict:
    if lb.type != "application":
        return not_applicable("ELB.1 judges Application Load Balancers")
    if not lb.listeners:
        return unknown("listeners")
    http = [li for li in lb.listeners if li.protocol == "HTTP"]
    plain = [li for li in http if li.redirect_to_https is False]
    if plain:
        ports = ", ".join(str(li.port) for li in plain)
        return failed(f"ELB.1: HTTP listener on {ports} does not redirect to HTTPS")
    if any(li.redirect_to_https is None for li in http):
        return unknown("redirect_to_https of an HTTP listener")
    return passed()


@resource_rule(
    id="service-encrypted-in-transit",
    title="Caches, search domains, Kafka clusters, databases, proxies and load balancers "
    "require TLS",
    severity=Severity.MEDIUM,
    category=Category.ENCRYPTION,
    kinds=(
        "elasticache_cluster",
        "opensearch_domain",
        "msk_cluster",
        "rds_instance",
        "rds_proxy",
        "load_balancer",
    ),
    frameworks=Frameworks(
        security_hub=(
            "ElastiCache.5",
            "OpenSearch.3",
            "OpenSearch.8",
            "ES.3",
            "ES.8",
            "MSK.1",
            "RDS.38",
            "RDS.39",
            "RDS.41",
            "RDS.44",
            "RDS.43",
            "ELB.1",
        ),
        well_architected=IN_TRANSIT,
    ),
    rationale="A service that also accepts plain text lets any client (or a misconfigured one) "
    "send credentials and data readable on the network. Redis needs in-transit encryption "
    "(ElastiCache.5), OpenSearch node-to-node encryption and HTTPS with the latest TLS policy "
    "(OpenSearch.3/.8), MSK TLS between brokers and to clients (MSK.1, read strictly: "
    "TLS_PLAINTEXT fails too), RDS instances and proxies a TLS-forcing setting (RDS.38/39/41/"
    "44, RDS.43), Application Load Balancers an HTTPS redirect on HTTP listeners (ELB.1).",
    remediation=Remediation(
        text="Require TLS on the service: in-transit encryption, HTTPS only, the TLS-forcing "
        "database parameter (rds.force_ssl, require_secure_transport), RequireTLS on proxies, "
        "an HTTP-to-HTTPS redirect on load balancer listeners.",
        yaml="# elasticache_cluster\ntransit_encryption: true\n# opensearch_domain\n"
        "node_to_node_encryption: true\nenforce_https: true\n"
        "tls_policy: Policy-Min-TLS-1-2-PFS-2023-10\n# msk_cluster\n"
        "client_broker_encryption: TLS\nin_cluster_encryption: true\n"
        "# rds_instance, rds_proxy\nrequire_tls: true",
        cloudformation="# AWS::ElastiCache::ReplicationGroup\nTransitEncryptionEnabled: true\n"
        "# AWS::OpenSearchService::Domain\nNodeToNodeEncryptionOptions: {Enabled: true}\n"
        "DomainEndpointOptions:\n  EnforceHTTPS: true\n"
        "  TLSSecurityPolicy: Policy-Min-TLS-1-2-PFS-2023-10\n# AWS::MSK::Cluster\n"
        "EncryptionInfo:\n  EncryptionInTransit: {ClientBroker: TLS, InCluster: true}\n"
        "# AWS::RDS::DBProxy\nRequireTLS: true",
        terraform=(
            'resource "aws_elasticache_replication_group" "cache" {\n'
            "  transit_encryption_enabled = true\n"
            "}\n"
            "\n"
            'resource "aws_opensearch_domain" "search" {\n'
            "  node_to_node_encryption {\n"
            "    enabled = true\n"
            "  }\n"
            "  domain_endpoint_options {\n"
            "    enforce_https       = true\n"
            '    tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10"\n'
            "  }\n"
            "}\n"
            "\n"
            'resource "aws_db_proxy" "db" {\n'
            "  require_tls = true\n"
            "}"
        ),
    ),
    per_account=True,
)
def service_encrypted_in_transit(resource: Resource, ctx: Context) -> Verdict:
    if isinstance(resource, ElasticacheCluster):
        if resource.engine == "memcached":
            return not_applicable("ElastiCache.5 judges Redis and Valkey replication groups")
        value = resource.transit_encryption
        return expect(value, "transit_encryption", "ElastiCache.5: not encrypted in transit")
    if isinstance(resource, OpensearchDomain):
        return _opensearch_in_transit(resource)
    if isinstance(resource, MskCluster):
        return _msk_in_transit(resource)
    if isinstance(resource, RdsInstance):
        return _rds_in_transit(resource)
    if isinstance(resource, RdsProxy):
        return expect(resource.require_tls, "require_tls", "RDS.43: the proxy does not require TLS")
    if isinstance(resource, LoadBalancer):
        return _alb_in_transit(resource)
    return not_applicable(f"{resource.kind} is not judged")


@resource_rule(
    id="apigateway-cache-encrypted",
    title="API Gateway REST API cache data is encrypted at rest",
    severity=Severity.MEDIUM,
    category=Category.ENCRYPTION,
    kinds=("api_gateway",),
    frameworks=Frameworks(security_hub=("APIGateway.5",), well_architected=AT_REST),
    rationale="A stage cache holds whole responses (often personal data) outside the backend "
    "that would otherwise protect them; they should be encrypted like the backend's data.",
    remediation=Remediation(
        text="Encrypt the stage's cache data (method settings CacheDataEncrypted).",
        yaml="cache_encrypted: true",
        cloudformation="MethodSettings:\n  - ResourcePath: '/*'\n    HttpMethod: '*'\n"
        "    CachingEnabled: true\n    CacheDataEncrypted: true",
        terraform=(
            'resource "aws_api_gateway_method_settings" "all" {\n'
            "  rest_api_id = aws_api_gateway_rest_api.api.id\n"
            "  stage_name  = aws_api_gateway_stage.prod.stage_name\n"
            '  method_path = "*/*"\n'
            "  settings {\n"
            "    caching_enabled      = true\n"
            "    cache_data_encrypted = true\n"
            "  }\n"
            "}"
        ),
    ),
    per_account=True,
)
def apigateway_cache_encrypted(api: ApiGateway, ctx: Context) -> Verdict:
    if api.api_type != "rest":
        return not_applicable(f"{api.api_type} APIs have no stage cache")
    if api.cache_enabled is False:
        return not_applicable("caching is off")
    if api.cache_encrypted:
        return passed("cache data is encrypted")
    if api.cache_enabled is None:  # unencrypted data only fails when there is a cache
        return unknown("cache_enabled")
    return expect(api.cache_encrypted, "cache_encrypted", "the stage cache is not encrypted")


_S3_KINDS = ("s3_bucket",)


def _custom_origin_verdict(cdn: CloudFrontDistribution, ctx: Context) -> Verdict:
    undecided = ""
    checked = 0
    for origin in cdn.origins:
        target = ctx.resource(origin.target)
        if (target is not None and target.kind in _S3_KINDS) or origin.origin_access in (
            "oac",
            "oai",
        ):
            continue  # an S3 origin: CloudFront.9 judges custom origins
        checked += 1
        policy = origin.origin_protocol_policy
        where = origin.target or origin.domain or "an origin"
        if policy == "http-only":
            return failed(f"CloudFront.9: {where} is reached over plain HTTP")
        if policy == "match-viewer" and cdn.viewer_protocol_policy == "allow-all":
            return failed(f"CloudFront.9: {where} is reached over HTTP when viewers use HTTP")
        if (origin.minimum_origin_ssl_protocol or "").upper() == "SSLV3":
            return failed(f"CloudFront.10: {where} may be reached over SSLv3")
        if policy is None or (policy == "match-viewer" and cdn.viewer_protocol_policy is None):
            undecided = where
    if undecided:
        return unknown(f"origin_protocol_policy of {undecided}")
    if not checked:
        return not_applicable("no custom origin")
    return passed()


@resource_rule(
    id="cloudfront-custom-origin-https",
    title="CloudFront distributions encrypt traffic to custom origins",
    severity=Severity.MEDIUM,
    category=Category.ENCRYPTION,
    kinds=("cloudfront_distribution",),
    frameworks=Frameworks(
        security_hub=("CloudFront.9", "CloudFront.10"), well_architected=IN_TRANSIT
    ),
    rationale="HTTPS at the edge protects only the first half of the trip: an origin reached "
    "over HTTP (or over HTTP whenever the viewer used it) carries the same requests and cookies "
    "in clear text across the internet, and SSLv3 to the origin is broken (CloudFront.10).",
    remediation=Remediation(
        text="Set the custom origin's protocol policy to https-only.",
        yaml="origins:\n  - {target: alb, origin_protocol_policy: https-only}",
        cloudformation="CustomOriginConfig:\n  OriginProtocolPolicy: https-only\n"
        "  OriginSSLProtocols: [TLSv1.2]",
        terraform=(
            "custom_origin_config {\n"
            "  http_port              = 80\n"
            "  https_port             = 443\n"
            '  origin_protocol_policy = "https-only"\n'
            '  origin_ssl_protocols   = ["TLSv1.2"]\n'
            "}"
        ),
    ),
    per_account=True,
)
def cloudfront_custom_origin_https(cdn: CloudFrontDistribution, ctx: Context) -> Verdict:
    return _custom_origin_verdict(cdn, ctx)


_RECOMMENDED_CLOUDFRONT_TLS = ("TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025")
# A custom certificate served with SNI and the recommended policy: the remediation of
# CloudFront.7/.15 here and of CloudFront.8 (fsbp_exposure).
VIEWER_CERTIFICATE_CFN = (
    "ViewerCertificate:\n  AcmCertificateArn: !Ref Certificate\n"
    "  SslSupportMethod: sni-only\n  MinimumProtocolVersion: TLSv1.2_2021"
)
VIEWER_CERTIFICATE_TF = (
    "viewer_certificate {\n"
    "  acm_certificate_arn      = aws_acm_certificate.site.arn\n"
    '  ssl_support_method       = "sni-only"\n'
    '  minimum_protocol_version = "TLSv1.2_2021"\n'
    "}"
)


@resource_rule(
    id="cloudfront-viewer-tls-policy",
    title="CloudFront distributions use a custom certificate with the recommended TLS policy",
    severity=Severity.MEDIUM,
    category=Category.ENCRYPTION,
    kinds=("cloudfront_distribution",),
    frameworks=Frameworks(
        security_hub=("CloudFront.15", "CloudFront.7"), well_architected=IN_TRANSIT
    ),
    rationale="The default *.cloudfront.net certificate forces the TLSv1 minimum, and older "
    "security policies still accept TLS 1.0/1.1 ciphers; a custom certificate with "
    "TLSv1.2_2021 (or newer) keeps weak protocols out.",
    remediation=Remediation(
        text="Use an ACM certificate (SNI) with minimum protocol version TLSv1.2_2021.",
        yaml="uses_default_certificate: false\nminimum_protocol_version: TLSv1.2_2021",
        cloudformation=VIEWER_CERTIFICATE_CFN,
        terraform=VIEWER_CERTIFICATE_TF,
    ),
    per_account=True,
)
def cloudfront_viewer_tls_policy(cdn: CloudFrontDistribution, ctx: Context) -> Verdict:
    if cdn.uses_default_certificate:
        return failed("CloudFront.7: uses the default CloudFront certificate")
    version = cdn.minimum_protocol_version
    if version is not None and version not in _RECOMMENDED_CLOUDFRONT_TLS:
        return failed(f"CloudFront.15: minimum protocol {version} is older than TLSv1.2_2021")
    if cdn.uses_default_certificate is None:
        return unknown("uses_default_certificate")
    if version is None:
        return unknown("minimum_protocol_version")
    return passed(version)


@resource_rule(
    id="apigateway-backend-client-certificate",
    title="API Gateway REST API stages authenticate to their backends with a client certificate",
    severity=Severity.MEDIUM,
    category=Category.ENCRYPTION,
    kinds=("api_gateway",),
    frameworks=Frameworks(security_hub=("APIGateway.2",), well_architected=IN_TRANSIT),
    rationale="A client certificate lets an HTTP backend verify that a request really comes "
    "from this API stage, so the backend can refuse callers that go around the API.",
    remediation=Remediation(
        text="Generate an API Gateway client certificate, set it on the stage and make the "
        "backend require it.",
        yaml="client_certificate: true",
        cloudformation="Type: AWS::ApiGateway::Stage\nProperties:\n"
        "  ClientCertificateId: !Ref BackendCert",
        terraform=(
            'resource "aws_api_gateway_stage" "prod" {\n'
            "  rest_api_id           = aws_api_gateway_rest_api.api.id\n"
            "  deployment_id         = aws_api_gateway_deployment.api.id\n"
            '  stage_name            = "prod"\n'
            "  client_certificate_id = aws_api_gateway_client_certificate.backend.id\n"
            "}"
        ),
    ),
    per_account=True,
)
def apigateway_backend_client_certificate(api: ApiGateway, ctx: Context) -> Verdict:
    if api.api_type != "rest":
        return not_applicable(f"{api.api_type} APIs have no stage client certificate")
    return expect(
        api.client_certificate, "client_certificate", "the stage has no client certificate"
    )


@resource_rule(
    id="codebuild-s3-logs-encrypted",
    title="CodeBuild projects do not turn off encryption of their S3 build logs",
    severity=Severity.LOW,
    category=Category.ENCRYPTION,
    kinds=("codebuild_project",),
    frameworks=Frameworks(security_hub=("CodeBuild.3",), well_architected=AT_REST),
    rationale="Build logs hold commands, paths and, too often, tokens echoed by a script. "
    "CodeBuild encrypts the logs it writes to S3 unless the project sets EncryptionDisabled; "
    "CodeBuild.3 fails a project that does. A project writing no S3 logs passes.",
    remediation=Remediation(
        text="Remove EncryptionDisabled (or set it to false) from the project's S3 logs.",
        yaml="s3_logs_encrypted: true",
        cloudformation="LogsConfig:\n  S3Logs:\n    Status: ENABLED\n"
        "    Location: !Sub '${BuildLogs}/build'\n    EncryptionDisabled: false",
        terraform=(
            "logs_config {\n"
            "  s3_logs {\n"
            '    status              = "ENABLED"\n'
            '    location            = "${aws_s3_bucket.build_logs.id}/build"\n'
            "    encryption_disabled = false\n"
            "  }\n"
            "}"
        ),
    ),
    per_account=True,
)
def codebuild_s3_logs_encrypted(project: CodebuildProject, ctx: Context) -> Verdict:
    return expect(
        project.s3_logs_encrypted, "s3_logs_encrypted", "encryption of the S3 build logs is off"
    )


def _encrypted_by_default(template: LaunchTemplate, ctx: Context) -> bool:
    """The region's EBS encryption by default is stated on (every new volume encrypted)."""
    region = template.region or ctx.arch.region
    return any(
        s.ebs_encryption_by_default and s.region in (region, None)
        for s in ctx.arch.settings_of(template.account or ctx.arch.account)
    )


@resource_rule(
    id="launch-template-ebs-encrypted",
    title="EC2 launch templates encrypt the EBS volumes they attach",
    severity=Severity.MEDIUM,
    category=Category.ENCRYPTION,
    kinds=("launch_template",),
    frameworks=Frameworks(security_hub=("EC2.181",), well_architected=AT_REST),
    rationale="Every instance launched from the template gets the volumes its block device "
    "mappings describe; one with Encrypted false writes data in the clear. Like EC2.181 it "
    "fails a volume that states Encrypted false. A volume that does not state it is "
    "encrypted when the region's EBS encryption by default is on (account_settings), else "
    "unknown (the snapshot decides).",
    remediation=Remediation(
        text="Set Encrypted (and a KMS key) on every EBS volume of the template's block device "
        "mappings, or turn on EBS encryption by default in the region.",
        yaml="ebs_encryption: encrypted",
        cloudformation="LaunchTemplateData:\n  BlockDeviceMappings:\n"
        "    - DeviceName: /dev/xvda\n      Ebs:\n        Encrypted: true\n"
        "        KmsKeyId: !Ref VolumeKey",
        terraform="block_device_mappings {\n"
        '  device_name = "/dev/xvda"\n\n'
        "  ebs {\n"
        "    encrypted  = true\n"
        "    kms_key_id = aws_kms_key.volumes.arn\n"
        "  }\n"
        "}",
    ),
)
def launch_template_ebs_encrypted(template: LaunchTemplate, ctx: Context) -> Verdict:
    state = template.ebs_encryption
    if state == "unencrypted":
        return failed("an EBS volume of its block device mappings states Encrypted false")
    if state == "encrypted":
        return passed("every EBS volume it maps states Encrypted true")
    if state == "no_volumes":
        return not_applicable("it maps no EBS volume (the AMI's own mappings apply)")
    if state == "unstated":
        if _encrypted_by_default(template, ctx):
            return passed("unstated volumes are encrypted: EBS encryption by default is on")
        return Verdict(
            Outcome.UNKNOWN,
            "an EBS volume does not state Encrypted (its snapshot or the region's EBS "
            "encryption by default decides; state ebs_encryption_by_default with --assume)",
        )
    return unknown("ebs_encryption")
