"""A rendered page as a small tree (standard library only), for writers that rebuild a
document from its HTML rather than from the model: the Word file says what the HTML says."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = frozenset({"br", "img", "meta", "link", "hr", "input", "source", "wbr"})
"""Elements without an end tag."""


@dataclass
class Node:
    """An element: its tag, attributes and children (nodes and text)."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def text(self) -> str:
        """Return the text inside, whitespace collapsed."""
        parts: list[str] = []

        def collect(node: Node | str) -> None:
            if isinstance(node, str):
                parts.append(node)
            elif node.tag == "br":
                parts.append(" ")
            else:
                for child in node.children:
                    collect(child)

        collect(self)
        return " ".join("".join(parts).split())

    def find(self, tag: str) -> Node | None:
        """Return the first element `tag` at or below this one."""
        if self.tag == tag:
            return self
        for child in self.children:
            if isinstance(child, Node) and (found := child.find(tag)) is not None:
                return found
        return None


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(page: str) -> Node:
    """Return the tree of an HTML page."""
    builder = _Builder()
    builder.feed(page)
    builder.close()
    return builder.root
