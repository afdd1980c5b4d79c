"""Service functions: what the CLI, the web pages and the JSON API all call."""
