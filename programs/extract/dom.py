"""Parse a page once with lxml and turn it into what the text rules read.

* ``parse_document(body, encoding)`` -> an lxml HTML tree (bytes are decoded by the
  declared charset, else UTF-8, else cp1252; a body that cannot be parsed gives ``None``).
* ``page_parts(tree)`` -> :class:`PageParts`: the title, meta tags, the JSON-LD script
  texts, the footer / address texts (for the school's own address), the site name,
  and the main content as a list of :class:`Block` (one per paragraph, list item,
  heading, table cell, definition term ...) plus the facts tables and definition lists
  found in it (:class:`Fact`: label, value, index of the block where it starts).

The main content is ``<main>`` / ``[role=main]`` / ``<article>`` / ``#content`` when the
page has one, else ``<body>``; navigation, headers, footers, sidebars, forms, scripts and
styles are dropped from it (an element that holds the page's ``<h1>`` is never dropped).
"""

from __future__ import annotations

import html as html_lib
import itertools
import re
from dataclasses import dataclass, field
from typing import Any

import lxml.html
from lxml import etree

MAX_BODY = 3_000_000  # bytes parsed at most: a program page is never larger
MAX_BLOCKS = (
    1500  # blocks of main content read at most (a program page has a few dozen to a few hundred)
)
MAX_CHARS = 150_000  # characters of main content read at most
MAX_BLOCK_CHARS = 10_000  # characters of one block read at most

_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_BLOCK_TAGS = frozenset(
    "p div li ul ol dl dt dd table tr td th thead tbody tfoot caption h1 h2 h3 h4 h5 h6 section article main header "
    "footer aside nav blockquote pre address figure figcaption form fieldset hr body html center details summary "
    "legend option".split()
)
_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "iframe",
    "form",
    "nav",
    "aside",
    "button",
    "select",
    "textarea",
    "object",
    "embed",
    "video",
    "audio",
    "canvas",
    "map",
)
_BOILER_TOKENS = frozenset(
    "nav navbar navigation menu menus breadcrumb breadcrumbs sidebar widget widgets skip topbar utility cookie cookies "
    "share social footer header masthead colophon rfi disclaimer modal popup offcanvas toolbar subnav megamenu "
    "searchform search".split()
)
_TOKEN_SPLIT = re.compile(r"[\s_-]+")
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_CHARSET_META = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_XML_DECL = re.compile(rb"^\s*<\?xml[^>]*\?>")


@dataclass
class Block:
    """One block of the main content in document order."""

    tag: str
    text: str
    level: int = 0  # 1..6 for headings (and pseudo-headings of legacy pages), else 0
    classes: str = ""
    pseudo: bool = False  # a legacy "<b><font size=4>" heading


@dataclass
class Fact:
    """A labelled fact from a table row, a definition list or a "Label: value" line."""

    label: str
    value: str
    block: int  # index of the first block at or after the fact's element


@dataclass
class PageParts:
    title: str = ""
    lang: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    jsonld_nodes: list = field(default_factory=list)  # script elements (type application/ld+json)
    copyright_names: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    _body: object = None
    _body_text: str | None = None
    _address_elements: list = field(default_factory=list)

    def iter_address_texts(self):
        """Texts of <address>, vcards and footers, best first, each computed only when asked for."""
        for el in self._address_elements:
            text = _text_lines(el, limit=6000)
            if text:
                yield text

    @property
    def body_text(self) -> str:
        """The visible text of the page body (fallback for the address; computed lazily, once; navigation and
        boilerplate inside the main content are gone by then)."""
        if self._body_text is None:
            self._body_text = (
                _text_lines(self._body, limit=MAX_CHARS) if self._body is not None else ""
            )
        return self._body_text

    def body_text_lines(self) -> list[str]:
        return self.body_text.split("\n")


# typographic quotes as plain ones: the rules are written with ' and " ("the program's graduates")
_PLAIN_QUOTES = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "\u201c": '"', "\u201d": '"'}
)


def norm_space(text: str) -> str:
    """One space between words, typographic quotes made plain, no space at either end."""
    return _SPACES.sub(" ", text).strip().translate(_PLAIN_QUOTES)


def _detect_encoding(body: bytes) -> str:
    if body.startswith(b"\xef\xbb\xbf"):
        return "utf-8"
    # the byte order by name: lxml reads a plain "utf-16" as little-endian whatever the mark says
    if body.startswith(b"\xff\xfe"):
        return "UTF-16LE"
    if body.startswith(b"\xfe\xff"):
        return "UTF-16BE"
    m = _CHARSET_META.search(body[:4096])
    if m:
        name = m.group(1).decode("ascii", "ignore").lower()
        if name in ("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"):
            return "cp1252"  # what browsers do
        try:
            "".encode(name)
            return name
        except LookupError:
            pass
    try:
        body.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "cp1252"


def parse_document(body: bytes | str, encoding: str | None = None):
    """An lxml HTML document for ``body``; ``None`` when nothing can be parsed."""
    if isinstance(body, str):
        data = body.encode("utf-8", "replace")
        encoding = "utf-8"
    elif isinstance(body, (bytes, bytearray, memoryview)):
        data = bytes(body)
    else:
        return None
    data = data[:MAX_BODY]
    if not data.strip():
        return None
    data = _XML_DECL.sub(b"", data, count=1)
    if encoding:
        try:
            "".encode(encoding)
        except (LookupError, TypeError):
            encoding = None
    enc = encoding or _detect_encoding(data)
    try:
        parser = lxml.html.HTMLParser(encoding=enc, remove_comments=True, remove_pis=True)
        tree = lxml.html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError, LookupError):
        try:
            text = data.decode(enc, "replace")
            tree = lxml.html.document_fromstring(text)
        except (etree.ParserError, ValueError, LookupError):
            return None  # nothing parseable: not a page
    return tree


def _tokens(el) -> set[str]:
    out: set[str] = set()
    for attr in ("class", "id"):
        value = el.get(attr)
        if value:
            out.update(t for t in _TOKEN_SPLIT.split(value.lower()) if t)
    return out


def _text_lines(el, limit: int = 0) -> str:
    """Text of an element with a newline for <br> and for each block element (about ``limit`` characters at most)."""
    parts: list[str] = []
    size = 0
    for event, node in etree.iterwalk(el, events=("start", "end")):
        if limit and size > limit:
            break
        tag = node.tag if isinstance(node.tag, str) else ""
        if event == "start":
            if tag in _DROP_TAGS and node is not el:
                continue
            if tag == "br" or tag in _BLOCK_TAGS:
                parts.append("\n")
            if node.text and tag not in ("script", "style"):
                parts.append(node.text.replace("\n", " "))
                size += len(node.text)
        else:
            if tag in _BLOCK_TAGS:
                parts.append("\n")
            if node is not el and node.tail:
                parts.append(node.tail.replace("\n", " "))
    lines = [norm_space(line) for line in "".join(parts).split("\n")]
    return "\n".join(line for line in lines if line)


def _inside(el, ancestor) -> bool:
    parent = el.getparent()
    while parent is not None:
        if parent is ancestor:
            return True
        parent = parent.getparent()
    return False


def _attached(el, root) -> bool:
    """Still inside ``root`` (an ancestor may have been dropped already)."""
    return el is root or _inside(el, root)


def _has_h1(el) -> bool:
    return el.tag == "h1" or next(el.iter("h1"), None) is not None


def _choose_main(body, candidates: list[tuple[int, object]]):
    """<main>, else [role=main], else <article>, else #content / #main-content / #main, else <body>."""
    by_rank: dict[int, list] = {}
    for rank, el in candidates:
        by_rank.setdefault(rank, []).append(el)
    for rank in sorted(by_rank):
        found = by_rank[rank]
        cand = max(found, key=lambda e: len(e.text_content())) if len(found) > 1 else found[0]
        if len(cand.text_content().strip()) >= 40:
            return cand
    return body


def _is_boilerplate(el) -> bool:
    tag = el.tag
    if tag in ("header", "footer"):
        return True
    role = (el.get("role") or "").lower()
    if role in ("navigation", "banner", "contentinfo", "search", "complementary", "dialog"):
        return True
    return bool(_tokens(el) & _BOILER_TOKENS)


def _clean_main(main) -> None:
    for el in list(main.iter(*_DROP_TAGS)):
        if el is main or el.getparent() is None:
            continue
        el.drop_tree()
    for el in main.xpath(".//*[@class or @id or @role] | .//header | .//footer"):
        if (
            el is main
            or not isinstance(el.tag, str)
            or el.getparent() is None
            or not _attached(el, main)
        ):
            continue
        if _is_boilerplate(el) and not _has_h1(el):
            el.drop_tree()


def _pseudo_heading(el) -> bool:
    """A legacy heading: a block whose whole text sits in <font size=4+> or <b>/<strong> with big font."""
    for font in el.iter("font"):
        size = (font.get("size") or "").strip().lstrip("+")
        if size.isdigit() and int(size) >= 4:
            ft = norm_space(font.text_content())
            if ft and ft == norm_space(el.text_content()):
                return True
    return False


def _walk_blocks(main) -> tuple[list[Block], list[tuple[int, Any]]]:  # noqa: C901
    """Blocks of the main content, and (block index, element) of tables and definition lists."""
    blocks: list[Block] = []
    structures: list[tuple[int, Any]] = []
    buf: list[str] = []
    stack: list[Any] = []  # open block elements

    def flush() -> None:
        if not buf:
            return
        raw = "".join(buf)
        buf.clear()
        lines = [norm_space(line) for line in raw[:MAX_BLOCK_CHARS].split("\n")]
        text = "\n".join(line for line in lines if line)
        if not text:
            return
        owner = stack[-1] if stack else main
        tag = owner.tag if isinstance(owner.tag, str) else "div"
        level = _HEADINGS.get(tag, 0)
        pseudo = False
        if (
            not level
            and tag in ("p", "td", "div", "center")
            and len(text) <= 150
            and _pseudo_heading(owner)
        ):
            level, pseudo = 1, True
        blocks.append(Block(tag, text, level, owner.get("class") or "", pseudo))

    size = 0
    for event, node in etree.iterwalk(main, events=("start", "end")):
        if len(blocks) >= MAX_BLOCKS or size > MAX_CHARS:
            break
        tag = node.tag if isinstance(node.tag, str) else ""
        if event == "start":
            if node.text:
                size += len(node.text)
            if tag in _BLOCK_TAGS:
                flush()
                stack.append(node)
                if tag in ("table", "dl"):
                    structures.append((len(blocks), node))
            elif tag == "br":
                buf.append("\n")
            if node.text and tag:
                buf.append(node.text.replace("\n", " "))
        else:
            if tag in _BLOCK_TAGS:
                flush()
                if stack and stack[-1] is node:
                    stack.pop()
            if node is not main and node.tail:
                buf.append(node.tail.replace("\n", " "))
    flush()
    return blocks, structures


_COURSE_LINE = re.compile(r"^[A-Z]{2,5}\s?-?\d{3}[A-Z]?\b")
_LABEL_LINE = re.compile(
    r"^\s*([A-Za-z\u00c0-\u024f][\w\u00c0-\u024f /&().,'-]{1,40}?)\s*:\s*(\S.*)$", re.DOTALL
)


def _cell_text(el) -> str:
    return norm_space(" ".join(el.itertext()))


def _table_facts(table, start: int) -> list[Fact]:
    facts: list[Fact] = []
    rows = [tr for tr in itertools.islice(table.iter("tr"), 300) if _closest_table(tr) is table]
    if not rows:
        return facts
    first_cells = [c for c in rows[0] if isinstance(c.tag, str) and c.tag in ("th", "td")]
    header_row = (
        bool(first_cells) and all(c.tag == "th" for c in first_cells) and len(first_cells) >= 2
    )
    if header_row and len(rows) >= 2:
        labels = [_cell_text(c) for c in first_cells]
        for tr in rows[1:3]:
            cells = [c for c in tr if isinstance(c.tag, str) and c.tag in ("th", "td")]
            if len(cells) != len(labels):
                continue
            for label, cell in zip(labels, cells, strict=False):
                value = _cell_text(cell)
                if label and value:
                    facts.append(Fact(label, value, start))
        if facts:
            return facts
    for tr in rows:
        cells = [c for c in tr if isinstance(c.tag, str) and c.tag in ("th", "td")]
        if len(cells) != 2:
            continue
        label, value = _cell_text(cells[0]), _cell_text(cells[1])
        if (
            label
            and value
            and len(label) <= 50
            and (cells[0].tag == "th" or label.endswith(":") or len(label) <= 30)
        ):
            facts.append(Fact(label.rstrip(": "), value, start))
    return facts


def _closest_table(el):
    parent = el.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _dl_facts(dl, start: int) -> list[Fact]:
    facts: list[Fact] = []
    label = None
    for child in itertools.islice(dl.iter("dt", "dd"), 400):
        if child.tag == "dt":
            label = _cell_text(child)
        elif label:
            value = _cell_text(child)
            if value:
                facts.append(Fact(label.rstrip(": "), value, start))
    return facts


def _line_facts(blocks: list[Block]) -> list[Fact]:
    facts: list[Fact] = []
    for i, block in enumerate(blocks):
        if block.level or block.tag not in ("p", "li", "div", "td", "dd", "span"):
            continue
        if "course" in block.classes.lower() or _COURSE_LINE.match(block.text):
            continue  # "HIT 101 - Medical Terminology Credits: 3" is a course, not the program
        for line in block.text.split("\n"):
            if len(line) > 300:
                continue
            m = _LABEL_LINE.match(line)
            if m:
                facts.append(Fact(m.group(1).strip(), m.group(2).strip(), i))
    return facts


_COPYRIGHT = re.compile(
    r"(?:\u00a9|&copy;|\(c\)|copyright)\s*(?:\d{4}\s*(?:[-\u2013]\s*\d{4}\s*)?)?(?:by\s+)?(.+)",
    re.IGNORECASE,
)
_COPYRIGHT_END = re.compile(
    r"\s*(?:\.\s*)?(?:all\s+rights\s+reserved.*|\u00b7.*|\|.*)$", re.IGNORECASE
)


def copyright_name(text: str) -> str | None:
    m = _COPYRIGHT.search(text)
    if not m:
        return None
    name = _COPYRIGHT_END.sub("", m.group(1)).strip(" .,;:-\u00b7|")
    if not name or len(name) > 100 or not re.search(r"[A-Za-z]", name):
        return None
    return name


def _head_parts(root, parts: PageParts) -> None:
    """Language, title, meta tags and JSON-LD scripts."""
    parts.lang = (root.get("lang") or "").lower()
    title_el = root.find(".//title")
    if title_el is not None:
        parts.title = norm_space(" ".join(html_lib.unescape(title_el.text_content() or "").split()))
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").lower()
        if key and meta.get("content") and key not in parts.meta:
            parts.meta[key] = norm_space(meta.get("content"))
    parts.jsonld_nodes = [
        s
        for s in root.iter("script")
        if (s.get("type") or "").strip().lower() == "application/ld+json"
    ]
    for s in parts.jsonld_nodes:
        s.set("type", "application/ld+json")  # as extruct looks for it ("application/LD+JSON" too)


@dataclass
class Landmark:
    """What one element may be: an address block (rank: lower is better), a copyright line, a
    logo, the main content (rank)."""

    address: int | None = None
    copyright: bool = False
    logo: bool = False
    main: int | None = None


def landmark_kind(tag: str, cls: str, ident: str, role: str, itemtype: str = "") -> Landmark:
    """The landmark roles of an element from its tag and attributes (lower-cased class/id/role)."""
    tokens = set(cls.split())
    address = None
    if tag == "address":
        address = 0
    elif "vcard" in tokens or "PostalAddress" in itemtype:
        address = 1
    elif tag == "footer" or role == "contentinfo":
        address = 2
    elif "footer" in cls or "footer" in ident:
        address = 3
    main = None
    if tag == "main":
        main = 0
    elif role == "main":
        main = 1
    elif tag == "article":
        main = 2
    elif ident in ("content", "main-content"):
        main = 3
    elif ident == "main":
        main = 4
    return Landmark(
        address=address,
        copyright=tag == "footer"
        or "copyright" in cls
        or "copyright" in ident
        or "site-info" in cls,
        logo="site-title" in cls or "logo" in cls or "brand" in cls,
        main=main,
    )


def _scan_landmarks(body) -> tuple[list, list, list, list]:
    """One pass over the elements with attributes: (addresses, copyright elements, logos, mains)."""
    addresses: list[tuple[int, object]] = []
    copyright_els: list = []
    logos: list = []
    mains: list[tuple[int, object]] = []
    for el in body.xpath(
        "//*[@class or @id or @role or @itemtype] | //address | //footer | //main | //article"
    ):
        if not isinstance(el.tag, str):
            continue
        kind = landmark_kind(
            el.tag,
            (el.get("class") or "").lower(),
            (el.get("id") or "").lower(),
            (el.get("role") or "").lower(),
            el.get("itemtype") or "",
        )
        if kind.address is not None:
            addresses.append((kind.address, el))
        if kind.copyright:
            copyright_els.append(el)
        if kind.logo:
            logos.append(el)
        if kind.main is not None:
            mains.append((kind.main, el))
    return addresses, copyright_els, logos, mains


def _best_addresses(addresses: list[tuple[int, object]], limit: int = 8) -> list:
    """The address elements, best first, none inside another one already taken."""
    taken: list = []
    for _rank, el in sorted(addresses, key=lambda r: r[0]):
        if any(el is t or _inside(el, t) for t in taken):
            continue
        taken.append(el)
        if len(taken) >= limit:
            break
    return taken


def _copyright_names(copyright_els: list, parts: PageParts) -> list[str]:
    names = [
        n for n in (copyright_name(norm_space(el.text_content())) for el in copyright_els) if n
    ]
    if not names:
        names = [n for n in (copyright_name(line) for line in parts.body_text_lines()[-15:]) if n]
    return names


def _logo_name(logos: list) -> str | None:
    for el in logos:
        text = norm_space(el.text_content())
        if not text:
            img = next(el.iter("img"), None)
            text = norm_space(img.get("alt") or "") if img is not None else ""
        if text and len(text) <= 100:
            return text
    return None


def _facts(blocks: list[Block], structures: list[tuple[int, Any]]) -> list[Fact]:
    """Labelled facts of tables, definition lists and "Label: value" lines, in page order."""
    facts: list[Fact] = []
    for start, el in structures:
        if el.tag == "table":
            facts.extend(_table_facts(el, start))
        else:
            facts.extend(_dl_facts(el, start))
    facts.extend(_line_facts(blocks))
    facts.sort(key=lambda f: f.block)
    return facts


def page_parts(tree) -> PageParts:
    """Everything the rules read, from a parsed document (the tree is modified)."""
    parts = PageParts()
    _head_parts(tree, parts)
    body = tree.find("body")
    if body is None:
        body = tree
    addresses, copyright_els, logos, mains = _scan_landmarks(body)
    parts._address_elements = _best_addresses(addresses)
    parts._body = body
    parts.copyright_names = _copyright_names(copyright_els, parts)
    if not parts.meta.get("og:site_name"):
        logo = _logo_name(logos)
        if logo:
            parts.meta["x-logo"] = logo
    main = _choose_main(body, mains)
    _clean_main(main)
    parts._body_text = None  # read again when asked: without what the cleaning dropped
    parts.blocks, structures = _walk_blocks(main)
    parts.facts = _facts(parts.blocks, structures)
    return parts
