"""A team's product catalogue read from a spreadsheet into the product library: whichever header
row names the products (商品名称) and at least one more column (SKU, 规格, 原价, 成本, 库存, 卖点).

All or nothing: each row is checked with the library's own form, and a file with any problem
imports nothing and says every problem with its row and column."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from stage.library import CatalogueItem
from stage.library_forms import CatalogueItemForm
from stage.sheets import cells
from stage.sheets.actuals import whole
from stage.sheets.files import Grid
from stage.sheets.table import TOTAL
from stage.sheets.words import header_meanings, words_of

HEADER_SEARCH = 15
WORDS = {
    "name": "商品名称 商品 品名 名称 商品标题 产品名称 产品 product name productname",
    "sku": "sku 货号 商品编码 商家编码 款号 商品id 条码 skuid",
    "spec": "规格 规格型号 容量 净含量 spec size",
    "list_price": "原价 吊牌价 日常价 零售价 标价 建议零售价 价格 售价 listprice price",
    "unit_cost": "成本 成本价 进货价 采购价 cost unitcost",
    "stock": "库存 库存数量 可用库存 可售库存 stock",
    "selling_points": "卖点 核心卖点 商品卖点 亮点 卖点话术 sellingpoints",
    "image_url": "图片 主图 图片链接 主图链接 image imageurl",
}
KEYS = words_of(WORDS)
PARSE = {"list_price": cells.money, "unit_cost": cells.money, "stock": whole}


@dataclass
class Catalogue:
    forms: list = field(default_factory=list)  # a bound, valid CatalogueItemForm per row
    problems: list[str] = field(default_factory=list)
    problem_rows: list[int] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)

    def refuse(self, number: int, message: str) -> None:
        self.problems.append(message)
        if number not in self.problem_rows:
            self.problem_rows.append(number)


def read_catalogue(grids: list[Grid], team) -> Catalogue:
    existing = list(CatalogueItem.objects.filter(team=team))
    by_sku = {i.sku: i for i in existing if i.sku}
    by_name = {(i.name, i.spec): i for i in existing}
    for grid in grids:
        for at, row in enumerate(grid.rows[:HEADER_SEARCH]):
            columns = header_meanings(row, KEYS)
            if "name" in columns.values() and len(columns) >= 2:
                found = Catalogue(left_out=[h for i, h in enumerate(row) if h and i not in columns])
                seen = set()
                for number, cells_ in enumerate(grid.rows[at + 1 :], start=at + 2):
                    _read(found, team, columns, row, number, cells_, by_sku, by_name, seen)
                return found
    return Catalogue(problems=[_("No header row names the products (商品名称) and their SKU, "
                                 "price or stock.")])  # fmt: skip


def _read(found, team, columns, headers, number, row, by_sku, by_name, seen) -> None:
    data = {name: row[i].strip() for i, name in columns.items() if i < len(row)}
    if any(TOTAL.match(text.strip()) for text in row if text):
        return  # the sheet's own total
    if not data.get("name"):
        if any(data.values()):
            found.refuse(number, _("Row %(n)s has no product name.") % {"n": number})
        return
    values = dict(data)
    for name, parse in PARSE.items():
        if data.get(name):
            value = parse(data[name])
            values[name] = "" if value is None else str(value)
            if value is None:
                header = headers[next(i for i, n in columns.items() if n == name)]
                found.refuse(
                    number,
                    _("Row %(n)s, %(column)s: “%(text)s” is not a number.")
                    % {"n": number, "column": header, "text": data[name]},
                )
                return
    key = values.get("sku") or (values["name"], values.get("spec", ""))
    if key in seen:
        found.refuse(number, _("Row %(n)s repeats a product above it.") % {"n": number})
        return
    seen.add(key)
    instance = by_sku.get(values.get("sku", "")) or by_name.get(
        (values["name"], values.get("spec", ""))
    )
    if instance is not None:  # an update keeps what the sheet does not say
        kept = CatalogueItemForm(instance=instance, team=team).initial
        values = {**{k: "" if v is None else v for k, v in kept.items()}, **values}
    form = CatalogueItemForm(values, instance=instance, team=team)
    if form.is_valid():
        found.forms.append(form)
        return
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for error in errors:
            found.refuse(number, f"{_('Row %(n)s') % {'n': number}}, {label}: {error}")
