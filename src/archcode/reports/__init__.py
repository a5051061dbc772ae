"""archcode.reports."""
