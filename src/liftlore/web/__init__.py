"""The web app: HTML pages and (later) their JSON twins, over the same service functions."""
