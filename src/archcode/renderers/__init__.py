"""archcode.renderers."""
