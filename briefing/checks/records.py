"""Records that are really a table: the same labels given again and again, one record after another.

Text copied out of a form, a database or a chatbot's answer often lists one thing per block::

    Country: Brazil          Country: India
    Tariff: 50%              Tariff: 25%
    Status: Applied          Status: Pending review

Import keeps each block as a definition list (every ``Label: value`` line an item with a term), so
nothing is lost and nothing is guessed. This check sees what the whole run of blocks says — two or more
records with the same labels in the same order, whether as consecutive lists or as one list whose terms
come round again — and offers to make one table of them: the labels become the header, each record a
row. The fix is never safe (it is a change of form the analyst chooses, and it drops the labels repeated
in every record); it moves comments on an item onto the cell its value lands in.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

from ..editing.steps import InsertBlock
from ..model import ListBlock, Section, Table
from ..refs import Ref
from .context import CheckContext
from .edits import Edit
from .findings import Finding, Fix, Outcome
from .rules import RULES

#: Fewer labels than this make a list of pairs, not records.
MIN_LABELS = 2
#: Fewer records than this are one definition list, not a table.
MIN_RECORDS = 2
#: Labels longer than this are sentences with a colon, not field names.
MAX_LABEL_WORDS = 5


def _labels(block: ListBlock) -> list[str] | None:
    """The terms of a list whose every item is a ``Label: value`` pair at one level; else None."""
    if not block.items or any(not item.term or item.level != block.items[0].level for item in block.items):
        return None
    terms = [item.term.strip() for item in block.items]
    if any(len(term.split()) > MAX_LABEL_WORDS for term in terms):
        return None
    return terms


def _cycle(terms: list[str]) -> int | None:
    """The length of the label sequence a list repeats whole (``a b c a b c``), if it does."""
    for length in range(MIN_LABELS, len(terms) // MIN_RECORDS + 1):
        if len(terms) % length == 0 and len(set(terms[:length])) == length:
            if all(terms[i] == terms[i % length] for i in range(len(terms))):
                return length
    return None


def record_runs(section: Section) -> Iterator[tuple[list[ListBlock], list[str]]]:
    """Runs of records in a section: the lists they are in, and their labels in order."""
    blocks = section.blocks
    i = 0
    while i < len(blocks):
        block = blocks[i]
        terms = _labels(block) if isinstance(block, ListBlock) else None
        if terms is None or not isinstance(block, ListBlock):
            i += 1
            continue
        run: list[ListBlock] = [block]
        length = _cycle(terms)
        if length is None and len(set(terms)) == len(terms) >= MIN_LABELS:
            j = i + 1
            while j < len(blocks):
                nxt = blocks[j]
                if not isinstance(nxt, ListBlock) or _labels(nxt) != terms:
                    break
                run.append(nxt)
                j += 1
            if len(run) >= MIN_RECORDS:
                yield run, terms
                i = j
                continue
        elif length is not None:
            yield run, terms[:length]
        i += 1


def _records(run: list[ListBlock], labels: list[str]) -> list[list[tuple[ListBlock, int]]]:
    """Each record as the (list, item index) of each of its values, in label order."""
    places = [(block, index) for block in run for index in range(len(block.items))]
    width = len(labels)
    return [places[start : start + width] for start in range(0, len(places), width)]


def check_records(ctx: CheckContext) -> Iterator[Finding]:
    """Records with the same labels, one after another, that one table would show better."""
    rule = RULES["table.records"]
    for section in ctx.briefing.sections:
        for run, labels in record_runs(section):
            records = _records(run, labels)
            names = ", ".join(f"“{label}”" for label in labels)
            yield Finding(
                rule.id,
                rule.severity,
                f"{len(records)} records give the same {len(labels)} labels ({names}) one after another: "
                f"as a table they would read as {len(records)} rows of {len(labels)} columns.",
                Ref(section.id, run[0].id),
                [
                    Fix(
                        f"Make a table of the {len(records)} records",
                        False,
                        "table.from-records",
                        {"section_id": section.id, "block_ids": [b.id for b in run], "labels": labels},
                    )
                ],
            )


def records_to_table(edit: Edit, params: dict[str, Any]) -> Outcome | None:
    """Put a table where the records were: the labels as its header, a row per record.

    Only while the lists are still those records (same labels, next to each other). Comments and
    recommendation origins on an item move to the cell its value is in."""
    section = edit.section(params["section_id"])
    labels: list[str] = list(params["labels"])
    run = [edit.block(block_id) for block_id in params["block_ids"]]
    if section is None or not all(isinstance(b, ListBlock) for b in run):
        return None
    lists = [b for b in run if isinstance(b, ListBlock)]
    still = [found for run_, found in record_runs(section) if [b.id for b in run_] == params["block_ids"]]
    if still != [labels]:
        return None  # edited since: no longer these records
    records = _records(lists, labels)
    table = Table(
        edit.briefing.new_id("b"),
        list(labels),
        [[block.items[index].text for block, index in record] for record in records],
    )
    at = section.blocks.index(lists[0])
    edit.do(InsertBlock(section.id, at, table))
    cells = {
        (block.id, index): (row, column)
        for row, record in enumerate(records)
        for column, (block, index) in enumerate(record)
    }
    for block in lists:
        edit.move_pointers(block.id, partial(_onto_cell, block=block, table=table, cells=cells))
        edit.remove_block(block.id)
    before = "\n\n".join("\n".join(item.full_text for item in block.items) for block in lists)
    after = "\n".join(" | ".join(row) for row in [table.header, *table.rows])
    return Outcome(
        Ref(section.id, table.id),
        before,
        after,
        f"made a table of {len(records)} records with the labels {', '.join(labels)}",
    )


def _onto_cell(
    ref: Ref, block: ListBlock, table: Table, cells: dict[tuple[str, int], tuple[int, int]]
) -> Ref:
    """Where a pointer into one of the records' lists goes: the cell of its item's value."""
    if ref.item is None or (block.id, ref.item) not in cells:
        return Ref(ref.section_id, table.id)
    row, column = cells[(block.id, ref.item)]
    return Ref(ref.section_id, table.id, row=row, column=column)


CHECKS = [check_records]
ACTIONS = {"table.from-records": records_to_table}
