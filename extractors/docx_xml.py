"""WordprocessingML elements read straight from lxml, for extractors/docx.py.

python-docx's proxies (Paragraph, Run, _Row, _Cell) and its child-element properties rebuild a
qualified tag name and an object on every access, which was most of a long table's reading
time. These functions find the same children with tag names made once, and read attribute
values through python-docx's own element classes (`.val`), so values, defaults and the errors
raised on invalid XML stay python-docx's.
"""

from __future__ import annotations

from docx.oxml.ns import qn
from lxml import etree

P = qn("w:p")
R = qn("w:r")
TBL = qn("w:tbl")
TR = qn("w:tr")
TC = qn("w:tc")
SDT = qn("w:sdt")
SDT_CONTENT = qn("w:sdtContent")
P_PR = qn("w:pPr")
NUM_PR = qn("w:numPr")
NUM_ID = qn("w:numId")
ILVL = qn("w:ilvl")
VAL = qn("w:val")
_P_STYLE = qn("w:pStyle")
_R_PR = qn("w:rPr")
_R_STYLE = qn("w:rStyle")
_BOLD = qn("w:b")
_TR_PR = qn("w:trPr")
_TBL_HEADER = qn("w:tblHeader")
_GRID_BEFORE = qn("w:gridBefore")
_TC_PR = qn("w:tcPr")
_GRID_SPAN = qn("w:gridSpan")
_V_MERGE = qn("w:vMerge")
_HYPERLINK = qn("w:hyperlink")
# CT_R.text: the run children that stand for text, each as python-docx's str() of it
_RUN_CONTENT = frozenset(qn(tag) for tag in ("w:br", "w:cr", "w:noBreakHyphen", "w:ptab", "w:t", "w:tab"))


def child(element: etree._Element, tag: str) -> etree._Element | None:
    """The first child with `tag` (find(tag) without lxml's ElementPath, which is several times
    slower per call)."""
    return next(element.iterchildren(tag), None)


def children(element: etree._Element, tag: str) -> list[etree._Element]:
    return list(element.iterchildren(tag))


def _run_text(run: etree._Element) -> str:
    return "".join([str(piece) for piece in run if piece.tag in _RUN_CONTENT])


def paragraph_runs(p: etree._Element) -> list[tuple[etree._Element, str]]:
    """CT_P.text's runs (w:r | w:hyperlink/w:r) in document order, each with its text."""
    runs = []
    for item in p:
        if item.tag == R:
            runs.append((item, _run_text(item)))
        elif item.tag == _HYPERLINK:
            runs.extend((run, _run_text(run)) for run in item.iterchildren(R))
    return runs


def paragraph_properties(p: etree._Element) -> tuple[str | None, etree._Element | None]:
    """CT_P.style (./w:pPr/w:pStyle/@w:val) and the paragraph's own w:numPr."""
    p_pr = child(p, P_PR)
    if p_pr is None:
        return None, None
    style = child(p_pr, _P_STYLE)
    return (style.val if style is not None else None), child(p_pr, NUM_PR)


def run_properties(r: etree._Element) -> etree._Element | None:
    """A run's w:rPr."""
    return child(r, _R_PR)


def run_style_id(r_pr: etree._Element | None) -> str | None:
    """CT_R.style, from the run's w:rPr: ./w:rStyle/@w:val."""
    style = child(r_pr, _R_STYLE) if r_pr is not None else None
    return style.val if style is not None else None


def run_bold(r_pr: etree._Element | None) -> bool | None:
    """Run.bold, from the run's w:rPr: ./w:b/@w:val (present without a value: True), None when
    not set."""
    bold = child(r_pr, _BOLD) if r_pr is not None else None
    return bold.val if bold is not None else None


def cell_merge(tc: etree._Element) -> tuple[int, str | None]:
    """CT_Tc.grid_span and CT_Tc.vMerge: ./w:tcPr/w:gridSpan/@w:val (1 when not set) and
    ./w:tcPr/w:vMerge/@w:val ("continue" when present without a value, None when absent)."""
    tc_pr = child(tc, _TC_PR)
    if tc_pr is None:
        return 1, None
    span = child(tc_pr, _GRID_SPAN)
    merge = child(tc_pr, _V_MERGE)
    return (span.val if span is not None else 1), (merge.val if merge is not None else None)


def row_is_header(tr: etree._Element) -> bool:
    tr_pr = child(tr, _TR_PR)
    if tr_pr is None:
        return False
    header = child(tr_pr, _TBL_HEADER)
    return header is not None and header.get(VAL, "true") not in ("0", "false", "off")


def grid_before(tr: etree._Element) -> int:
    tr_pr = child(tr, _TR_PR)
    if tr_pr is None:
        return 0
    before = child(tr_pr, _GRID_BEFORE)
    return int(before.get(VAL, "0")) if before is not None else 0
