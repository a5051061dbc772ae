"""API Gateway: execution logging, and a WAF web ACL on REST APIs."""

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
)
from archcode.rules.context import Context
from archcode.rules.registry import resource_rule

if TYPE_CHECKING:
    from archcode.model.kinds.api_gateway import ApiGateway


@resource_rule(
    id="apigateway-execution-logging",
    title="API Gateway REST and WebSocket stages have execution logging enabled",
    severity=Severity.MEDIUM,
    category=Category.LOGGING,
    kinds=("api_gateway",),
    frameworks=Frameworks(security_hub=("APIGateway.1",), well_architected=("SEC04-BP01",)),
    rationale="Execution logs are how failed authorizers, integration errors and abuse are "
    "diagnosed; without them an incident leaves no trace at the front door.",
    remediation=Remediation(
        text="Set the stage's logging level to ERROR or INFO.",
        yaml="execution_logging: true",
        cloudformation="MethodSettings:\n  - ResourcePath: '/*'\n    HttpMethod: '*'\n"
        "    LoggingLevel: ERROR",
        terraform=(
            'resource "aws_api_gateway_method_settings" "all" {\n'
            "  rest_api_id = aws_api_gateway_rest_api.api.id\n"
            "  stage_name  = aws_api_gateway_stage.prod.stage_name\n"
            '  method_path = "*/*"\n'
            "  settings {\n"
            '    logging_level = "ERROR"\n'
            "  }\n"
            "}"
        ),
    ),
    per_account=True,
)
def apigateway_execution_logging(api: ApiGateway, ctx: Context) -> Verdict:
    if api.api_type == "http":
        return not_applicable("HTTP APIs have access logging only (APIGateway.9)")
    return expect(api.execution_logging, "execution_logging", "execution logging is off")


@resource_rule(
    id="apigateway-rest-waf",
    title="API Gateway REST API stages are associated with a WAF web ACL",
    severity=Severity.MEDIUM,
    category=Category.NETWORK_EXPOSURE,
    kinds=("api_gateway",),
    frameworks=Frameworks(security_hub=("APIGateway.4",), well_architected=("SEC05-BP03",)),
    relies_on=("waf_web_acl",),
    rationale="A web ACL filters injection, bad bots and request floods before they invoke "
    "(and bill) the backend.",
    remediation=Remediation(
        text="Associate a regional WAF web ACL with the stage.",
        yaml="web_acl: api-acl",
        cloudformation="Type: AWS::WAFv2::WebACLAssociation\nProperties:\n"
        "  ResourceArn: !Sub 'arn:aws:apigateway:${AWS::Region}::/restapis/${Api}/stages/prod'\n"
        "  WebACLArn: !GetAtt ApiAcl.Arn",
        terraform=(
            'resource "aws_wafv2_web_acl_association" "api" {\n'
            "  resource_arn = aws_api_gateway_stage.prod.arn\n"
            "  web_acl_arn  = aws_wafv2_web_acl.api.arn\n"
            "}"
        ),
    ),
    per_account=True,
)
def apigateway_rest_waf(api: ApiGateway, ctx: Context) -> Verdict:
    if api.api_type != "rest":
        return not_applicable(f"WAF cannot be associated with {api.api_type} APIs")
    return passed(f"web ACL {api.web_acl}") if api.web_acl else failed("no WAF web ACL")
