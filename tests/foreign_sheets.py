"""Foreign run-of-show spreadsheets (直播脚本), written the way real live-commerce teams keep them.

Each builder imitates one team's habits and derives its expected Show values from its own rows;
the builders are in tests/foreign_sheets_video.py and tests/foreign_sheets_shop.py, SAMPLES here.
Only stdlib + openpyxl: importable without Django. `python tests/foreign_sheets.py OUTDIR` writes
every sample to OUTDIR so a person can open them in a spreadsheet.
"""

import sys
from pathlib import Path

if __name__ == "__main__":  # run as a script: the project root, so that `tests` imports
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.foreign_sheets_kit import Sample
from tests.foreign_sheets_shop import (
    feishu_export_xlsx,
    taobao_skincare_xlsx,
    tiktok_crossborder_xlsx,
)
from tests.foreign_sheets_video import (
    douyin_food_gbk_csv,
    kuaishou_beauty_xlsx,
    kuaishou_three_shows_xlsx,
    wechat_midnight_bom_csv,
)

SAMPLES: list[Sample] = [
    kuaishou_beauty_xlsx(),
    douyin_food_gbk_csv(),
    taobao_skincare_xlsx(),
    wechat_midnight_bom_csv(),
    kuaishou_three_shows_xlsx(),
    tiktok_crossborder_xlsx(),
    feishu_export_xlsx(),
]


if __name__ == "__main__":
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for sample in SAMPLES:
        (out / sample.filename).write_bytes(sample.content)
        print(f"{sample.name:28} {len(sample.content):7} bytes  {sample.filename}")
