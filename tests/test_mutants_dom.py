"""programs/extract/dom.py pinned down: what the text rules get from a page's HTML (blocks, headings,
labelled facts, the school's name and address, encodings, limits), the cases mutation testing showed
no test would notice.

Pages, schools and addresses are fictional.
"""

from __future__ import annotations

import pytest

from programs.extract import dom
from programs.extract.dom import (
    Block,
    Fact,
    copyright_name,
    landmark_kind,
    norm_space,
    page_parts,
    parse_document,
)


def parts(body: str | bytes, encoding: str | None = None) -> dom.PageParts:
    tree = parse_document(body, encoding)
    assert tree is not None
    return page_parts(tree)


def page(main: str, *, head: str = "", outside: str = "") -> dom.PageParts:
    return parts(f"<html><head>{head}</head><body>{outside}<main>{main}</main></body></html>")


def texts(p: dom.PageParts) -> list[str]:
    return [b.text for b in p.blocks]


FILLER = "Fictional Technical College trains coders and billers. " * 2  # > 40 characters


# --- norm_space --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ("  one \t two\u00a0three\u2003four\u202ffive\u3000six  ", "one two three four five six"),
        ("\u2018single\u2019 \u201cdouble\u201d \u201bodd\u2032", "'single' \"double\" 'odd'"),
        ("the program\u2019s graduates", "the program's graduates"),
        ("line\none", "line\none"),  # newlines are kept: they separate lines of a block
        ("\r\f\v", ""),
    ],
)
def test_norm_space(text, expected):
    assert norm_space(text) == expected


# --- encodings ---------------------------------------------------------------------------------

ACCENTED = "Programa de Facturaci\u00f3n M\u00e9dica"


@pytest.mark.parametrize(
    "body,encoding",
    [
        # a byte-order mark wins over a wrong declaration
        (b"\xef\xbb\xbf<meta charset=cp1252><h1>" + ACCENTED.encode("utf-8") + b"</h1>", None),
        ("<h1>" + ACCENTED + "</h1>", None),  # text is UTF-8 whatever is declared
        (("<meta charset=koi8-r><h1>" + ACCENTED + "</h1>"), "koi8-r"),
        # UTF-16 with its byte-order mark, either byte order
        ("\ufeff<html><body><h1>" + ACCENTED + "</h1></body></html>", "utf-16-le-bom"),
        ("\ufeff<html><body><h1>" + ACCENTED + "</h1></body></html>", "utf-16-be-bom"),
        # a declared charset is used; the Latin-1 family is read as browsers do (cp1252)
        (b"<meta charset='iso-8859-1'><h1>" + ACCENTED.encode("cp1252") + b"</h1>", None),
        (b'<meta charset="Latin-1"><h1>' + ACCENTED.encode("cp1252") + b"</h1>", None),
        (b"<meta charset=LATIN1><h1>" + ACCENTED.encode("cp1252") + b"</h1>", None),
        (b"<meta charset=us-ascii><h1>" + ACCENTED.encode("cp1252") + b"</h1>", None),
        (b"<meta charset=ASCII><h1>" + ACCENTED.encode("cp1252") + b"</h1>", None),
        (
            b'<meta http-equiv="Content-Type" content="text/html; charset = iso-8859-15">'
            b"<h1>" + ACCENTED.encode("iso-8859-15") + b"</h1>",
            None,
        ),
        # an unknown charset name: UTF-8 if the bytes are UTF-8, else cp1252
        (b"<meta charset=x-fictional><h1>" + ACCENTED.encode("utf-8") + b"</h1>", None),
        (b"<meta charset=x-fictional><h1>" + ACCENTED.encode("cp1252") + b"</h1>", None),
        # no declaration at all
        (b"<h1>" + ACCENTED.encode("utf-8") + b"</h1>", None),
        (b"<h1>" + ACCENTED.encode("cp1252") + b"</h1>", None),
        # an XML declaration naming another encoding is ignored
        (b"<?xml version='1.0' encoding='ascii'?><h1>" + ACCENTED.encode("utf-8") + b"</h1>", None),
        # an encoding given by the caller (the HTTP header) wins over the page's bytes
        (b"<h1>" + ACCENTED.encode("cp1252") + b"</h1>", "cp1252"),
        # an unknown encoding from the caller is ignored
        (b"<h1>" + ACCENTED.encode("utf-8") + b"</h1>", "x-fictional"),
        (bytearray(b"<h1>" + ACCENTED.encode("utf-8") + b"</h1>"), None),
        (memoryview(b"<h1>" + ACCENTED.encode("utf-8") + b"</h1>"), None),
    ],
)
def test_encodings(body, encoding):
    if encoding == "koi8-r":
        body, encoding = body, None  # a str: the declaration inside is not what decodes it
    elif encoding in ("utf-16-le-bom", "utf-16-be-bom"):
        codec = "utf-16-le" if encoding == "utf-16-le-bom" else "utf-16-be"
        body, encoding = body.encode(codec), None
    assert texts(parts(body, encoding)) == [ACCENTED]


def test_charset_is_looked_for_in_the_first_4096_bytes_only():
    late = b"<!--" + b"x" * 4100 + b"--><meta charset=utf-8><h1>" + ACCENTED.encode("cp1252")
    assert texts(parts(late + b"</h1>")) == [ACCENTED]


@pytest.mark.parametrize("body", [b"", b"  \n\t ", "", "   ", None, 42, ["<p>x</p>"]])
def test_nothing_to_parse(body):
    assert parse_document(body) is None


def test_body_over_the_limit_is_cut():
    head = b"<html><body><main><p>first</p>"
    pad = b"<p>" + b"y" * 100 + b"</p>"
    body = head + pad * ((dom.MAX_BODY - len(head)) // len(pad))
    body = (
        body + b"z" * (dom.MAX_BODY - len(body)) + b"<p>beyond the limit</p></main></body></html>"
    )
    got = texts(parts(body))
    assert got[0] == "first"
    assert "beyond the limit" not in "\n".join(got)


# --- blocks and headings -----------------------------------------------------------------------


def test_blocks_one_per_block_element_in_order():
    p = page(
        "<h1>Fictional Medical Coding</h1><p>First <b>bold</b> paragraph.</p>"
        "<ul><li>one</li><li>two<br>lines</li></ul><h2 class='sub Head'>Cost</h2>"
        "<h3>a</h3><h4>b</h4><h5>c</h5><h6>d</h6><span>loose</span> tail text"
    )
    assert p.blocks == [
        Block("h1", "Fictional Medical Coding", 1),
        Block("p", "First bold paragraph."),
        Block("li", "one"),
        Block("li", "two\nlines"),
        Block("h2", "Cost", 2, "sub Head"),
        Block("h3", "a", 3),
        Block("h4", "b", 4),
        Block("h5", "c", 5),
        Block("h6", "d", 6),
        Block("main", "loose tail text"),
    ]


def test_text_after_a_nested_block_belongs_to_its_parent():
    p = page("<div>before<p>inner</p>after <i>it</i></div>")
    assert [(b.tag, b.text) for b in p.blocks] == [
        ("div", "before"),
        ("p", "inner"),
        ("div", "after it"),
    ]


def test_newlines_in_the_source_are_spaces():
    assert texts(page("<p>one\ntwo\n\nthree</p>")) == ["one two three"]


def test_body_is_the_main_content_without_main():
    p = parts("<html><body>Loose words<p>para</p></body></html>")
    assert [(b.tag, b.text) for b in p.blocks] == [("body", "Loose words"), ("p", "para")]


def test_comments_and_processing_instructions_are_not_text():
    assert texts(page("<p>a<!-- hidden -->b<?php echo 1 ?></p>")) == ["ab"]


@pytest.mark.parametrize(
    "html,level,pseudo",
    [
        ("<p><font size='4'>Fictional Billing</font></p>", 1, True),
        ("<p><font size='+5'>Fictional Billing</font></p>", 1, True),
        ("<td><b><font size=' 6 '>Fictional Billing</font></b></td>", 1, True),
        ("<div><font size='4'>Fictional Billing</font></div>", 1, True),
        ("<center><font size='4'>Fictional Billing</font></center>", 1, True),
        ("<p><font size='3'>Fictional Billing</font></p>", 0, False),
        ("<p><font size='big'>Fictional Billing</font></p>", 0, False),
        ("<p><font>Fictional Billing</font></p>", 0, False),
        # the big font must hold the block's whole text
        ("<p><font size='4'>Fictional</font> Billing</p>", 0, False),
        ("<p><font size='4'> </font>x</p>", 0, False),
        # a list item is no legacy heading
        ("<li><font size='4'>Fictional Billing</font></li>", 0, False),
        # a second big font that holds the whole text
        ("<p><font size='2'>x</font><font size='4'>Fictional</font></p>", 0, False),
    ],
)
def test_legacy_headings(html, level, pseudo):
    block = page(html).blocks[0]
    assert (block.level, block.pseudo) == (level, pseudo)


def test_legacy_heading_of_150_characters_but_not_151():
    for n, level in ((150, 1), (151, 0)):
        block = page(f"<p><font size='4'>{'x' * n}</font></p>").blocks[0]
        assert block.level == level


def test_legacy_heading_may_wrap_other_fonts():
    block = page("<p><font size='5'><font size='2'>Fictional</font> Billing</font></p>").blocks[0]
    assert (block.level, block.pseudo) == (1, True)


# --- limits ------------------------------------------------------------------------------------


def test_block_text_is_cut_at_the_block_limit():
    block = page(f"<p>{'x' * 20_000}</p>").blocks[0]
    assert len(block.text) == dom.MAX_BLOCK_CHARS
    block = page(f"<p>{'ab ' * 5000}</p>").blocks[0]
    assert len(block.text) == dom.MAX_BLOCK_CHARS  # "... ab a": cut inside the text


def test_block_count_limit():
    p = page("".join(f"<p>item {i}</p>" for i in range(dom.MAX_BLOCKS + 50)))
    assert len(p.blocks) == dom.MAX_BLOCKS
    assert p.blocks[-1].text == f"item {dom.MAX_BLOCKS - 1}"


def test_character_limit():
    chunk = "x" * 999
    n = dom.MAX_CHARS // 999 + 5
    p = page("".join(f"<p>{chunk}</p>" for _ in range(n)))
    # reading stops at the first block that passes the limit: 151 blocks of 999 characters
    assert len(p.blocks) == dom.MAX_CHARS // 999 + 1


def test_limits_are_the_documented_ones():
    assert (dom.MAX_BODY, dom.MAX_BLOCKS, dom.MAX_CHARS, dom.MAX_BLOCK_CHARS) == (
        3_000_000,
        1500,
        150_000,
        10_000,
    )


# --- the main content --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body,expected",
    [
        # <main>, then [role=main], then <article>, then #content / #main-content, then #main
        (
            f"<div id='main'>{FILLER}</div><div id='content'>C {FILLER}</div>"
            f"<article>A {FILLER}</article><div role='main'>R {FILLER}</div><main>M {FILLER}</main>",
            "M",
        ),
        (
            f"<div id='main'>{FILLER}</div><div id='content'>C {FILLER}</div>"
            f"<article>A {FILLER}</article><div role='MAIN'>R {FILLER}</div>",
            "R",
        ),
        (
            f"<div id='main'>{FILLER}</div><div id='content'>C {FILLER}</div>"
            f"<article>A {FILLER}</article>",
            "A",
        ),
        (f"<div id='main'>{FILLER}</div><div id='Content'>C {FILLER}</div>", "C"),
        (f"<div id='main'>{FILLER}</div><div id='main-content'>D {FILLER}</div>", "D"),
        (f"<div id='main'>W {FILLER}</div>", "W"),
        # a candidate with fewer than 40 characters is passed over
        (f"<main>{'m' * 39}</main><article>A {FILLER}</article>", "A"),
        (f"<main>  {'m' * 40}  </main><article>A {FILLER}</article>", "m" * 40),
        # of several candidates of one rank, the longest
        (f"<article>A {FILLER}</article><article>B {FILLER}{FILLER}</article>", "B"),
        (f"<article>B {FILLER}{FILLER}</article><article>A {FILLER}</article>", "B"),
    ],
)
def test_main_content_choice(body, expected):
    p = parts(f"<html><body><p>outside</p>{body}</body></html>")
    assert p.blocks[0].text.startswith(expected)
    assert "outside" not in texts(p)


def test_without_a_main_candidate_the_body_is_read():
    p = parts(f"<html><body><p>outside</p><main>short</main><div>{FILLER}</div></body></html>")
    assert texts(p)[:2] == ["outside", "short"]


@pytest.mark.parametrize(
    "boiler",
    [
        "<header>Site header</header>",
        "<footer>Site footer</footer>",
        "<nav>Menu</nav>",
        "<aside>Aside</aside>",
        "<form>Request info</form>",
        "<script>var x = 1;</script>",
        "<style>p {}</style>",
        "<noscript>Enable scripts</noscript>",
        "<button>Apply</button>",
        "<select><option>One</option></select>",
        "<textarea>Type</textarea>",
        "<iframe>Frame</iframe>",
        "<div role='navigation'>Role nav</div>",
        "<div role='Banner'>Role banner</div>",
        "<div role='contentinfo'>Role info</div>",
        "<div role='search'>Role search</div>",
        "<div role='complementary'>Role side</div>",
        "<div role='dialog'>Role dialog</div>",
        "<div class='site-navbar'>Nav bar</div>",
        "<div class='Breadcrumb'>Crumbs</div>",
        "<div id='cookie_banner'>Cookies</div>",
        "<div class='social share'>Share</div>",
        "<div class='sidebar'>Side</div>",
        "<div id='rfi-form'>Request</div>",
        "<div class='modal'>Modal</div>",
        "<div class='mega menu'>Menu words</div>",
        "<div class='search'>Search box</div>",
    ],
)
def test_boilerplate_inside_the_main_content_is_dropped(boiler):
    p = page(f"<h1>Fictional Coding</h1>{boiler}<p>Program text.</p>")
    assert texts(p) == ["Fictional Coding", "Program text."]


@pytest.mark.parametrize(
    "kept",
    [
        "<div class='navigator-tips'>Kept text</div>",  # a token is a whole word of the class
        "<div class='content-header-image'>Kept text</div>",  # 'header' inside a longer token? no
        "<div role='region'>Kept text</div>",
        "<div id='program'>Kept text</div>",
    ],
)
def test_similar_names_are_kept(kept):
    p = page(f"<h1>Fictional Coding</h1>{kept}")
    if "content-header" in kept:
        assert texts(p) == ["Fictional Coding"]  # 'header' is one of its tokens
    else:
        assert texts(p) == ["Fictional Coding", "Kept text"]


def test_boilerplate_that_holds_the_h1_is_kept():
    p = page("<header><h1>Fictional Coding</h1></header><p>Text.</p>")
    assert texts(p) == ["Fictional Coding", "Text."]
    p = page("<div class='widget'><div><h1>Fictional Coding</h1></div></div><p>Text.</p>")
    assert texts(p) == ["Fictional Coding", "Text."]


def test_boilerplate_inside_dropped_boilerplate():
    p = page("<div class='sidebar'><div class='widget'>W</div></div><p>Text.</p>")
    assert texts(p) == ["Text."]


def test_main_element_itself_is_not_dropped():
    p = parts(f"<html><body><main class='main-menu'>{FILLER}</main></body></html>")
    assert texts(p) == [FILLER.strip()]
    p = parts(f"<html><body><form><main>{FILLER}</main></form></body></html>")
    assert texts(p) == [FILLER.strip()]


# --- labelled facts ----------------------------------------------------------------------------


def test_two_column_table_facts():
    p = page(
        "<p>Intro</p><table><tr><th>Length</th><td>9 months</td></tr>"
        "<tr><td>Tuition:</td><td>$3,995</td></tr>"
        "<tr><td>A label that runs to forty characters long</td><td>dropped</td></tr>"
        "<tr><td>A label that runs to forty characters long:</td><td>kept</td></tr>"
        "<tr><th>" + "L" * 51 + "</th><td>too long</td></tr>"
        "<tr><td>Only one cell</td></tr>"
        "<tr><td></td><td>no label</td></tr>"
        "<tr><td>Three</td><td>cells</td><td>here</td></tr></table>"
    )
    assert p.facts == [
        Fact("Length", "9 months", 1),
        Fact("Tuition", "$3,995", 1),
        Fact("A label that runs to forty characters long", "kept", 1),
    ]


def test_label_of_30_characters_without_a_colon():
    for n, kept in ((30, True), (31, False)):
        p = page(f"<table><tr><td>{'a' * n}</td><td>value</td></tr></table>")
        assert bool(p.facts) is kept


def test_label_of_50_characters_in_a_header_cell():
    for n, kept in ((50, True), (51, False)):
        p = page(f"<table><tr><th>{'a' * n}</th><td>value</td></tr></table>")
        assert bool(p.facts) is kept


def test_header_row_table_facts():
    p = page(
        "<table><tr><th>Program</th><th>Length</th><th>Cost</th></tr>"
        "<tr><td>Fictional Coding</td><td>9 months</td><td></td></tr>"
        "<tr><td>Fictional Billing</td><td>6 months</td><td>$2,000</td></tr>"
        "<tr><td>Third row</td><td>not read</td><td>$1</td></tr></table>"
    )
    assert p.facts == [
        Fact("Program", "Fictional Coding", 0),
        Fact("Length", "9 months", 0),
        Fact("Program", "Fictional Billing", 0),
        Fact("Length", "6 months", 0),
        Fact("Cost", "$2,000", 0),
    ]


def test_header_row_rows_of_another_width_are_skipped():
    p = page(
        "<table><tr><th>Program</th><th>Length</th></tr>"
        "<tr><td>only one</td></tr>"
        "<tr><td>Fictional Coding</td><td>9 months</td></tr></table>"
    )
    assert p.facts == [Fact("Program", "Fictional Coding", 0), Fact("Length", "9 months", 0)]


def test_header_row_with_nothing_below_falls_back_to_pairs():
    p = page("<table><tr><th>Length</th><th>9 months</th></tr></table>")
    assert p.facts == [Fact("Length", "9 months", 0)]
    p = page(
        "<table><tr><th>Length</th><th>Cost</th></tr><tr><td></td><td></td></tr>"
        "<tr><td>Format</td><td>Online</td></tr></table>"
    )
    # the two rows under the header row are read: an empty one, then one of values
    assert p.facts == [Fact("Length", "Format", 0), Fact("Cost", "Online", 0)]
    p = page("<table><tr><th>Length</th><th>Cost</th></tr><tr><td></td><td></td></tr></table>")
    assert p.facts == [Fact("Length", "Cost", 0)]


def test_one_header_cell_is_no_header_row():
    p = page("<table><tr><th>Length</th></tr><tr><td>Cost</td><td>$5</td></tr></table>")
    assert p.facts == [Fact("Cost", "$5", 0)]
    p = page("<table><tr><th>Length</th><td>x</td></tr><tr><td>Cost</td><td>$5</td></tr></table>")
    assert p.facts == [Fact("Length", "x", 0), Fact("Cost", "$5", 0)]


def test_nested_table_rows_belong_to_the_inner_table():
    p = page(
        "<table><tr><td>Outer</td><td><table><tr><td>Inner</td><td>value</td></tr></table>"
        "</td></tr></table>"
    )
    assert p.facts == [Fact("Outer", "Inner value", 0), Fact("Inner", "value", 1)]


def test_table_rows_read_at_most_300():
    rows = "".join(f"<tr><td>Row {i}</td><td>v</td></tr>" for i in range(310))
    p = page(f"<table>{rows}</table>")
    assert len(p.facts) == 300


def test_text_nodes_and_comments_in_rows_are_no_cells():
    p = page("<table><tr><th>Length</th><!-- c --><td>9 months</td></tr></table>")
    assert p.facts == [Fact("Length", "9 months", 0)]


def test_definition_list_facts():
    p = page(
        "<p>Intro</p><dl><dd>orphan value</dd><dt>Length:</dt><dd>9 months</dd><dd>or 12</dd>"
        "<dt></dt><dd>after an empty label</dd><dt>Cost</dt><dd> </dd></dl>"
    )
    assert p.facts == [Fact("Length", "9 months", 1), Fact("Length", "or 12", 1)]


def test_definition_list_read_at_most_400_items():
    items = "".join(f"<dt>L{i}</dt><dd>v</dd>" for i in range(210))
    assert len(page(f"<dl>{items}</dl>").facts) == 200


@pytest.mark.parametrize(
    "html,expected",
    [
        ("<p>Length: 9 months</p>", [Fact("Length", "9 months", 0)]),
        ("<li>Cost : $3,000</li>", [Fact("Cost", "$3,000", 0)]),
        ("<dd>Format: Online</dd>", [Fact("Format", "Online", 0)]),
        ("<div>Format: Online</div>", [Fact("Format", "Online", 0)]),
        ("<td>Format: Online</td>", [Fact("Format", "Online", 0)]),
        ("<p>One: a<br>Two: b</p>", [Fact("One", "a", 0), Fact("Two", "b", 0)]),
        ("<p>Duraci\u00f3n: 9 meses</p>", [Fact("Duraci\u00f3n", "9 meses", 0)]),
        ("<p>\u00c9tudes (total): 9</p>", [Fact("\u00c9tudes (total)", "9", 0)]),
        # not a fact: a heading, a course line, a label too long, a line too long, no value
        ("<h2>Length: 9 months</h2>", []),
        ("<p class='courseblock'>Credits: 3</p>", []),
        ("<p class='CourseDesc'>Credits: 3</p>", []),
        ("<p>HIT 101 - Medical Terminology Credits: 3</p>", []),
        ("<p>HIT-101 Terminology: 3</p>", []),
        ("<p>HIT101A Terminology: 3</p>", []),
        (f"<p>{'a' * 42}: value</p>", []),
        (f"<p>{'a' * 41}: value</p>", [Fact("a" * 41, "value", 0)]),
        (f"<p>Label: {'v' * 293}</p>", [Fact("Label", "v" * 293, 0)]),
        (f"<p>Label: {'v' * 294}</p>", []),
        ("<p>Label:</p>", []),
        ("<p>1st: value</p>", []),
        ("<h1>t</h1><section>Length: 9 months</section>", []),
        ("<blockquote>Length: 9 months</blockquote>", []),
    ],
)
def test_label_lines(html, expected):
    assert page(html).facts == expected


def test_span_block_tag_is_read_for_label_lines():
    # a span is never a block of its own, but the rule lists it: the main element owns loose text
    assert dom._line_facts([Block("span", "Length: 9 months")]) == [Fact("Length", "9 months", 0)]


def test_facts_in_page_order():
    p = page(
        "<p>Cost: $5</p><table><tr><th>Length</th><td>9 months</td></tr></table>"
        "<dl><dt>Format</dt><dd>Online</dd></dl><p>Start: Fall</p>"
    )
    assert [(f.label, f.block) for f in p.facts] == [
        ("Cost", 0),
        ("Length", 1),
        ("Format", 3),
        ("Start", 5),
    ]


# --- head, school name, address ----------------------------------------------------------------


def test_head_parts():
    p = parts(
        "<html lang='ES-mx'><head><title> Fictional &amp;amp; Coding \t School </title>"
        "<meta name='Description' content='  two   spaces '>"
        "<meta property='OG:Site_Name' content='Fictional College'>"
        "<meta name='description' content='second one ignored'>"
        "<meta name='keywords' content=''><meta content='no key'>"
        "<script type=' Application/LD+JSON '>{}</script><script type='text/javascript'>1</script>"
        "<script>2</script></head><body><p>x</p></body></html>"
    )
    assert p.lang == "es-mx"
    assert p.title == "Fictional & Coding School"
    assert p.meta == {"description": "two spaces", "og:site_name": "Fictional College"}
    assert len(p.jsonld_nodes) == 1
    assert p.jsonld_nodes[0].text == "{}"


def test_no_title_and_no_lang():
    p = parts("<html><body><p>x</p></body></html>")
    assert (p.title, p.lang, p.meta, p.jsonld_nodes) == ("", "", {}, [])


@pytest.mark.parametrize(
    "text,expected",
    [
        ("\u00a9 2024 Fictional College. All rights reserved.", "Fictional College"),
        ("&copy; Fictional College", "Fictional College"),
        ("(c) 2020-2024 Fictional College", "Fictional College"),
        ("Copyright 2020 \u2013 2024 by Fictional College | Privacy", "Fictional College"),
        ("COPYRIGHT Fictional Institute \u00b7 Sitemap", "Fictional Institute"),
        ("(C)2024 Fictional School, all rights reserved", "Fictional School"),
        ("\u00a9 2024 Fictional School. All Rights Reserved. Site map", "Fictional School"),
        ("\u00a9 2024 Fictional School; ", "Fictional School"),
        ("\u00a9 2024 - Fictional School", "Fictional School"),
        ("\u00a9 2024", None),
        ("\u00a9 2024 123 456", None),
        ("\u00a9 " + "x" * 100, "x" * 100),
        ("\u00a9 " + "x" * 101, None),
        ("No mark here", None),
    ],
)
def test_copyright_name(text, expected):
    assert copyright_name(text) == expected


def test_school_name_from_the_footer_or_the_last_lines():
    p = parts(
        "<html><body><main><p>x</p></main>"
        "<footer><p>\u00a9 2024 Fictional College</p></footer></body></html>"
    )
    assert p.copyright_names == ["Fictional College"]
    p = parts(
        "<html><body><p>x</p><div class='site-info'>\u00a9 Fictional Academy</div></body></html>"
    )
    assert p.copyright_names == ["Fictional Academy"]
    p = parts(
        "<html><body><p>x</p><div id='copyright'>\u00a9 Fictional Institute</div></body></html>"
    )
    assert p.copyright_names == ["Fictional Institute"]
    p = parts(
        "<html><body><p>x</p><div class='copyright'>Copyright Fictional U</div></body></html>"
    )
    assert p.copyright_names == ["Fictional U"]
    # no marked element: the last 15 lines of the page
    lines = "".join(f"<p>line {i}</p>" for i in range(14))
    p = parts(
        f"<html><body><p>\u00a9 Too Early</p>{lines}<p>\u00a9 Fictional School</p></body></html>"
    )
    assert p.copyright_names == ["Fictional School"]
    lines = "".join(f"<p>line {i}</p>" for i in range(13))
    p = parts(
        f"<html><body><p>\u00a9 Early Enough</p>{lines}<p>\u00a9 Fictional School</p></body></html>"
    )
    assert p.copyright_names == ["Early Enough", "Fictional School"]


@pytest.mark.parametrize(
    "logo,site_name,expected",
    [
        ("<div class='logo'>Fictional College</div>", "", "Fictional College"),
        ("<a class='navbar-brand'><img alt=' Fictional Academy '></a>", "", "Fictional Academy"),
        ("<p class='site-title'>Fictional Institute</p>", "", "Fictional Institute"),
        ("<div class='logo'><img src='x.png'></div>", "", None),
        ("<div class='logo'></div><div class='logo'>Second</div>", "", "Second"),
        ("<div class='logo'>" + "x" * 101 + "</div><div class='logo'>Short</div>", "", "Short"),
        ("<div class='logo'>" + "x" * 100 + "</div>", "", "x" * 100),
        ("<div class='logo'>Fictional College</div>", "Fictional Site", None),
    ],
)
def test_logo_name_when_no_site_name(logo, site_name, expected):
    head = f"<meta property='og:site_name' content='{site_name}'>" if site_name else ""
    p = parts(f"<html><head>{head}</head><body>{logo}<p>x</p></body></html>")
    assert p.meta.get("x-logo") == expected


@pytest.mark.parametrize(
    "args,expected",
    [
        (("address", "", "", ""), dom.Landmark(address=0)),
        (("div", "vcard", "", ""), dom.Landmark(address=1)),
        (("div", "h-card vcard", "", ""), dom.Landmark(address=1)),
        (("div", "vcards", "", ""), dom.Landmark()),
        (("div", "", "", "", "https://schema.org/PostalAddress"), dom.Landmark(address=1)),
        (("footer", "", "", ""), dom.Landmark(address=2, copyright=True)),
        (("div", "", "", "contentinfo"), dom.Landmark(address=2)),
        (("div", "site-footer", "", ""), dom.Landmark(address=3)),
        (("div", "", "footer-2", ""), dom.Landmark(address=3)),
        (("main", "", "", ""), dom.Landmark(main=0)),
        (("div", "", "", "main"), dom.Landmark(main=1)),
        (("article", "", "", ""), dom.Landmark(main=2)),
        (("div", "", "content", ""), dom.Landmark(main=3)),
        (("div", "", "main-content", ""), dom.Landmark(main=3)),
        (("div", "", "main", ""), dom.Landmark(main=4)),
        (("div", "", "maincontent", ""), dom.Landmark()),
        (("div", "copyright-bar", "", ""), dom.Landmark(copyright=True)),
        (("div", "", "copyright", ""), dom.Landmark(copyright=True)),
        (("div", "site-info", "", ""), dom.Landmark(copyright=True)),
        (("div", "site-title", "", ""), dom.Landmark(logo=True)),
        (("a", "logo-link", "", ""), dom.Landmark(logo=True)),
        (("a", "navbar-brand", "", ""), dom.Landmark(logo=True)),
        (("section", "", "", ""), dom.Landmark()),
    ],
)
def test_landmark_kind(args, expected):
    assert landmark_kind(*args) == expected


def test_address_texts_best_first_none_inside_another():
    p = parts(
        "<html><body><main><p>x</p></main>"
        "<footer>Footer text<address>10 Elm St<br>Springfield, IL 62701</address></footer>"
        "<div class='footer-links'>Links</div>"
        "<div class='vcard'>20 Oak Ave</div></body></html>"
    )
    assert list(p.iter_address_texts()) == [
        "10 Elm St\nSpringfield, IL 62701",
        "20 Oak Ave",
        "Footer text\n10 Elm St\nSpringfield, IL 62701",  # the footer holds the address
        "Links",
    ]


def test_address_elements_at_most_eight():
    many = "".join(f"<address>{i} Elm St</address>" for i in range(10))
    p = parts(f"<html><body><p>x</p>{many}</body></html>")
    assert list(p.iter_address_texts()) == [f"{i} Elm St" for i in range(8)]


def test_empty_address_elements_are_skipped():
    p = parts("<html><body><p>x</p><address> </address><address>10 Elm St</address></body></html>")
    assert list(p.iter_address_texts()) == ["10 Elm St"]


def test_address_text_drops_scripts_and_keeps_lines():
    p = parts(
        "<html><body><p>x</p><address><script>var a;</script><style>b{}</style>"
        "10 Elm St<br>Suite 2<div>Springfield, IL 62701</div>tail</address></body></html>"
    )
    assert list(p.iter_address_texts()) == ["10 Elm St\nSuite 2\nSpringfield, IL 62701\ntail"]


def test_address_text_limit():
    p = parts(
        "<html><body><p>x</p><address>"
        + "".join(f"<p>{'a' * 999}</p>" for _ in range(10))
        + "</address></body></html>"
    )
    (text,) = p.iter_address_texts()
    assert text.count("\n") + 1 == 7  # stops once past 6,000 characters


def test_body_text_is_the_visible_text_without_navigation():
    p = parts(
        "<html><body><nav>Menu</nav><main><h1>Title</h1><div class='sidebar'>Side</div>"
        f"<p>{FILLER}</p></main><p>After</p></body></html>"
    )
    # read after the main content is cleaned, though the copyright lookup read it before (2026-11-27 fix)
    assert p.body_text == f"Title\n{FILLER.strip()}\nAfter"
    assert p.body_text_lines() == ["Title", FILLER.strip(), "After"]
    assert p.body_text is p.body_text  # computed once


def test_a_title_broken_over_lines_is_one_line():
    p = parts(
        "<html><head><title>Medical Coding\n  Certificate</title></head><body><p>x</p></body></html>"
    )
    assert p.title == "Medical Coding Certificate"


def test_body_text_of_parts_without_a_body():
    assert dom.PageParts().body_text == ""
    assert dom.PageParts().body_text_lines() == [""]


def test_body_text_limit():
    p = parts(
        "<html><body>" + "".join(f"<p>{'a' * 999}</p>" for _ in range(200)) + "</body></html>"
    )
    assert p.body_text.count("\n") + 1 == dom.MAX_CHARS // 999 + 1


def test_fragment_without_body_element():
    tree = parse_document("<p>Only a paragraph</p>")
    body = tree.find("body")
    body.drop_tag()
    p = page_parts(tree)
    assert texts(p) == ["Only a paragraph"]


@pytest.mark.parametrize("declared", ["iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"])
def test_latin1_family_is_read_as_cp1252(declared):
    # 0x96 is an en dash in cp1252 and a control character in Latin-1
    body = f"<meta charset={declared}><h1>Coding \u2013 Billing</h1>".encode("cp1252")
    assert texts(parts(body)) == ["Coding \u2013 Billing"]


def test_a_course_line_does_not_stop_the_label_lines_after_it():
    p = page("<p>HIT 101 Terminology: 3</p><p class='course'>Credits: 3</p><p>Length: 9 months</p>")
    assert p.facts == [Fact("Length", "9 months", 2)]


# ---------------------------------------------------------------- rows added after the 2026-11-27 run


def test_a_text_body_with_a_lone_surrogate_still_parses() -> None:
    p = parts(
        "<html><body><main><p>Medical Coding Certificate \ud800 at Fictional College</p></main></body></html>"
    )
    assert texts(p) == ["Medical Coding Certificate ? at Fictional College"]


def test_newlines_inside_a_paragraph_are_spaces() -> None:
    p = page("<p>Medical\nCoding <b>Certificate</b>\nat Fictional\nCollege</p>")
    assert texts(p) == ["Medical Coding Certificate at Fictional College"]
    assert p.body_text_lines() == ["Medical Coding Certificate at Fictional College"]


def test_processing_instructions_are_not_text() -> None:
    p = page("<p>Tuition <?php echo $cost; ?> is $3,000.</p>")
    assert texts(p) == ["Tuition is $3,000."]
    assert "php" not in p.body_text


def test_a_header_row_and_one_data_row() -> None:
    p = page(
        "<table><tr><th>Length</th><th>Cost</th></tr><tr><td>9 months</td><td>$3,000</td></tr></table>"
    )
    assert [(f.label, f.value) for f in p.facts] == [("Length", "9 months"), ("Cost", "$3,000")]


def test_a_definition_list_is_read_to_its_400th_child() -> None:
    pairs = "".join(f"<dt>Label {k}</dt><dd>Value {k}</dd>" for k in range(1, 201))
    p = page(f"<dl><dd>orphan value</dd>{pairs}</dl>")
    labels = [f.label for f in p.facts]
    assert labels[-1] == "Label 199" and len(labels) == 199


def test_body_text_reads_up_to_its_limit_inclusive() -> None:
    first = "x" * dom.MAX_CHARS
    p = parts(f"<html><body><p>{first}</p><p>Fictional marker line</p></body></html>")
    assert p.body_text_lines()[-1] == "Fictional marker line"


@pytest.mark.parametrize(
    "charset,raw,text",
    [
        # a codec Python knows and libxml2 does not: the page is decoded by Python instead
        ("mac_roman", b"Caf\x8e Coding Certificate", "Caf\u00e9 Coding Certificate"),
        # ... with a byte the codec cannot read replaced, not a lost page
        ("euc_jis_2004", b"Medical Coding \xff Certificate", "Medical Coding \ufffd Certificate"),
    ],
)
def test_a_charset_libxml2_does_not_know_is_decoded_by_python(charset, raw, text) -> None:
    body = (
        f'<html><head><meta charset="{charset}"></head><body><main><p>'.encode()
        + raw
        + b"</p></main></body></html>"
    )
    assert texts(parts(body)) == [text]


def test_a_table_written_with_its_tbody_gives_its_facts() -> None:
    p = page(
        "<table><tbody><tr><th>Length</th><td>9 months</td></tr>"
        "<tr><th>Tuition</th><td>$3,000</td></tr></tbody></table>"
    )
    assert [(f.label, f.value) for f in p.facts] == [("Length", "9 months"), ("Tuition", "$3,000")]
