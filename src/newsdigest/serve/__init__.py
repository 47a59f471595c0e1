"""serve stage: the web pages and JSON API over a store (``create_app``)."""

from newsdigest.serve.app import create_app

__all__ = ["create_app"]
