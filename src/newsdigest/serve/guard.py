"""Who may talk to the server, and who may write: the Host check and the cross-site write check.

Two attacks reach a server on loopback from a page the user merely visits:

* DNS rebinding: a foreign name is made to resolve to 127.0.0.1, so the browser sends
  ``Host: evil.example:8000`` to us. Every request must name a host we serve
  (``allowed_hosts``; by default the address the server is bound to, and localhost).
* Cross-site request forgery: a foreign page POSTs a "simple request" (``text/plain``, a form,
  a ``no-cors`` fetch), which a browser sends without asking us first. Writes therefore accept
  only ``application/json`` (which no simple request can carry) and refuse a foreign
  ``Origin`` (or, absent, ``Referer``) and a cross-site ``Sec-Fetch-Site``.

Clients that are not browsers (curl, crawlers) send neither Origin nor Referer and are let in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}


def split_host(value: str) -> tuple[str, int | None] | None:
    """``("name", port)`` of a Host header value, lower-cased; None when it is not a host."""
    value = value.strip().lower()
    if not value or any(c in value for c in "/\\@?# \t"):
        return None
    if value.startswith("["):  # [::1]:8000
        name, sep, rest = value[1:].partition("]")
        if not sep or (rest and not rest.startswith(":")):
            return None
        port_text = rest[1:] if rest else ""
    else:
        name, _, port_text = value.rpartition(":") if value.count(":") == 1 else (value, "", "")
    if not port_text:
        port = None
    elif port_text.isdigit() and len(port_text) <= 5 and 0 < int(port_text) < 65536:
        port = int(port_text)
    else:
        return None
    name = name.rstrip(".")  # "localhost." is localhost
    return (name, port) if name else None


@dataclass(frozen=True)
class HostRule:
    """One allowed host: a name (or ``*``), and a port unless any port will do."""

    name: str
    port: int | None = None

    @classmethod
    def parse(cls, entry: str) -> HostRule:
        if entry.strip() == "*":
            return cls("*")
        parts = split_host(entry)
        if parts is None:
            raise ValueError(f"allowed host {entry!r} is not a host name or host:port")
        return cls(*parts)

    def admits(self, name: str, port: int | None) -> bool:
        if self.name == "*":
            return True
        return self.name == name and (self.port is None or port is None or self.port == port)


def host_rules(allowed_hosts: Iterable[str] | None) -> tuple[HostRule, ...] | None:
    """The parsed ``allowed_hosts`` setting; None means the default (bound address + loopback)."""
    if allowed_hosts is None:
        return None
    return tuple(HostRule.parse(h) for h in allowed_hosts)


def host_refusal(
    host: str | None, server: tuple[str, int | None] | None, rules: tuple[HostRule, ...] | None
) -> str | None:
    """Why the ``Host`` header is refused, or None when it names a host this server serves."""
    if host is None:  # HTTP/1.0 without Host: no browser, so no rebinding
        return None
    parts = split_host(host)
    if parts is None:
        return f"Host header {host[:100]!r} is not a host name"
    name, port = parts
    if rules is None:
        bound_name, bound_port = server if server else (None, None)
        names = {*LOOPBACK_NAMES, *([bound_name.lower()] if bound_name else [])}
        port_ok = port is None or bound_port is None or port == bound_port
        allowed = name in names and port_ok
    else:
        allowed = any(rule.admits(name, port) for rule in rules)
    if allowed:
        return None
    return (
        f"Host {host[:100]!r} is not served here (a guard against DNS rebinding); "
        "start the server with --allow-host for this name to serve it"
    )


def _origin(url: str) -> tuple[str, int, int] | None:
    """(name, port, its scheme's default port) of an Origin or Referer URL; None when it has
    no host (``null``, junk)."""
    try:
        parts = urlsplit(url.strip())
        name, port = parts.hostname, parts.port
    except ValueError:
        return None
    if not name or parts.scheme not in DEFAULT_PORTS:
        return None
    default = DEFAULT_PORTS[parts.scheme]
    return name.rstrip("."), port if port is not None else default, default


def write_refusal(headers: Any) -> tuple[int, str] | None:
    """(status, reason) when a write must be refused before its body is read; None to go on.

    ``headers``: the request's headers (case-insensitive mapping).
    """
    fetch_site = headers.get("sec-fetch-site")
    if fetch_site is not None and fetch_site.lower() not in ("same-origin", "none"):
        return 403, f"cross-site write refused (Sec-Fetch-Site: {fetch_site[:40]})"
    for field in ("origin", "referer"):
        value = headers.get(field)
        if value is None:
            continue
        own = split_host(headers.get("host") or "")
        theirs = _origin(value)
        # a Host without a port is on the default port of the scheme the page used (a TLS
        # proxy in front: the page is https, the request reaching us may be plain http)
        same = (
            own is not None
            and theirs is not None
            and own[0] == theirs[0]
            and (own[1] if own[1] is not None else theirs[2]) == theirs[1]
        )
        if not same:
            label = "Origin" if field == "origin" else "Referer"
            return 403, f"cross-origin write refused ({label}: {value[:100]})"
        break  # Origin decides when present; Referer only stands in for it
    media_type = (headers.get("content-type") or "").split(";")[0].strip().lower()
    if media_type != "application/json":
        shown = media_type or "none"
        return 415, f"Content-Type must be application/json (got {shown[:60]})"
    coding = (headers.get("content-encoding") or "").strip().lower()
    if coding not in ("", "identity"):
        # a gzipped body had been read as text: "body is not UTF-8: invalid start byte"
        return 415, f"Content-Encoding {coding[:40]} is not read: send the body uncompressed"
    return None
