"""Query strings for the library page: filters live in the URL, so a search can be bookmarked and shared."""

from __future__ import annotations

from urllib.parse import urlencode

from starlette.datastructures import QueryParams

MULTI = frozenset({"muscle", "equipment", "have"})


def toggled(params: QueryParams, key: str, value: str) -> str:
    """The query string with `key=value` switched on or off (and back to page 1)."""
    items = [(k, v) for k, v in params.multi_items() if k != "page"]
    if (key, value) in items:
        items = [(k, v) for k, v in items if (k, v) != (key, value)]
    elif key in MULTI:
        items.append((key, value))
    else:
        items = [(k, v) for k, v in items if k != key] + [(key, value)]
    return "?" + urlencode(items) if items else "?"


def with_page(params: QueryParams, page: int) -> str:
    items = [(k, v) for k, v in params.multi_items() if k != "page"] + [("page", str(page))]
    return "?" + urlencode(items)
