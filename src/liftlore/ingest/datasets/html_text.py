"""wger's descriptions are HTML: turn them into plain steps, with no markup left to reach a page."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

_SPACE = re.compile(r"\s+")


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def html_to_steps(html: str) -> tuple[str, ...]:
    """List items become steps; otherwise each paragraph (or line) does. Scripts and styles are dropped whole."""
    if not html or not html.strip():
        return ()
    soup = BeautifulSoup(html, "html.parser")
    for element in soup(["script", "style", "iframe", "object", "embed", "template"]):
        element.decompose()
    items = [_clean(li.get_text(" ")) for li in soup.find_all("li")]
    if items:
        return tuple(item for item in items if item)
    blocks = soup.find_all(["p", "div", "h1", "h2", "h3", "h4"])
    if blocks:
        texts = [_clean(block.get_text(" ")) for block in blocks if not block.find(["p", "div"])]
    else:
        texts = [_clean(line) for line in soup.get_text("\n").split("\n")]
    return tuple(text for text in texts if text)
