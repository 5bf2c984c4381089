"""The plan as validated data: what a YAML plan may contain, with types."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from plangen.load.vocabulary import Nature
from plangen.script import to_simplified

Id = Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9_]*$", max_length=64)]
Text = Annotated[str, Field(min_length=1)]
Number = int | float
# Fixed words (约束性, 区) may be written in traditional characters (約束性, 區).
SIMPLIFIED = BeforeValidator(lambda v: to_simplified(v) if isinstance(v, str) else v)


def _calendar_date(value: object) -> object:
    """A number is no date: pydantic would read 0 or 86400 as seconds after 1 January 1970."""
    if isinstance(value, bool | int | float) or (
        isinstance(value, str) and re.fullmatch(r"\s*[-+]?\d+(\.\d*)?\s*", value)
    ):
        raise PydanticCustomError("date_type", "not a valid date")
    return value


Date = Annotated[dt.date, BeforeValidator(_calendar_date)]
FileName = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=80)]


def N_(message: str) -> str:
    """Mark a msgid for the catalog; validate.py translates it when it reports."""
    return message


class Invalid(ValueError):
    """A validator's finding: a msgid with its values, and where below the field it is."""

    def __init__(self, message: str, fix: str = "", at: tuple = (), **values: object) -> None:
        super().__init__(message.format(**values))
        self.message, self.fix, self.at, self.values = message, fix, at, values


class Strict(BaseModel):
    """Unknown keys are errors: a typo such as `unti:` must not pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=False, str_strip_whitespace=True)


class Meta(Strict):
    region: Text
    level: Annotated[Literal["区", "县", "市", "省"], SIMPLIFIED] = "区"
    title: Text
    issuer: Text
    period: tuple[int, int]
    base_year: int | None = None
    date: Date
    doc_number: str | None = None
    status: str | None = None
    name: FileName | None = None
    task_numbering: Literal["continuous", "per_section"] = "continuous"
    department_line: Literal["collective", "lead_support", "responsible", "bare"] = "collective"
    department_note: str | None = (
        None  # said once, in the first unit list: 列首位的为牵头单位，下同
    )
    locale: Literal["zh_CN", "zh_TW", "zh_HK"] = "zh_CN"
    toc: bool = True  # 目录 after the title page; many published plans have none

    @field_validator("period", mode="before")
    @classmethod
    def _period(cls, value: Any) -> Any:
        if isinstance(value, str):
            m = re.fullmatch(r"\s*(\d{4})\s*[-–—~至]\s*(\d{4})\s*", value)
            if not m:
                raise Invalid(N_("period must look like 2021-2025"))
            return int(m.group(1)), int(m.group(2))
        return value

    @field_validator("period")
    @classmethod
    def _period_order(cls, value: tuple[int, int]) -> tuple[int, int]:
        if not (1949 <= value[0] < value[1] <= 2100):
            raise Invalid(N_("period must be two years, the first before the second"))
        return value

    @property
    def start(self) -> int:
        return self.period[0]

    @property
    def end(self) -> int:
        return self.period[1]

    @property
    def base(self) -> int:
        return self.base_year if self.base_year is not None else self.period[0] - 1


class Department(Strict):
    name: Text
    short: list[Text] = []
    collective: bool = False


class Datum(Strict):
    label: Text
    unit: str = ""
    value: Number


class Indicator(Strict):
    id: Id
    domain: Text
    name: Text
    unit: str = ""
    base: Number | str | None = None
    formula: str | None = None
    decimals: Annotated[int, Field(ge=0, le=6)] | None = None
    target: Number | Text | None = None
    target_text: Text | None = None  # a wording printed as written, judged by hand
    nature: Annotated[Nature, SIMPLIFIED] | None = None
    better: Literal["higher", "lower"] | None = None
    min: Number | None = None  # plausible range of values; default 0 … (100 for %)
    max: Number | None = None


class Section(Strict):
    section: Text
    body: list[Block] | None = None
    text: str | None = None


class TaskParagraph(Strict):
    """One paragraph of a task with its own unit list, lead units first."""

    text: Text
    lead: list[Text] = []
    support: list[Text] = []
    also: list[Text] = []  # written into the unit list as is: 各区人民政府分别负责


class Task(Strict):
    task: Text
    text: str = ""
    lead: list[Text] = []
    support: list[Text] = []
    also: list[Text] = []  # phrases that are not departments, printed in the unit list
    paragraphs: list[TaskParagraph] = []  # a heading line followed by paragraphs
    id: Id | None = None
    deadline: str | None = None
    indicators: list[Id] = []


class BoxItem(Strict):
    head: Text
    text: Text


class Box(Strict):
    box: Text
    body: list[Annotated[str, Field(min_length=1)] | BoxItem]


class Enumerate(Strict):
    enumerate: list[Text] = Field(min_length=1)
    lead: str | None = None


IndicatorColumn = Literal["domain", "seq", "name", "unit", "base", "target", "nature"]
INDICATOR_COLUMNS: tuple[IndicatorColumn, ...] = get_args(IndicatorColumn)


class IndicatorTable(Strict):
    indicator_table: Text
    merge: list[Literal["target", "nature", "unit"]] = []
    columns: list[IndicatorColumn] = list(INDICATOR_COLUMNS)  # which, in which order
    headers: dict[IndicatorColumn, Text] = {}  # wording of a header, e.g. {domain: 类别}

    @field_validator("columns")
    @classmethod
    def _columns(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value) or "name" not in value:
            raise Invalid(
                N_("columns must name each column once and include name"),
                N_("for example: columns: [domain, name, unit, target]"),
            )
        return value


class ReviewTable(Strict):
    """The previous plan's 规划目标完成情况, computed from its final data."""

    review_table: Text
    plan: Text
    monitoring: Text


BLOCK_KEYS = (
    "section", "task", "box", "enumerate", "indicator_table", "review_table", "table",
    "completion_table",
)  # fmt: skip
Cell = Number | str | None


class Table(Strict):
    """A table that is not the indicator table, written row by row as the document shows it."""

    table: Text  # caption, without 表N
    header: list[Text] = Field(min_length=1)
    rows: list[list[Cell]] = Field(min_length=1)
    merge: list[Text] = []  # header names whose equal neighbouring cells merge
    notes: list[Text] = []  # 注 lines below the table

    @field_validator("rows")
    @classmethod
    def _width(cls, rows: list[list[Cell]], info: ValidationInfo) -> list[list[Cell]]:
        width = len(info.data.get("header") or [])
        for i, row in enumerate(rows):
            if width and len(row) != width:
                raise Invalid(
                    N_("row {row} has {cells} cells; the header has {width}"),
                    N_(
                        'give every row one cell per header column; write ~ or "" for an empty cell'
                    ),
                    at=(i,),
                    row=i + 1,
                    cells=len(row),
                    width=width,
                )
        return rows

    @field_validator("merge")
    @classmethod
    def _merge(cls, merge: list[str], info: ValidationInfo) -> list[str]:
        header = info.data.get("header") or []
        for i, name in enumerate(merge):
            if header and name not in header:
                raise Invalid(
                    N_("merge names {name}, which the header does not have"),
                    N_("write column names exactly as in header:"),
                    at=(i,),
                    name=name,
                )
        return merge


CompletionColumn = Literal["domain", "name", "unit", "target", "result", "done"]


class CompletionRow(Strict):
    domain: str = ""
    name: Text
    unit: str = ""
    target: Number | Text
    result: Number | Text  # as reported: 80.5, 28/60, 国家级3个/省级14个
    done: bool | None = None  # when result and target cannot be compared by number


class CompletionTable(Strict):
    """The previous period's 规划目标完成情况, written from its final report."""

    completion_table: Text
    rows: list[CompletionRow] = Field(min_length=1)
    headers: dict[CompletionColumn, Text] = {}
    notes: list[Text] = []


def _block_kind(value: Any) -> str | None:
    if isinstance(value, str):
        return "paragraph"
    if isinstance(value, dict):
        for key in BLOCK_KEYS:
            if key in value:
                return key
        return "unknown"
    return None


Block = Annotated[
    Annotated[str, Tag("paragraph")]
    | Annotated[Section, Tag("section")]
    | Annotated[Task, Tag("task")]
    | Annotated[Box, Tag("box")]
    | Annotated[Enumerate, Tag("enumerate")]
    | Annotated[IndicatorTable, Tag("indicator_table")]
    | Annotated[ReviewTable, Tag("review_table")]
    | Annotated[Table, Tag("table")]
    | Annotated[CompletionTable, Tag("completion_table")],
    Discriminator(
        _block_kind,
        custom_error_type="block_kind",
        custom_error_message="unknown block: expected a paragraph or one of "
        "section, task, box, enumerate, indicator_table, review_table, table, completion_table",
    ),
]

Section.model_rebuild()


class Chapter(Strict):
    title: Text
    body: list[Block] = []


class NoticeHead(Strict):
    """版头: the red 发文机关标志 and 发文字号 above a red rule."""

    organ: Text  # 发文机关标志 as printed, e.g. 测试市人民政府文件
    number: Text | None = None  # 发文字号, e.g. 测政发〔2021〕5号


class Notice(Strict):
    """The 印发通知 that issues the plan; the plan follows it as its attachment."""

    head: NoticeHead | None = None  # leave out for a draft or a text published online
    title: Text
    to: Text | None = None  # 主送机关, ending in a full-width colon
    body: list[Text] = Field(min_length=1)
    attachment: Text | None = None  # 附件说明; the plan's title when left out
    signature: Text  # 署名
    date: Date  # 成文日期
    note: Text | None = None  # 附注, e.g. （此件公开发布）


class Record(Strict):
    """版记 at the foot of the last page: 抄送 and 印发机关/印发日期."""

    cc: list[Text] = []
    printer: Text
    printed: Date


class Plan(Strict):
    meta: Meta
    notice: Notice | None = None
    record: Record | None = None
    departments: list[Department] = []
    baseline: dict[Id, Datum] = {}
    indicators: list[Indicator] = []
    preamble: list[Text] = []
    chapters: list[Chapter] = Field(min_length=1)
    appendix: list[Literal["task_division"]] = ["task_division"]
