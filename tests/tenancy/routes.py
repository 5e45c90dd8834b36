"""Every URL pattern of a URLconf as a concrete path, found by walking the resolver at test time, so
routes added later are covered without touching the tests that use this."""

from __future__ import annotations

import re

from django.urls import URLResolver, get_resolver
from django.urls.converters import IntConverter, PathConverter, SlugConverter, StringConverter, UUIDConverter
from django.urls.resolvers import RegexPattern, RoutePattern

SAMPLE_UUID = "6f1c2a4e-8d3b-4c5a-9e7f-0123456789ab"
_BY_CONVERTER = {IntConverter: "1", UUIDConverter: SAMPLE_UUID, SlugConverter: "x", StringConverter: "x",
                 PathConverter: "x"}
_CANDIDATES = ("1", "x", SAMPLE_UUID, "2024-01-01", "a1")
_PARAM = re.compile(r"<(?:[^>:]+:)?([^>]+)>")


def _sample(regex: str) -> str:
    for candidate in (*_CANDIDATES, *regex.split("|")):  # or one branch of an alternation, literally
        if re.fullmatch(regex, candidate):
            return candidate
    raise AssertionError(f"no sample value fits the converter regex {regex!r}: add one to routes.py")


def _fill_route(pattern: RoutePattern) -> str:
    def value(match):
        converter = pattern.converters[match.group(1)]
        return _BY_CONVERTER.get(type(converter)) or _sample(converter.regex)

    return _PARAM.sub(value, str(pattern))


def _group_end(regex: str, start: int) -> int:
    depth = 0
    for index in range(start, len(regex)):
        if regex[index] == "\\":
            continue
        if regex[index] == "(" and (index == 0 or regex[index - 1] != "\\"):
            depth += 1
        elif regex[index] == ")" and regex[index - 1] != "\\":
            depth -= 1
            if depth == 0:
                return index
    raise AssertionError(f"unbalanced regex {regex!r}")


def _group_body(group: str) -> str:
    body = group[1:-1]
    if body.startswith("?P<"):
        return body[body.index(">") + 1:]
    return body[2:] if body.startswith("?:") else body


def _fill_regex(pattern: RegexPattern) -> str:
    """A path for a re_path: optional groups left out, every other group replaced by a sample."""
    regex = str(pattern).lstrip("^").rstrip("$").replace("\\Z", "")
    while (start := regex.find("(")) >= 0:
        end = _group_end(regex, start)
        if regex[end + 1:end + 2] in ("?", "*"):
            regex = regex[:start] + regex[end + 2:]
        else:
            regex = regex[:start] + _sample(_group_body(regex[start:end + 1])) + regex[end + 1:]
    return re.sub(r"\\(.)", r"\1", regex)


def _fill(pattern) -> str:
    return _fill_route(pattern) if isinstance(pattern, RoutePattern) else _fill_regex(pattern)


def route_paths(urlconf: str) -> list[str]:
    """'/' + a concrete path for every pattern in `urlconf`, through every include."""
    paths = []

    def walk(patterns, prefix: str) -> None:
        for entry in patterns:
            here = prefix + _fill(entry.pattern)
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, here)
            else:
                paths.append("/" + here)

    walk(get_resolver(urlconf).url_patterns, "")
    return sorted(set(paths))
