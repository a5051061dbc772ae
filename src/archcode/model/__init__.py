"""archcode.model."""
