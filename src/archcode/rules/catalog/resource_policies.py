"""Resource policies: nothing is open to every AWS principal, and no function is public."""

from __future__ import annotations

from typing import TYPE_CHECKING

from archcode.model.base import Resource
from archcode.rules.analysis import iam
from archcode.rules.analysis.resource_policy import function_is_public, public_statements
from archcode.rules.base import (
    Category,
    Frameworks,
    Remediation,
    Severity,
    Verdict,
    failed,
    none_found,
    passed,
    unknown,
)
from archcode.rules.context import Context
from archcode.rules.registry import resource_rule

if TYPE_CHECKING:
    from archcode.model.kinds.lambda_function import LambdaFunction

POLICY_HOLDERS = (
    "s3_bucket",
    "sqs_queue",
    "sns_topic",
    "eventbridge_bus",
    "kms_key",
    "secrets_manager_secret",
    "opensearch_domain",
)


def _policy(resource: Resource) -> iam.Document | None:
    document = getattr(resource, "policy", None) or getattr(resource, "access_policy", None)
    return document if isinstance(document, iam.Document) else None


@resource_rule(
    id="resource-policy-not-public",
    title="Resource policies do not allow every AWS principal without a restricting condition",
    severity=Severity.CRITICAL,
    category=Category.NETWORK_EXPOSURE,
    kinds=POLICY_HOLDERS,
    frameworks=Frameworks(
        security_hub=("KMS.5", "SNS.4", "SQS.3"), well_architected=("SEC03-BP07",)
    ),
    rationale='A resource policy granting Principal "*" lets anyone with an AWS account (or '
    "anyone at all, for S3 and OpenSearch) read, write or use the resource. For S3 it fails a "
    "public grant even where Block Public Access would neutralise it: the policy still says "
    "it (s3-bucket-no-public-read and -write judge what is in effect, as S3.2 and S3.3 do).",
    remediation=Remediation(
        text="Name the principals, or add a condition such as aws:PrincipalOrgID, "
        "aws:SourceArn or aws:SourceVpce.",
        yaml="policy:\n  Statement:\n    - Effect: Allow\n      Principal: {Service: "
        "cloudfront.amazonaws.com}\n      Action: s3:GetObject\n      Resource: "
        "arn:aws:s3:::site/*\n      Condition: {StringEquals: {aws:SourceArn: "
        "arn:aws:cloudfront::111122223333:distribution/E2EXAMPLE}}",
        cloudformation="Condition:\n  StringEquals:\n    'aws:PrincipalOrgID': o-exampleorgid",
        terraform=(
            "condition {\n"
            '  test     = "StringEquals"\n'
            '  variable = "aws:PrincipalOrgID"\n'
            '  values   = ["o-exampleorgid"]\n'
            "}"
        ),
    ),
    per_account=True,
)
def resource_policy_not_public(resource: Resource, ctx: Context) -> Verdict:
    document = _policy(resource)
    if document is None:
        return none_found("no resource policy in the model")
    public = public_statements(document)
    if public:
        return failed(f"{', '.join(public)} allows every AWS principal ('*')")
    return passed()


@resource_rule(
    id="lambda-function-not-public",
    title="Lambda function policies do not let anyone invoke the function",
    severity=Severity.CRITICAL,
    category=Category.NETWORK_EXPOSURE,
    kinds=("lambda_function",),
    frameworks=Frameworks(security_hub=("Lambda.1",), well_architected=("SEC03-BP07",)),
    rationale="A public function policy (or a function URL without auth) lets anyone invoke "
    "the function, bypassing the API in front of it and running up its bill.",
    remediation=Remediation(
        text="Grant lambda:InvokeFunction to the calling service with a SourceArn condition; "
        "use AWS_IAM auth on function URLs.",
        yaml="public_policy: false\nfunction_url_auth: AWS_IAM",
        cloudformation="Type: AWS::Lambda::Permission\nProperties:\n"
        "  Action: lambda:InvokeFunction\n  FunctionName: !Ref Fn\n"
        "  Principal: apigateway.amazonaws.com\n"
        "  SourceArn: !Sub 'arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*'",
        terraform=(
            'resource "aws_lambda_permission" "api" {\n'
            '  action        = "lambda:InvokeFunction"\n'
            "  function_name = aws_lambda_function.fn.function_name\n"
            '  principal     = "apigateway.amazonaws.com"\n'
            '  source_arn    = "${aws_api_gateway_rest_api.api.execution_arn}/*"\n'
            "}"
        ),
    ),
    per_account=True,
)
def lambda_function_not_public(fn: LambdaFunction, ctx: Context) -> Verdict:
    if fn.function_url_auth == "NONE":
        return failed("its function URL needs no authentication")
    public = function_is_public(fn)
    if public is None:
        return unknown("public_policy")
    return failed("its resource policy lets anyone invoke it") if public else passed()
