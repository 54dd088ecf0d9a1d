"""The benchmarks time real work: their synthetic curriculum must stay valid as trainkit's rules grow
(a warning would stop `bench/` before it measures anything)."""

from __future__ import annotations

import sys
from pathlib import Path

from trainkit.api import validate

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from synthetic import write_synthetic_curriculum  # noqa: E402


def test_the_benchmark_curriculum_validates_without_a_warning(tmp_path: Path) -> None:
    root = write_synthetic_curriculum(tmp_path / "curriculum", modules=2, sessions_per_module=20)

    result = validate(root)

    assert result.ok(strict=True), [f"{d.code}: {d.message}" for d in result.report.diagnostics]
    assert len(result.curriculum.modules) == 2
