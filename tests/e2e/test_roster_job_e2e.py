"""Issue 9 §3.8 in a real browser: a records clerk uploads a roster, confirms, and lands on the job's page;
a job's page follows the worker's progress through the API (static/residents/roster_import.js) and shows
the result when it ends."""

import io

import pytest

pytestmark = pytest.mark.e2e
HEADER = ["楼栋", "房号", "户名", "类型", "姓名", "身份", "电话", "备注"]


def _xlsx(building: str, n: int) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(HEADER)
    for i in range(n):
        book.active.append([building, str(101 + i), f"户{i}", "住户", f"居民{i}", "业主", f"139{i:08d}", ""])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_P01_upload_confirm_and_see_the_result(page_for, world, unique_name, tmp_path):
    building = unique_name("E2E栋")
    path = tmp_path / "名册.xlsx"
    path.write_bytes(_xlsx(building, 3))
    page = page_for(world.alpha, "alpha_records_clerk")
    page.goto(page.url.rstrip("/") + "/residents/import/")
    page.set_input_files("input[name=file]", str(path))
    page.click("form[enctype] button[type=submit]")
    page.click("button[name=confirm]")  # asks first (data-confirm); the page accepts
    page.wait_for_url("**/residents/import/jobs/*/")
    page.wait_for_selector("#job-summary")
    assert "新增 3 人" in page.locator("#job-summary").inner_text()
    assert page.locator("#job-rows tr", has_text=f"{building}-101").count() == 1


def test_P01_job_page_follows_progress_until_done(page_for, world, committed, unique_name):
    from django.core.files.base import ContentFile

    from core.files.models import StoredFile
    from modules.residents.models import RosterImportJob
    from modules.residents.services.roster_jobs import roster_job_run

    building = unique_name("E2E栋")

    def queued():
        content = _xlsx(building, 2)
        stored = StoredFile(original_name="名册.xlsx", content_type="application/octet-stream", size=len(content))
        stored.file.save("roster.xlsx", ContentFile(content), save=True)
        return RosterImportJob.objects.create(file=stored, source="名册.xlsx")  # its message "lost"

    job = committed(queued, tenant=world.alpha)
    page = page_for(world.alpha, "alpha_records_clerk")
    page.goto(page.url.rstrip("/") + f"/residents/import/jobs/{job.pk}/")
    assert page.locator("#job-status").inner_text() == "排队中"
    committed(lambda: roster_job_run(job_id=job.pk), tenant=world.alpha)  # the worker, while the page is open
    page.wait_for_selector("#job-summary")  # the script saw it finished and reloaded
    assert page.locator("#job-progress").get_attribute("value") == "2"
