"""SecretsManager.3: when a secret was last retrieved, read from a real moto server over HTTP
(ListSecrets' LastAccessedDate and CreatedDate), written to the model and judged."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import boto3

from archcode.cli import main
from archcode.collectors import load_architecture
from archcode.model.kinds.security import SecretsManagerSecret


def test_a_new_never_read_secret_is_dated_by_its_creation(
    aws_env: dict[str, str], tmp_path: Path
) -> None:
    boto3.client("secretsmanager", region_name="us-east-1").create_secret(
        Name="fresh", SecretString="not-a-real-secret"
    )
    out = tmp_path / "secrets.yaml"
    args = ["discover", "--services", "secretsmanager", "--regions", "us-east-1", "-o", str(out)]
    assert main(args) == 0
    (secret,) = [r for _rid, r in load_architecture(str(out)).of_kind("secrets_manager_secret")]
    assert isinstance(secret, SecretsManagerSecret)
    # moto reports no LastAccessedDate for a secret never retrieved (as AWS does)
    assert secret.last_accessed_date is None
    assert secret.created_date == datetime.now(UTC).date()
    report = tmp_path / "check.json"
    main(["check", str(out), "-f", "json", "-o", str(report), "--include-passed",
          "--rule", "secretsmanager-secret-used"])  # fmt: skip
    (finding,) = json.loads(report.read_text())["findings"]
    assert finding["outcome"] == "PASS" and "never retrieved" in finding["message"]
