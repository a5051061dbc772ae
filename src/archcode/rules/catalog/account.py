"""Account-level settings (the model's ``account_settings``): default EBS encryption, S3
Block Public Access, the IAM password policy, the root user's MFA and access keys.

One verdict per account of the model, with no resource id (like CloudTrail.1). A setting not
stated (a template, a plan, a read discovery was denied) is UNKNOWN, never PASS.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

from archcode.model.account import AccountSettings, EmrBlockPublicAccess, PasswordPolicy
from archcode.rules.base import (
    Category,
    Frameworks,
    Outcome,
    Remediation,
    Severity,
    Verdict,
    failed,
    passed,
)
from archcode.rules.context import Context
from archcode.rules.registry import architecture_rule

# Security Hub IAM.7's default parameters (the FSBP standard sets no reuse or age limit).
MIN_PASSWORD_LENGTH = 8


def _accounts(ctx: Context) -> list[str | None]:
    named = {r.account for r in ctx.arch.resources.values() if r.account}
    named |= {s.account for s in ctx.arch.account_settings if s.account}
    if ctx.arch.account:
        named.add(ctx.arch.account)
    return [*sorted(named)] or [None]  # no account named: the model's one


def _per_account(
    ctx: Context, judge: Callable[[list[AccountSettings]], tuple[bool | None, str]]
) -> Iterator[Verdict]:
    """One verdict per account: judge(settings of the account) -> (True/False/None, why)."""
    for account in _accounts(ctx):
        who = f"account {account}" if account else "the model's account"
        ok, why = judge(ctx.arch.settings_of(account))
        if ok is None:
            verdict = Verdict(Outcome.UNKNOWN, f"{who}: {why}")
        else:
            verdict = (passed if ok else failed)(f"{who}: {why}")
        yield replace(verdict, account=account)


def _ebs_default(settings: list[AccountSettings]) -> tuple[bool | None, str]:
    known = [(s.region or "every region", s.ebs_encryption_by_default) for s in settings]
    off = sorted({r for r, v in known if v is False})
    if off:
        return False, f"EBS encryption by default is off in {', '.join(off)}"
    on = sorted({r for r, v in known if v})
    if on:
        return True, f"EBS encryption by default is on in {', '.join(on)}"
    return None, "ebs_encryption_by_default is not known (account_settings)"


def _s3_block(settings: list[AccountSettings]) -> tuple[bool | None, str]:
    values: dict[str, bool | None] = {}
    for s in settings:
        if s.s3_public_access_block is not None:
            values.update(s.s3_public_access_block.model_dump())
    off = sorted(k for k, v in values.items() if v is False)
    if off:
        return False, f"account-wide S3 Block Public Access has {', '.join(off)} off"
    if len(values) == 4 and all(values.values()):
        return True, "account-wide S3 Block Public Access blocks all four ways"
    return None, "s3_public_access_block is not known in full (account_settings)"


def _weak(policy: PasswordPolicy) -> tuple[bool | None, list[str]]:
    weak = [
        name
        for name, value in (
            ("uppercase", policy.require_uppercase),
            ("lowercase", policy.require_lowercase),
            ("symbols", policy.require_symbols),
            ("numbers", policy.require_numbers),
        )
        if value is False
    ]
    if policy.minimum_length is not None and policy.minimum_length < MIN_PASSWORD_LENGTH:
        weak.append(f"minimum length {policy.minimum_length} < {MIN_PASSWORD_LENGTH}")
    if weak:
        return False, weak
    complete = None not in (
        policy.require_uppercase,
        policy.require_lowercase,
        policy.require_symbols,
        policy.require_numbers,
        policy.minimum_length,
    )
    return (True if complete else None), []


def _password_policy(settings: list[AccountSettings]) -> tuple[bool | None, str]:
    if any(s.has_password_policy is False for s in settings):
        return False, "no IAM password policy (AWS's default allows any 8-character password)"
    policies = [s.password_policy for s in settings if s.password_policy is not None]
    if not policies:
        return None, "password_policy is not known (account_settings)"
    ok, weak = _weak(policies[-1])
    if ok is False:
        return False, "weak IAM password policy: " + ", ".join(
            w if w.startswith("minimum") else f"{w} not required" for w in weak
        )
    if ok:
        return True, "the IAM password policy requires four character classes and length"
    return None, "the password policy's requirements are not all known"


def _flag(
    name: str, good: bool, yes: str, no: str
) -> Callable[[list[AccountSettings]], tuple[bool | None, str]]:
    """A judge on one boolean setting: ``good`` is the passing value."""

    def judge(settings: list[AccountSettings]) -> tuple[bool | None, str]:
        values = [getattr(s, name) for s in settings if getattr(s, name) is not None]
        if not values:
            return None, f"{name} is not known (account_settings)"
        value = values[-1]
        return value is good, yes if value else no

    return judge


@architecture_rule(
    id="account-ebs-encryption-by-default",
    title="EBS encryption by default is turned on in every region of the account",
    severity=Severity.MEDIUM,
    category=Category.ENCRYPTION,
    kinds=("ebs_volume", "ec2_instance"),
    frameworks=Frameworks(
        security_hub=("EC2.7",), cis=("2.2.1",), well_architected=("SEC08-BP02",)
    ),
    rationale="With the regional default on, every new volume and snapshot copy is encrypted "
    "whatever the template, launch template or console user forgets.",
    remediation=Remediation(
        text="Turn on EBS encryption by default in every region used (EC2 settings, or "
        "aws ec2 enable-ebs-encryption-by-default). CloudFormation has no resource type for "
        "this account setting: set it outside the stack (or with a custom resource).",
        yaml="account_settings:\n  - region: us-east-1\n    ebs_encryption_by_default: true",
        cloudformation="# No CloudFormation type: run aws ec2 enable-ebs-encryption-by-default "
        "in each region (StackSets with a custom resource can do it for an organization).",
        terraform='resource "aws_ebs_encryption_by_default" "this" {\n  enabled = true\n}',
    ),
)
def account_ebs_encryption_by_default(ctx: Context) -> Iterator[Verdict]:
    yield from _per_account(ctx, _ebs_default)


@architecture_rule(
    id="account-s3-block-public-access",
    title="The account's S3 Block Public Access settings block all four ways",
    severity=Severity.MEDIUM,
    category=Category.NETWORK_EXPOSURE,
    kinds=("s3_bucket",),
    frameworks=Frameworks(security_hub=("S3.1",), well_architected=("SEC03-BP07",)),
    rationale="The account-wide setting overrides any bucket's own: a bucket made public by "
    "mistake (a policy, an ACL) stays private.",
    remediation=Remediation(
        text="Turn on all four account-level S3 Block Public Access settings (S3 console, "
        "Block Public Access settings for this account). CloudFormation has no resource type "
        "for the account-level setting (AWS::S3::Bucket PublicAccessBlockConfiguration is "
        "per bucket).",
        yaml="account_settings:\n  - s3_public_access_block:\n      block_public_acls: true\n"
        "      ignore_public_acls: true\n      block_public_policy: true\n"
        "      restrict_public_buckets: true",
        cloudformation="# No CloudFormation type for the account-level setting: run aws "
        "s3control put-public-access-block --account-id <id> --public-access-block-"
        "configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,"
        "RestrictPublicBuckets=true",
        terraform='resource "aws_s3_account_public_access_block" "this" {\n'
        "  block_public_acls       = true\n  ignore_public_acls      = true\n"
        "  block_public_policy     = true\n  restrict_public_buckets = true\n}",
    ),
)
def account_s3_block_public_access(ctx: Context) -> Iterator[Verdict]:
    yield from _per_account(ctx, _s3_block)


@architecture_rule(
    id="account-iam-password-policy-strong",
    title="The IAM password policy requires upper and lower case, symbols, numbers, length 8+",
    severity=Severity.MEDIUM,
    category=Category.LEAST_PRIVILEGE,
    kinds=("iam_user",),
    frameworks=Frameworks(security_hub=("IAM.7",), well_architected=("SEC02-BP01",)),
    rationale="Security Hub IAM.7 with its default parameters: every character class "
    "required and at least 8 characters. No policy at all fails (AWS's default accepts any "
    "8-character password). Reuse prevention and expiry are not judged (IAM.7 sets no "
    "default for them; CIS 1.8 and 1.9 are stricter).",
    remediation=Remediation(
        text="Set an account password policy requiring every character class and at least "
        "14 characters. CloudFormation has no resource type for the password policy.",
        yaml="account_settings:\n  - password_policy:\n      minimum_length: 14\n"
        "      require_uppercase: true\n      require_lowercase: true\n"
        "      require_symbols: true\n      require_numbers: true",
        cloudformation="# No CloudFormation type: run aws iam update-account-password-policy "
        "--minimum-password-length 14 --require-uppercase-characters "
        "--require-lowercase-characters --require-symbols --require-numbers",
        terraform='resource "aws_iam_account_password_policy" "strict" {\n'
        "  minimum_password_length      = 14\n  require_uppercase_characters = true\n"
        "  require_lowercase_characters = true\n  require_symbols              = true\n"
        "  require_numbers              = true\n  password_reuse_prevention    = 24\n}",
    ),
)
def account_iam_password_policy_strong(ctx: Context) -> Iterator[Verdict]:
    yield from _per_account(ctx, _password_policy)


_ROOT_TEXT = (
    " The root user's credentials are not infrastructure as code: no CloudFormation or "
    "Terraform resource manages them."
)
_ROOT_IAC = "# Not expressible in CloudFormation: the root user is managed in the console."
_ROOT_TF = "# Not expressible in Terraform: the root user is managed in the console."


@architecture_rule(
    id="account-root-no-access-keys",
    title="The root user has no access keys",
    severity=Severity.CRITICAL,
    category=Category.LEAST_PRIVILEGE,
    kinds=("iam_user",),
    frameworks=Frameworks(security_hub=("IAM.4",), cis=("1.4",), well_architected=("SEC02-BP02",)),
    rationale="A root access key can do anything in the account, and no policy can limit it.",
    remediation=Remediation(
        text="Sign in as root and delete its access keys (Security credentials)." + _ROOT_TEXT,
        yaml="account_settings:\n  - root_access_keys: false",
        cloudformation=_ROOT_IAC,
        terraform=_ROOT_TF,
    ),
)
def account_root_no_access_keys(ctx: Context) -> Iterator[Verdict]:
    yield from _per_account(
        ctx,
        _flag("root_access_keys", False, "the root user has access keys", "no root access key"),
    )


@architecture_rule(
    id="account-root-mfa",
    title="The root user has MFA",
    severity=Severity.CRITICAL,
    category=Category.LEAST_PRIVILEGE,
    kinds=("iam_user",),
    frameworks=Frameworks(security_hub=("IAM.9",), cis=("1.5",), well_architected=("SEC02-BP01",)),
    rationale="The root user's password alone would open everything in the account.",
    remediation=Remediation(
        text="Sign in as root and assign an MFA device (Security credentials)." + _ROOT_TEXT,
        yaml="account_settings:\n  - root_mfa: true",
        cloudformation=_ROOT_IAC,
        terraform=_ROOT_TF,
    ),
)
def account_root_mfa(ctx: Context) -> Iterator[Verdict]:
    yield from _per_account(
        ctx, _flag("root_mfa", True, "the root user has MFA", "the root user has no MFA")
    )


def _hardware_mfa(settings: list[AccountSettings]) -> tuple[bool | None, str]:
    if any(s.root_mfa is False for s in settings):
        return False, "the root user has no MFA"
    return _flag(
        "root_hardware_mfa",
        True,
        "the root user's MFA is a hardware device",
        "the root user's MFA is a virtual device",
    )(settings)


@architecture_rule(
    id="account-root-hardware-mfa",
    title="The root user's MFA is a hardware device",
    severity=Severity.CRITICAL,
    category=Category.LEAST_PRIVILEGE,
    kinds=("iam_user",),
    frameworks=Frameworks(security_hub=("IAM.6",), cis=("1.6",), well_architected=("SEC02-BP01",)),
    rationale="A virtual MFA lives on a phone that can be lost, cloned or shared; the root "
    "user warrants a device of its own.",
    remediation=Remediation(
        text="Assign a hardware MFA device (or a FIDO security key) to the root user." + _ROOT_TEXT,
        yaml="account_settings:\n  - root_mfa: true\n    root_hardware_mfa: true",
        cloudformation=_ROOT_IAC,
        terraform=_ROOT_TF,
    ),
)
def account_root_hardware_mfa(ctx: Context) -> Iterator[Verdict]:
    yield from _per_account(ctx, _hardware_mfa)


def _regional(name: str, what: str) -> Callable[[list[AccountSettings]], tuple[bool | None, str]]:
    """A judge on one boolean regional setting: every region stated must have it on."""

    def judge(settings: list[AccountSettings]) -> tuple[bool | None, str]:
        known = [(s.region or "every region", getattr(s, name)) for s in settings]
        off = sorted({r for r, v in known if v is False})
        if off:
            return False, f"{what} is off in {', '.join(off)}"
        on = sorted({r for r, v in known if v})
        if on:
            return True, f"{what} is on in {', '.join(on)}"
        return None, f"{name} is not known (account_settings)"

    return judge


@architecture_rule(
    id="account-ssm-documents-block-public-sharing",
    title="SSM documents cannot be shared publicly (block public sharing is on)",
    severity=Severity.CRITICAL,
    category=Category.NETWORK_EXPOSURE,
    kinds=("ec2_instance",),  # no SSM kind: what Systems Manager runs on
    frameworks=Frameworks(security_hub=("SSM.7",), well_architected=("SEC03-BP07",)),
    rationale="A public SSM document (a runbook, a command document) shows every AWS account "
    "its scripts, parameters and often the names of resources and secrets. The regional "
    "service setting /ssm/documents/console/public-sharing-permission set to Disable refuses "
    "any public share. Judged per region stated; a region not stated is not judged.",
    remediation=Remediation(
        text="Turn on block public sharing for SSM documents in every region used (Systems "
        "Manager, Documents, Preferences). CloudFormation has no resource type for this "
        "service setting.",
        yaml="account_settings:\n  - region: us-east-1\n"
        "    ssm_documents_block_public_sharing: true",
        cloudformation="# No CloudFormation type: run aws ssm update-service-setting "
        "--setting-id /ssm/documents/console/public-sharing-permission --setting-value "
        "Disable in each region.",
        terraform='resource "aws_ssm_service_setting" "block_public_sharing" {\n'
        '  setting_id    = "/ssm/documents/console/public-sharing-permission"\n'
        '  setting_value = "Disable"\n}',
    ),
)
def account_ssm_documents_block_public_sharing(ctx: Context) -> Iterator[Verdict]:
    yield from _per_account(
        ctx,
        _regional("ssm_documents_block_public_sharing", "SSM documents block public sharing"),
    )


@architecture_rule(
    id="account-ssm-automation-cloudwatch-logging",
    title="SSM Automation sends its script output to CloudWatch Logs",
    severity=Severity.MEDIUM,
    category=Category.LOGGING,
    kinds=("ec2_instance",),  # no SSM kind: what Systems Manager runs on
    frameworks=Frameworks(security_hub=("SSM.6",), well_architected=("SEC04-BP01",)),
    rationale="Automation runbooks run scripts (aws:executeScript) with their role's "
    "permissions; without the account's CloudWatch Logs destination their output is kept "
    "nowhere for an investigation. The regional service setting "
    "/ssm/automation/customer-script-log-destination must be CloudWatch.",
    remediation=Remediation(
        text="Send Automation output to CloudWatch Logs in every region used (Systems "
        "Manager, Automation, Preferences). CloudFormation has no resource type for this "
        "service setting.",
        yaml="account_settings:\n  - region: us-east-1\n"
        "    ssm_automation_cloudwatch_logging: true",
        cloudformation="# No CloudFormation type: run aws ssm update-service-setting "
        "--setting-id /ssm/automation/customer-script-log-destination --setting-value "
        "CloudWatch in each region.",
        terraform='resource "aws_ssm_service_setting" "automation_logging" {\n'
        '  setting_id    = "/ssm/automation/customer-script-log-destination"\n'
        '  setting_value = "CloudWatch"\n}',
    ),
)
def account_ssm_automation_cloudwatch_logging(ctx: Context) -> Iterator[Verdict]:
    yield from _per_account(
        ctx,
        _regional("ssm_automation_cloudwatch_logging", "SSM Automation CloudWatch logging"),
    )


# Security Hub EMR.2 fails a configuration that permits any port but 22 to the world.
EMR_PERMITTED_PORTS = frozenset({22})


def _emr_open(block: EmrBlockPublicAccess) -> list[str]:
    """The permitted port ranges beyond port 22."""
    return [
        f"{r.from_port}" if r.to_port in (None, r.from_port) else f"{r.from_port}-{r.to_port}"
        for r in block.permitted_ports or []
        if {r.from_port, r.to_port if r.to_port is not None else r.from_port} - EMR_PERMITTED_PORTS
    ]


def _emr_block(settings: list[AccountSettings]) -> tuple[bool | None, str]:
    stated = [(s.region or "every region", s.emr_block_public_access) for s in settings]
    known = [(r, b) for r, b in stated if b is not None]
    off = sorted({r for r, b in known if b.enabled is False})
    if off:
        return False, f"EMR block public access is off in {', '.join(off)}"
    wide = sorted(
        f"{r} ({', '.join(_emr_open(b))})" for r, b in known if b.enabled and _emr_open(b)
    )
    if wide:
        return False, "EMR block public access permits ports other than 22: " + ", ".join(wide)
    on = sorted(r for r, b in known if b.enabled and b.permitted_ports is not None)
    if on:
        return True, f"EMR block public access is on in {', '.join(on)}"
    return None, "emr_block_public_access is not known in full (account_settings)"


@architecture_rule(
    id="account-emr-block-public-access",
    title="EMR block public access is on, permitting no port but 22",
    severity=Severity.CRITICAL,
    category=Category.NETWORK_EXPOSURE,
    kinds=("security_group",),  # no EMR kind: the groups it would open
    frameworks=Frameworks(security_hub=("EMR.2",), well_architected=("SEC05-BP02",)),
    rationale="With the regional setting on, no EMR cluster starts with a security group rule "
    "open to 0.0.0.0/0 or ::/0 except on the permitted ports. Like Security Hub EMR.2 it fails "
    "when the setting is off or permits any port other than 22.",
    remediation=Remediation(
        text="Turn on EMR block public access in every region used and permit at most port "
        "22. CloudFormation has no resource type for this setting.",
        yaml="account_settings:\n  - region: us-east-1\n    emr_block_public_access:\n"
        "      enabled: true\n      permitted_ports: [{from_port: 22}]",
        cloudformation="# No CloudFormation type: run aws emr put-block-public-access-"
        "configuration --block-public-access-configuration BlockPublicSecurityGroupRules="
        "true,PermittedPublicSecurityGroupRuleRanges=[{MinRange=22,MaxRange=22}]",
        terraform='resource "aws_emr_block_public_access_configuration" "this" {\n'
        "  block_public_security_group_rules = true\n\n"
        "  permitted_public_security_group_rule_range {\n    min_range = 22\n"
        "    max_range = 22\n  }\n}",
    ),
)
def account_emr_block_public_access(ctx: Context) -> Iterator[Verdict]:
    yield from _per_account(ctx, _emr_block)
