"""Builders for the web-format ingest tests: Dutch news pages, feeds and WARC archives.

Everything is written here for the tests (no fixtures copied from real sites); WARC files are
built in memory with warcio so no binary files are committed.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from html import escape

PARAGRAPHS = (
    "ZWOLLE (ANP) - De gemeente Zwolle heeft dinsdag het overdekte zwembad aan de IJssel "
    "gesloten nadat bij een inspectie een grote lekkage in het dak werd ontdekt. Volgens "
    "wethouder Jan Bakker is de veiligheid van de bezoekers niet langer gegarandeerd.",
    "Het zwembad blijft minstens drie weken dicht. Zwemclubs moeten uitwijken naar de baden "
    "in Kampen en Deventer, waar de gemeente extra baanuren heeft gehuurd.",
    "Hoeveel de reparatie gaat kosten, kon de gemeente nog niet zeggen. De oppositie wil "
    "opheldering over het onderhoud van het gebouw, dat pas in 2015 werd gerenoveerd.",
)
SUBHEAD = "Kosten nog onbekend"
TITLE = "Gemeente Zwolle sluit zwembad na lekkage"
URL = "https://www.hetdagblad.nl/binnenland/zwembad-zwolle-dicht"


@dataclass
class NewsPage:
    """A small Dutch news page; ``extra_body`` is raw HTML placed inside the article."""

    title: str = TITLE
    paragraphs: tuple[str, ...] = PARAGRAPHS
    subhead: str | None = SUBHEAD
    url: str | None = URL
    author: str | None = "Marieke de Vries"
    published: str | None = "2023-03-14T10:53:00+01:00"
    lang: str | None = "nl-NL"
    site: str = "Het Dagblad"
    extra_head: str = ""
    extra_body: str = ""
    meta: dict[str, str] = field(default_factory=dict)

    def html(self) -> str:
        head = [f"<title>{escape(self.title)} | {escape(self.site)}</title>"]
        head.append(f'<meta property="og:title" content="{escape(self.title)}">')
        head.append(f'<meta property="og:site_name" content="{escape(self.site)}">')
        if self.url:
            head.append(f'<link rel="canonical" href="{self.url}">')
            head.append(f'<meta property="og:url" content="{self.url}">')
        if self.author:
            head.append(f'<meta name="author" content="{escape(self.author)}">')
        if self.published:
            head.append(f'<meta property="article:published_time" content="{self.published}">')
        head.extend(f'<meta name="{k}" content="{escape(v)}">' for k, v in self.meta.items())
        body = [f"<p>{escape(text)}</p>" for text in self.paragraphs[:2]]
        if self.subhead:
            body.append(f"<h2>{escape(self.subhead)}</h2>")
        body.extend(f"<p>{escape(text)}</p>" for text in self.paragraphs[2:])
        lang = f' lang="{self.lang}"' if self.lang else ""
        return (
            f"<!DOCTYPE html>\n<html{lang}>\n<head>\n<meta charset=\"utf-8\">\n"
            + "\n".join(head) + self.extra_head + "\n</head>\n<body>\n"
            "<nav><a href=\"/\">Home</a> <a href=\"/sport\">Sport</a></nav>\n"
            f"<article>\n<h1>{escape(self.title)}</h1>\n" + "\n".join(body) + self.extra_body
            + "\n</article>\n<footer><p>© Het Dagblad. Alle rechten voorbehouden.</p></footer>"
            "\n</body>\n</html>\n"
        )


def rss_feed(items: list[str], language: str = "nl-nl") -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n<title>Het Dagblad</title>\n'
        f"<link>https://www.hetdagblad.nl/</link>\n<language>{language}</language>\n"
        + "\n".join(items) + "\n</channel>\n</rss>\n"
    ).encode()


def rss_item(
    title: str, link: str, body_html: str | None, *, author: str | None = None,
    published: str | None = None, summary: str | None = None,
) -> str:  # fmt: skip
    parts = [f"<item><title>{escape(title)}</title><link>{link}</link>"]
    if author:
        parts.append(f"<dc:creator>{escape(author)}</dc:creator>")
    if published:
        parts.append(f"<pubDate>{published}</pubDate>")
    if summary:
        parts.append(f"<description>{escape(summary)}</description>")
    if body_html is not None:
        parts.append(f"<content:encoded><![CDATA[{body_html}]]></content:encoded>")
    parts.append("</item>")
    return "".join(parts)


@dataclass
class WarcRecord:
    """One record to write: a ``response`` by default (HTTP status and content type given)."""

    url: str
    body: bytes
    rec_type: str = "response"
    status: str = "200 OK"
    content_type: str = "text/html; charset=utf-8"
    date: str = "2023-03-15T08:00:00Z"


def warc_bytes(records: list[WarcRecord], gzip: bool = False) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    output = io.BytesIO()
    writer = WARCWriter(output, gzip=gzip)
    for item in records:
        http_headers = None
        if item.rec_type in ("response", "request"):
            http_headers = StatusAndHeaders(
                item.status if item.rec_type == "response" else "GET / HTTP/1.1",
                [("Content-Type", item.content_type)],
                protocol="HTTP/1.1" if item.rec_type == "response" else "",
                is_http_request=item.rec_type == "request",
            )
        record = writer.create_warc_record(
            item.url, item.rec_type, payload=io.BytesIO(item.body), http_headers=http_headers,
            warc_content_type=None if http_headers else item.content_type,
            warc_headers_dict={"WARC-Date": item.date},
        )  # fmt: skip
        writer.write_record(record)
    return output.getvalue()
