"""Discovered resources of different kinds with one name keep one id each (none is lost)."""

from __future__ import annotations

from tests.test_discover_recorded import ACCOUNT, REGION, Recorded

from archcode.collectors.aws.assemble import assemble
from archcode.collectors.aws.draft import Ctx
from archcode.collectors.aws.services import dynamodb, lambda_

FN = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:orders"
TABLE = f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/orders"
ANSWERS = {
    "list_functions": {
        "Functions": [{"FunctionName": "orders", "FunctionArn": FN, "Runtime": "python3.12"}]
    },
    "get_policy": "absent",
    "get_function_url_config": "absent",
    "list_event_source_mappings": {
        "EventSourceMappings": [{"FunctionArn": FN, "EventSourceArn": f"{TABLE}/stream/1"}]
    },
    "list_tables": {"TableNames": ["orders"]},
    "describe_table": {"Table": {"TableName": "orders", "TableArn": TABLE}},
}


def discover(order: list[object]) -> dict[str, str]:
    found, links, aliases = [], [], []
    for service in order:
        ctx = Ctx(Recorded(REGION, ANSWERS))  # type: ignore[arg-type]
        service.collect(ctx)  # type: ignore[attr-defined]
        found += ctx.found
        links += ctx.links
        aliases += ctx.aliases
    arch = assemble("t", found, links, aliases, [], [ACCOUNT], [REGION])
    return {rid: r.kind for rid, r in arch.resources.items()}


def test_a_function_and_a_table_of_one_name_are_both_kept_whatever_the_order() -> None:
    one = discover([lambda_, dynamodb])
    other = discover([dynamodb, lambda_])
    assert one == other
    assert sorted(one.values()) == ["dynamodb_table", "lambda_function"]
    assert set(one) == {
        f"{ACCOUNT}/{REGION}/lambda_function/orders",
        f"{ACCOUNT}/{REGION}/dynamodb_table/orders",
    }


def test_a_name_no_other_kind_uses_keeps_its_short_id() -> None:
    ids = discover([lambda_])
    assert ids == {f"{ACCOUNT}/{REGION}/orders": "lambda_function"}
