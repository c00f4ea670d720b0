"""Turn the hand-written probe batch (batch*.txt) into the corpus format, with the markup and the
reader of ``../probes_health/build.py`` (``register<TAB>text``, ``{h:words}`` marks a gold span).

    python checks/subjective/probes_c8/build.py
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("probes_health_build", HERE.parent / "probes_health" / "build.py")
assert _spec is not None and _spec.loader is not None
_reader = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_reader)

if __name__ == "__main__":
    _reader.main(HERE)
