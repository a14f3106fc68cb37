#!/usr/bin/env bash
# Make the cross-format fixtures from one source manuscript with the real tools:
# pandoc (Debian's) writes .docx, .odt, .tex and .md; LibreOffice (headless) prints the .odt to .pdf.
#   apt-get install -y pandoc libreoffice-writer-nogui
#   bash tools/make_format_fixtures.sh
# Source: tests/fixtures/formats/article-source.md (bibliography: article.bib beside it).
set -euo pipefail
cd "$(dirname "$0")/../tests/fixtures/formats"
src=article-source.md
pandoc "$src" -o article.docx
pandoc "$src" -o article.odt
pandoc "$src" -s -t latex --biblatex -o article.tex  # --biblatex: \addbibresource from the YAML
pandoc "$src" -s -t markdown -o article.md
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$profile/out" article.odt >/dev/null 2>&1
mv "$profile/out/article.pdf" article.pdf
ls -l article.*

# A longer manuscript whose notes fall on several pages (one runs over a page break): PDF only.
pandoc pages-source.md -o "$profile/pages.odt"
soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$profile/out" "$profile/pages.odt" >/dev/null 2>&1
mv "$profile/out/pages.pdf" pages.pdf
ls -l pages.pdf

# An encrypted PDF (open password "secret") for the hostile-input tests.
printf 'Gizli.[^1]\n\n[^1]: Not.\n' > "$profile/encrypted.md"
pandoc "$profile/encrypted.md" -o "$profile/encrypted.odt"
soffice -env:UserInstallation="file://$profile" --headless --convert-to \
  'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"secret"}}' \
  --outdir "$profile/out" "$profile/encrypted.odt" >/dev/null 2>&1
mv "$profile/out/encrypted.pdf" encrypted.pdf
ls -l encrypted.pdf
