"""The built-in rules, one module per service or theme; importing this registers them all.

Conventions every catalogue module follows:
- a fact the model leaves as None gives UNKNOWN, never PASS; an absent *reference* (no
  ``web_acl``, no ``kms_key`` on a trail, no backup selection) means there is none, which is
  also what AWS does when the setting is left out;
- a reference outside the model (an ARN or AWS id, ``model.refs.is_outside``) is set; what
  the model does not hold about its target (a subnet's zone, a key's manager, a group's
  rules) is UNKNOWN, never a guess;
- a PASS or NOT_APPLICABLE reached because nothing was found is ``none_found``: the engine
  makes it UNKNOWN when discovery could not read what it would have found;
- a finding about the account or the model as a whole (CloudTrail.1, "no entry point") has
  no resource (``resource`` None) and names the account in its message;
- graph findings carry ``path``: model ids only, entry point or principal first;
- CIS ids are CIS AWS Foundations Benchmark v3.0.0 recommendation numbers.
"""

from archcode.rules.catalog import (  # noqa: F401
    account,
    apigateway,
    cloudfront,
    cloudtrail,
    default_sg,
    dynamodb,
    ec2,
    efs,
    elasticache,
    elb,
    exposure,
    fsbp_availability,
    fsbp_encryption,
    fsbp_exposure,
    fsbp_logging,
    iam,
    kms,
    lambda_functions,
    monitoring,
    rds,
    resilience,
    resource_policies,
    s3,
    secrets,
    secretsmanager,
    serverless,
    transit,
    vpc,
)
