"""One module per command-line verb; each registers itself on `archcode.cli.app`.

The command line is set up first, whichever verb module is imported first (a test may import
`archcode.verbs.check` before anything else): `archcode.cli` registers every verb, so a verb
that imports another (audit → discover) never meets it half-initialised.
"""

import archcode.cli  # noqa: F401
