"""The built-in rules, one module per service or theme; importing this registers them all."""

from archcode.rules.catalog import (  # noqa: F401
    apigateway,
    cloudfront,
    cloudtrail,
    dynamodb,
    ec2,
    efs,
    elasticache,
    elb,
    exposure,
    iam,
    kms,
    lambda_functions,
    rds,
    resilience,
    s3,
    secrets,
    secretsmanager,
    serverless,
    transit,
)
