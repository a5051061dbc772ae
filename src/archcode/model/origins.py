"""Which CloudFront origins are Lambda function URLs: decided once, for every source and rule.

A function URL is ``https://<url-id>.lambda-url.<region>.on.aws/``; CloudFront reaches a Lambda
function only that way (Lambda@Edge functions are associations, not origins), so an origin whose
target is a function is a function URL too.
"""

from __future__ import annotations

import re

_LAMBDA_URL = re.compile(r"^[a-z0-9]+\.lambda-url\.[a-z0-9-]+\.on\.aws\.?$")


def lambda_url_domain(domain: str | None) -> bool:
    """The origin domain is a Lambda function URL's host."""
    return bool(domain) and _LAMBDA_URL.match(str(domain).lower()) is not None
