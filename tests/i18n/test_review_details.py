"""Why a question needs review after an upgrade: the engine writes it in English with a reason code; screens show
it in the reader's language (fixed sentences whole, the others around the parts the engine filled in)."""

from types import SimpleNamespace

from django.utils import translation

from compliance.upgrades.templatetags.upgrades import review_detail


def test_fixed_sentences_follow_the_reason_code():
    new = SimpleNamespace(reason="new", detail="A new question in this version.")
    with translation.override("ko"):
        assert review_detail(new) == "이 버전의 새 질문입니다."
    with translation.override("ja"):
        assert review_detail(new) == "このバージョンの新しい質問です。"
    with translation.override("en"):
        assert review_detail(new) == "A new question in this version."


def test_filled_in_sentences_keep_their_parts():
    mapped = SimpleNamespace(reason="mapped", detail="Your answer to “Do you sell it?” was: Yes. Carried over as: "
                                                     "Korea. Check it still holds. Mapped by the 2026 rules.")
    with translation.override("ja"):
        text = review_detail(mapped)
    assert text == ("「Do you sell it?」への回答はYesでした。Koreaとして引き継ぎました。まだ当てはまるか確認してください。"
                    " Mapped by the 2026 rules.")
    unknown = SimpleNamespace(reason="answer_cleared", detail="Something the patterns do not know.")
    with translation.override("ko"):
        assert review_detail(unknown) == "Something the patterns do not know."
