"""Vendors the front-end files the web applications serve and the browser tests inject.

``scripts/vendor.json`` pins each npm package to an exact version and the ``integrity`` (sha512)
the npm registry publishes for its tarball. This script downloads each tarball, refuses it when
the hash differs, and copies only the listed files (and the package's licence) into the tree:

- target ``static``: ``src/zaakgericht/web/layout/static/vendor/<dir>/``, served at ``/static/vendor/``;
- target ``tests``: ``tests/web/vendor/<dir>/``, used by the browser tests only.

It then records the SHA-256 of every copied file in vendor.json. The copies are committed; the
running system never calls npm. ``--check`` verifies offline that the copies match vendor.json.

    python scripts/vendor_static.py                 # download, verify and copy every package
    python scripts/vendor_static.py --target tests  # only the packages of one target
    python scripts/vendor_static.py --check         # offline: are the copies what vendor.json says?

To update a package: ``npm view <package>@<version> version dist.integrity``, put both in
vendor.json, run this script and commit vendor.json with the changed files.
"""

import argparse
import base64
import hashlib
import io
import json
import sys
import tarfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = Path(__file__).resolve().parent / "vendor.json"
REGISTRY = "https://registry.npmjs.org"


def load_manifest() -> dict:
    return json.loads(MANIFEST.read_text(encoding="utf-8"))


def save_manifest(manifest: dict) -> None:
    MANIFEST.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def target_dir(manifest: dict, package: dict) -> Path:
    return ROOT / manifest["targets"][package["target"]] / package["dir"]


def tarball_url(package: dict) -> str:
    """``@scope/name`` 1.2.3 -> ``<registry>/@scope/name/-/name-1.2.3.tgz``, as npm publishes it."""
    name = package["name"]
    return f"{REGISTRY}/{name}/-/{name.rsplit('/', 1)[-1]}-{package['version']}.tgz"


def verify_integrity(data: bytes, integrity: str) -> None:
    algorithm, _, expected = integrity.partition("-")
    if algorithm != "sha512":
        raise SystemExit(f"only sha512 integrity is accepted, not {integrity!r}")
    actual = base64.b64encode(hashlib.sha512(data).digest()).decode()
    if actual != expected:
        raise SystemExit(f"integrity mismatch: expected sha512-{expected}, got sha512-{actual}")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def vendor(manifest: dict, package: dict) -> None:
    url = tarball_url(package)
    print(f"{package['name']}@{package['version']}: {url}")
    with urllib.request.urlopen(url, timeout=60) as response:
        data = response.read()
    verify_integrity(data, package["integrity"])
    destination = target_dir(manifest, package)
    destination.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        for file in package["files"]:
            # Members are read by name, never extracted as a whole: no path of the tarball is trusted.
            member = tar.extractfile(f"package/{file['from']}")
            if member is None:
                raise SystemExit(f"{package['name']}: {file['from']} is not a file in the tarball")
            contents = member.read()
            (destination / file["to"]).write_bytes(contents)
            file["sha256"] = sha256(contents)
            print(f"  {file['from']} -> {(destination / file['to']).relative_to(ROOT)}")


def check(manifest: dict, packages: list[dict]) -> list[str]:
    """The differences between the vendored files and vendor.json (an empty list when they match)."""
    problems = []
    expected_by_dir: dict[Path, set[str]] = {}
    for package in packages:
        destination = target_dir(manifest, package)
        for file in package["files"]:
            path = destination / file["to"]
            expected_by_dir.setdefault(destination, set()).add(file["to"])
            if not path.is_file():
                problems.append(f"missing: {path.relative_to(ROOT)}")
            elif "sha256" not in file:
                problems.append(f"no sha256 recorded for {path.relative_to(ROOT)}: run the script")
            elif sha256(path.read_bytes()) != file["sha256"]:
                problems.append(f"changed: {path.relative_to(ROOT)} is not {package['name']}@{package['version']}")
    for directory, names in expected_by_dir.items():
        if directory.is_dir():
            for path in sorted(directory.iterdir()):
                if path.is_file() and path.name not in names:
                    problems.append(f"not in vendor.json: {path.relative_to(ROOT)}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="verify the vendored files offline; change nothing")
    parser.add_argument("--target", action="append", help="only the packages of this target (static, tests)")
    arguments = parser.parse_args(argv)

    manifest = load_manifest()
    unknown = set(arguments.target or []) - set(manifest["targets"])
    if unknown:
        parser.error(f"unknown target(s): {', '.join(sorted(unknown))}; known: {', '.join(manifest['targets'])}")
    packages = [p for p in manifest["packages"] if not arguments.target or p["target"] in arguments.target]

    if arguments.check:
        problems = check(manifest, packages)
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            print("the vendored files differ from scripts/vendor.json: run scripts/vendor_static.py", file=sys.stderr)
            return 1
        print(f"{sum(len(p['files']) for p in packages)} vendored files match scripts/vendor.json")
        return 0

    for package in packages:
        vendor(manifest, package)
    save_manifest(manifest)
    return 0


if __name__ == "__main__":
    sys.exit(main())
