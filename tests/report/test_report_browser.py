"""The report in Chromium, served on 127.0.0.1: every chart has its data table (found by role and
caption), nothing is fetched from anywhere, and axe-core finds no serious violation."""

from __future__ import annotations

from pathlib import Path

from support.certkit import academy
from support.harness import ROOT, Server, serious_violations
from support.ledgerkit import build_ledger, small_groups

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def test_each_chart_is_followed_by_its_table(project: Path, page, chromium, tmp_path: Path) -> None:
    small_groups(project, 2)
    build_ledger(project)
    out = tmp_path / "served" / "report.html"
    made = academy("report", "--from", "2026-10-01", "--to", "2026-11-30", "--out", out, cwd=project)
    assert made.returncode == 0, made.stderr
    server = Server(out.parent)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    try:
        page.goto(server.url + "report.html")
        assert requests == [server.url + "report.html"]  # no script, font, style or image from anywhere
        charts = page.locator("figure.chart")
        count = charts.count()
        # Per month, per certificate, per department, pass rate, days, expiry, cohorts, weakest modules.
        assert count == 8
        for n in range(count):
            figure = charts.nth(n)
            label = figure.get_attribute("aria-label") or ""
            caption = label.removesuffix(": chart; the figures are in the table that follows")
            assert figure.locator("svg").count() == 1 and figure.bounding_box()["height"] > 50
            table = page.get_by_role("table", name=caption, exact=True)
            assert table.count() == 1, caption
            assert table.get_attribute("id") == figure.get_attribute("data-table")
            # The table comes right after the chart, and has figures in it.
            following = figure.evaluate("f => f.nextElementSibling && f.nextElementSibling.id")
            assert following == table.get_attribute("id")
            assert table.locator("tbody tr").count() >= 1
            assert table.get_by_role("rowheader").count() >= 1
        months = page.get_by_role("table", name="Certificates issued per month", exact=True)
        assert months.locator("tbody tr").all_inner_texts() == ["2026-10\t1", "2026-11\t3"]
        department = page.get_by_role("table", name="Certificates issued per department", exact=True)
        assert "Sales" in department.inner_text() and "Marketing" not in department.inner_text()
        page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
        if AXE.exists():
            # The report's Content-Security-Policy forbids every script, axe-core's too: audit without it.
            audit = chromium.new_context(bypass_csp=True).new_page()
            audit.goto(server.url + "report.html")
            audit.add_script_tag(content=AXE.read_text(encoding="utf-8"))
            result = audit.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
            audit.context.close()
            assert serious_violations(result) == []
    finally:
        server.close()
