"""Turns the shared benchmark corpus (news-bench-corpus/1) into a WordPress export (WXR 1.2)
that `lede import wordpress` loads completely: 20 authors, 8 categories, 30 tags and 1,001
published posts with their bodies as HTML paragraphs, standfirsts as excerpts and publication
times as post_date_gmt.

    python3 bench/corpus.py [CORPUS_JSON] > corpus.wxr        # default ../shared/bench-corpus/articles.json
    python3 bench/corpus.py --bios DATA_DIR [CORPUS_JSON]      # after the import: authors' bios
    python3 bench/corpus.py --check DATA_DIR [CORPUS_JSON]     # the site holds the whole corpus?
    python3 bench/corpus.py --facts [CORPUS_JSON]              # shell variables for bench/run.sh
    python3 bench/corpus.py --paths N [CORPUS_JSON]            # N article paths (fixed choice)
    python3 bench/corpus.py --random-paths N DATA_DIR          # N published articles of a site
    python3 bench/corpus.py --copies K [CORPUS_JSON] > big.wxr # K copies of every post (import scale)

WXR has no field for an author's biography, so `--bios` writes the corpus' bios straight into
an imported site's SQLite database (run it while no server has the site open); the author box
then shows what the other systems compared with Lede show.
"""
import html
import json
import random
import re
import shlex
import sqlite3
import sys
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

DEFAULT = "../shared/bench-corpus/articles.json"
SITE = "https://bench.example"


def text(value):
    return html.escape(str(value), quote=False)


def cdata(value):
    return "<![CDATA[" + str(value).replace("]]>", "]]]]><![CDATA[>") + "]]>"


def when(rfc3339):
    at = datetime.fromisoformat(rfc3339.replace("Z", "+00:00")).astimezone(timezone.utc)
    return at


def copies(corpus, k):
    """The corpus with every article K times: copy n > 0 gets its own id, a `-cN` slug and
    dates N weeks back, so an import of it is K times the work of one."""
    articles = []
    for n in range(k):
        for a in corpus["articles"]:
            if n:
                a = dict(a, id=a["id"] + 100000 * n, slug=f"{a['slug']}-c{n}",
                         published_at=shift(a["published_at"], n))
            articles.append(a)
    return dict(corpus, articles=articles)


def shift(rfc3339, weeks):
    at = when(rfc3339)
    return (at - timedelta(weeks=weeks)).isoformat()


def wxr(corpus):
    out = []
    w = out.append
    w('<?xml version="1.0" encoding="UTF-8"?>')
    w('<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
      'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
      'xmlns:wfw="http://wellformedweb.org/CommentAPI/" '
      'xmlns:dc="http://purl.org/dc/elements/1.1/" '
      'xmlns:wp="http://wordpress.org/export/1.2/">')
    w("<channel>")
    w("<title>Bench Courier</title>")
    w(f"<link>{SITE}</link>")
    w("<description>The news benchmark corpus</description>")
    w("<language>en</language>")
    w("<wp:wxr_version>1.2</wp:wxr_version>")
    w(f"<wp:base_site_url>{SITE}</wp:base_site_url>")
    w(f"<wp:base_blog_url>{SITE}</wp:base_blog_url>")
    for n, a in enumerate(corpus["authors"], 1):
        first, _, last = a["name"].partition(" ")
        w(f"<wp:author><wp:author_id>{n}</wp:author_id>"
          f"<wp:author_login>{cdata(a['slug'])}</wp:author_login>"
          f"<wp:author_email>{cdata(a['email'])}</wp:author_email>"
          f"<wp:author_display_name>{cdata(a['name'])}</wp:author_display_name>"
          f"<wp:author_first_name>{cdata(first)}</wp:author_first_name>"
          f"<wp:author_last_name>{cdata(last)}</wp:author_last_name></wp:author>")
    for n, c in enumerate(corpus["categories"], 1):
        # `parent` is honoured when a corpus has one (the importer nests sections).
        w(f"<wp:category><wp:term_id>{n}</wp:term_id>"
          f"<wp:category_nicename>{cdata(c['slug'])}</wp:category_nicename>"
          f"<wp:category_parent>{cdata(c.get('parent', ''))}</wp:category_parent>"
          f"<wp:cat_name>{cdata(c['name'])}</wp:cat_name>"
          f"<wp:category_description>{cdata(c.get('description', ''))}</wp:category_description></wp:category>")
    for n, t in enumerate(corpus["tags"], 1000):
        w(f"<wp:tag><wp:term_id>{n}</wp:term_id><wp:tag_slug>{cdata(t['slug'])}</wp:tag_slug>"
          f"<wp:tag_name>{cdata(t['name'])}</wp:tag_name></wp:tag>")
    categories = {c["slug"]: c["name"] for c in corpus["categories"]}
    tags = {t["slug"]: t["name"] for t in corpus["tags"]}
    for a in corpus["articles"]:
        at = when(a["published_at"])
        stamp = at.strftime("%Y-%m-%d %H:%M:%S")
        post_id = 10000 + a["id"]
        body = "\n".join(f"<p>{text(p)}</p>" for p in a["body"])
        link = f"{SITE}/{at:%Y/%m/%d}/{a['slug']}/"
        w("<item>")
        w(f"<title>{text(a['headline'])}</title>")
        w(f"<link>{link}</link>")
        w(f"<pubDate>{format_datetime(at)}</pubDate>")
        w(f"<dc:creator>{cdata(a['author'])}</dc:creator>")
        w(f'<guid isPermaLink="false">{SITE}/?p={post_id}</guid>')
        w("<description></description>")
        w(f"<content:encoded>{cdata(body)}</content:encoded>")
        w(f"<excerpt:encoded>{cdata(a.get('standfirst', ''))}</excerpt:encoded>")
        w(f"<wp:post_id>{post_id}</wp:post_id>")
        w(f"<wp:post_date>{cdata(stamp)}</wp:post_date>")
        w(f"<wp:post_date_gmt>{cdata(stamp)}</wp:post_date_gmt>")
        w(f"<wp:post_modified_gmt>{cdata(stamp)}</wp:post_modified_gmt>")
        w("<wp:comment_status>open</wp:comment_status><wp:ping_status>closed</wp:ping_status>")
        w(f"<wp:post_name>{cdata(a['slug'])}</wp:post_name>")
        w("<wp:status>publish</wp:status><wp:post_parent>0</wp:post_parent>"
          "<wp:menu_order>0</wp:menu_order><wp:post_type>post</wp:post_type>"
          "<wp:post_password></wp:post_password><wp:is_sticky>0</wp:is_sticky>")
        w(f'<category domain="category" nicename="{html.escape(a["category"])}">'
          f"{cdata(categories[a['category']])}</category>")
        for t in a.get("tags", []):
            w(f'<category domain="post_tag" nicename="{html.escape(t)}">{cdata(tags[t])}</category>')
        w("</item>")
    w("</channel>")
    w("</rss>")
    return "\n".join(out) + "\n"


def bios(data_dir, corpus):
    db = sqlite3.connect(f"{data_dir}/lede.db")
    with db:
        for a in corpus["authors"]:
            db.execute("UPDATE authors SET bio = ? WHERE slug = ?", (a["bio"], a["slug"]))
    db.close()


def check(data_dir, corpus):
    """Counts what the import made and compares it with the corpus; exits 1 on a difference."""
    db = sqlite3.connect(f"file:{data_dir}/lede.db?mode=ro", uri=True)
    found = {
        "published articles": "SELECT COUNT(*) FROM articles WHERE status = 'published'",
        "authors": "SELECT COUNT(*) FROM authors",
        "sections": "SELECT COUNT(*) FROM sections",
        "tags": "SELECT COUNT(*) FROM tags",
        "article tags": "SELECT COUNT(*) FROM article_tags",
        "bylines": "SELECT COUNT(*) FROM article_authors",
        "empty bodies": "SELECT COUNT(*) FROM articles WHERE body_html = ''",
        "standfirsts": "SELECT COUNT(*) FROM articles WHERE standfirst <> ''",
        "authors with a bio": "SELECT COUNT(*) FROM authors WHERE bio <> ''",
    }
    found = {k: db.execute(q).fetchone()[0] for k, q in found.items()}
    articles = corpus["articles"]
    wanted = {
        "published articles": len(articles),
        "authors": len(corpus["authors"]),
        "sections": len(corpus["categories"]),
        "tags": len(corpus["tags"]),
        "article tags": sum(len(a.get("tags", [])) for a in articles),
        "bylines": len(articles),
        "empty bodies": 0,
        "standfirsts": sum(1 for a in articles if a.get("standfirst")),
        "authors with a bio": sum(1 for a in corpus["authors"] if a.get("bio")),
    }
    # Every article keeps its slug, section, author and publication time.
    rows = db.execute(
        "SELECT a.slug, s.slug, au.slug, a.published_at FROM articles a "
        "JOIN sections s ON s.id = a.section_id "
        "JOIN article_authors x ON x.article_id = a.id JOIN authors au ON au.id = x.author_id").fetchall()
    have = {r[0]: r[1:] for r in rows}
    found["articles as in the corpus"] = sum(
        1 for a in articles
        if have.get(a["slug"]) == (a["category"], a["author"], int(when(a["published_at"]).timestamp())))
    wanted["articles as in the corpus"] = len(articles)
    bad = [k for k in wanted if found[k] != wanted[k]]
    for k in wanted:
        print(f"{k}: {found[k]}" + (f" (the corpus has {wanted[k]})" if k in bad else ""))
    if bad:
        sys.exit("corpus.py: the import is incomplete")


def facts(corpus):
    """The article, section, tag and search word the cases use, as shell assignments."""
    special = next(a for a in corpus["articles"] if a["slug"] == corpus["special_slug"])
    tags = {t["slug"]: t["name"] for t in corpus["tags"]}
    # The word (7 letters or more) found in the most articles: a search that matches a lot.
    seen = {}
    for a in corpus["articles"]:
        for word in set(re.findall(r"[a-z]{7,}", " ".join(a["body"]).lower())):
            seen[word] = seen.get(word, 0) + 1
    word = max(sorted(seen), key=seen.get)
    values = {"SPECIAL": special["slug"], "SECTION": special["category"],
              "TAG_NAME": tags[special["tags"][0]], "WORD": word, "COUNT": len(corpus["articles"]),
              "WORD_ARTICLES": seen[word]}
    for k, v in values.items():
        print(f"{k}={shlex.quote(str(v))}")


def main(argv):
    mode = argv[0] if argv and argv[0].startswith("--") else None
    if mode == "--random-paths":
        db = sqlite3.connect(f"file:{argv[2]}/lede.db?mode=ro", uri=True)
        for (slug,) in db.execute("SELECT slug FROM articles WHERE status = 'published' "
                                  "ORDER BY random() LIMIT ?", (int(argv[1]),)):
            print(f"/articles/{slug}")
        return
    rest = argv[1:] if mode else argv
    if mode in ("--bios", "--check", "--paths", "--copies"):
        rest = argv[2:]
    corpus = json.load(open(rest[0] if rest else DEFAULT, encoding="utf-8"))
    if mode == "--bios":
        bios(argv[1], corpus)
    elif mode == "--check":
        check(argv[1], corpus)
    elif mode == "--facts":
        facts(corpus)
    elif mode == "--paths":
        slugs = sorted(a["slug"] for a in corpus["articles"])
        for slug in random.Random(200).sample(slugs, int(argv[1])):
            print(f"/articles/{slug}")
    elif mode == "--copies":
        sys.stdout.write(wxr(copies(corpus, int(argv[1]))))
    else:
        sys.stdout.write(wxr(corpus))


if __name__ == "__main__":
    main(sys.argv[1:])
