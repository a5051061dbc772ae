"""archcode.collectors."""
