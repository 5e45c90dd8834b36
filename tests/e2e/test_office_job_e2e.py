"""R-03 in a real browser: the console's office job page follows the job's progress through the API
(static/catalog/office_job.js) and, when the worker has finished, shows the link to the new office."""

import pytest

pytestmark = pytest.mark.e2e


def test_office_job_page_follows_progress_and_links_the_new_office_R03(page_for, world, committed, unique_name,
                                                                        live_server_url_for):
    from django.contrib.auth.hashers import make_password

    from tenants.job_services import office_job_run
    from tenants.models import OfficeJob

    slug = unique_name("e2e")
    job = committed(lambda: OfficeJob.objects.create(
        slug=slug, name="浏览器管理处", kind="residential", director_username=unique_name("dir"),
        director_display_name="吴主任", director_password=make_password(unique_name("pw"))))
    page = page_for(world.public, "public_group_admin")
    page.goto(live_server_url_for(world.public) + f"/admin/offices/jobs/{job.pk}/")
    assert page.locator("#job-status").inner_text() == "排队中"
    assert page.locator("#job-office").count() == 0
    committed(lambda: office_job_run(job_id=job.pk))  # the worker runs it while the page is open
    page.wait_for_selector("#job-office", timeout=15000)  # the script saw "done" and reloaded
    assert f"{slug}.localhost" in page.locator("#job-office").inner_text()
    assert page.locator("#job-progress").get_attribute("value") == "3"
