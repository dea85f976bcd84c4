"""deploy/compose.yaml: the four processes plus PostgreSQL and Redis, as a deployer runs them.

No Docker engine runs in CI. When the docker CLI has the compose plugin (`docker compose
version` answers 0), `docker compose config` renders the file and the same checks run on what
it prints; otherwise they run on the YAML as written (anchors and merge keys resolved by the
YAML loader). Either way:

- a small JSON schema says what the deployment needs: the services, the internal network, a
  port published by the portal only, healthchecks, two portal replicas, the environment each
  process needs in production (derived from portal/config.py, bot/actions_server.py and the
  endpoints file Rasa is started with);
- the secrets are required variables (`${NAME:?...}`), never values in the file;
- every variable name in the file exists in portal/ or bot/, so a renamed variable fails here.

Each check is also run on a broken copy of the file (the `BROKEN` cases) to show it can fail.
"""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import pytest
import yaml

from portal.config import PRODUCTION_SECRETS

REPO = Path(__file__).resolve().parents[2]
COMPOSE = REPO / "deploy" / "compose.yaml"

APP_SERVICES = ("portal", "rasa", "actions", "worker")
# Only the portal publishes a port; these sit on the internal network alone.
INTERNAL_SERVICES = ("rasa", "actions", "postgres", "redis")
INTERNAL_NETWORK = "backend"
PORTAL_PORT = 8000  # gunicorn's --bind in the portal's command

# Secrets: never a value in the file, always `${NAME:?...}` (compose refuses to start without).
SECRETS = ("SECRET_KEY", "ANKOMST_INTERNAL_TOKEN", "ANKOMST_ACTIONS_TOKEN", "TWILIO_AUTH_TOKEN", "POSTGRES_PASSWORD")
# Read by the postgres image, not by Ankomst's code: the one name exempt from the name check.
COMPOSE_ONLY_VARIABLES = frozenset({"POSTGRES_PASSWORD"})
# Values for `docker compose config`, which refuses to render without the required variables.
RENDER_ENV = {
    "SECRET_KEY": "render-secret-key",
    "ANKOMST_INTERNAL_TOKEN": "render-internal-token",
    "ANKOMST_ACTIONS_TOKEN": "render-actions-token",
    "POSTGRES_PASSWORD": "render-postgres-password",
    "TWILIO_ACCOUNT_SID": "AC" + "2" * 32,
    "TWILIO_AUTH_TOKEN": "render-twilio-auth-token",
    "PUBLIC_BASE_URL": "https://ankomst.example.org",
}

INTERPOLATION = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)")


# What the code reads ----------------------------------------------------------------------


def _config_env_names() -> dict[str, str]:
    """Config key -> environment variable, from `KEY = os.environ.get("NAME"...)` in portal/config.py."""
    source = (REPO / "portal" / "config.py").read_text()
    return dict(re.findall(r"^\s+([A-Z_][A-Z0-9_]*) = os\.environ\.get\(\"([A-Z0-9_]+)\"", source, re.M))


def portal_production_env() -> set[str]:
    """What the portal and the worker need set in production."""
    names = _config_env_names()
    missing = [key for key in PRODUCTION_SECRETS if key not in names]
    assert not missing, f"portal/config.py reads no environment variable for {missing}"
    return {names[key] for key in PRODUCTION_SECRETS} | {
        "ANKOMST_ENV",  # unset means production, but the deployment says so
        "DATABASE_URL",  # unset means an SQLite file inside the container
        "REDIS_URL",  # rate limits shared between replicas, and the worker's queue
        "ANKOMST_RASA_URL",  # the default is 127.0.0.1, which is no other container
        "RASA_TRACKER_DB_URL",  # erasure deletes Rasa's trackers
        "SMS_BACKEND",
        "TWILIO_ACCOUNT_SID",
        "TWILIO_AUTH_TOKEN",  # needed with SMS_BACKEND=twilio (portal._refuse_unsafe_production)
        "PUBLIC_BASE_URL",
    }


def actions_production_env() -> set[str]:
    source = (REPO / "bot" / "actions_server.py").read_text()
    token_env = re.search(r'^TOKEN_ENV = "([A-Z0-9_]+)"', source, re.M)
    assert token_env, "bot/actions_server.py no longer names its token variable in TOKEN_ENV"
    # ACTIONS_HOST: the default 127.0.0.1 is unreachable from Rasa's container.
    return {token_env.group(1), "ACTIONS_HOST", "ANKOMST_PORTAL_URL", "ANKOMST_INTERNAL_TOKEN"}


def _option(command: list[str], name: str) -> str:
    assert isinstance(command, list) and name in command, f"{name} missing from {command}"
    return command[command.index(name) + 1]


def rasa_endpoints_file(compose: dict) -> Path:
    return REPO / _option(compose["services"]["rasa"]["command"], "--endpoints")


def rasa_production_env(compose: dict) -> set[str]:
    """Every ${NAME} in the endpoints file Rasa is started with (Rasa refuses to start without)."""
    return set(INTERPOLATION.findall(rasa_endpoints_file(compose).read_text())) | {"ANKOMST_ACTIONS_TOKEN"}


def code_text() -> str:
    """portal/ and bot/ source, scripts and configuration (not the bot's venv or models)."""
    parts = []
    for root in (REPO / "portal", REPO / "bot"):
        for path in root.rglob("*"):
            if path.suffix not in {".py", ".sh", ".yml", ".yaml"} or not path.is_file():
                continue
            if {".venv", "models", ".rasa", "__pycache__"} & set(path.relative_to(REPO).parts):
                continue
            parts.append(path.read_text(errors="replace"))
    return "\n".join(parts)


# The schema ---------------------------------------------------------------------------------


def _env(required: set[str]) -> dict:
    return {
        "type": "object",
        "required": sorted(required),
        "properties": {name: {"type": ["string", "number"], "minLength": 1} for name in required},
    }


def build_schema(compose: dict) -> dict:
    internal_only = {
        "oneOf": [
            {"type": "array", "items": {"const": INTERNAL_NETWORK}, "minItems": 1},
            {"type": "object", "propertyNames": {"const": INTERNAL_NETWORK}, "minProperties": 1},
        ]
    }
    healthcheck = {
        "type": "object",
        "required": ["test"],
        "properties": {"disable": {"const": False}, "test": {"type": ["array", "string"], "minLength": 1}},
    }
    unpublished = {
        "type": "object",
        "not": {"anyOf": [{"required": ["ports"]}, {"required": ["network_mode"]}]},
    }
    internal = {
        "allOf": [unpublished, {"required": ["networks", "healthcheck"]}],
        "properties": {"networks": internal_only, "healthcheck": healthcheck},
    }
    portal_env = _env(portal_production_env())
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "required": ["services", "networks"],
        "properties": {
            "services": {
                "type": "object",
                "required": [*APP_SERVICES, "postgres", "redis"],
                "properties": {
                    "portal": {
                        "type": "object",
                        "required": ["ports", "environment", "healthcheck", "deploy"],
                        "properties": {
                            "ports": {"type": "array", "minItems": 1},
                            "environment": portal_env,
                            "healthcheck": healthcheck,
                            "deploy": {
                                "type": "object",
                                "required": ["replicas"],
                                "properties": {"replicas": {"type": "integer", "minimum": 2}},
                            },
                        },
                    },
                    "worker": {
                        "allOf": [unpublished, {"required": ["environment", "healthcheck"]}],
                        "properties": {"environment": portal_env, "healthcheck": healthcheck},
                    },
                    "rasa": {
                        "allOf": [internal, {"required": ["environment"]}],
                        "properties": {"environment": _env(rasa_production_env(compose))},
                    },
                    "actions": {
                        "allOf": [internal, {"required": ["environment"]}],
                        "properties": {"environment": _env(actions_production_env())},
                    },
                    "postgres": internal,
                    "redis": internal,
                },
                # Anything else (the one-shot migration) publishes nothing either.
                "additionalProperties": unpublished,
            },
            "networks": {
                "type": "object",
                "required": [INTERNAL_NETWORK],
                "properties": {
                    INTERNAL_NETWORK: {
                        "type": "object",
                        "required": ["internal"],
                        "properties": {"internal": {"const": True}},
                    }
                },
            },
        },
    }


# The checks: each returns what is wrong ---------------------------------------------------------


def schema_problems(compose: dict) -> list[str]:
    validator = jsonschema.Draft202012Validator(build_schema(compose))
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(compose)]


def _networks(service: dict) -> set[str]:
    networks = service.get("networks") or []
    return set(networks)


def _port_targets(service: dict) -> set[int]:
    targets = set()
    for port in service.get("ports", []):
        target = port["target"] if isinstance(port, dict) else str(port).split("/")[0].rsplit(":", 1)[-1]
        targets.add(int(target))
    return targets


def _host_and_port(url: str) -> tuple[str | None, int | None]:
    parts = urlsplit(str(url))
    return parts.hostname, parts.port


def wiring_problems(compose: dict) -> list[str]:
    """The processes reach one another by service name, with the same shared secrets."""
    services = compose["services"]
    problems = []
    if _port_targets(services["portal"]) != {PORTAL_PORT}:
        problems.append(f"portal publishes {_port_targets(services['portal'])}, not only {PORTAL_PORT}")
    for name in ("portal", "worker", "migrate"):
        env = services.get(name, {}).get("environment", {})
        if name in services and env.get("ANKOMST_ENV") != "production":
            problems.append(f"{name}: ANKOMST_ENV is {env.get('ANKOMST_ENV')!r}, not production")
    for name in APP_SERVICES:
        if INTERNAL_NETWORK not in _networks(services[name]):
            problems.append(f"{name} is not on the {INTERNAL_NETWORK} network")
    portal_env, actions_env = services["portal"]["environment"], services["actions"]["environment"]
    rasa_env = services["rasa"]["environment"]
    if _host_and_port(portal_env.get("ANKOMST_RASA_URL")) != ("rasa", 5005):
        problems.append(f"ANKOMST_RASA_URL {portal_env.get('ANKOMST_RASA_URL')!r} is not rasa:5005")
    if _host_and_port(actions_env.get("ANKOMST_PORTAL_URL")) != ("portal", PORTAL_PORT):
        problems.append(f"ANKOMST_PORTAL_URL {actions_env.get('ANKOMST_PORTAL_URL')!r} is not portal:{PORTAL_PORT}")
    if _option(services["rasa"]["command"], "--interface") != "0.0.0.0" or actions_env.get("ACTIONS_HOST") != "0.0.0.0":
        problems.append("rasa and actions must listen on their container's interface (internal network only)")
    action_url = yaml.safe_load(rasa_endpoints_file(compose).read_text())["action_endpoint"]["url"]
    if _host_and_port(action_url) != ("actions", int(actions_env.get("ACTIONS_PORT", 5055))):
        problems.append(f"Rasa calls the action server at {action_url}, not the actions service")
    if portal_env.get("ANKOMST_INTERNAL_TOKEN") != actions_env.get("ANKOMST_INTERNAL_TOKEN"):
        problems.append("the portal and the action server have different ANKOMST_INTERNAL_TOKEN")
    if rasa_env.get("ANKOMST_ACTIONS_TOKEN") != actions_env.get("ANKOMST_ACTIONS_TOKEN"):
        problems.append("Rasa and the action server have different ANKOMST_ACTIONS_TOKEN")
    return problems


def _strings(node) -> list[str]:
    """Every string value in the parsed file (so comments never count)."""
    if isinstance(node, dict):
        return [text for value in node.values() for text in _strings(value)]
    if isinstance(node, list):
        return [text for value in node for text in _strings(value)]
    return [node] if isinstance(node, str) else []


def secret_problems(text: str) -> list[str]:
    """Every use of a secret is `${NAME:?...}`: required, with no default and no literal value."""
    compose = yaml.safe_load(text)
    values = "\n".join(_strings(compose))
    problems = []
    for name in SECRETS:
        uses = re.findall(r"\$\{" + name + r"([^A-Za-z0-9_]{0,2})", values)
        if not uses:
            problems.append(f"{name} is never used")
        problems += [f"{name} is used as ${{{name}{use}...}}, not ${{{name}:?...}}" for use in uses if use != ":?"]
        for service_name, service in compose["services"].items():
            value = (service.get("environment") or {}).get(name)
            if value is not None and not str(value).startswith("${" + name + ":?"):
                problems.append(f"{service_name}: {name} has a value in the file")
    return problems


def compose_variable_names(compose: dict) -> set[str]:
    names = set(INTERPOLATION.findall("\n".join(_strings(compose))))
    for name, service in compose["services"].items():
        if name not in ("postgres", "redis"):  # their variables belong to their images
            names |= set(service.get("environment") or {})
    return names


def unknown_variable_problems(compose: dict, code: str) -> list[str]:
    names = compose_variable_names(compose) - COMPOSE_ONLY_VARIABLES
    missing = [name for name in sorted(names) if not re.search(rf"\b{name}\b", code)]
    return [f"{name} appears nowhere in portal/ or bot/" for name in missing]


# Loading ---------------------------------------------------------------------------------------


def compose_plugin_available() -> bool:
    if not shutil.which("docker"):
        return False
    return subprocess.run(["docker", "compose", "version"], capture_output=True, check=False).returncode == 0


def render(extra_env: dict[str, str]) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in RENDER_ENV}
    env.update(extra_env)
    return subprocess.run(
        ["docker", "compose", "-f", str(COMPOSE), "config", "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        check=False,
    )


def _as_written() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


def _rendered() -> dict:
    result = render(RENDER_ENV)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def compose() -> dict:
    """`docker compose config` when the plugin is there; otherwise the YAML as written."""
    return _rendered() if compose_plugin_available() else _as_written()


# Tests ---------------------------------------------------------------------------------------


def test_compose_file_matches_the_schema(compose):
    assert schema_problems(compose) == []


def test_services_are_wired_to_one_another(compose):
    assert wiring_problems(compose) == []


def test_secrets_are_required_variables():
    assert secret_problems(COMPOSE.read_text()) == []


def test_every_variable_name_exists_in_the_code():
    assert unknown_variable_problems(_as_written(), code_text()) == []


@pytest.mark.skipif(not compose_plugin_available(), reason="no `docker compose` plugin here")
def test_docker_compose_refuses_to_render_without_a_secret():
    result = render({key: value for key, value in RENDER_ENV.items() if key != "SECRET_KEY"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def _set(compose: dict, path: tuple, value) -> dict:
    broken = copy.deepcopy(compose)
    node = broken
    for key in path[:-1]:
        node = node[key]
    if value is _DELETE:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return broken


_DELETE = object()
BROKEN = {
    "rasa publishes 5005": (("services", "rasa", "ports"), ["5005:5005"]),
    "actions publishes 5055": (("services", "actions", "ports"), ["5055:5055"]),
    "postgres publishes 5432": (("services", "postgres", "ports"), ["5432:5432"]),
    "redis on the host network": (("services", "redis", "network_mode"), "host"),
    "worker publishes a port": (("services", "worker", "ports"), ["9000:9000"]),
    "actions on a public network": (("services", "actions", "networks"), ["backend", "edge"]),
    "backend network not internal": (("networks", "backend", "internal"), False),
    "no redis": (("services", "redis"), _DELETE),
    "portal has no port": (("services", "portal", "ports"), _DELETE),
    "one portal replica": (("services", "portal", "deploy", "replicas"), 1),
    "portal without healthcheck": (("services", "portal", "healthcheck"), _DELETE),
    "postgres healthcheck disabled": (("services", "postgres", "healthcheck", "disable"), True),
    "portal without SECRET_KEY": (("services", "portal", "environment", "SECRET_KEY"), _DELETE),
    "worker without REDIS_URL": (("services", "worker", "environment", "REDIS_URL"), _DELETE),
    "portal without DATABASE_URL": (("services", "portal", "environment", "DATABASE_URL"), _DELETE),
    "rasa without its tracker host": (("services", "rasa", "environment", "RASA_TRACKER_DB_HOST"), _DELETE),
    "actions without the portal URL": (("services", "actions", "environment", "ANKOMST_PORTAL_URL"), _DELETE),
}


@pytest.mark.parametrize("change", BROKEN.values(), ids=BROKEN.keys())
def test_schema_rejects_a_broken_deployment(compose, change):
    assert schema_problems(compose) == []
    assert schema_problems(_set(compose, *change)) != []


BROKEN_WIRING = {
    "portal publishes another port": (("services", "portal", "ports"), ["8000:9000"]),
    "portal in development": (("services", "portal", "environment", "ANKOMST_ENV"), "development"),
    "rasa URL on loopback": (("services", "portal", "environment", "ANKOMST_RASA_URL"), "http://127.0.0.1:5005"),
    "actions on loopback": (("services", "actions", "environment", "ACTIONS_HOST"), "127.0.0.1"),
    "different internal tokens": (("services", "actions", "environment", "ANKOMST_INTERNAL_TOKEN"), "other"),
    "different actions tokens": (("services", "rasa", "environment", "ANKOMST_ACTIONS_TOKEN"), "other"),
    "rasa started with the loopback endpoints": (
        ("services", "rasa", "command"),
        ["rasa", "run", "--endpoints", "bot/endpoints.postgresql.yml", "--interface", "0.0.0.0"],
    ),
}


@pytest.mark.parametrize("change", BROKEN_WIRING.values(), ids=BROKEN_WIRING.keys())
def test_wiring_check_rejects_a_broken_deployment(compose, change):
    assert wiring_problems(compose) == []
    assert wiring_problems(_set(compose, *change)) != []


@pytest.mark.parametrize(
    "old, new",
    [
        ("SECRET_KEY: ${SECRET_KEY:?", "SECRET_KEY: ${SECRET_KEY:-"),  # a default instead of required
        ("${ANKOMST_ACTIONS_TOKEN:?", "${ANKOMST_ACTIONS_TOKEN-"),
        ("TWILIO_AUTH_TOKEN: ${TWILIO_AUTH_TOKEN:?set TWILIO_AUTH_TOKEN}", "TWILIO_AUTH_TOKEN: change-me"),
    ],
)
def test_secret_check_rejects_a_secret_that_is_not_required(old, new):
    text = COMPOSE.read_text()
    assert old in text
    assert secret_problems(text.replace(old, new)) != []


def test_name_check_rejects_a_renamed_variable():
    text, code = COMPOSE.read_text(), code_text()
    renamed = text.replace("ANKOMST_RASA_URL", "ANKOMST_RASA_ADDRESS")
    problems = unknown_variable_problems(yaml.safe_load(renamed), code)
    assert problems == ["ANKOMST_RASA_ADDRESS appears nowhere in portal/ or bot/"]
    # The other way round: the code renames a variable the file still sets.
    assert unknown_variable_problems(_as_written(), code.replace("ACTIONS_HOST", "ACTIONS_BIND")) == [
        "ACTIONS_HOST appears nowhere in portal/ or bot/"
    ]
