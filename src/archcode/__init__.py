"""archcode: an AWS architecture as code."""

__version__ = "0.1.0"
