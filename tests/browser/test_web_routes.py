"""The page's routes without a browser: the page, the vendored vis-timeline file, the setting."""
from __future__ import annotations

import pytest
from timeline import create_app
from timeline.web import DEFAULT_ASSETS_DIR


@pytest.fixture
def client(redis_url):
    return create_app({"TIMELINE_REDIS_URL": redis_url}).test_client()


def test_page_loads_only_files_the_service_serves(client):
    page = client.get("/")
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    for path in ("/web/vendor/vis-timeline/vis-timeline-graph2d.min.js", "/web/static/timeline-page.js",
                 "/web/static/timeline-page.css"):
        assert f'"{path}"' in html
        assert client.get(path).status_code == 200, path
    assert "http://" not in html and "https://" not in html


@pytest.mark.parametrize("name", ["index.js", "../package.json", "vis-timeline-graph2d.js"])
def test_only_the_standalone_bundle_is_served(client, name):
    assert client.get(f"/web/vendor/vis-timeline/{name}").status_code == 404


def test_the_assets_folder_is_a_setting(redis_url, tmp_path):
    (tmp_path / "vis-timeline-graph2d.min.js").write_text("/* a build */")
    app = create_app({"TIMELINE_REDIS_URL": redis_url, "TIMELINE_WEB_ASSETS_DIR": str(tmp_path)})
    served = app.test_client().get("/web/vendor/vis-timeline/vis-timeline-graph2d.min.js")
    assert served.get_data(as_text=True) == "/* a build */"
    assert (DEFAULT_ASSETS_DIR / "vis-timeline-graph2d.min.js").is_file()
