"""One pydantic model per resource kind, each in the module named after its kind (vpc.py ...).

What several kinds share is in _shared.py; lazy.py has isinstance stand-ins for the rules; the
six group modules (compute, data, integration, network, operations, security) re-export their
family's kinds for code off the `archcode check` path.
"""
