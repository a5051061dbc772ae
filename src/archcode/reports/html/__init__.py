"""The HTML report: one self-contained, offline page with summary, diagram, findings and cost."""

from archcode.reports.html.page import render_html_report

__all__ = ["render_html_report"]
