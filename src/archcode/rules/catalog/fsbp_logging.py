"""Security Hub FSBP logging controls over fields the model already holds.

Each rule names the control(s) it claims; where it reads the control more strictly, or cannot
see everything the control sees, its rationale says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from archcode.rules.base import (
    Category,
    Frameworks,
    Remediation,
    Severity,
    Verdict,
    expect,
    failed,
    not_applicable,
    passed,
    unknown,
)
from archcode.rules.context import Context
from archcode.rules.registry import resource_rule

if TYPE_CHECKING:
    from archcode.model.kinds.api_gateway import ApiGateway
    from archcode.model.kinds.cloudtrail_trail import CloudtrailTrail
    from archcode.model.kinds.codebuild_project import CodebuildProject
    from archcode.model.kinds.eks_cluster import EksCluster
    from archcode.model.kinds.elastic_beanstalk_environment import ElasticBeanstalkEnvironment
    from archcode.model.kinds.load_balancer import LoadBalancer
    from archcode.model.kinds.opensearch_domain import OpensearchDomain
    from archcode.model.kinds.rds_cluster import RdsCluster
    from archcode.model.kinds.rds_instance import RdsInstance
    from archcode.model.kinds.route53_zone import Route53Zone
    from archcode.model.kinds.s3_bucket import S3Bucket
    from archcode.model.kinds.step_functions_state_machine import StepFunctionsStateMachine
    from archcode.model.kinds.vpc import Vpc
    from archcode.model.kinds.waf_web_acl import WafWebAcl
else:
    from archcode.model.kinds.lazy import RdsCluster, RdsInstance, S3Bucket

LOGGING = ("SEC04-BP01",)


@resource_rule(
    id="apigateway-v2-access-logging",
    title="API Gateway HTTP and WebSocket stages have access logging configured",
    severity=Severity.MEDIUM,
    category=Category.LOGGING,
    kinds=("api_gateway",),
    frameworks=Frameworks(security_hub=("APIGateway.9",), well_architected=LOGGING),
    rationale="HTTP and WebSocket APIs have no execution logs: the access log is the only "
    "record of who called which route and what the integration answered.",
    remediation=Remediation(
        text="Give the stage an access log destination (a CloudWatch log group) and format.",
        yaml="access_logging: true",
        cloudformation="AccessLogSettings:\n  DestinationArn: !GetAtt ApiLogs.Arn\n"
        "  Format: '$context.requestId $context.status'",
        terraform=(
            'resource "aws_apigatewayv2_stage" "prod" {\n'
            "  api_id = aws_apigatewayv2_api.api.id\n"
            '  name   = "prod"\n'
            "  access_log_settings {\n"
            "    destination_arn = aws_cloudwatch_log_group.api.arn\n"
            '    format          = "$context.requestId $context.status"\n'
            "  }\n"
            "}"
        ),
    ),
    per_account=True,
)
def apigateway_v2_access_logging(api: ApiGateway, ctx: Context) -> Verdict:
    if api.api_type == "rest":
        return not_applicable("REST APIs are judged on execution logging (APIGateway.1)")
    return expect(api.access_logging, "access_logging", "the stage has no access logging")


@resource_rule(
    id="apigateway-rest-xray-tracing",
    title="API Gateway REST API stages have X-Ray tracing enabled",
    severity=Severity.LOW,
    category=Category.LOGGING,
    kinds=("api_gateway",),
    frameworks=Frameworks(security_hub=("APIGateway.3",), well_architected=("OPS04-BP03",)),
    rationale="Active tracing follows a request from the stage into its backends, so a slow "
    "or failing call can be traced to the hop that caused it.",
    remediation=Remediation(
        text="Turn on X-Ray tracing on the stage.",
        yaml="xray_tracing: true",
        cloudformation="Type: AWS::ApiGateway::Stage\nProperties:\n  TracingEnabled: true",
        terraform=(
            'resource "aws_api_gateway_stage" "prod" {\n'
            "  rest_api_id          = aws_api_gateway_rest_api.api.id\n"
            "  deployment_id        = aws_api_gateway_deployment.api.id\n"
            '  stage_name           = "prod"\n'
            "  xray_tracing_enabled = true\n"
            "}"
        ),
    ),
    per_account=True,
)
def apigateway_rest_xray_tracing(api: ApiGateway, ctx: Context) -> Verdict:
    if api.api_type != "rest":
        return not_applicable(f"X-Ray tracing is not offered for {api.api_type} APIs")
    return expect(api.xray_tracing, "xray_tracing", "X-Ray tracing is off")


@resource_rule(
    id="load-balancer-access-logging",
    title="Application Load Balancers write access logs",
    severity=Severity.MEDIUM,
    category=Category.LOGGING,
    kinds=("load_balancer",),
    frameworks=Frameworks(security_hub=("ELB.5",), well_architected=LOGGING),
    rationale="Access logs record every request the load balancer received, its client and "
    "the target's answer: without them an attack through the front door leaves no trace. "
    "(ELB.5 also covers Classic Load Balancers, which the model does not have.)",
    remediation=Remediation(
        text="Enable access logs to an S3 bucket the load balancer may write to.",
        yaml="access_logs_enabled: true",
        cloudformation="LoadBalancerAttributes:\n  - {Key: access_logs.s3.enabled, Value: 'true'}\n"
        "  - {Key: access_logs.s3.bucket, Value: !Ref LbLogs}",
        terraform=("access_logs {\n  bucket  = aws_s3_bucket.lb_logs.id\n  enabled = true\n}"),
    ),
    per_account=True,
)
def load_balancer_access_logging(lb: LoadBalancer, ctx: Context) -> Verdict:
    if lb.type != "application":
        return not_applicable(
            f"ELB.5 judges Application (and Classic) Load Balancers, not {lb.type}"
        )
    return expect(lb.access_logs_enabled, "access_logs_enabled", "access logging is off")


@resource_rule(
    id="opensearch-domain-audit-logging",
    title="OpenSearch domains publish audit logs",
    severity=Severity.MEDIUM,
    category=Category.LOGGING,
    kinds=("opensearch_domain",),
    frameworks=Frameworks(security_hub=("OpenSearch.5", "ES.5"), well_architected=LOGGING),
    rationale="Audit logs record who read, wrote or changed permissions on which index; "
    "without them a data leak from the cluster cannot be traced to a user. (ES.5 for "
    "Elasticsearch domains, which the model holds as opensearch_domain too.)",
    remediation=Remediation(
        text="Publish audit logs to CloudWatch Logs (needs fine-grained access control).",
        yaml="audit_logging: true\nfine_grained_access_control: true",
        cloudformation="LogPublishingOptions:\n  AUDIT_LOGS:\n    Enabled: true\n"
        "    CloudWatchLogsLogGroupArn: !GetAtt SearchAudit.Arn",
        terraform=(
            "log_publishing_options {\n"
            '  log_type                 = "AUDIT_LOGS"\n'
            "  cloudwatch_log_group_arn = aws_cloudwatch_log_group.search_audit.arn\n"
            "}"
        ),
    ),
    per_account=True,
)
def opensearch_domain_audit_logging(domain: OpensearchDomain, ctx: Context) -> Verdict:
    return expect(domain.audit_logging, "audit_logging", "audit logs are not published")


@resource_rule(
    id="opensearch-domain-error-logging",
    title="OpenSearch domains publish error logs to CloudWatch Logs",
    severity=Severity.MEDIUM,
    category=Category.LOGGING,
    kinds=("opensearch_domain",),
    frameworks=Frameworks(security_hub=("OpenSearch.4", "ES.4"), well_architected=LOGGING),
    rationale="Error (application) logs hold the cluster's own errors and warnings: without "
    "them a failing shard, a rejected write or a broken plugin leaves nothing to diagnose. "
    "(ES.4 for Elasticsearch domains, which the model holds as opensearch_domain too.)",
    remediation=Remediation(
        text="Publish error logs (ES_APPLICATION_LOGS) to a CloudWatch Logs log group.",
        yaml="error_logging: true",
        cloudformation="LogPublishingOptions:\n  ES_APPLICATION_LOGS:\n    Enabled: true\n"
        "    CloudWatchLogsLogGroupArn: !GetAtt SearchErrors.Arn",
        terraform=(
            "log_publishing_options {\n"
            '  log_type                 = "ES_APPLICATION_LOGS"\n'
            "  cloudwatch_log_group_arn = aws_cloudwatch_log_group.search_errors.arn\n"
            "}"
        ),
    ),
    per_account=True,
)
def opensearch_domain_error_logging(domain: OpensearchDomain, ctx: Context) -> Verdict:
    return expect(domain.error_logging, "error_logging", "error logs are not published")


@resource_rule(
    id="eks-cluster-audit-logging",
    title="EKS clusters send audit logs to CloudWatch Logs",
    severity=Severity.MEDIUM,
    category=Category.LOGGING,
    kinds=("eks_cluster",),
    frameworks=Frameworks(security_hub=("EKS.8",), well_architected=LOGGING),
    rationale="The Kubernetes audit log records every request to the API server and who made "
    "it; EKS.8 fails a cluster whose control-plane logging leaves out the audit log type, "
    "whatever other types (api, authenticator, ...) it sends.",
    remediation=Remediation(
        text="Enable the audit control-plane log type.",
        yaml="audit_logging: true",
        cloudformation="Logging:\n  ClusterLogging:\n    EnabledTypes:\n      - Type: audit",
        terraform='enabled_cluster_log_types = ["api", "audit", "authenticator"]',
    ),
    per_account=True,
)
def eks_cluster_audit_logging(cluster: EksCluster, ctx: Context) -> Verdict:
    return expect(cluster.audit_logging, "audit_logging", "the audit log type is not enabled")


# Log types each engine must export (RDS.9's list for instances; RDS.34 and RDS.37 for Aurora
# clusters). Engines that are not listed are not judged.
_INSTANCE_LOGS: dict[str, tuple[str, ...]] = {
    "postgres": ("postgresql", "upgrade"),
    "mysql": ("audit", "error", "general", "slowquery"),
    "mariadb": ("audit", "error", "general", "slowquery"),
    "oracle": ("alert", "audit", "trace", "listener"),
    "sqlserver": ("error", "agent"),
}
_CLUSTER_LOGS: dict[str, tuple[str, ...]] = {
    "aurora-mysql": ("audit",),
    "aurora": ("audit",),
    "aurora-postgresql": ("postgresql",),
}


def _required_logs(engine: str, table: dict[str, tuple[str, ...]]) -> tuple[str, ...] | None:
    # "sqlserver-se", "oracle-ee": the family is the first word; Aurora engines match exactly.
    return table.get(engine) or table.get(engine.split("-")[0])


@resource_rule(
    id="rds-log-exports",
    title="RDS DB instances and Aurora clusters publish their engine logs to CloudWatch Logs",
    severity=Severity.MEDIUM,
    category=Category.LOGGING,
    kinds=("rds_instance", "rds_cluster"),
    frameworks=Frameworks(
        security_hub=("RDS.9", "RDS.34", "RDS.36", "RDS.37", "RDS.40", "RDS.42"),
        well_architected=LOGGING,
    ),
    rationale="Exported database logs (errors, audit, slow queries) survive the instance and "
    "can alarm; kept on the instance they rotate away within days. Instances need the engine's "
    "RDS.9 log types (which include what RDS.36, RDS.40 and RDS.42 ask of PostgreSQL, SQL "
    "Server and MariaDB); "
    "Aurora MySQL clusters the audit log (RDS.34) and Aurora PostgreSQL clusters the "
    "postgresql log (RDS.37).",
    remediation=Remediation(
        text="Export the engine's log types to CloudWatch Logs (MySQL audit logs also need the "
        "MARIADB_AUDIT_PLUGIN option).",
        yaml="log_exports: [postgresql, upgrade]",
        cloudformation="EnableCloudwatchLogsExports: [postgresql, upgrade]",
        terraform='enabled_cloudwatch_logs_exports = ["postgresql", "upgrade"]',
    ),
    per_account=True,
)
def rds_log_exports(db: RdsInstance | RdsCluster, ctx: Context) -> Verdict:
    if isinstance(db, RdsInstance) and db.cluster:
        return not_applicable("an Aurora cluster member: log exports are set on the cluster")
    if db.engine is None:
        return unknown("engine")
    table = _CLUSTER_LOGS if isinstance(db, RdsCluster) else _INSTANCE_LOGS
    required = _required_logs(db.engine.lower(), table)
    if required is None:
        return not_applicable(f"no log types are required for engine {db.engine}")
    if db.log_exports is None:  # a template's parameter or condition decides them
        return unknown("log_exports")
    missing = [log for log in required if log not in db.log_exports]
    if missing:
        return failed(f"does not export {', '.join(missing)} logs to CloudWatch Logs")
    return passed(f"exports {', '.join(required)}")


@resource_rule(
    id="rds-instance-enhanced-monitoring",
    title="RDS DB instances have enhanced monitoring enabled",
    severity=Severity.LOW,
    category=Category.LOGGING,
    kinds=("rds_instance",),
    frameworks=Frameworks(security_hub=("RDS.6",), well_architected=("REL06-BP01",)),
    rationale="Enhanced monitoring shows the operating system under the database (memory, "
    "swap, per-process CPU), which is where most slowdowns are diagnosed.",
    remediation=Remediation(
        text="Set a monitoring interval (e.g. 60 s) and a monitoring role.",
        yaml="enhanced_monitoring: true",
        cloudformation="MonitoringInterval: 60\nMonitoringRoleArn: !GetAtt MonitoringRole.Arn",
        terraform=(
            "monitoring_interval = 60\nmonitoring_role_arn = aws_iam_role.rds_monitoring.arn"
        ),
    ),
    per_account=True,
)
def rds_instance_enhanced_monitoring(db: RdsInstance, ctx: Context) -> Verdict:
    return expect(db.enhanced_monitoring, "enhanced_monitoring", "enhanced monitoring is off")


@resource_rule(
    id="waf-web-acl-logging",
    title="WAF web ACLs have logging enabled",
    severity=Severity.LOW,
    category=Category.LOGGING,
    kinds=("waf_web_acl",),
    frameworks=Frameworks(security_hub=("WAF.11",), well_architected=LOGGING),
    rationale="WAF logs show which requests were blocked or allowed and by which rule: the "
    "evidence of an attack, and what a false positive needs to be tuned.",
    remediation=Remediation(
        text="Send the web ACL's logs to CloudWatch Logs, S3 or Firehose.",
        yaml="logging_enabled: true",
        cloudformation="Type: AWS::WAFv2::LoggingConfiguration\nProperties:\n"
        "  ResourceArn: !GetAtt Acl.Arn\n  LogDestinationConfigs: [!GetAtt WafLogs.Arn]",
        terraform=(
            'resource "aws_wafv2_web_acl_logging_configuration" "acl" {\n'
            "  resource_arn            = aws_wafv2_web_acl.acl.arn\n"
            "  log_destination_configs = [aws_cloudwatch_log_group.waf.arn]\n"
            "}"
        ),
    ),
    per_account=True,
)
def waf_web_acl_logging(acl: WafWebAcl, ctx: Context) -> Verdict:
    return expect(acl.logging_enabled, "logging_enabled", "web ACL logging is off")


@resource_rule(
    id="waf-web-acl-metrics",
    title="WAF web ACLs emit CloudWatch metrics",
    severity=Severity.MEDIUM,
    category=Category.LOGGING,
    kinds=("waf_web_acl",),
    frameworks=Frameworks(security_hub=("WAF.12",), well_architected=("SEC04-BP02",)),
    rationale="Without metrics, a surge of blocked requests (an attack) or of allowed ones (a "
    "rule that stopped matching) is seen by nobody. WAF.12 judges each rule's visibility "
    "configuration; the model records the web ACL's, so a rule without metrics is not seen.",
    remediation=Remediation(
        text="Turn on CloudWatch metrics in the web ACL's (and its rules') visibility config.",
        yaml="metrics_enabled: true",
        cloudformation="VisibilityConfig:\n  CloudWatchMetricsEnabled: true\n"
        "  MetricName: acl\n  SampledRequestsEnabled: true",
        terraform=(
            "visibility_config {\n"
            "  cloudwatch_metrics_enabled = true\n"
            '  metric_name                = "acl"\n'
            "  sampled_requests_enabled   = true\n"
            "}"
        ),
    ),
    per_account=True,
)
def waf_web_acl_metrics(acl: WafWebAcl, ctx: Context) -> Verdict:
    return expect(acl.metrics_enabled, "metrics_enabled", "CloudWatch metrics are off")


@resource_rule(
    id="s3-bucket-access-logging",
    title="S3 buckets have server access logging enabled",
    severity=Severity.MEDIUM,
    category=Category.LOGGING,
    kinds=("s3_bucket",),
    frameworks=Frameworks(security_hub=("S3.9",), well_architected=LOGGING),
    rationale="Server access logs record every request to the bucket, including anonymous and "
    "denied ones that CloudTrail data events may not cover.",
    remediation=Remediation(
        text="Enable server access logging to a separate log bucket.",
        yaml="access_logging: true",
        cloudformation="LoggingConfiguration:\n  DestinationBucketName: !Ref AccessLogs\n"
        "  LogFilePrefix: site/",
        terraform=(
            'resource "aws_s3_bucket_logging" "site" {\n'
            "  bucket        = aws_s3_bucket.site.id\n"
            "  target_bucket = aws_s3_bucket.access_logs.id\n"
            '  target_prefix = "site/"\n'
            "}"
        ),
    ),
    per_account=True,
)
def s3_bucket_access_logging(bucket: S3Bucket, ctx: Context) -> Verdict:
    return expect(bucket.access_logging, "access_logging", "server access logging is off")


@resource_rule(
    id="stepfunctions-state-machine-logging",
    title="Step Functions state machines have logging turned on",
    severity=Severity.MEDIUM,
    category=Category.LOGGING,
    kinds=("step_functions_state_machine",),
    frameworks=Frameworks(security_hub=("StepFunctions.1",), well_architected=LOGGING),
    rationale="Execution history of Express workflows is kept nowhere else, and Standard "
    "history expires after 90 days: the log is what explains a failed or abused workflow.",
    remediation=Remediation(
        text="Set a logging level (ERROR or ALL) and a CloudWatch log group destination.",
        yaml="logging_level: ERROR",
        cloudformation="LoggingConfiguration:\n  Level: ERROR\n  Destinations:\n"
        "    - CloudWatchLogsLogGroup: {LogGroupArn: !GetAtt FlowLogs.Arn}",
        terraform=(
            "logging_configuration {\n"
            '  level                  = "ERROR"\n'
            "  include_execution_data = false\n"
            '  log_destination        = "${aws_cloudwatch_log_group.flow.arn}:*"\n'
            "}"
        ),
    ),
    per_account=True,
)
def stepfunctions_logging(machine: StepFunctionsStateMachine, ctx: Context) -> Verdict:
    if machine.logging_level is None:
        return unknown("logging_level")
    if machine.logging_level == "OFF":
        return failed("logging level is OFF")
    return passed(f"logging level {machine.logging_level}")


@resource_rule(
    id="codebuild-project-logging",
    title="CodeBuild projects write build logs to CloudWatch Logs or S3",
    severity=Severity.MEDIUM,
    category=Category.LOGGING,
    kinds=("codebuild_project",),
    frameworks=Frameworks(security_hub=("CodeBuild.4",), well_architected=LOGGING),
    rationale="Build logs show what ran with the project's role and credentials: the first "
    "place to look when a pipeline is abused to reach production.",
    remediation=Remediation(
        text="Enable CloudWatch Logs (or S3 logs) in the project's logs configuration.",
        yaml="logging_enabled: true",
        cloudformation="LogsConfig:\n  CloudWatchLogs:\n    Status: ENABLED\n"
        "    GroupName: /codebuild/app",
        terraform=(
            "logs_config {\n"
            "  cloudwatch_logs {\n"
            '    status     = "ENABLED"\n'
            '    group_name = "/codebuild/app"\n'
            "  }\n"
            "}"
        ),
    ),
    per_account=True,
)
def codebuild_project_logging(project: CodebuildProject, ctx: Context) -> Verdict:
    return expect(project.logging_enabled, "logging_enabled", "build logging is off")


@resource_rule(
    id="cloudtrail-log-file-validation",
    title="CloudTrail trails have log file validation enabled",
    severity=Severity.LOW,
    category=Category.LOGGING,
    kinds=("cloudtrail_trail",),
    frameworks=Frameworks(
        security_hub=("CloudTrail.4",), cis=("3.2",), well_architected=("SEC04-BP01",)
    ),
    rationale="Digest files prove that a log file was not changed or deleted after delivery: "
    "without them an intruder can edit the trail that would show what they did.",
    remediation=Remediation(
        text="Enable log file validation.",
        yaml="log_file_validation: true",
        cloudformation="EnableLogFileValidation: true",
        terraform="enable_log_file_validation = true",
    ),
    per_account=True,
)
def cloudtrail_log_file_validation(trail: CloudtrailTrail, ctx: Context) -> Verdict:
    return expect(trail.log_file_validation, "log_file_validation", "log file validation is off")


@resource_rule(
    id="cloudtrail-cloudwatch-logs",
    title="CloudTrail trails deliver to CloudWatch Logs",
    severity=Severity.LOW,
    category=Category.LOGGING,
    kinds=("cloudtrail_trail",),
    frameworks=Frameworks(security_hub=("CloudTrail.5",), well_architected=("SEC04-BP02",)),
    rationale="Only in CloudWatch Logs can API activity raise metric filters and alarms (root "
    "logins, policy changes) within minutes; S3 delivery alone is read after the fact.",
    remediation=Remediation(
        text="Give the trail a CloudWatch log group and a role to write to it.",
        yaml="log_group: trail-logs",
        cloudformation="CloudWatchLogsLogGroupArn: !GetAtt TrailLogs.Arn\n"
        "CloudWatchLogsRoleArn: !GetAtt TrailLogsRole.Arn",
        terraform=(
            'cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"\n'
            "cloud_watch_logs_role_arn  = aws_iam_role.trail_logs.arn"
        ),
    ),
    per_account=True,
)
def cloudtrail_cloudwatch_logs(trail: CloudtrailTrail, ctx: Context) -> Verdict:
    # No log group means none is configured (the AWS default), not an unknown fact.
    if trail.log_group:
        return passed(f"delivers to {trail.log_group}")
    return failed("the trail does not deliver to CloudWatch Logs")


@resource_rule(
    id="vpc-flow-logs",
    title="VPCs have flow logs enabled",
    severity=Severity.MEDIUM,
    category=Category.LOGGING,
    kinds=("vpc",),
    frameworks=Frameworks(security_hub=("EC2.6",), cis=("3.7",), well_architected=LOGGING),
    rationale="Flow logs are the record of which addresses talked to which, and were "
    "rejected: the network evidence of scanning, exfiltration or a compromised host. (EC2.6 "
    "asks for rejected traffic at least; the model records whether any flow log exists.)",
    remediation=Remediation(
        text="Create a flow log for the VPC (traffic type ALL or REJECT).",
        yaml="flow_logs_enabled: true",
        cloudformation="Type: AWS::EC2::FlowLog\nProperties:\n  ResourceId: !Ref Vpc\n"
        "  ResourceType: VPC\n  TrafficType: REJECT\n  LogDestinationType: cloud-watch-logs\n"
        "  LogGroupName: vpc-flow\n  DeliverLogsPermissionArn: !GetAtt FlowRole.Arn",
        terraform=(
            'resource "aws_flow_log" "vpc" {\n'
            "  vpc_id          = aws_vpc.main.id\n"
            '  traffic_type    = "REJECT"\n'
            "  log_destination = aws_cloudwatch_log_group.flow.arn\n"
            "  iam_role_arn    = aws_iam_role.flow.arn\n"
            "}"
        ),
    ),
    per_account=True,
)
def vpc_flow_logs(vpc: Vpc, ctx: Context) -> Verdict:
    return expect(vpc.flow_logs_enabled, "flow_logs_enabled", "the VPC has no flow log")


@resource_rule(
    id="route53-public-zone-query-logging",
    title="Route 53 public hosted zones log DNS queries",
    severity=Severity.MEDIUM,
    category=Category.LOGGING,
    kinds=("route53_zone",),
    frameworks=Frameworks(security_hub=("Route53.2",), well_architected=LOGGING),
    rationale="Query logs show which names were resolved, by which resolver and how often: "
    "the trace of subdomain enumeration and of traffic to a hijacked record.",
    remediation=Remediation(
        text="Configure query logging to a CloudWatch log group in us-east-1.",
        yaml="query_logging_enabled: true",
        cloudformation="QueryLoggingConfig:\n  CloudWatchLogsLogGroupArn: !GetAtt DnsLogs.Arn",
        terraform=(
            'resource "aws_route53_query_log" "zone" {\n'
            "  zone_id                  = aws_route53_zone.public.zone_id\n"
            "  cloudwatch_log_group_arn = aws_cloudwatch_log_group.dns.arn\n"
            "}"
        ),
    ),
    per_account=True,
)
def route53_query_logging(zone: Route53Zone, ctx: Context) -> Verdict:
    if zone.private:
        return not_applicable("a private hosted zone (Route53.2 judges public zones)")
    return expect(zone.query_logging_enabled, "query_logging_enabled", "DNS query logging is off")


@resource_rule(
    id="elastic-beanstalk-enhanced-health",
    title="Elastic Beanstalk environments have enhanced health reporting enabled",
    severity=Severity.LOW,
    category=Category.LOGGING,
    kinds=("elastic_beanstalk_environment",),
    frameworks=Frameworks(security_hub=("ElasticBeanstalk.1",), well_architected=("REL06-BP01",)),
    rationale="Enhanced health reports per-instance causes (failed deployments, high latency, "
    "5xx rates) instead of a single colour, so problems are seen before users report them.",
    remediation=Remediation(
        text="Set the health reporting system to enhanced.",
        yaml="enhanced_health: true",
        cloudformation="OptionSettings:\n"
        "  - Namespace: aws:elasticbeanstalk:healthreporting:system\n"
        "    OptionName: SystemType\n    Value: enhanced",
        terraform=(
            "setting {\n"
            '  namespace = "aws:elasticbeanstalk:healthreporting:system"\n'
            '  name      = "SystemType"\n'
            '  value     = "enhanced"\n'
            "}"
        ),
    ),
    per_account=True,
)
def elastic_beanstalk_enhanced_health(env: ElasticBeanstalkEnvironment, ctx: Context) -> Verdict:
    return expect(env.enhanced_health, "enhanced_health", "enhanced health reporting is off")


@resource_rule(
    id="elastic-beanstalk-stream-logs",
    title="Elastic Beanstalk environments stream instance logs to CloudWatch Logs",
    severity=Severity.HIGH,
    category=Category.LOGGING,
    kinds=("elastic_beanstalk_environment",),
    frameworks=Frameworks(security_hub=("ElasticBeanstalk.3",), well_architected=LOGGING),
    rationale="Without streaming, instance logs live on instances that Auto Scaling replaces: "
    "what happened on a terminated instance is gone. Streaming keeps them in CloudWatch Logs.",
    remediation=Remediation(
        text="Turn on instance log streaming to CloudWatch Logs.",
        yaml="stream_logs: true",
        cloudformation="OptionSettings:\n"
        "  - Namespace: aws:elasticbeanstalk:cloudwatch:logs\n"
        '    OptionName: StreamLogs\n    Value: "true"',
        terraform=(
            "setting {\n"
            '  namespace = "aws:elasticbeanstalk:cloudwatch:logs"\n'
            '  name      = "StreamLogs"\n'
            '  value     = "true"\n'
            "}"
        ),
    ),
    per_account=True,
)
def elastic_beanstalk_stream_logs(env: ElasticBeanstalkEnvironment, ctx: Context) -> Verdict:
    return expect(env.stream_logs, "stream_logs", "instance logs are not streamed")


def _trail_bucket(trail: CloudtrailTrail, ctx: Context) -> S3Bucket | Verdict:
    if not trail.bucket:
        return not_applicable("the trail names no bucket")
    bucket = ctx.resource(trail.bucket)
    if not isinstance(bucket, S3Bucket):
        return unknown(f"settings of bucket {trail.bucket} (outside the model)")
    return bucket


@resource_rule(
    id="cloudtrail-bucket-not-public",
    title="The S3 buckets CloudTrail writes to block public access",
    severity=Severity.CRITICAL,
    category=Category.LOGGING,
    kinds=("cloudtrail_trail",),
    frameworks=Frameworks(security_hub=("CloudTrail.6",), well_architected=("SEC04-BP01",)),
    rationale="The audit log describes the whole account (resources, principals, source "
    "addresses): a public log bucket hands that map to anyone. Judged on the bucket's Block "
    "Public Access, as S3.8 reads it.",
    remediation=Remediation(
        text="Turn on Block Public Access on the trail's bucket.",
        yaml="# on the trail's s3_bucket\nblock_public_access: true",
        cloudformation="PublicAccessBlockConfiguration:\n  BlockPublicAcls: true\n"
        "  BlockPublicPolicy: true\n  IgnorePublicAcls: true\n  RestrictPublicBuckets: true",
        terraform=(
            'resource "aws_s3_bucket_public_access_block" "trail_logs" {\n'
            "  bucket                  = aws_s3_bucket.trail_logs.id\n"
            "  block_public_acls       = true\n"
            "  block_public_policy     = true\n"
            "  ignore_public_acls      = true\n"
            "  restrict_public_buckets = true\n"
            "}"
        ),
    ),
    per_account=True,
)
def cloudtrail_bucket_not_public(trail: CloudtrailTrail, ctx: Context) -> Verdict:
    bucket = _trail_bucket(trail, ctx)
    if isinstance(bucket, Verdict):
        return bucket
    return expect(
        bucket.block_public_access,
        f"block_public_access of {trail.bucket}",
        f"Block Public Access is off on {trail.bucket}",
    )


@resource_rule(
    id="cloudtrail-bucket-access-logging",
    title="The S3 buckets CloudTrail writes to have server access logging enabled",
    severity=Severity.LOW,
    category=Category.LOGGING,
    kinds=("cloudtrail_trail",),
    frameworks=Frameworks(
        security_hub=("CloudTrail.7",), cis=("3.4",), well_architected=("SEC04-BP01",)
    ),
    rationale="Access logs on the trail bucket record who read or deleted the audit log "
    "itself, which the trail does not show unless it logs S3 data events.",
    remediation=Remediation(
        text="Enable server access logging on the trail's bucket, to another bucket.",
        yaml="# on the trail's s3_bucket\naccess_logging: true",
        cloudformation="LoggingConfiguration:\n  DestinationBucketName: !Ref AccessLogs\n"
        "  LogFilePrefix: trail/",
        terraform=(
            'resource "aws_s3_bucket_logging" "trail_logs" {\n'
            "  bucket        = aws_s3_bucket.trail_logs.id\n"
            "  target_bucket = aws_s3_bucket.access_logs.id\n"
            '  target_prefix = "trail/"\n'
            "}"
        ),
    ),
    per_account=True,
)
def cloudtrail_bucket_access_logging(trail: CloudtrailTrail, ctx: Context) -> Verdict:
    bucket = _trail_bucket(trail, ctx)
    if isinstance(bucket, Verdict):
        return bucket
    return expect(
        bucket.access_logging,
        f"access_logging of {trail.bucket}",
        f"server access logging is off on {trail.bucket}",
    )


@resource_rule(
    id="rds-aurora-mysql-audit-logging",
    title="Aurora MySQL clusters have Advanced Auditing enabled",
    severity=Severity.MEDIUM,
    category=Category.LOGGING,
    kinds=("rds_cluster",),
    frameworks=Frameworks(security_hub=("RDS.45",), well_architected=LOGGING),
    rationale="Advanced Auditing records connections, queries and table access in the "
    "cluster's audit log; without it there is nothing for an audit log export (RDS.34, "
    "rds-log-exports) to publish. RDS.45 fails an Aurora MySQL cluster whose cluster parameter "
    "group leaves server_audit_logging off or server_audit_events empty, as the default group "
    "does. Its third failing case, a parameter group not yet in sync with the members (pending "
    "reboot), is not modelled. Checkov's Aurora audit logging check reads the audit log export "
    "instead; here that is RDS.34, judged by rds-log-exports.",
    remediation=Remediation(
        text="Use a cluster parameter group that turns on server_audit_logging and names the "
        "events to record.",
        yaml="audit_logging: true",
        cloudformation="Type: AWS::RDS::DBClusterParameterGroup\nProperties:\n"
        "  Family: aurora-mysql8.0\n  Description: audit\n  Parameters:\n"
        "    server_audit_logging: 1\n    server_audit_events: CONNECT,QUERY_DCL,QUERY_DDL",
        terraform=(
            'resource "aws_rds_cluster_parameter_group" "audit" {\n'
            '  family = "aurora-mysql8.0"\n'
            '  parameter {\n    name  = "server_audit_logging"\n    value = "1"\n  }\n'
            '  parameter {\n    name  = "server_audit_events"\n'
            '    value = "CONNECT,QUERY_DCL,QUERY_DDL"\n  }\n'
            "}"
        ),
    ),
    per_account=True,
)
def rds_aurora_mysql_audit_logging(cluster: RdsCluster, ctx: Context) -> Verdict:
    if cluster.engine is None:
        return unknown("engine")
    engine = cluster.engine.lower()
    if not (engine == "aurora" or engine.startswith("aurora-mysql")):
        return not_applicable(f"engine {cluster.engine} is not Aurora MySQL")
    return expect(
        cluster.audit_logging,
        "audit_logging",
        "the cluster parameter group does not turn on server_audit_logging with events",
    )
