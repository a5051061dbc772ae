"""A queue's resource policy: one verdict on resource-policy-not-public from every source.

CloudFormation attaches it with AWS::SQS::QueuePolicy, Terraform with aws_sqs_queue_policy
(naming the queue by URL) or the queue's own ``policy`` argument, AWS returns it as the queue's
Policy attribute (moto server here). The inputs are the generated narrowing cases of the topic
judgement (keys x operators x principal spellings x value shapes); the expected verdict comes
from the generator's parameters.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import boto3
import pytest
from tests.moto_aws import ACCOUNT_A
from tests.test_iac_terraform import config, ref, resource
from tests.test_judgements_policy import (
    _KEYS,
    _OPERATORS,
    PRINCIPALS_ALL,
    REGION,
    Case,
    _cfn,
    _discover,
    _one_verdict,
    _tf,
    _verdicts,
    _yaml,
)

RULE = "resource-policy-not-public"


def _queue_arn(name: str) -> str:
    return f"arn:aws:sqs:{REGION}:{ACCOUNT_A}:{name}"


def _queue_url(name: str) -> str:
    return f"https://sqs.{REGION}.amazonaws.com/{ACCOUNT_A}/{name}"


def _cases() -> list[Case]:
    cases = []
    rotate = itertools.cycle(itertools.product(PRINCIPALS_ALL, ["scalar", "list"]))
    for i, (key, (operator, narrows)) in enumerate(itertools.product(_KEYS, _OPERATORS)):
        principal, shape = next(rotate)
        value: Any = ACCOUNT_A if shape == "scalar" else [ACCOUNT_A]
        name = f"queue-{i:03d}"
        statement = {
            "Effect": "Allow",
            "Principal": principal,
            "Action": ["SQS:SendMessage", "sqs:ReceiveMessage"],
            "Resource": _queue_arn(name),
            "Condition": {operator: {key: value}},
        }
        doc = {"Version": "2012-10-17", "Statement": [statement]}
        notes = f"{operator} {key} principal={principal!r} {shape}"
        cases.append(Case(name, doc, "PASS" if narrows else "FAIL", notes))
    open_doc = {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sqs:*"}]}
    cases.append(Case("queue-open", open_doc, "FAIL", "no condition"))
    named = {
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
                "Action": "sqs:SendMessage",
            }
        ]
    }
    cases.append(Case("queue-named", named, "PASS", "a named account"))
    return cases


CASES = _cases()


@pytest.fixture(scope="module")
def queue_verdicts(
    aws_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, dict[str, str]]:
    tmp = tmp_path_factory.mktemp("sqs")
    sqs = boto3.client("sqs", region_name=REGION)
    cfn: dict[str, Any] = {}
    tf_res: list[dict[str, Any]] = []
    tf_cfg: list[dict[str, Any]] = []
    yml: dict[str, Any] = {}
    for i, case in enumerate(CASES):
        cfn[f"Q{i}"] = {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": case.name}}
        cfn[f"P{i}"] = {
            "Type": "AWS::SQS::QueuePolicy",
            "Properties": {"Queues": [{"Ref": f"Q{i}"}], "PolicyDocument": case.data},
        }
        policy = json.dumps(case.data)
        queue = {"name": case.name, "arn": _queue_arn(case.name)}
        if i % 3 == 0:  # the queue's own argument
            tf_res.append(resource(f"aws_sqs_queue.q{i}", {**queue, "policy": policy}))
        elif i % 3 == 1:  # an aws_sqs_queue_policy referencing a queue the plan creates
            tf_res.append(resource(f"aws_sqs_queue.q{i}", queue))
            tf_res.append(resource(f"aws_sqs_queue_policy.p{i}", {"policy": policy}))
            tf_cfg.append(
                config(f"aws_sqs_queue_policy.p{i}", {"queue_url": ref(f"aws_sqs_queue.q{i}.id")})
            )
        else:  # ... or naming an existing queue by its URL (the queue's id), no reference
            url = _queue_url(case.name)
            tf_res.append(resource(f"aws_sqs_queue.q{i}", {**queue, "id": url, "url": url}))
            tf_res.append(
                resource(f"aws_sqs_queue_policy.p{i}", {"queue_url": url, "policy": policy})
            )
        yml[case.name] = {"kind": "sqs_queue", "policy": case.data}
        sqs.create_queue(QueueName=case.name, Attributes={"Policy": policy})

    def queue_name(r: Any) -> str | None:
        return str(r.name) if r.name else None

    return {
        "cloudformation": _verdicts(_cfn(cfn), RULE, queue_name),
        "terraform": _verdicts(_tf(tmp, tf_res, tf_cfg), RULE, queue_name),
        "live": _verdicts(_discover(tmp, "messaging"), RULE, queue_name),
        "yaml": _verdicts(_yaml(yml), RULE, queue_name),
    }


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_a_queue_policy_one_verdict_from_every_source(
    case: Case, queue_verdicts: dict[str, dict[str, str]]
) -> None:
    _one_verdict(case, queue_verdicts)


def test_an_attached_queue_policy_wins_over_the_argument(tmp_path: Path) -> None:
    """AWS keeps one policy per queue: the aws_sqs_queue_policy is the one applied last."""
    open_doc = json.dumps(CASES[-2].data)
    closed = json.dumps(CASES[-1].data)
    arch = _tf(
        tmp_path,
        [
            resource("aws_sqs_queue.q", {"name": "q", "policy": closed}),
            resource("aws_sqs_queue_policy.p", {"policy": open_doc}),
        ],
        [config("aws_sqs_queue_policy.p", {"queue_url": ref("aws_sqs_queue.q.url")})],
    )
    assert _verdicts(arch, RULE, lambda r: r.name) == {"q": "FAIL"}


def test_the_cases_cover_both_verdicts() -> None:
    assert {c.expected for c in CASES} == {"PASS", "FAIL"}
    assert len(CASES) >= 50
