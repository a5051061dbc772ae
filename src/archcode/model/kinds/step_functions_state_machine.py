"""The Step Functions state machine kind (step_functions_state_machine)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Annotated, Literal

from archcode.model.base import Resource, ref
from archcode.model.kinds._shared import KmsRef


class StepFunctionsStateMachine(Resource):
    kind: Literal["step_functions_state_machine"] = "step_functions_state_machine"
    type: Literal["STANDARD", "EXPRESS"] = "STANDARD"
    role: Annotated[str | None, ref("assumes_role", "iam_role")] = None
    logging_level: Literal["ALL", "ERROR", "FATAL", "OFF"] | None = None
    tracing: bool | None = None
    kms_key: KmsRef = None
