"""Always-free monthly allowances, applied by option (off by default, like Infracost).

AWS grants them per account, not per resource: the ledger hands each allowance out once per
account, to components in document order.
"""

from __future__ import annotations

from decimal import Decimal

# allowance name -> monthly quantity (in the unit of the lines that draw on it)
ALLOWANCES: dict[str, Decimal] = {
    "lambda_requests": Decimal(1_000_000),
    "lambda_gb_seconds": Decimal(400_000),
    "dynamodb_storage_gb": Decimal(25),
    "cloudfront_gb_out": Decimal(1024),
    "cloudfront_requests": Decimal(10_000_000),
    "kms_requests": Decimal(20_000),
    "sqs_requests": Decimal(1_000_000),
    "sns_publishes": Decimal(1_000_000),
    "cloudwatch_logs_gb": Decimal(5),
    "step_functions_transitions": Decimal(4_000),
    "cognito_mau": Decimal(10_000),
    "xray_traces": Decimal(100_000),
    "data_transfer_out_gb": Decimal(100),  # to the internet, all regions together
}


class FreeTierLedger:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._used: dict[tuple[str, str], Decimal] = {}

    def take(self, account: str, allowance: str | None, quantity: Decimal) -> Decimal:
        """How much of ``quantity`` the account's remaining allowance covers (and use it up)."""
        if not self.enabled or allowance is None or quantity <= 0:
            return Decimal(0)
        left = ALLOWANCES[allowance] - self._used.get((account, allowance), Decimal(0))
        free = max(Decimal(0), min(left, quantity))
        self._used[(account, allowance)] = self._used.get((account, allowance), Decimal(0)) + free
        return free
