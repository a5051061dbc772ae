"""archcode.rules."""
