#!/usr/bin/env bash
# Make the restarted-numbering fixtures (tests/fixtures/chapters) from one source with the real tools.
#   apt-get install -y pandoc libreoffice-writer-nogui poppler-utils
#   bash tools/make_chapter_fixtures.sh
# - chapters.docx: pandoc's .docx with a Word section break after each chapter (raw OpenXML), every section
#   restarting its footnote numbering (w:numRestart eachSect; the last section's properties are edited in, as
#   pandoc writes them empty). Word prints 1, 2, 3 / 1, 2, 3 / 1, 2.
# - chapters.odt: pandoc's .odt with LibreOffice's "restart numbering per chapter" (text:notes-configuration
#   start-numbering-at="chapter") switched on in styles.xml, then opened and saved again by LibreOffice, which
#   writes the numbers it shows; chapters.pdf: LibreOffice prints that .odt; chapters.pdftotext.txt: its text.
# The answers (expected.json) are written by hand from the source: which work each note cites.
set -euo pipefail
cd "$(dirname "$0")/../tests/fixtures/chapters"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
restart='<w:footnotePr><w:numStart w:val="1"/><w:numRestart w:val="eachSect"/></w:footnotePr>'
break_block='```{=openxml}\n<w:p><w:pPr><w:sectPr>'"$restart"'<w:type w:val="nextPage"/></w:sectPr></w:pPr></w:p>\n```'
sed "s|^SECTION-BREAK\$|$break_block|" chapters-source.md > "$work/docx.md"
pandoc "$work/docx.md" -o "$work/chapters.docx"
mkdir "$work/docx" && (cd "$work/docx" && unzip -q ../chapters.docx)
sed -i "s|<w:sectPr />|<w:sectPr>$restart</w:sectPr>|" "$work/docx/word/document.xml"
(cd "$work/docx" && rm -f ../out.docx && zip -q -X -r ../out.docx .)
mv "$work/out.docx" chapters.docx

sed '/^SECTION-BREAK$/d' chapters-source.md > "$work/odt.md"
pandoc "$work/odt.md" -o "$work/plain.odt"
mkdir "$work/odt" && (cd "$work/odt" && unzip -q ../plain.odt)
config='<text:notes-configuration text:note-class="footnote" style:num-format="1" text:start-value="0" text:footnotes-position="page" text:start-numbering-at="chapter"/>'
sed -i "s|</office:styles>|$config</office:styles>|" "$work/odt/styles.xml"
(cd "$work/odt" && zip -q -X -0 ../chapters.odt mimetype && zip -q -X -r ../chapters.odt . -x mimetype)
profile="$work/profile"
soffice -env:UserInstallation="file://$profile" --headless --convert-to odt --outdir "$work/saved" "$work/chapters.odt" >/dev/null 2>&1
mv "$work/saved/chapters.odt" chapters.odt
soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$work/out" chapters.odt >/dev/null 2>&1
mv "$work/out/chapters.pdf" chapters.pdf
pdftotext chapters.pdf chapters.pdftotext.txt
ls -l chapters.*
