"""Free-text lines that end short of the text around them (extractors/pdf_text.py
`build_paragraphs`, `_ended_short`): a line ending before half the width of the lines near it,
when the next line's first word would have fitted after it, ended on purpose and its paragraph
ends there ("Assuring committee: QC" over "What we will do:"); lines of the other column of a
two-column page do not count towards that width, and a word too long to fit keeps the line
going."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from schemas.document import Block, BlockKind
from tests.extractors.test_pdf import build_pdf, extract, text, texts

SIZE = 10.0
PITCH = 13.0  # the leading of SIZE-point text
LEFT, RIGHT = 57.0, 480.0  # the text column of the one-column pages


def body_blocks(path: Path) -> list[Block]:
    """The blocks after the page's title heading."""
    return [b for b in extract(path).blocks if b.kind is not BlockKind.HEADING]


def justified(canvas: Canvas, top: float, lines: Sequence[str], last_short: bool = True) -> float:
    """Lines set flush from LEFT to RIGHT by widening the spaces (the last one left ragged when
    `last_short`); returns the top of the line after them."""
    for k, line in enumerate(lines):
        spaces = line.count(" ")
        gap = RIGHT - LEFT - stringWidth(line, "Helvetica", SIZE)
        stretch = k < len(lines) - 1 or not last_short
        words = canvas.beginText(LEFT, canvas._pagesize[1] - top - SIZE)
        words.setFont("Helvetica", SIZE)
        words.setWordSpace(gap / spaces if stretch and spaces else 0.0)
        words.textLine(line)
        canvas.drawText(words)
        top += PITCH
    return top


# --------------------------------------------------------------------------- one column


ITEMS = ("Open a discharge lounge at the main hospital and staff it seven days a week from April",
         "Add weekend theatre lists for orthopaedics and general surgery at both hospital sites")


def committee_page(canvas: Canvas) -> None:
    text(canvas, LEFT, 60, "Improve patient flow", size=16, bold=True)
    text(canvas, LEFT, 100, "Assuring committee: QC", size=SIZE)  # ends near x 165
    text(canvas, LEFT, 100 + PITCH, "What we will do:", size=SIZE)
    for k, item in enumerate(ITEMS, start=2):
        text(canvas, LEFT, 100 + k * PITCH, "•", size=SIZE)
        text(canvas, LEFT + 12, 100 + k * PITCH, item, size=SIZE)


def test_short_label_line_and_the_line_under_it_are_separate_blocks(tmp_path: Path) -> None:
    blocks = body_blocks(build_pdf(tmp_path / "assuring_committee.pdf", [committee_page]))
    assert [(b.kind, b.text) for b in blocks] == [
        (BlockKind.PARAGRAPH, "Assuring committee: QC"),
        (BlockKind.PARAGRAPH, "What we will do:"),
        *[(BlockKind.LIST_ITEM, item) for item in ITEMS]]


PROSE = ("Our staff told us that the thing they value most is time with patients, so this",
         "year we will take paperwork out of the working day wherever we can, starting",
         "with the wards.")
NEXT = "We will report progress to the Board each quarter."


def test_justified_paragraph_with_a_short_last_line_is_one_block(tmp_path: Path) -> None:
    def page(canvas: Canvas) -> None:
        text(canvas, LEFT, 60, "Our people", size=16, bold=True)
        top = justified(canvas, 100, PROSE)
        text(canvas, LEFT, top + 8, NEXT, size=SIZE)  # after paragraph spacing

    assert texts(extract(build_pdf(tmp_path / "justified.pdf", [page]))) == [
        "Our people", " ".join(PROSE), NEXT]


def test_line_after_a_paragraph_s_short_last_line_starts_a_new_one(tmp_path: Path) -> None:
    """No extra spacing and no indent: the short line alone tells where the paragraph ended."""
    def page(canvas: Canvas) -> None:
        text(canvas, LEFT, 60, "Our people", size=16, bold=True)
        top = justified(canvas, 100, PROSE)
        text(canvas, LEFT, top, NEXT, size=SIZE)  # at the paragraph's own line pitch

    assert texts(extract(build_pdf(tmp_path / "short_last_line.pdf", [page]))) == [
        "Our people", " ".join(PROSE), NEXT]


def test_line_ending_past_the_middle_of_the_text_stays_in_its_paragraph(tmp_path: Path) -> None:
    """The next word would have fitted after the middle line, but it ends past half the width."""
    lines = ("We will open a discharge lounge at the main hospital and staff it seven days a",
             "week, so that patients can go home earlier in the day, and",
             "A&E will have beds free for the patients who need them.")  # capitalised: no run-on sign

    def page(canvas: Canvas) -> None:
        text(canvas, LEFT, 60, "Improve patient flow", size=16, bold=True)
        justified(canvas, 100, lines[:1], last_short=False)
        for k, line in enumerate(lines[1:], start=1):
            text(canvas, LEFT, 100 + k * PITCH, line, size=SIZE)

    middle = stringWidth(lines[1], "Helvetica", SIZE)
    assert (RIGHT - LEFT) / 2 < middle < RIGHT - LEFT - 40  # "A&E" would have fitted after it
    assert texts(extract(build_pdf(tmp_path / "past_the_middle.pdf", [page]))) == [
        "Improve patient flow", " ".join(lines)]


def test_line_that_ends_short_before_a_word_too_long_to_fit_goes_on(tmp_path: Path) -> None:
    link = "ANNUAL-PLAN-2024-25-APPENDIX-C-TRAJECTORIES-BY-SERVICE-LINE"  # a document code, capitalised
    lead = "The trajectories are set out in"

    def page(canvas: Canvas) -> None:
        text(canvas, LEFT, 60, "Find out more", size=16, bold=True)
        text(canvas, LEFT, 100, "Every section of this plan has an appendix with the detail behind each", size=SIZE)
        text(canvas, LEFT, 100 + PITCH, lead, size=SIZE)  # ends well before half the width
        text(canvas, LEFT, 100 + 2 * PITCH, link, size=SIZE)

    assert stringWidth(lead, "Helvetica", SIZE) < (RIGHT - LEFT) / 2
    assert LEFT + stringWidth(lead, "Helvetica", SIZE) + stringWidth(link, "Helvetica", SIZE) > RIGHT
    paragraphs = texts(extract(build_pdf(tmp_path / "long_word.pdf", [page])))
    assert paragraphs[1:] == [f"Every section of this plan has an appendix with the detail behind each {lead} {link}"]


# --------------------------------------------------------------------------- two columns

WRAPPED = ("Introduce a single point of access for urgent mental",
           "health referrals, available 24 hours a day, by March 2025")
SECOND_ITEM = "Recruit twenty more peer support workers"
RIGHT_COLUMN = ("Our community teams will see more", "people closer to home, with fewer",
                "admissions to hospital and shorter", "stays for those who are admitted.")


def two_column_page(canvas: Canvas) -> None:
    """Left column x 52..316 (bullets), right column x 364..530 (full lines), side by side."""
    text(canvas, 52, 60, "Our mental health services", size=16, bold=True)
    left: list[tuple[str | None, str]] = [("•", WRAPPED[0]), (None, WRAPPED[1]), ("•", SECOND_ITEM)]
    for k, (marker, line) in enumerate(left):
        if marker:
            text(canvas, 52, 100 + k * PITCH, marker, size=SIZE)
        text(canvas, 64, 100 + k * PITCH, line, size=SIZE)
    for k, line in enumerate(RIGHT_COLUMN):
        text(canvas, 364, 100 + k * PITCH, line, size=SIZE)


def test_wrapped_item_in_the_left_column_is_one_list_item(tmp_path: Path) -> None:
    # the first line ends before the middle of the page's text (52..530), not of its column's
    assert 64 + stringWidth(WRAPPED[0], "Helvetica", SIZE) < (52 + 530) / 2
    blocks = body_blocks(build_pdf(tmp_path / "two_columns.pdf", [two_column_page]))
    items = [b.text for b in blocks if b.kind is BlockKind.LIST_ITEM]
    assert items == [" ".join(WRAPPED), SECOND_ITEM]
    assert " ".join(RIGHT_COLUMN) in [b.text for b in blocks]


def test_a_short_line_ending_in_a_colon_over_a_list_is_a_lead_in_of_its_own(tmp_path: Path) -> None:
    """The line above it runs past half the width, so only the lead-in evidence separates them."""
    def page(canvas: Canvas) -> None:
        text(canvas, LEFT, 60, "Assuring committee: People and Organisational Development Committee", size=SIZE)
        text(canvas, LEFT, 60 + PITCH, "What we will do:", size=SIZE)
        text(canvas, LEFT, 60 + 2 * PITCH, "\u2022", size=SIZE)
        text(canvas, LEFT + 12, 60 + 2 * PITCH, "Open a discharge lounge staffed seven days a week", size=SIZE)

    found = texts(extract(build_pdf(tmp_path / "lead-in.pdf", [page])))
    assert found[:2] == ["Assuring committee: People and Organisational Development Committee", "What we will do:"]
