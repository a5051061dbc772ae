"""Every field a rule reads is read from every source, or the gap is written down.

The matrix (kind x rule-read field x source) comes from src/archcode/collectors/coverage.py: what
each source reads is what its mappers fill; what it cannot read has one reason there. These tests
fail when a field has no decision, when a written-down gap is no longer one, when the generated
table in docs/iac.md is stale, and when a field a source declares to read does not come out of an
input that sets it: CloudFormation templates and Terraform plans under tests/fixtures, and
recorded API answers (tests/recorded_answers.py) run through every discovery collector.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from tests.recorded_answers import ACCOUNT, ANSWERS, REGION
from tests.test_discover_recorded import Recorded

from archcode.collectors import load_architecture
from archcode.collectors.aws.assemble import assemble
from archcode.collectors.aws.draft import Ctx
from archcode.collectors.aws.services import BY_NAME
from archcode.collectors.coverage import (
    _ANY,
    ACCOUNT_FIELDS,
    GAPS,
    SOURCES,
    Source,
    coverage_markdown,
    matrix,
    reads,
    section,
    undecided,
)
from archcode.collectors.coverage import (
    ACCOUNT as ACCOUNT_SETTINGS,
)
from archcode.model.architecture import Architecture
from archcode.model.base import Resource
from archcode.model.registry import BY_KIND, KINDS
from archcode.rules.analysis.resource_policy import JUDGED_FIELDS

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
DOC = ROOT / "docs" / "iac.md"

# Inputs each IaC source's declared reads are checked on: the truth fixtures and one document
# per source written to set every property a rule-read field comes from.
INPUTS: dict[Source, list[Path]] = {
    "cloudformation": [
        FIXTURES / "coverage" / "every-field.cfn.yaml",
        *sorted((FIXTURES / "iac").glob("*.cfn.*")),
    ],
    "terraform": [
        FIXTURES / "coverage" / "every-field.tfplan.json",
        *sorted((FIXTURES / "iac").glob("*.tfplan.json")),
    ],
}


def test_every_rule_read_field_has_a_decision_for_every_source() -> None:
    missing = undecided()
    assert not missing, (
        "fields a rule reads that a source neither reads nor explains; read them, or give the "
        f"reason in coverage.GAPS: {missing}"
    )


def test_the_matrix_covers_the_security_facts() -> None:
    cells = {(kind, field) for kind, field, _ in matrix()}
    # rule-read by name, and references whatever their name
    assert {
        ("opensearch_domain", "access_policy"),
        ("secrets_manager_secret", "policy"),
        ("efs_file_system", "security_groups"),
        ("cloudfront_distribution", "viewer_protocol_policy"),
        ("ec2_instance", "role"),
        ("backup_selection", "selection_tags"),
    } <= cells
    assert ("api_gateway", "throttling_rate_limit") not in cells  # no rule reads it


def test_every_gap_names_a_field_and_is_still_a_gap() -> None:
    for (kind, field, source), reason in GAPS.items():
        assert source in SOURCES and reason.strip()
        if kind == ACCOUNT_SETTINGS:  # not a kind
            assert field in (_ANY, *ACCOUNT_FIELDS)
            assert field == _ANY or field not in reads(kind, source), (kind, field, source)
            continue
        if kind == _ANY:
            continue
        spec = BY_KIND[kind]
        assert field == _ANY or field in spec.model.model_fields, (kind, field)
        if field != _ANY:
            assert field not in reads(kind, source), (
                f"{kind}.{field} is read from {source} now: remove its gap"
            )


def test_the_table_in_docs_iac_md_is_generated_from_the_matrix() -> None:
    assert section(DOC.read_text()) == coverage_markdown(), (
        "docs/iac.md's coverage table is stale: "
        "PYTHONPATH=src python -m archcode.collectors.coverage docs/iac.md"
    )


def _stated(resource: Resource) -> set[str]:
    """The fields a resource came out with a value in: set, and neither None nor empty.

    A judged field (tls_only from the bucket policy, ...) counts when its judgement over what
    the source stored has a value, since that is what rules read.
    """
    stated = {f for f in resource.model_fields_set if getattr(resource, f) not in (None, [], {})}
    judged = JUDGED_FIELDS.get(resource.kind, {})
    return stated | {f for f, judge in judged.items() if judge(resource) is not None}


def _observed(source: Source) -> dict[str, set[str]]:
    """Per kind, the fields that came out set (not None, not empty) from the source's inputs."""
    found: dict[str, set[str]] = defaultdict(set)
    for path in INPUTS[source]:
        arch = load_architecture(str(path))
        for resource in arch.resources.values():
            found[resource.kind] |= _stated(resource)
        for settings in arch.account_settings:  # not a kind: the account's settings
            found[ACCOUNT_SETTINGS] |= {
                f for f in settings.model_fields_set if getattr(settings, f) not in (None, {})
            }
    return found


@pytest.mark.parametrize("source", ["cloudformation", "terraform"])
def test_every_declared_read_comes_out_of_a_fixture_that_sets_it(source: Source) -> None:
    observed = _observed(source)
    never = [
        f"{kind}.{field}"
        for kind, field, cells in matrix()
        if cells[source][0] and field not in observed[kind]
    ]
    assert not never, f"{source} declares these read, but no fixture brings them out: {never}"


# --- discovery: the collectors' declared reads on recorded answers ----------------------------
def _discovered() -> Architecture:
    """Every service group with recorded answers, run together so that references resolve."""
    found, links, aliases, gaps = [], [], [], []
    for name, responses in ANSWERS.items():
        group = BY_NAME[name]
        ctx = Ctx(Recorded(REGION, responses))  # type: ignore[arg-type]
        group.collect(ctx)
        found += ctx.found
        links += ctx.links
        aliases += ctx.aliases
        gaps += ctx.reader.gaps
    return assemble("recorded", found, links, aliases, gaps, [ACCOUNT], [REGION])


def test_every_declared_discovery_read_comes_out_of_recorded_answers() -> None:
    arch = _discovered()
    assert not arch.coverage, [(g.service, g.operation) for g in arch.coverage]
    observed: dict[str, set[str]] = defaultdict(set)
    for resource in arch.resources.values():
        observed[resource.kind] |= _stated(resource)
    recorded = {kind for name in ANSWERS for kind in BY_NAME[name].kinds}
    assert recorded == {s.kind for s in KINDS if s.api}, "every collector has recorded answers"
    never = [
        f"{kind}.{field}"
        for kind, field, cells in matrix()
        if kind in recorded and cells["discovery"][0] and field not in observed[kind]
    ]
    assert not never, f"discovery declares these read, but the answers do not bring them: {never}"
