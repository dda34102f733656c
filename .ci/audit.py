"""`make audit`: known vulnerabilities in the production lock (pip-audit), with written-down exceptions.

pip-audit asks the package index's vulnerability service about every pinned package of requirements.lock.
A vulnerability listed in .ci/audit-exceptions.txt (`ID  reason`, one a line) is ignored with its reason
printed; any other fails the audit. A package the service could not answer for is reported: when it could
answer for none (a machine without access to the service), the audit says so plainly and, with
AUDIT_OPTIONAL=1 (CI on closed machines), does not fail.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXCEPTIONS = ROOT / ".ci" / "audit-exceptions.txt"


def exceptions() -> dict[str, str]:
    found = {}
    for line in EXCEPTIONS.read_text().splitlines() if EXCEPTIONS.exists() else []:
        line = line.strip()
        if line and not line.startswith("#"):
            ident, _, reason = line.partition(" ")
            found[ident] = reason.strip()
    return found


def main() -> int:
    ignored = exceptions()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "audit.json"
        command = [
            str(ROOT / ".venv" / "bin" / "pip-audit"),
            "--require-hashes",
            "--disable-pip",
            "--requirement",
            str(ROOT / "requirements.lock"),
            "--format",
            "json",
            "--output",
            str(out),
        ]
        for ident in ignored:
            command += ["--ignore-vuln", ident]
        run = subprocess.run(command, capture_output=True, text=True)  # noqa: S603 (our own venv tool)
        if not out.exists():
            print(run.stderr, file=sys.stderr)
            return run.returncode or 1
        report = json.loads(out.read_text())
    packages = report["dependencies"]
    skipped = [p for p in packages if "skip_reason" in p]
    vulnerable = [p for p in packages if p.get("vulns")]
    for ident, reason in ignored.items():
        print(f"exception {ident}: {reason}")
    for package in vulnerable:
        for vuln in package["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions", [])) or "no fix yet"
            print(
                f"VULNERABLE {package['name']} {package['version']}: {vuln['id']} (fixed in {fixed})"
            )
    audited = len(packages) - len(skipped)
    print(
        f"pip-audit: {audited} of {len(packages)} pinned packages audited, {len(vulnerable)} vulnerable"
    )
    if vulnerable:
        return 1
    if skipped and audited == 0:
        print(
            "the vulnerability service answered for no package: it is not reachable from this machine"
        )
        return 0 if os.environ.get("AUDIT_OPTIONAL") == "1" else 1
    for package in skipped:
        print(f"not audited: {package['name']} ({package['skip_reason']})")
    return 1 if skipped else 0


if __name__ == "__main__":
    sys.exit(main())
