"""``assert_accessible(page)``: runs axe-core in the page and fails on serious or critical violations.

axe-core is vendored in ``tests/web/vendor/axe.min.js`` (``scripts/vendor_static.py``), so no
test fetches it from the network. It is evaluated in the page through the DevTools protocol, not added as
a ``<script>``: the pages' Content-Security-Policy (rightly) refuses inline scripts, and the test must not
weaken the policy it checks the pages under.
"""

from pathlib import Path

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
FAILING_IMPACTS = ("serious", "critical")


async def accessibility_violations(page, impacts=FAILING_IMPACTS) -> list[dict]:
    """The axe violations of the page as it is now, limited to the given impacts."""
    if not await page.evaluate("typeof window.axe !== 'undefined'"):
        await page.evaluate(AXE.read_text(encoding="utf-8"))
    results = await page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [violation for violation in results["violations"] if violation["impact"] in impacts]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"]:
            lines.append(f"    at {', '.join(map(str, node['target']))}: {node['html'][:200]}")
    return "\n".join(lines)


async def assert_accessible(page) -> None:
    """Fails listing every axe violation of impact serious or critical on the page."""
    violations = await accessibility_violations(page)
    assert not violations, f"{len(violations)} accessibility violation(s) on {page.url}:\n{describe(violations)}"
