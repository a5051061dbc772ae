"""Names of places in prices: CloudFront price regions and regional usage-type prefixes."""

from __future__ import annotations

# CloudFront bills data out per *price region* (where the viewers are), not per AWS region.
# canonical name -> usage-type prefix in the Price List
CLOUDFRONT_PRICE_REGIONS: dict[str, str] = {
    "us": "US",  # United States, Mexico, Canada
    "europe": "EU",  # Europe, Israel
    "south_africa": "ZA",  # South Africa, Kenya
    "middle_east": "ME",
    "south_america": "SA",
    "japan": "JP",
    "australia": "AU",  # Australia, New Zealand
    "asia": "AP",  # Hong Kong, Indonesia, Philippines, Singapore, South Korea, Taiwan, Thailand
    "india": "IN",
}
_ALIASES = {
    "united_states": "us",
    "north_america": "us",
    "usa": "us",
    "eu": "europe",
    "israel": "europe",
    "in": "india",
    "jp": "japan",
    "au": "australia",
    "new_zealand": "australia",
    "ap": "asia",
    "asia_pacific": "asia",
    "sa": "south_america",
    "za": "south_africa",
    "kenya": "south_africa",
    "me": "middle_east",
}


def cloudfront_price_region(name: str) -> str | None:
    """The canonical CloudFront price region for a name or alias (case-insensitive), or None."""
    key = name.strip().lower().replace(" ", "_").replace("-", "_")
    key = _ALIASES.get(key, key)
    return key if key in CLOUDFRONT_PRICE_REGIONS else None


# The regional prefix AWS puts on usage types ("EU-TimedStorage-ByteHrs"); us-east-1 items carry
# either "USE1-" or no prefix at all. The table stores usage types without it.
USAGE_TYPE_PREFIXES: dict[str, str] = {
    "us-east-1": "USE1-",
    "us-east-2": "USE2-",
    "us-west-1": "USW1-",
    "us-west-2": "USW2-",
    "eu-west-1": "EU-",
    "eu-west-2": "EUW2-",
    "eu-west-3": "EUW3-",
    "eu-central-1": "EUC1-",
    "eu-north-1": "EUN1-",
    "ap-south-1": "APS3-",
    "ap-southeast-1": "APS1-",
    "ap-southeast-2": "APS2-",
    "ap-northeast-1": "APN1-",
    "ap-northeast-2": "APN2-",
    "ca-central-1": "CAN1-",
    "sa-east-1": "SAE1-",
}
TABLE_REGIONS = (
    "us-east-1",
    "us-west-2",
    "eu-west-1",
    "eu-central-1",
    "ap-south-1",
    "ap-southeast-1",
)


def strip_region_prefix(usage_type: str, region: str) -> str:
    """The usage type without its regional prefix: "APS1-" and the like, or the region's own
    name, which KMS writes ("ap-southeast-1-KMS-Keys")."""
    for prefix in (USAGE_TYPE_PREFIXES.get(region), f"{region}-"):
        if prefix and usage_type.startswith(prefix):
            return usage_type[len(prefix) :]
    return usage_type
