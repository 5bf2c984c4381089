"""Generate synthetic but valid plans of a given size, for scale tests and benchmarks."""

from __future__ import annotations

import argparse
from pathlib import Path

import yaml

TEXT = (
    "完善公共卫生服务体系，加强疾病预防控制能力建设，推进医防协同，"
    "提升基层医疗卫生服务能力和水平，满足人民群众多层次健康需求。"
)
DEPARTMENTS = [
    "区卫生健康局",
    "区财政局",
    "区发展和改革局",
    "区人力资源和社会保障局",
    "区医疗保障局",
    "区教育和体育局",
    "区民政局",
    "区市场监管局",
]
TARGETS = [
    "81.5",
    "≥2.1",
    "＜3",
    "83以上",
    "6.5以下",
    "30左右",
    "同比例增加",
    "力争每年降低1个百分点",
    "达国家要求",
    "1：1.2",
]


def plan(tasks: int, indicators: int, boxes: int, region: str = "样例区") -> dict:
    """A plan dict with the given counts, spread over chapters of ten tasks each."""
    chapters = []
    per_chapter = 10
    n_chapters = max(1, -(-tasks // per_chapter))
    box_every = max(1, n_chapters // max(1, boxes)) if boxes else 0
    made_boxes = 0
    for c in range(n_chapters):
        body: list = [f"第{c + 1}章导语。{TEXT}"]
        for t in range(min(per_chapter, tasks - c * per_chapter)):
            body.append(
                {
                    "task": f"重点任务{c * per_chapter + t + 1}",
                    "text": TEXT * 2,
                    "lead": [DEPARTMENTS[(c + t) % len(DEPARTMENTS)]],
                    "support": [
                        DEPARTMENTS[(c + t + 1) % len(DEPARTMENTS)],
                        DEPARTMENTS[(c + t + 2) % len(DEPARTMENTS)],
                    ],
                }
            )
        while boxes and made_boxes < boxes and (c % box_every == 0 or c == n_chapters - 1):
            made_boxes += 1
            body.append(
                {"box": f"重点项目{made_boxes}", "body": [{"head": "项目内容", "text": TEXT}]}
            )
            if c != n_chapters - 1:
                break
        chapters.append({"title": f"重点领域{c + 1}", "body": body})
    chapters[0]["body"].append({"indicator_table": "主要发展指标"})
    return {
        "meta": {
            "region": region,
            "level": "区",
            "title": f"{region}卫生健康规划",
            "issuer": f"{region}卫生健康局",
            "period": "2021-2025",
            "base_year": 2020,
            "date": "2022-06-13",
            "status": "征求意见稿",
        },
        "departments": [{"name": d} for d in DEPARTMENTS],
        "indicators": [
            {
                "id": f"ind{i}",
                "domain": f"领域{i // 10 + 1}",
                "name": f"指标{i + 1}",
                "unit": "%",
                "base": 10 + i % 50,
                "target": TARGETS[i % len(TARGETS)],
                "nature": "预期性" if i % 3 else "约束性",
                "better": "higher",
            }
            for i in range(indicators)
        ],
        "chapters": chapters,
    }


def write(path: Path, tasks: int, indicators: int, boxes: int, region: str = "样例区") -> Path:
    path.write_text(
        yaml.safe_dump(plan(tasks, indicators, boxes, region), allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    return path


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--indicators", type=int, default=200)
    parser.add_argument("--boxes", type=int, default=50)
    args = parser.parse_args()
    write(args.out, args.tasks, args.indicators, args.boxes)
