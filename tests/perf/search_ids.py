"""Who a list of searches finds, in order, written to a JSON file: run it before and after a
change of the search on the same database (a file or a server) and compare the two files.

    python tests/perf/search_ids.py --db FILE_OR_URL --out found.json [--compare other.json]

The 47 searches cover each kind of term: short words, words starting names, parts inside
handles and addresses, one-letter words beside longer ones (in a term and typed apart),
words met only in a tag, accents, several terms, a pasted profile link. Each is listed every
id in order both ways (`list_ids`) and as the list's first 300 and count (`list_start`).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from infcrm.db.engine import open_database
from infcrm.services.people import influencer_list
from infcrm.services.people.influencer_types import ListQuery

SEARCHES = (
    "m", "mi", "mia", "bakes", "akes", "@mia.b", "mia.b", "b", "berlin vegan", "vip",
    "gifted", "eco b", "a.bak", "mia vip", "lena.b eco", "x.b", "ab", "studio", "leo.g",
    "kim.p", "ana.s", "nia.v", "zoe.u", "rossi.d l", "chloe", "bakes.a", "@vegan",
    "mia b", "mi b", "berlin v", "mia b k", "m b", "mia-b", "lucia", "LUCÍA", "luc",
    "before", "gifted-before", "vegan", "chef", "bak", "lena", "e", "zzzz", "eco",
    "https://www.instagram.com/mia.bakes/", "mi.b",
)  # fmt: skip


def found(db, text: str) -> dict:
    up = influencer_list.list_ids(db, ListQuery(search=text))
    down = influencer_list.list_ids(db, ListQuery(search=text, descending=True))
    start = influencer_list.list_start(db, ListQuery(search=text), 300)
    return {"ids": up, "descending": down, "first": start.ids, "count": start.total}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="a database file or a server's URL")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--compare", type=Path, help="a file written before, to compare with")
    args = parser.parse_args()
    target = args.db if "://" in args.db else Path(args.db)
    db = open_database(target)
    try:
        result = {text: found(db, text) for text in SEARCHES}
    finally:
        db.close()
    args.out.write_text(json.dumps(result))
    print(f"{len(result)} searches, {sum(len(r['ids']) for r in result.values()):,} ids")
    if args.compare:
        before = json.loads(args.compare.read_text())
        differ = [text for text in SEARCHES if before.get(text) != result[text]]
        print("the same people in the same order" if not differ else f"differ: {differ}")
        sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
