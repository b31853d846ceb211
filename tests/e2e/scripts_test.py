"""Chinese, Japanese and Thai (issue 17): a paragraph copied from a corpus
article into a draft is found, Chinese also when the copy is in Traditional
characters and the source in Simplified; an unrelated Chinese draft is not
flagged; the index records the ICU version whose word breaks it used. The
texts are the project's own."""

import os
import shutil
import tempfile
import unittest

from common import TempDirTest, provcheck

ZH_SOURCE = [
    "港口城市的渔民协会周一宣布，由于近海水温连续三个月偏高，今年秋季的捕捞季将推迟两周开始。",
    "协会负责人表示，年轻的鱼群需要更多时间长大，提前捕捞会让明年的收成大幅减少。许多家庭依靠这一季节的"
    "收入维持生活，因此市政府承诺为受影响的船主提供临时补贴，并在码头设立咨询窗口。",
]
# The second paragraph as a Traditional-script paper would print it.
ZH_TRADITIONAL = ("協會負責人表示，年輕的魚群需要更多時間長大，提前捕撈會讓明年的收成大幅減少。許多家庭依靠這一季節的"
                  "收入維持生活，因此市政府承諾為受影響的船主提供臨時補貼，並在碼頭設立諮詢窗口。")
ZH_OTHER = ("新建的城市图书馆本周末正式开放，馆内设有儿童阅读区、自习室和一间小型展览厅。开馆首日，数百名市民排队"
            "入场，不少家长带着孩子借阅绘本。馆长说，图书馆今后将每月举办一次作者见面会，并延长晚间开放时间。")
ZH_CLEAN = ("山区小学的学生们今天第一次参加了机器人比赛，他们用旧零件拼出了一辆能爬坡的小车。老师说，孩子们在准备"
            "过程中学会了合作，也更喜欢数学课了。市政府表示将为明年的比赛提供场地。")
JA_SOURCE = ("駅前の商店街では、空き店舗を活用した週末市場が始まり、地元の農家や手作りの雑貨店が毎週土曜日に出店して"
             "いる。主催者によると、初回には予想の二倍にあたる約三千人が訪れ、午前中に売り切れる店も相次いだという。")
TH_SOURCE = ("เทศบาลเมืองริมทะเลประกาศว่าจะปิดชายหาดทางทิศเหนือเป็นเวลาสองสัปดาห์ "
             "เพื่อซ่อมแซมกำแพงกันคลื่นที่เสียหายจากพายุเมื่อเดือนที่แล้ว "
             "ชาวประมงในพื้นที่กล่าวว่าการปิดครั้งนี้จะกระทบรายได้ของพวกเขา "
             "แต่ก็เห็นด้วยว่าการซ่อมแซมเป็นเรื่องจำเป็น")

ARTICLES = {
    "zh-fishing.md": ("zh-001", "渔民协会推迟捕捞季", ZH_SOURCE),
    "zh-library.md": ("zh-002", "城市图书馆开放", [ZH_OTHER]),
    "ja-market.md": ("ja-001", "駅前の週末市場", [JA_SOURCE]),
    "th-beach.md": ("th-001", "ปิดชายหาด", [TH_SOURCE]),
}

INDEX = None


def setUpModule():
    global INDEX
    INDEX = tempfile.mkdtemp(prefix="provcheck-e2e-scripts-")
    corpus = os.path.join(INDEX, "corpus")
    os.makedirs(corpus)
    for name, (doc_id, title, paragraphs) in ARTICLES.items():
        with open(os.path.join(corpus, name), "w", encoding="utf-8") as f:
            f.write(f"---\nid: {doc_id}\ntitle: {title}\npublisher: Test Press\n---\n"
                    + "\n\n".join(paragraphs) + "\n")
    run = provcheck("index", "add", corpus, "--index", INDEX + "/idx")
    assert run.code == 0, repr(run)


def tearDownModule():
    shutil.rmtree(INDEX, True)


class ScriptsTest(TempDirTest):

    def scan(self, text):
        path = self.write("draft.md", "# 草稿\n\n" + text + "\n")
        run = provcheck("scan", path, "--index", INDEX + "/idx", "--format", "json")
        return run

    def found(self, run):
        return [(f["source"]["id"], f["draft"]["text"]) for f in run.json()["findings"]
                if f["kind"] == "reuse"]

    def assertCopied(self, intro, paragraph, source_id):
        run = self.scan(intro + paragraph)
        self.assertExit(run, 1)
        found = self.found(run)
        self.assertEqual([s for s, _ in found], [source_id], repr(run))
        copied = found[0][1]
        # Nearly all of the paragraph, and none of the draft's own words.
        self.assertGreater(len(copied), 0.9 * len(paragraph), copied)
        self.assertIn(copied, paragraph)

    def test_chinese_paragraph_is_found(self):
        self.assertCopied("本报记者获悉：", ZH_SOURCE[1], "zh-001")

    def test_traditional_copy_of_a_simplified_source_is_found(self):
        self.assertCopied("本報記者獲悉：", ZH_TRADITIONAL, "zh-001")

    def test_japanese_paragraph_is_found(self):
        self.assertCopied("地域の話題として、", JA_SOURCE, "ja-001")

    def test_thai_paragraph_is_found(self):
        self.assertCopied("ข่าวท้องถิ่น ", TH_SOURCE, "th-001")

    def test_unrelated_chinese_draft_passes(self):
        run = self.scan(ZH_CLEAN)
        self.assertExit(run, 0)
        self.assertEqual(self.found(run), [])

    def test_index_records_the_icu_version(self):
        stats = provcheck("index", "stats", "--format", "json", "--index", INDEX + "/idx")
        self.assertExit(stats, 0)
        version = stats.json()["icu_version"]
        self.assertRegex(version, r"^\d+\.\d+")
        text = provcheck("index", "stats", "--index", INDEX + "/idx")
        self.assertIn("word breaks   ICU " + version, text.stdout)


if __name__ == "__main__":
    unittest.main()
