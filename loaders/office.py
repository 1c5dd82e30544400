"""Legacy and other office files (.doc .wps .rtf .odt .xls .et .ods) -> .docx/.xlsx bytes,
converted by LibreOffice, then read by the .docx and .xlsx readers.

Each conversion runs `soffice --headless --convert-to` in a private temporary profile and
folder (so it neither waits on nor disturbs a LibreOffice the user has open) and is killed
at the parse time reading, so a file that makes LibreOffice hang is one line of error.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from dutygraph.errors import InputError

from .budgets import Reading

_INSTALL = (
    "LibreOffice is needed to read it (Debian: apt-get install libreoffice-writer-nogui "
    "libreoffice-calc-nogui; or run scripts/install-system-deps)"
)


def soffice() -> str | None:
    """The LibreOffice binary on PATH, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(data: bytes, source_suffix: str, target: str, reading: Reading) -> bytes:
    """The file converted to `target` ("docx" or "xlsx"); InputError when it cannot be."""
    binary = soffice()
    if binary is None:
        raise InputError(f"{reading.name}: {source_suffix} file: {_INSTALL}")
    with tempfile.TemporaryDirectory(prefix="dutygraph-soffice-") as tmp:
        folder = Path(tmp)
        source = folder / f"in{source_suffix}"
        source.write_bytes(data)
        out = folder / "out"
        command = [
            binary,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            str(source),
        ]
        _run(command, reading, folder)
        converted = out / f"in.{target}"
        if not converted.exists() or converted.stat().st_size == 0:
            raise InputError(
                f"{reading.name}: LibreOffice could not read this {source_suffix} file "
                "(corrupt, or not what its bytes claim)"
            )
        return converted.read_bytes()


def _run(command: list[str], reading: Reading, home: Path) -> None:
    reading.check_time()
    seconds = reading.seconds_left()
    # Its own process group, so a timeout kills soffice.bin and whatever it started.
    child = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
        env={**os.environ, "HOME": str(home)},
    )
    try:
        _, err = child.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()
        raise InputError(
            f"{reading.name}: LibreOffice did not finish converting it in {seconds:.1f} s "
            "(raise DUTYGRAPH_MAX_PARSE_SECONDS)"
        ) from None
    if child.returncode != 0:
        reason = (err.decode(errors="replace").strip().splitlines() or ["no message"])[-1]
        raise InputError(f"{reading.name}: LibreOffice failed to convert it ({reason[:120]})")
