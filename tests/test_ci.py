"""The CI workflow and .ci/run run the README's commands, on the changes that matter."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "reports.yml"
CI_RUN = ROOT / ".ci" / "run"


def _workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def _triggers(workflow: dict) -> dict:
    # YAML 1.1 reads the bare key `on` as the boolean True.
    return workflow.get("on", workflow.get(True))


def _steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def _commands(script: str) -> list[str]:
    """The command lines of a shell script, without comments and blank lines."""
    lines = [line.split(" #")[0].strip() for line in script.splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def readme_commands() -> list[str]:
    """The ``python3 tasks.py ...`` commands of the README's shell blocks."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```(?:bash|sh|console)?\n(.*?)```", readme, re.S)
    return [line for block in blocks for line in _commands(block) if line.startswith("python3 tasks.py")]


def github_glob_matches(pattern: str, path: str) -> bool:
    """GitHub's path filter: ``**`` crosses folders, ``*`` stays inside one."""
    regex = ""
    i = 0
    while i < len(pattern):
        if pattern.startswith("**", i):
            regex += ".*"
            i += 2
        elif pattern[i] == "*":
            regex += "[^/]*"
            i += 1
        else:
            regex += re.escape(pattern[i])
            i += 1
    return re.fullmatch(regex, path) is not None


def test_github_glob_matching_follows_githubs_rules():
    assert github_glob_matches("seeds/**", "seeds/a/b.txt")
    assert github_glob_matches("seeds/*.txt", "seeds/005.txt")
    assert not github_glob_matches("seeds/*.txt", "seeds/old/005.txt")
    assert not github_glob_matches("src/**", "tests/src/x.py")


def test_the_readme_names_the_two_commands():
    assert readme_commands() == ["python3 tasks.py reports", "python3 tasks.py test"]


def test_workflow_is_valid_yaml_and_runs_the_readme_commands_in_order():
    runs = [step["run"] for step in _steps(_workflow()) if "run" in step]
    lines = [line for run in runs for line in _commands(run)]
    positions = {}
    for command in readme_commands():
        matching = [n for n, line in enumerate(lines) if line == command or line.startswith(command + " ")]
        assert matching, f"no workflow step runs `{command}`"
        positions[command] = matching[0]
    # The reports are built from the commit's inputs first, so the tests check what this commit builds.
    assert positions["python3 tasks.py reports"] < positions["python3 tasks.py test"]


def test_reports_are_committed_back_and_published_only_on_main_after_the_tests():
    steps = _steps(_workflow())
    names = [s.get("name", s.get("uses", "")) for s in steps]
    commit = next(s for s in steps if "git push" in s.get("run", ""))
    assert "refs/heads/main" in commit["if"] and "push" in commit["if"]
    assert "git add reports/" in commit["run"] and "[skip ci]" in commit["run"]
    assert names.index("Tests") < names.index(commit["name"])
    pages_upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert steps.index(next(s for s in steps if s.get("name") == "Tests")) < steps.index(pages_upload)
    assert _workflow()["jobs"]["build"]["permissions"] == {"contents": "write"}


def test_every_run_summarises_what_changed_in_the_reports():
    summary = next(s for s in _steps(_workflow()) if "git status --porcelain -- reports/" in s.get("run", ""))
    assert summary["if"] == "always()" and "GITHUB_STEP_SUMMARY" in summary["run"]


def test_every_job_has_a_time_limit():
    for name, job in _workflow()["jobs"].items():
        assert 0 < job["timeout-minutes"] <= 90, name


def test_the_readme_says_how_to_switch_on_pages():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "Settings → Pages" in readme and "GitHub Actions" in readme


@pytest.mark.parametrize(
    "changed",
    [
        "seeds/005_new_article.txt",
        "seeds/metadata.yaml",
        "notebooks/02_city_profile.ipynb",
        "src/helpers/build.py",
        "src/helpers/data/codebook.yaml",
        "src/helpers/data/gazetteer.yaml",
    ],
)
@pytest.mark.parametrize("event", ["push", "pull_request"])
def test_workflow_runs_when_seeds_notebooks_code_or_data_change(event, changed):
    on = _triggers(_workflow())
    assert event in on, f"the workflow does not run on {event}"
    filters = on[event] or {}
    assert "paths-ignore" not in filters or not any(
        github_glob_matches(p, changed) for p in filters["paths-ignore"]
    )
    if "paths" in filters:
        assert any(github_glob_matches(p, changed) for p in filters["paths"]), f"{changed} does not trigger {event}"


def test_workflow_caches_pip_and_only_what_is_a_cache_and_publishes_the_reports():
    workflow = _workflow()
    steps = _steps(workflow)
    python = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python"))
    assert python["with"]["cache"] == "pip"
    assert str(python["with"]["python-version"]) == "3.11"
    cache = next(s for s in steps if s.get("uses", "").startswith("actions/cache"))
    cached = cache["with"]["path"].split()
    for folder in (".cache/helpers", "~/.cache/helpers-fonts"):
        assert folder in cached, f"{folder} is not cached between runs"
    # A restored reports/ or build state would stand in for what the commit builds.
    assert not {"reports", "reports/", "build", "build/"} & set(cached)
    assert "restore-keys" in cache["with"], "without restore-keys a changed seed starts from an empty cache"
    artifacts = [s for s in steps if s.get("uses", "").startswith("actions/upload-artifact")]
    assert any(s["with"]["path"].rstrip("/") == "reports" for s in artifacts)
    pages_upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert pages_upload["with"]["path"].rstrip("/") == "reports"
    deploy = workflow["jobs"]["pages"]
    assert "refs/heads/main" in deploy["if"] and "refs/heads/main" in pages_upload["if"]
    assert any(s.get("uses", "").startswith("actions/deploy-pages") for s in deploy["steps"])
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}


def test_pull_requests_get_a_check_seed_summary_of_added_seeds_before_the_tests():
    steps = _steps(_workflow())
    names = [s.get("name", s.get("uses", "")) for s in steps]
    summary = next(s for s in steps if "check-seed" in s.get("run", ""))
    assert summary["if"] == "github.event_name == 'pull_request'"
    assert "--diff-filter=A" in summary["run"] and "seeds/" in summary["run"]
    assert "GITHUB_STEP_SUMMARY" in summary["run"]
    # Shown even when the tests then fail.
    assert names.index(summary["name"]) < names.index("Tests")


def test_ci_run_installs_a_browser_if_missing_then_runs_the_readme_test_command():
    script = CI_RUN.read_text(encoding="utf-8")
    commands = _commands(script)
    assert commands[-1] == "python3 tasks.py test"
    code = "\n".join(commands)
    assert "apt-get install -y chromium" in code and "[ ! -x /usr/bin/chromium ]" in code
    assert "playwright install" not in code
    assert CI_RUN.stat().st_mode & 0o111, ".ci/run is not executable"


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash not installed")
def test_ci_run_is_valid_bash():
    result = subprocess.run(["bash", "-n", str(CI_RUN)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash not installed")
def test_ci_run_goes_on_to_the_tests_when_the_browser_cannot_be_installed(tmp_path):
    """No chromium and a failing apt-get: a warning, then the test command all the same."""
    project = tmp_path / "clone"
    (project / ".ci").mkdir(parents=True)
    script = CI_RUN.read_text(encoding="utf-8").replace("/usr/bin/chromium", str(tmp_path / "no-chromium"))
    (project / ".ci" / "run").write_text(script, encoding="utf-8")
    (project / "tasks.py").write_text("import sys; print('tasks', *sys.argv[1:])\n", encoding="utf-8")
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    for tool in ("apt-get", "sudo"):
        (fake_bin / tool).write_text("#!/bin/sh\nexit 100\n", encoding="utf-8")
        (fake_bin / tool).chmod(0o755)
    (fake_bin / "python3").symlink_to(sys.executable)
    env = {"PATH": f"{fake_bin}:/usr/bin:/bin", "HOME": str(tmp_path)}
    result = subprocess.run(["bash", ".ci/run"], cwd=project, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert "tasks test" in result.stdout
    assert "browser tests will be skipped" in result.stderr
