"""Tests for reading and checking events files: each malformed case and its message."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bilateral.api import Store
from bilateral.errors import EncodingError, SourceFormatError
from bilateral.events import read_events_file
from bilateral.results.events import Participant
from events.conftest import FIXTURES

HEADER = "date,place,type,title,territory_a,territory_b,participants,themes,sectors,link\n"
GOOD_ROW = "2023-03-11,Bologna,meeting,A meeting,ITH5,BEL,Anna Rossi (President),trade,20,\n"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_yaml_and_csv_fixtures_read_the_same(store: Store) -> None:
    from_yaml = read_events_file(FIXTURES / "events.yaml", store.resolve)
    from_csv = read_events_file(FIXTURES / "events.csv", store.resolve)
    assert [item.event.title for item in from_yaml] == [item.event.title for item in from_csv]
    for yaml_item, csv_item in zip(from_yaml, from_csv, strict=True):
        assert yaml_item.event.source_file == "events.yaml"
        assert csv_item.event.source_file == "events.csv"
        for field in ("date", "kind", "territories", "place", "participants", "themes"):
            assert getattr(yaml_item.event, field) == getattr(csv_item.event, field), field
        assert (yaml_item.event.sectors, yaml_item.event.link) == (
            csv_item.event.sectors,
            csv_item.event.link,
        )
    assert [item.line for item in from_csv] == [2, 3, 4, 5]
    assert [item.line for item in from_yaml] == [3, 17, 28, 35]


def test_names_in_several_languages_resolve(store: Store) -> None:
    events = [item.event for item in read_events_file(FIXTURES / "events.yaml", store.resolve)]
    assert [event.territories for event in events] == [
        ("ITH5", "BEL"),  # Emilia-Romagna, Belgio
        ("ITH5", "BEL"),  # ITH5, Belgique
        ("BEL", "ITC4"),  # België, Lombardia
        ("ITH5", "DEU"),  # Emilia-Romagna, Deutschland
    ]


def test_participants_in_both_syntaxes(store: Store) -> None:
    first, second = (
        item.event for item in read_events_file(FIXTURES / "events.yaml", store.resolve)[:2]
    )
    assert first.participants == (
        Participant("Anna Rossi", "President", "Regione Emilia-Romagna"),
        Participant("Jan Peeters", "Ambassador", "Embassy of Belgium"),
    )
    assert second.participants == (
        Participant("Marie Dubois", "Minister"),
        Participant("Luca Bianchi"),
    )


def test_sector_names_become_division_codes_and_types_any_case(
    store: Store, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        "e.yaml",
        "- {date: 2020-01-02, type: Visit, title: T, territory_a: IT, territory_b: BE,\n"
        "   sectors: 'chemicals; farmaceutica; 29-30; 20'}\n",
    )
    (item,) = read_events_file(path, store.resolve)
    assert (item.event.kind, item.event.sectors) == ("visit", ("20", "21", "29", "30"))
    assert item.event.date == dt.date(2020, 1, 2)
    assert item.event.territories == ("ITA", "BEL")


CSV_CASES = [
    (
        "2023-13-01,Bologna,meeting,A meeting,ITH5,BEL,,,,\n",
        "date",
        "e.csv, line 3, field date: no such day (found '2023-13-01'); "
        "expected an ISO date YYYY-MM-DD such as 2023-03-11",
    ),
    (
        "11/03/2023,Bologna,meeting,A meeting,ITH5,BEL,,,,\n",
        "date",
        "e.csv, line 3, field date: not an ISO date (found '11/03/2023'); "
        "expected an ISO date YYYY-MM-DD such as 2023-03-11",
    ),
    (
        "2023-03-11,Bologna,meting,A meeting,ITH5,BEL,,,,\n",
        "type",
        "e.csv, line 3, field type: unknown event type 'meting'; expected one of meeting, "
        "agreement, visit, investment, mission, fair, call, other (did you mean meeting?)",
    ),
    (
        "2023-03-11,Bologna,meeting,A meeting,ITH5,Belgum,,,,\n",
        "territory_b",
        "e.csv, line 3, field territory_b: unknown territory 'Belgum'; expected a territory "
        "name or code such as Belgium, Belgio, BE, ITH5; did you mean Belgium (BEL)",
    ),
    (
        "2023-03-11,Bologna,meeting,,ITH5,BEL,,,,\n",
        "title",
        "e.csv, line 3, field title: missing title; expected a title on every event",
    ),
    (
        "2023-03-11,Bologna,meeting,A meeting,ITH5,BEL,Anna Rossi (President,,,\n",
        "participants",
        "e.csv, line 3, field participants: bad participant 'Anna Rossi (President'; "
        "expected participants written as Name (Role, Organisation); Name (Role); Name",
    ),
    (
        "2023-03-11,Bologna,meeting,A meeting,ITH5,BEL,(President),,,\n",
        "participants",
        "e.csv, line 3, field participants: bad participant '(President)'",
    ),
    (
        "2023-03-11,Bologna,meeting,A meeting,ITH5,BEL,,,chemistry of stars,\n",
        "sectors",
        "e.csv, line 3, field sectors: unknown sector 'chemistry of stars'",
    ),
    (
        "2023-03-11,Bologna,meeting,A meeting,ITH5,BEL,,,,www.example.org\n",
        "link",
        "e.csv, line 3, field link: not a web address (found 'www.example.org')",
    ),
    (
        "2023-03-11,Bologna,meeting,A meeting,ITH5,Emilia-Romagna,,,,\n",
        "territory_b",
        "e.csv, line 3, field territory_b: territory_b is the same territory as territory_a",
    ),
]


@pytest.mark.parametrize(("bad_row", "field", "message"), CSV_CASES)
def test_each_malformed_csv_row_names_file_line_field(
    store: Store, tmp_path: Path, bad_row: str, field: str, message: str
) -> None:
    path = write(tmp_path, "e.csv", HEADER + GOOD_ROW + bad_row + GOOD_ROW)
    with pytest.raises(SourceFormatError) as caught:
        read_events_file(path, store.resolve)
    assert message in str(caught.value)
    assert (caught.value.path.name, caught.value.line, caught.value.field) == ("e.csv", 3, field)


def yaml_item(**changes: str | None) -> str:
    """Return one YAML event, its fields changed (None removes one), extra fields last."""
    fields: dict[str, str | None] = {
        "date": "2023-03-11",
        "type": "meeting",
        "title": "A meeting",
        "territory_a": "ITH5",
        "territory_b": "BEL",
    }
    fields.update(changes)
    lines = [f"{name}: {value}" for name, value in fields.items() if value is not None]
    return "- " + "".join(line + "\n" for line in lines).replace("\n", "\n  ")[:-2]


YAML_CASES = [
    ({"date": "2023-02-30"}, "date", 6, "item 2: no such day (found '2023-02-30')"),
    ({"type": "meting"}, "type", 7, "item 2: unknown event type 'meting'; expected one of"),
    (
        {"territory_b": "Belgum"},
        "territory_b",
        10,
        "item 2: unknown territory 'Belgum'; expected a territory name or code such as "
        "Belgium, Belgio, BE, ITH5; did you mean Belgium (BEL)",
    ),
    ({"title": "''"}, "title", 8, "item 2: missing title"),
    (
        {"participants": "['Anna (President']"},
        "participants",
        11,
        "item 2: bad participant 'Anna (President'",
    ),
    (
        {"participants": "[{role: President}]"},
        "participants",
        11,
        "item 2: missing participant name",
    ),
    ({"particpants": "[Anna]"}, "particpants", 11, "item 2: unknown field 'particpants'"),
]


@pytest.mark.parametrize(("changes", "field", "line", "message"), YAML_CASES)
def test_each_malformed_yaml_item_names_item_line_field(
    store: Store, tmp_path: Path, changes: dict[str, str], field: str, line: int, message: str
) -> None:
    path = write(tmp_path, "e.yaml", yaml_item() + yaml_item(**changes))
    with pytest.raises(SourceFormatError) as caught:
        read_events_file(path, store.resolve)
    assert message in str(caught.value)
    assert str(caught.value).startswith(f"e.yaml, line {line}, field {field}: ")
    assert (caught.value.line, caught.value.field) == (line, field)


def test_missing_yaml_field_points_at_the_item(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, "e.yaml", yaml_item() + yaml_item(title=None))
    with pytest.raises(SourceFormatError) as caught:
        read_events_file(path, store.resolve)
    assert str(caught.value) == (
        "e.yaml, line 6, field title: item 2: missing title; expected a title on every event"
    )


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("e.txt", "x", "e.txt: not an events file (found '.txt'); expected a .yaml, .yml or .csv"),
        ("e.csv", HEADER, "e.csv: the file holds no events"),
        ("e.yaml", "", "e.yaml: the file holds no events"),
        ("e.yaml", "events: []\n", "e.yaml: the file holds no events"),
        ("e.yaml", "date: 2023-01-01\n", "e.yaml, line 1: the file is not a list of events"),
        ("e.yaml", "- [1, 2]\n", "e.yaml, line 1: item 1 is not a mapping"),
        ("e.yaml", "- date: [2023\n", "e.yaml, line 2: not valid YAML"),
        ("e.csv", "date,kind\n", "e.csv, line 1, field header: unknown column 'kind'"),
        ("e.csv", "date,type,title,territory_a\n", "missing column 'territory_b'"),
        ("e.csv", HEADER + "2023-03-11,Bologna\n", "e.csv, line 2: the line has 2 cells"),
    ],
)
def test_malformed_files(store: Store, tmp_path: Path, name: str, text: str, message: str) -> None:
    with pytest.raises(SourceFormatError) as caught:
        read_events_file(write(tmp_path, name, text), store.resolve)
    assert message in str(caught.value)


def test_not_utf8_is_an_encoding_error(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_bytes((HEADER + GOOD_ROW).encode() + "2023-03-11,Bruxelles é\n".encode("latin-1"))
    with pytest.raises(EncodingError, match=r"e.csv, line 3: not UTF-8 text"):
        read_events_file(path, store.resolve)


def test_quoted_multiline_cells_keep_line_numbers(store: Store, tmp_path: Path) -> None:
    multiline = '2023-03-12,"Bologna,\nItaly",meeting,Second,ITH5,BEL,,,,\n'
    bad = "2023-03-13,Bologna,meting,Third,ITH5,BEL,,,,\n"
    path = write(tmp_path, "e.csv", HEADER + multiline + bad)
    with pytest.raises(SourceFormatError) as caught:
        read_events_file(path, store.resolve)
    assert caught.value.line == 4
