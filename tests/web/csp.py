"""``watch_csp_violations(context, violations)``: collects the Content-Security-Policy violations of a context."""

# An init script runs before the page's own scripts and is not itself subject to the page's policy.
_REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolation(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"} in ${event.documentURI}`
    + (event.sample ? `: ${event.sample}` : ""));
});
"""


async def watch_csp_violations(context, violations: list[str]) -> None:
    """From now on, appends to ``violations`` a description of each violation in any page of ``context``:
    the ``securitypolicyviolation`` events and the browser's "Refused to ..." console messages."""
    await context.expose_binding("__cspViolation", lambda source, text: violations.append(text))
    await context.add_init_script(_REPORT_VIOLATIONS)

    def note_refusal(message) -> None:
        if message.text.startswith("Refused to") or "Content Security Policy" in message.text:
            violations.append(message.text)

    context.on("console", note_refusal)
