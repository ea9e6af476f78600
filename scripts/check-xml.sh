#!/usr/bin/env bash
# Checks what machines read against the real validators: sitemaps against the sitemaps.org and
# Google News XSDs (xmllint; sitemap.xsd as published in the npm package `sitemap`, the index
# and news schemas from ../shared/schemas), and the RSS and Atom feeds with Python's feedparser
# (no "bozo" warnings). Starts Lede with demo content on a spare port.
#
#   scripts/check-xml.sh
set -euo pipefail
cd "$(dirname "$0")/.."
schemas=${LEDE_SCHEMAS:-../shared/schemas}
tools=target/check-tools
command -v xmllint >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y libxml2-utils >/dev/null
[ -f "$tools/node_modules/sitemap/schema/sitemap.xsd" ] || npm install --silent --prefix "$tools" sitemap@8 >/dev/null
python3 -c "import feedparser, pyld" 2>/dev/null || pip install --quiet feedparser pyld

cargo build --quiet --bin lede
work=$(mktemp -d)
port=18091
trap 'kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
./target/debug/lede serve --demo --data "$work/data" --addr 127.0.0.1:$port 2>"$work/lede.log" &
pid=$!
for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
get() { curl -sf "http://127.0.0.1:$port$1" -o "$work/$2"; }

# Sitemap entries may carry Google News elements and, for translated stories, xhtml:link
# alternates, which sitemap.xsd checks strictly: one schema that imports all three. The
# xhtml:link schema is written here from Google's published shape (rel, hreflang, href).
cat > "$work/xhtml-link.xsd" <<'XSD'
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.w3.org/1999/xhtml" elementFormDefault="qualified">
  <xsd:element name="link">
    <xsd:complexType>
      <xsd:attribute name="rel" type="xsd:string" use="required" fixed="alternate"/>
      <xsd:attribute name="hreflang" type="xsd:language" use="required"/>
      <xsd:attribute name="href" type="xsd:anyURI" use="required"/>
    </xsd:complexType>
  </xsd:element>
</xsd:schema>
XSD
cat > "$work/sitemap-with-news.xsd" <<XSD
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <xsd:import namespace="http://www.sitemaps.org/schemas/sitemap/0.9" schemaLocation="$PWD/$tools/node_modules/sitemap/schema/sitemap.xsd"/>
  <xsd:import namespace="http://www.google.com/schemas/sitemap-news/0.9" schemaLocation="$(realpath "$schemas")/sitemap-news.xsd"/>
  <xsd:import namespace="http://www.w3.org/1999/xhtml" schemaLocation="$work/xhtml-link.xsd"/>
</xsd:schema>
XSD
get /sitemap.xml index.xml
xmllint --noout --schema "$schemas/siteindex.xsd" "$work/index.xml"
for name in articles-1 news sections tags authors pages; do
  get "/sitemaps/$name.xml" "$name.xml"
  xmllint --noout --schema "$work/sitemap-with-news.xsd" "$work/$name.xml"
done
grep -q '<xhtml:link rel="alternate" hreflang="ur"' "$work/articles-1.xml" \
  || { echo "articles-1.xml lacks the demo's translated pairs' alternates"; exit 1; }

for feed in /rss.xml /atom.xml /section/climate/rss.xml /tag/flooding/atom.xml /author/maya-chen/rss.xml /ur/rss.xml /ur/atom.xml; do
  get "$feed" feed.xml
  python3 - "$work/feed.xml" "$feed" <<'PY'
import sys, feedparser
parsed = feedparser.parse(sys.argv[1])
if parsed.bozo or not parsed.entries:
    sys.exit(f"{sys.argv[2]}: feedparser complains: {parsed.get('bozo_exception')}")
print(f"{sys.argv[2]}: {len(parsed.entries)} entries, no warnings")
PY
done
# JSON-LD through a JSON-LD processor (pyld). The schema.org context is served locally as
# its published @vocab, since this check never fetches from the network.
for page in /articles/council-passes-budget-after-library-concession /author/maya-chen; do
  get "$page" page.html
  python3 - "$work/page.html" "$page" <<'PY'
import json, re, sys
from pyld import jsonld
def loader(url, options=None):
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
                "document": {"@context": {"@vocab": "https://schema.org/"}}}
    raise ValueError(f"no network: {url}")
jsonld.set_document_loader(loader)
html = open(sys.argv[1], encoding="utf-8").read()
docs = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
types = []
for doc in docs:
    expanded = jsonld.expand(json.loads(doc))
    types += [t for node in expanded for t in node.get("@type", [])]
if not types:
    sys.exit(f"{sys.argv[2]}: no JSON-LD found")
print(f"{sys.argv[2]}: JSON-LD expands to {', '.join(types)}")
PY
done
echo "sitemaps valid against their XSDs; feeds parse cleanly; JSON-LD expands"
