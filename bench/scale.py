"""Grows an imported SQLite site to N articles by cloning its article rows in SQL, then rebuilds
the search index with `lede reindex`.

    python3 bench/scale.py N DATA_DIR          # LEDE=path/to/lede (default: the release build)

Every existing article is copied in batches (the last one partial) until the site holds N. The
article columns are read with PRAGMA table_info, so a new column is copied as it is; a clone
gets the slug of its original plus `-cK` (K the batch) and its dates moved K weeks back, so the
archive grows into the past. Bylines, tags and related lists are cloned with it, a related
article mapped to its clone in the same batch. Comments, redirects and import records are not
cloned; the search index is left to `lede reindex`, run at the end. Run it while no server has
the site open.
"""
import os
import sqlite3
import subprocess
import sys
import time

WEEK = 7 * 24 * 3600
# Columns that take the clone's id (children of articles) and the dates moved back.
ID_COLUMNS = {"article_id", "related_id"}
DATE_COLUMNS = {"published_at", "created_at", "updated_at"}
CHILDREN = ["article_authors", "article_tags", "related_articles"]


def columns(db, table):
    return [row[1] for row in db.execute(f"PRAGMA table_info({table})")]


def lede_binary():
    if os.environ.get("LEDE"):
        return os.environ["LEDE"]
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(root, "target"))
    return os.path.join(target, "release", "lede")


def grow(db_path, target):
    db = sqlite3.connect(db_path, isolation_level=None)
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA foreign_keys = OFF")
    have = db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    if have == 0:
        sys.exit("scale.py: the site has no articles to clone")
    if have >= target:
        print(f"scale.py: the site already has {have} articles (asked for {target})")
        return have
    offset = db.execute("SELECT MAX(id) FROM articles").fetchone()[0]
    article_cols = columns(db, "articles")
    select = []
    for c in article_cols:
        if c == "id":
            select.append("id + :offset")
        elif c == "slug":
            select.append("slug || :suffix")
        elif c in DATE_COLUMNS:
            select.append(f"{c} - :shift")
        else:
            select.append(c)
    insert_articles = (
        f"INSERT INTO articles ({', '.join(article_cols)}) "
        f"SELECT {', '.join(select)} FROM articles WHERE id IN (SELECT id FROM temp.pick)"
    )
    insert_children = []
    for table in CHILDREN:
        cols = columns(db, table)
        exprs = [f"{c} + :offset" if c in ID_COLUMNS else c for c in cols]
        where = " AND ".join(f"{c} IN (SELECT id FROM temp.pick)" for c in cols if c in ID_COLUMNS)
        insert_children.append(
            f"INSERT INTO {table} ({', '.join(cols)}) SELECT {', '.join(exprs)} FROM {table} WHERE {where}"
        )
    db.execute("CREATE TEMP TABLE base (id INTEGER PRIMARY KEY)")
    db.execute("INSERT INTO temp.base SELECT id FROM articles ORDER BY id")
    db.execute("CREATE TEMP TABLE pick (id INTEGER PRIMARY KEY)")
    started = time.time()
    db.execute("BEGIN")
    batch = 0
    while have < target:
        batch += 1
        count = min(target - have, offset)  # offset >= the number of base rows
        db.execute("DELETE FROM temp.pick")
        db.execute("INSERT INTO temp.pick SELECT id FROM temp.base ORDER BY id LIMIT ?", (count,))
        params = {"offset": batch * offset, "suffix": f"-c{batch}", "shift": batch * (WEEK + 17)}
        added = db.execute(insert_articles, params).rowcount
        for sql in insert_children:
            db.execute(sql, params)
        have += added
    db.execute("COMMIT")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    print(f"scale.py: cloned {batch} batches to {have} articles in {time.time() - started:.1f} s")
    return have


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    target, data_dir = int(sys.argv[1]), sys.argv[2]
    grow(os.path.join(data_dir, "lede.db"), target)
    started = time.time()
    subprocess.run([lede_binary(), "reindex", "--data", data_dir], check=True,
                   stdout=subprocess.DEVNULL)
    print(f"scale.py: lede reindex took {time.time() - started:.1f} s")


if __name__ == "__main__":
    main()
