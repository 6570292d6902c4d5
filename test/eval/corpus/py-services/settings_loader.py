"""Loads per-tenant feature settings that tenants upload from the admin page."""
import json
import pickle
import base64
from typing import Any

DEFAULTS: dict[str, Any] = {
    "max_users": 25,
    "sso": False,
    "retention_days": 90,
    "features": [],
}


def merge(defaults: dict[str, Any], overrides: dict[str, Any]) -> dict[str, Any]:
    merged = dict(defaults)
    for key, value in overrides.items():
        if key in defaults:
            merged[key] = value
    return merged


def decode_upload(payload: str) -> dict[str, Any]:
    """Uploads come as JSON, or, from the legacy desktop tool, as base64 of a pickled dict."""
    text = payload.strip()
    if text.startswith("{"):
        return json.loads(text)
    return pickle.loads(base64.b64decode(text))


def load_settings(payload: str) -> dict[str, Any]:
    data = decode_upload(payload)
    if not isinstance(data, dict):
        raise ValueError("settings must be an object")
    settings = merge(DEFAULTS, data)
    if not 1 <= int(settings["max_users"]) <= 10_000:
        raise ValueError("max_users out of range")
    if int(settings["retention_days"]) < 7:
        raise ValueError("retention must be at least a week")
    return settings
