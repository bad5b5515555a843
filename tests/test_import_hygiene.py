"""core is a library first: importing it must not pull in textual or rich."""

import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent / "reader" / "core"


def test_core_imports_no_textual_or_rich():
    modules = sorted(
        "reader.core." + ".".join(p.relative_to(CORE).with_suffix("").parts)
        for p in CORE.rglob("*.py")
        if p.name != "__init__.py"
    )
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')]\n"
        + "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"core pulled in {result.stdout.strip()}"
