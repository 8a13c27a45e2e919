"""Korean words in the PDF do not break inside (WeasyPrint ignores word-break: keep-all): each short word with
Hangul is kept on one line (word joiners between its characters), and nothing else in the HTML changes."""

import shutil
import subprocess

import pytest

from compliance.reports.documents import WORD_JOINER, keep_korean_words
from compliance.reports.rendering import write_pdf


def test_short_korean_words_are_kept_whole_and_nothing_else_changes():
    html = ('<td title="한국 시장">귀사는 일본에서 (Art. 4) <strong>고영향</strong> 인공지능발전과신뢰기반조성등에관한기본법 '
            '&amp;AI를</td><svg><text>한국</text></svg>')
    kept = keep_korean_words(html)
    j = WORD_JOINER
    assert kept == (f'<td title="한국 시장">{j.join("귀사는")} {j.join("일본에서")} (Art. 4) '
                    f'<strong>{j.join("고영향")}</strong> 인공지능발전과신뢰기반조성등에관한기본법 '
                    f'&amp;{j}A{j}I{j}를</td><svg><text>한국</text></svg>')
    assert kept.replace(j, "") == html  # the text itself is unchanged, entities and tags untouched


def _pieces(html: str, tmp_path) -> list[str]:
    page = ('<html lang="ko"><head><style>p { width: 30mm; font-size: 10pt; '
            f'font-family: "Noto Sans CJK KR"; }}</style></head><body>{html}</body></html>')
    pdf = write_pdf(html=page, target=tmp_path / "narrow.pdf").path
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout.split()


def test_a_narrow_korean_column_breaks_between_words(tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (Debian package poppler-utils) is not installed")
    sentence = "귀사는 일본에서 사업으로 인공지능을 개발, 제공 또는 이용하지 않습니다"
    words = set(sentence.split())
    assert not set(_pieces(f"<p>{sentence}</p>", tmp_path)) <= words  # as such, WeasyPrint breaks inside words
    pieces = _pieces(keep_korean_words(f"<p>{sentence}</p>"), tmp_path)
    assert len(pieces) > 1 and set(pieces) <= words  # the line ends fall between words
