"""Builds small .docx and .odt files for the tests, with Python's zipfile:
the parts a word processor writes that provcheck reads, no more.

A document is a list of paragraphs; each is a string (a body paragraph) or a
dict with "text" and optional "style" ("heading", "caption"), "picture"
(True: a picture before the text, in its own paragraph), "inserted" and
"deleted" (tracked changes appended to the text), "link" (text of a
hyperlink appended), "footnote" (a footnote's text), "table" (rows of cell
texts instead of text)."""

import io
import zipfile
from xml.sax.saxutils import escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _para(p):
    return p if isinstance(p, dict) else {"text": p}


def _w_run(text):
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def docx(paragraphs, title=None, creator=None, created=None):
    """The bytes of a Word document holding `paragraphs`."""
    body, notes = [], []
    for raw in paragraphs:
        p = _para(raw)
        if p.get("picture"):
            body.append('<w:p><w:r><w:drawing><wp:inline><wp:docPr id="1" name="Picture 1" '
                        'descr="a picture"/></wp:inline></w:drawing></w:r></w:p>')
        if "table" in p:
            rows = "".join("<w:tr>" + "".join(f"<w:tc><w:p>{_w_run(c)}</w:p></w:tc>" for c in row)
                           + "</w:tr>" for row in p["table"])
            body.append(f"<w:tbl>{rows}</w:tbl>")
            continue
        style = {"heading": "Heading1", "caption": "Caption"}.get(p.get("style"))
        ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
        runs = _w_run(p["text"])
        if "deleted" in p:
            runs += (f'<w:del w:id="1" w:author="Ed"><w:r><w:delText xml:space="preserve">'
                     f'{escape(p["deleted"])}</w:delText></w:r></w:del>')
        if "inserted" in p:
            runs += f'<w:ins w:id="2" w:author="Ed">{_w_run(p["inserted"])}</w:ins>'
        if "link" in p:
            runs += (f'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK '
                     f'"https://example.org/"</w:instrText></w:r><w:r><w:fldChar w:fldCharType='
                     f'"separate"/></w:r><w:hyperlink r:id="rId9">{_w_run(p["link"])}</w:hyperlink>'
                     f'<w:r><w:fldChar w:fldCharType="end"/></w:r>')
        if "footnote" in p:
            notes.append(p["footnote"])
            runs += f'<w:r><w:footnoteReference w:id="{len(notes) + 1}"/></w:r>'
        body.append(f"<w:p>{ppr}{runs}</w:p>")
    ns = (f'xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
          'relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/'
          'wordprocessingDrawing"')
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {ns}>'
                f'<w:body>{"".join(body)}<w:sectPr/></w:body></w:document>')
    parts = {"word/document.xml": document,
             "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.'
                                    'openxmlformats.org/package/2006/content-types"/>',
             "word/styles.xml": (f'<?xml version="1.0"?><w:styles {ns}>'
                                 '<w:style w:type="paragraph" w:styleId="Heading1"><w:name '
                                 'w:val="heading 1"/></w:style><w:style w:type="paragraph" '
                                 'w:styleId="Caption"><w:name w:val="caption"/></w:style>'
                                 '</w:styles>')}
    if notes:
        items = "".join(f'<w:footnote w:id="{i + 2}"><w:p>{_w_run(n)}</w:p></w:footnote>'
                        for i, n in enumerate(notes))
        parts["word/footnotes.xml"] = (
            f'<?xml version="1.0"?><w:footnotes {ns}><w:footnote w:type="separator" w:id="0">'
            f'<w:p><w:r><w:separator/></w:r></w:p></w:footnote>{items}</w:footnotes>')
    if title or creator or created:
        meta = ""
        if title:
            meta += f"<dc:title>{escape(title)}</dc:title>"
        if creator:
            meta += f"<dc:creator>{escape(creator)}</dc:creator>"
        if created:
            meta += f'<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>'
        parts["docProps/core.xml"] = (
            '<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/'
            'package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/'
            f'XMLSchema-instance">{meta}</cp:coreProperties>')
    return zip_of(parts)


def odt(paragraphs, title=None, creator=None, created=None):
    """The bytes of an OpenDocument text holding `paragraphs`."""
    body, tracked = [], []
    for raw in paragraphs:
        p = _para(raw)
        if p.get("picture"):
            body.append('<text:p><draw:frame draw:name="Image1"><draw:image xlink:href="Pictures/'
                        'a.png"/></draw:frame></text:p>')
        if "table" in p:
            rows = "".join("<table:table-row>" + "".join(
                f"<table:table-cell><text:p>{escape(c)}</text:p></table:table-cell>" for c in row)
                + "</table:table-row>" for row in p["table"])
            body.append(f'<table:table table:name="T1">{rows}</table:table>')
            continue
        inner = escape(p["text"])
        if "deleted" in p:
            n = len(tracked) + 1
            tracked.append(f'<text:changed-region text:id="ct{n}"><text:deletion><office:change-info>'
                           f'<dc:creator>Ed</dc:creator></office:change-info><text:p>'
                           f'{escape(p["deleted"])}</text:p></text:deletion></text:changed-region>')
            inner += f'<text:change text:change-id="ct{n}"/>'
        if "inserted" in p:
            n = len(tracked) + 1
            tracked.append(f'<text:changed-region text:id="ct{n}"><text:insertion><office:change-'
                           f'info><dc:creator>Ed</dc:creator></office:change-info></text:insertion>'
                           f'</text:changed-region>')
            inner += (f'<text:change-start text:change-id="ct{n}"/>{escape(p["inserted"])}'
                      f'<text:change-end text:change-id="ct{n}"/>')
        if "link" in p:
            inner += f'<text:a xlink:href="https://example.org/">{escape(p["link"])}</text:a>'
        if "footnote" in p:
            inner += (f'<text:note text:note-class="footnote"><text:note-citation>1'
                      f'</text:note-citation><text:note-body><text:p>{escape(p["footnote"])}'
                      f'</text:p></text:note-body></text:note>')
        if p.get("style") == "heading":
            body.append(f'<text:h text:outline-level="1">{inner}</text:h>')
        elif p.get("style") == "caption":
            body.append(f'<text:p text:style-name="P1">{inner}</text:p>')
        else:
            body.append(f"<text:p>{inner}</text:p>")
    changes = f"<text:tracked-changes>{''.join(tracked)}</text:tracked-changes>" if tracked else ""
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:dc="http://purl.org/dc/elements/1.1/" '
          'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"')
    content = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ns} '
               'office:version="1.3"><office:automatic-styles><style:style style:name="P1" '
               'style:family="paragraph" style:parent-style-name="Illustration"/>'
               '</office:automatic-styles><office:body><office:text>'
               f'{changes}{"".join(body)}</office:text></office:body></office:document-content>')
    styles = (f'<?xml version="1.0"?><office:document-styles {ns}><office:styles>'
              '<style:style style:name="Caption" style:family="paragraph"/>'
              '<style:style style:name="Illustration" style:family="paragraph" '
              'style:parent-style-name="Caption"/></office:styles></office:document-styles>')
    parts = {"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": content,
             "styles.xml": styles}
    if title or creator or created:
        meta = ""
        if title:
            meta += f"<dc:title>{escape(title)}</dc:title>"
        if creator:
            meta += f"<meta:initial-creator>{escape(creator)}</meta:initial-creator>"
        if created:
            meta += f"<meta:creation-date>{created}</meta:creation-date>"
        parts["meta.xml"] = (f'<?xml version="1.0"?><office:document-meta {ns}><office:meta>'
                             f'{meta}</office:meta></office:document-meta>')
    return zip_of(parts)


def zip_of(parts, compression=zipfile.ZIP_DEFLATED):
    """A zip archive of {name: str or bytes}; "mimetype" first and stored, as ODF wants."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in parts.items():
            if isinstance(data, str):
                data = data.encode("utf-8")
            z.writestr(name, data,
                       compress_type=zipfile.ZIP_STORED if name == "mimetype" else compression)
    return out.getvalue()
