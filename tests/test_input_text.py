"""Every reader takes the text real files hold: BOMs, UTF-16 from PowerShell, any layout.

Format detection parses the document (top-level keys), so a template is recognised when it is
indented, leaves out ``AWSTemplateFormatVersion``, is JSON or YAML, or is a SAM template.
"""

from __future__ import annotations

import codecs
import json
import textwrap
from pathlib import Path

import pytest
from tests.conftest import ROOT

from archcode.cli import main
from archcode.collectors import load_architecture
from archcode.collectors.cfn_parse import parse_template
from archcode.collectors.detect import detect_format
from archcode.collectors.json_text import load_json
from archcode.errors import InputError
from archcode.io import decode_text
from archcode.rules.waivers import load_waivers

IAC = ROOT / "tests" / "fixtures" / "iac"
SOURCES = {
    "archcode": ROOT / "examples" / "serverless-django.yaml",
    "cloudformation-yaml": IAC / "serverless-django.cfn.yaml",
    "cloudformation-json": IAC / "data-tier.cfn.json",
    "sam": IAC / "sam-orders.cfn.yaml",
    "terraform": IAC / "serverless-django.tfplan.json",
}
ENCODINGS = {
    "utf-8-bom": (codecs.BOM_UTF8, "utf-8"),
    "utf-16-le-bom": (codecs.BOM_UTF16_LE, "utf-16-le"),
    "utf-16-be-bom": (codecs.BOM_UTF16_BE, "utf-16-be"),
    "utf-32-le-bom": (codecs.BOM_UTF32_LE, "utf-32-le"),
    "utf-16-le-no-bom": (b"", "utf-16-le"),
}


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("source", SOURCES)
def test_every_reader_takes_boms_and_utf16(source: str, encoding: str, tmp_path: Path) -> None:
    original = SOURCES[source]
    bom, codec = ENCODINGS[encoding]
    copy = tmp_path / original.name
    copy.write_bytes(bom + original.read_text(encoding="utf-8").encode(codec))
    got, want = load_architecture(str(copy)), load_architecture(str(original))
    assert got.model_dump() == want.model_dump()
    first = next(iter(want.resources))
    assert getattr(got.location(first), "line", None) == getattr(want.location(first), "line", None)


def test_the_cli_validates_a_plan_saved_by_powershell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "plan.json"
    text = SOURCES["terraform"].read_text(encoding="utf-8")
    plan.write_bytes(codecs.BOM_UTF16_LE + text.replace("\n", "\r\n").encode("utf-16-le"))
    assert main(["validate", str(plan)]) == 0
    assert capsys.readouterr().out.startswith(f"{plan}: ok (")


def test_a_waivers_file_with_a_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "waivers.yaml"
    body = "waivers:\n  - {rule: r-one, resource: db, reason: ok, expires: 2030-01-01}\n"
    path.write_bytes(codecs.BOM_UTF16_LE + body.encode("utf-16-le"))
    assert [w.waiver.rule for w in load_waivers(str(path), ["r-one"])] == ["r-one"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "not UTF-16 LE text (byte 2)"),
        (b"name: x\xff\n", "not UTF-8 text (byte 7)"),
        (codecs.BOM_UTF8 + b"a: \xc3\n", "not UTF-8 text (byte 6)"),
    ],
)
def test_undecodable_text_is_one_located_problem(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as caught:
        decode_text(data, "f.yaml")
    assert [str(p) for p in caught.value.problems] == [f"f.yaml: {message}"]


TEMPLATE_BODY = """\
Resources:
  Logs:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "${AWS::StackName}-logs"
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an indented document: YAML allows the whole mapping to start at any column
        (textwrap.indent(TEMPLATE_BODY, "    "), "cloudformation"),
        # no AWSTemplateFormatVersion, a comment and a document marker before the keys
        ("# stack\n---\nDescription: logs\n" + TEMPLATE_BODY, "cloudformation"),
        # flow style, quoted key
        ('{"Resources": {"Logs": {"Type": "AWS::S3::Bucket"}}}\n', "cloudformation"),
        ("'Resources': {Logs: {Type: AWS::S3::Bucket}}\n", "cloudformation"),
        # SAM: the transform alone decides
        ("Transform: [AWS::Serverless-2016-10-31]\nGlobals: {}\n", "cloudformation"),
        ('{"Transform": "AWS::Serverless-2016-10-31", "Resources": {}}', "cloudformation"),
        # a key deeper down, or inside a string, decides nothing
        ("archcode: 1\nname: x\nresources:\n  Resources: {kind: sqs_queue}\n", "archcode"),
        ("name: x\ndescription: 'Resources: none'\n", "archcode"),
        ('{"name": "x", "notes": {"Resources": 1}}', "archcode"),
        # Terraform JSON, plan or state, keys in any order
        ('{"terraform_version": "0.12.31", "format_version": "0.1", "values": {}}', "terraform"),
        ('{\n  "planned_values": {},\n  "format_version": "1.2"\n}', "terraform"),
        # a plan trimmed of its versions (Checkov's plan_vpc_endpoint fixture has only these)
        ('{"planned_values": {"root_module": {}}, "configuration": {}}', "terraform"),
        ('{"resource_changes": []}', "terraform"),
        # not parseable: the loader it goes to says where it breaks
        ('{"terraform_version": "1.9.8", "format_version": "1.2", ', "terraform"),
        ("Resources: [\n", "cloudformation"),  # the key came before the break
        ("name: [\nResources: {}\n", "archcode"),
        # archcode's own keys are lower case and decide at once
        ("name: x\nResources: {}\n", "archcode"),
    ],
)
def test_the_format_is_detected_by_parsing(text: str, expected: str) -> None:
    assert detect_format(text) == expected


def test_an_indented_template_without_its_version_is_read_as_a_template(tmp_path: Path) -> None:
    path = tmp_path / "logs.yaml"
    path.write_text(textwrap.indent(TEMPLATE_BODY, "  "))
    arch = load_architecture(str(path))
    assert [r.kind for r in arch.resources.values()] == ["s3_bucket"]
    data, _ = parse_template(path.read_text(), path.name)
    assert json.dumps(data).count("AWS::S3::Bucket") == 1


def test_a_document_detection_parsed_is_handed_over_once_and_only_for_its_text() -> None:
    first, second = '{"Resources": {"A": {}}}', '{"Resources": {"B": {}}}'
    assert detect_format(first) == "cloudformation"
    assert load_json(second, "b.json") == {"Resources": {"B": {}}}  # not the detected one
    assert detect_format(first) == "cloudformation"
    data = load_json(first, "a.json")
    assert data == {"Resources": {"A": {}}}
    assert load_json(first, "a.json") is not data  # handed over once, then parsed afresh
