"""One module per command-line verb; each registers itself on `archcode.cli.app`."""
