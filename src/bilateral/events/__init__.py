"""The relations timeline: meetings, agreements, visits and investments between two territories.

Events come from a YAML or a CSV file (told apart by the suffix: `.yaml`/`.yml` or `.csv`,
UTF-8) and are stored in the store's `events` table (`bilateral events import FILE`).

Fields of an event (the same names in both layouts):

- `date` (required): ISO date, `2023-03-11`;
- `type` (required): one of meeting, agreement, visit, investment, mission, fair, call, other
  (any case);
- `title` (required): one line;
- `territory_a`, `territory_b` (required): names in English, Italian, French, Dutch or German,
  or codes, resolved with the store's reference (`Emilia-Romagna` -> ITH5, `Belgio` -> BEL);
- `place`: free text;
- `participants`: people with their role and organisation;
- `themes`: free texts (`trade`, `investment`);
- `sectors`: CPA 2.1 division codes (`20`, `29-30`) or names (`chemicals`, `chimica`), stored
  as division codes;
- `link`: a web address (`https://...`).

YAML: a list of mappings, or a mapping with one key `events:` holding that list::

    events:
      - date: 2023-03-11
        place: Bologna
        type: meeting
        title: The President of Emilia-Romagna meets the Ambassador of Belgium
        territory_a: Emilia-Romagna
        territory_b: Belgio
        participants:
          - {name: Anna Rossi, role: President, organisation: Regione Emilia-Romagna}
          - Jan Peeters (Ambassador, Embassy of Belgium)
        themes: [trade, investment]
        sectors: ["20", "21", "28", "22", "29"]
        link: https://example.org/press-release

CSV: the header `date,place,type,title,territory_a,territory_b,participants,themes,sectors,link`
(columns in any order; the optional ones may be left out); participants written
`Name (Role, Organisation); Name (Role); Name` (the role ends at the first comma), themes and
sectors separated by `;`. In YAML too, a text is split in the same way::

    date,place,type,title,territory_a,territory_b,participants,themes,sectors,link
    2023-03-11,Bologna,meeting,Meeting,ITH5,BE,"A. Rossi (President, Region)",trade;investment,20,

A file is checked whole before anything is stored: the first problem raises
`SourceFormatError` naming the file, the line (CSV: counting the header; YAML: where the field
is, after `item N:`, the event's place in the list), the field, the value and what would be
valid, and nothing of the file is stored. For example
`events.csv, line 3, field type: unknown event type 'meting'; expected one of meeting, ...
(did you mean meeting?)`, or `unknown territory 'Belgum'; expected ...; did you mean Belgium
(BEL)?`, `missing title`, `not an ISO date`, `bad participant 'Anna Rossi (President'`.

The same file twice is a no-op (by its SHA-256, as for ingests); an event already stored with
the same date, type, pair of territories (in either order) and title is not stored again.
"""

from bilateral.events.demo import write_demo_events
from bilateral.events.files import read_events_file
from bilateral.events.rows import ImportPlan, event_key, plan_import
from bilateral.events.validate import FIELDS, PARTICIPANT_SYNTAX, REQUIRED, FileEvent

__all__ = [
    "FIELDS",
    "PARTICIPANT_SYNTAX",
    "REQUIRED",
    "FileEvent",
    "ImportPlan",
    "event_key",
    "plan_import",
    "read_events_file",
    "write_demo_events",
]
