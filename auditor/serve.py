"""``auditor serve``: the note reviewer behind LanguageTool's HTTP protocol.

LibreOffice (Outils › Options › Paramètres linguistiques › LanguageTool) and the
LanguageTool browser extensions can be pointed at a server of the user's choice;
this one answers ``POST /v2/check`` and ``GET /v2/languages`` as LanguageTool does,
with our remarks as matches, and ``POST /review`` with the JSON of
``auditor text --format json``.

Safe by construction:
- loopback only unless a host is given; on the loopback the ``Host`` header must
  be a loopback name too (no DNS rebinding from a web page);
- the text is never written, logged or kept: no access log, no request line, error
  messages never quote it, exceptions are reduced to their class name;
- bounded: request body (``MAX_BODY``), characters analysed (``MAX_CHARS``), time
  to receive a body and to analyse it, concurrent connections;
- CORS only for browser-extension origins and the origins given with ``--allow-origin``;
  any other ``Origin`` is refused before the body is read;
- no network: the analyser never opens a connection; the server only answers.

Offsets follow LanguageTool (UTF-16 code units, as in Java, JavaScript and LibreOffice).
"""

from __future__ import annotations

import json
import logging
import re
import time
import urllib.parse
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from auditor import __version__

__all__ = ["ServerSettings", "create_app", "check_response", "LANGUAGES", "CATEGORY_NAMES"]

MAX_BODY = 1024 * 1024  # bytes
MAX_CHARS = 100_000  # characters analysed in one request
BODY_TIMEOUT_S = 10.0
ANALYSIS_TIMEOUT_S = 10.0
CONTEXT_CHARS = 40

LANGUAGES = [
    {"name": "Français", "code": "fr", "longCode": "fr"},
    {"name": "Français (France)", "code": "fr", "longCode": "fr-FR"},
    {"name": "Français (Belgique)", "code": "fr", "longCode": "fr-BE"},
    {"name": "Français (Suisse)", "code": "fr", "longCode": "fr-CH"},
    {"name": "Français (Canada)", "code": "fr", "longCode": "fr-CA"},
    {"name": "Français (Luxembourg)", "code": "fr", "longCode": "fr-LU"},
]
_LANG_BY_CODE = {d["longCode"].lower(): d for d in LANGUAGES}

CATEGORY_NAMES = {
    "judgement": "Jugement sur la personne",
    "hypothesis": "Supposition présentée comme un fait",
    "health": "Donnée de santé",
    "sexuality": "Vie sexuelle ou orientation sexuelle",
    "religion": "Conviction religieuse",
    "origin": "Origine raciale ou ethnique",
    "political": "Opinion politique ou syndicale",
    "criminal": "Infraction ou condamnation",
    "immigration": "Situation de séjour",
    "third_party": "Tiers nommé",
    "identifier": "Identifiant ou coordonnée",
}
# LanguageTool issue types (ITS 2.0): wording about the person is a matter of style;
# sensitive data, third parties and identifiers are a matter of law (GDPR art. 5, 9, 10).
_ISSUE_TYPE = {"judgement": "style", "hypothesis": "style"}
_EXTENSION_ORIGIN = re.compile(r"^(chrome-extension|moz-extension|safari-web-extension|ms-browser-extension)://[A-Za-z0-9._-]+$")
_LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
_OTHER_LEVELS = frozenset({"textLevelOnly", "paragraphLevelOnly"})
_QUOTED = re.compile(r"«\s*([^«»]{1,80}?)\s*»")


class _BadRequest(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class ServerSettings:
    """What the app needs besides the analyser."""

    loopback: bool = True
    allow_origins: Sequence[str] = ()
    max_body: int = MAX_BODY
    max_chars: int = MAX_CHARS
    body_timeout_s: float = BODY_TIMEOUT_S
    analysis_timeout_s: float = ANALYSIS_TIMEOUT_S
    log: Callable[[str], None] = field(default=lambda msg: None)


# ------------------------------------------------------------------ matches


def _utf16_index(text: str) -> Callable[[int], int]:
    """Python index -> UTF-16 index (LanguageTool's offsets)."""
    if text.isascii() or all(ord(c) < 0x10000 for c in text):
        return lambda i: i
    prefix = [0]
    n = 0
    for c in text:
        n += 2 if ord(c) >= 0x10000 else 1
        prefix.append(n)
    return lambda i: prefix[i]


def _sentence(text: str, start: int, end: int, reach: int = 400) -> str:
    lo = start
    floor, ceil = max(0, start - reach), min(len(text), end + reach)
    while lo > floor and not (text[lo - 1] == "\n" or (text[lo - 1] == " " and lo > 1 and text[lo - 2] in ".!?")):
        lo -= 1
    hi = end
    while hi < ceil and text[hi] != "\n" and not (text[hi] in ".!?" and (hi + 1 == len(text) or text[hi + 1].isspace())):
        hi += 1
    if hi < len(text) and text[hi] in ".!?":
        hi += 1
    return text[lo:hi].strip()


def _context(text: str, start: int, end: int) -> dict[str, Any]:
    lo = max(0, start - CONTEXT_CHARS)
    hi = min(len(text), end + CONTEXT_CHARS)
    before = ("..." if lo > 0 else "") + text[lo:start]
    inner = text[start:end]
    after = text[end:hi] + ("..." if hi < len(text) else "")
    flat = lambda s: s.replace("\r", " ").replace("\n", " ").replace("\t", " ")  # noqa: E731
    u16 = lambda s: len(s.encode("utf-16-le")) // 2  # noqa: E731
    return {"text": flat(before + inner + after), "offset": u16(before), "length": u16(inner)}


def replacements_for(suggestion: str | None) -> list[dict[str, str]]:
    """Rewordings quoted in the advice (« sa sœur », « vit en couple »): a click puts them
    in the text. Templates (« titre de séjour : oui/non ») and open quotes (« indique que... »)
    are advice only."""
    if not suggestion:
        return []
    out = []
    for m in _QUOTED.finditer(suggestion):
        v = m.group(1).strip()
        if v and "..." not in v and "…" not in v and "/" not in v and v not in out:
            out.append(v)
    return [{"value": v} for v in out]


def _rule_id(rule: str) -> str:
    return "AUDITOR_" + re.sub(r"[^A-Za-z0-9]+", "_", rule).strip("_").upper()


def match_for(flag: Any, plain: str, to_u16: Callable[[int], int], to_orig: Callable[[int, int], tuple[int, int]]) -> dict[str, Any]:
    """One LanguageTool match for one flag (offsets into the original text, in UTF-16 units)."""
    from auditor.text_view import ADVICE

    cat = flag.category
    name = CATEGORY_NAMES.get(cat, cat)
    suggestion = getattr(flag, "suggestion", None)
    start, end = to_orig(flag.start, flag.end)
    return {
        "message": f"{name} : {suggestion or ADVICE.get(cat, '')}".strip(),
        "shortMessage": name,
        "replacements": replacements_for(suggestion or ADVICE.get(cat)),
        "offset": to_u16(start),
        "length": to_u16(end) - to_u16(start),
        "context": _context(plain, flag.start, flag.end),
        "sentence": _sentence(plain, flag.start, flag.end),
        "type": {"typeName": "Other"},
        "rule": {
            "id": _rule_id(flag.rule),
            "description": name,
            "issueType": _ISSUE_TYPE.get(cat, "legal"),
            "category": {"id": "AUDITOR_" + cat.upper(), "name": name},
        },
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
    }


def _language_entry(code: str) -> dict[str, Any]:
    return _LANG_BY_CODE.get(code.lower(), _LANG_BY_CODE["fr-fr"])


def check_response(flags: Sequence[Any], plain: str, original: str, to_orig: Callable[[int, int], tuple[int, int]],
                   language: str) -> dict[str, Any]:
    """The body of LanguageTool's ``/v2/check`` answer."""
    lang = _language_entry("fr-FR" if language.lower() == "auto" else language)
    to_u16 = _utf16_index(original)
    return {
        "software": {"name": "auditor", "version": __version__, "buildDate": "", "apiVersion": 1,
                     "premium": False, "status": ""},
        "warnings": {"incompleteResults": False},
        "language": {
            "name": lang["name"], "code": lang["longCode"],
            "detectedLanguage": {"name": lang["name"], "code": lang["longCode"], "confidence": 1.0},
        },
        "matches": [match_for(f, plain, to_u16, to_orig) for f in flags],
    }


# ------------------------------------------------------------------ request parsing


def _language(value: str | None) -> str:
    if value is None or not value.strip():
        raise _BadRequest(400, "Paramètre « language » manquant : indiquez fr, fr-FR ou auto.")
    v = value.strip().replace("_", "-")
    if v.lower() == "auto" or v.lower() in _LANG_BY_CODE:
        return v
    # never echo more than a short code: the field could hold anything
    shown = v if len(v) <= 20 and re.fullmatch(r"[A-Za-z0-9-]+", v) else "demandée"
    raise _BadRequest(
        400,
        f"Langue « {shown} » non prise en charge : ce serveur ne relit que le français "
        "(fr, fr-FR, fr-BE, fr-CH, fr-CA, fr-LU ou auto).",
    )


def _form(body: bytes) -> dict[str, str]:
    try:
        raw = body.decode("ascii") if body.isascii() else body.decode("utf-8")
        pairs = urllib.parse.parse_qsl(raw, keep_blank_values=True, encoding="utf-8", errors="strict",
                                       max_num_fields=200)
    except UnicodeDecodeError:
        raise _BadRequest(400, "Requête illisible : le texte doit être encodé en UTF-8.") from None
    except ValueError:
        raise _BadRequest(400, "Requête illisible : formulaire mal formé ou trop de champs.") from None
    out: dict[str, str] = {}
    for k, v in pairs:
        out.setdefault(k, v)
    return out


def _from_annotation(data: str) -> tuple[str, str, Callable[[int, int], tuple[int, int]]]:
    """LanguageTool's ``data`` field -> (plain text analysed, original text, plain->original index)."""
    try:
        doc = json.loads(data)
    except (ValueError, RecursionError):
        raise _BadRequest(400, "Champ « data » illisible : JSON attendu ({\"annotation\": [...]}).") from None
    if isinstance(doc, dict) and isinstance(doc.get("text"), str) and "annotation" not in doc:
        return doc["text"], doc["text"], lambda a, b: (a, b)
    items = doc.get("annotation") if isinstance(doc, dict) else None
    if not isinstance(items, list):
        raise _BadRequest(400, "Champ « data » illisible : une liste « annotation » est attendue.")
    plain: list[str] = []
    orig: list[str] = []
    # (plain start, original start, plain length, original length) per piece
    pieces: list[tuple[int, int, int, int]] = []
    p = o = 0
    for it in items:
        if not isinstance(it, dict):
            raise _BadRequest(400, "Champ « data » illisible : chaque élément d'« annotation » est un objet.")
        if isinstance(it.get("text"), str):
            t = it["text"]
            plain.append(t)
            orig.append(t)
            pieces.append((p, o, len(t), len(t)))
            p += len(t)
            o += len(t)
        elif isinstance(it.get("markup"), str):
            mk = it["markup"]
            interp = it.get("interpretAs") if isinstance(it.get("interpretAs"), str) else ""
            plain.append(interp)
            orig.append(mk)
            pieces.append((p, o, len(interp), len(mk)))
            p += len(interp)
            o += len(mk)
        else:
            raise _BadRequest(400, "Champ « data » illisible : chaque élément porte « text » ou « markup ».")
    # pieces that hold characters of the plain text, by their plain start
    solid = [x for x in pieces if x[2] > 0]
    starts = [x[0] for x in solid]

    def piece(i: int) -> tuple[int, int, int, int]:
        return solid[max(0, bisect_right(starts, i) - 1)]

    def to_orig(start: int, end: int) -> tuple[int, int]:
        if not solid:
            return 0, 0
        ps, os_, pl, ol = piece(start)
        o_start = os_ + (start - ps) if pl == ol else os_
        if end <= start:
            return o_start, o_start
        # the end follows the last character: one past it in a text piece, after the whole markup otherwise
        ps, os_, pl, ol = piece(end - 1)
        o_end = os_ + (end - 1 - ps) + 1 if pl == ol else os_ + ol
        return o_start, o_end

    return "".join(plain), "".join(orig), to_orig


# ------------------------------------------------------------------ the app


def create_app(analyser: Any, settings: ServerSettings | None = None) -> Any:
    """The Starlette app around one loaded analyser (analyses run one at a time)."""
    import anyio
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse, PlainTextResponse, Response
    from starlette.routing import Route

    from auditor.text_view import review_to_json

    s = settings or ServerSettings()
    allowed = frozenset(s.allow_origins)
    limiter = anyio.CapacityLimiter(1)

    def origin_ok(origin: str | None) -> bool:
        return origin is None or origin in allowed or bool(_EXTENSION_ORIGIN.match(origin))

    def cors_headers(origin: str | None) -> dict[str, str]:
        if origin is None:
            return {}
        return {"Access-Control-Allow-Origin": origin, "Vary": "Origin"}

    def error(request: Request, status: int, message: str, as_json: bool = False) -> Response:
        headers = cors_headers(request.headers.get("origin")) if origin_ok(request.headers.get("origin")) else {}
        if as_json:
            return JSONResponse({"erreur": message}, status_code=status, headers=headers)
        return PlainTextResponse("Erreur : " + message, status_code=status, headers=headers)

    async def read_body(request: Request) -> bytes:
        length = request.headers.get("content-length")
        if length is not None:
            if not length.isdigit():
                raise _BadRequest(400, "En-tête Content-Length invalide.")
            if int(length) > s.max_body:
                raise _BadRequest(413, f"Requête trop grande : {s.max_body // 1024} Kio au plus ; relisez la note par morceaux.")
        chunks: list[bytes] = []
        size = 0
        try:
            with anyio.fail_after(s.body_timeout_s):
                async for chunk in request.stream():
                    size += len(chunk)
                    if size > s.max_body:
                        raise _BadRequest(413, f"Requête trop grande : {s.max_body // 1024} Kio au plus ; relisez la note par morceaux.")
                    chunks.append(chunk)
        except TimeoutError:
            raise _BadRequest(408, "Requête trop lente à arriver : abandonnée.") from None
        return b"".join(chunks)

    async def analyse(texts: list[str]) -> list[list[Any]]:
        total = sum(len(t) for t in texts)
        if total > s.max_chars:
            raise _BadRequest(413, f"Texte trop long : {s.max_chars} caractères au plus par requête ; relisez la note par morceaux.")
        try:
            with anyio.fail_after(s.analysis_timeout_s):
                return await anyio.to_thread.run_sync(
                    lambda: [list(f) for f in analyser.analyse_many(texts)], limiter=limiter, abandon_on_cancel=True
                )
        except TimeoutError:
            raise _BadRequest(503, "Analyse trop longue : réessayez avec un texte plus court.") from None

    def content_type(request: Request) -> str:
        return request.headers.get("content-type", "").split(";")[0].strip().lower()

    async def check(request: Request) -> Response:
        try:
            ctype = content_type(request)
            if ctype not in ("", "application/x-www-form-urlencoded"):
                raise _BadRequest(415, "Format de requête non pris en charge : envoyez un formulaire "
                                  "application/x-www-form-urlencoded (champs text ou data, et language).")
            form = _form(await read_body(request))
            language = _language(form.get("language"))
            if "data" in form and form["data"].strip():
                plain, original, to_orig = _from_annotation(form["data"])
            elif "text" in form:
                plain = original = form["text"]
                to_orig = lambda a, b: (a, b)  # noqa: E731
            else:
                raise _BadRequest(400, "Paramètre « text » ou « data » manquant : rien à relire.")
            # LanguageTool clients may split a check by rule level (mode=allButTextLevelOnly, then
            # textLevelOnly on the whole document); our remarks are sentence-level rules: they come
            # with the first kind of request only, never twice
            mode = form.get("mode", "all")
            flags = [] if mode in _OTHER_LEVELS else (await analyse([plain]))[0]
            body = check_response(flags, plain, original, to_orig, language)
            return JSONResponse(body, headers=cors_headers(request.headers.get("origin")))
        except _BadRequest as exc:
            return error(request, exc.status, exc.message)

    async def check_get(request: Request) -> Response:
        return error(request, 405, "Envoyez le texte par POST (jamais dans l'adresse, qui peut être journalisée).")

    async def languages(request: Request) -> Response:
        return JSONResponse(LANGUAGES, headers=cors_headers(request.headers.get("origin")))

    async def review(request: Request) -> Response:
        try:
            ctype = content_type(request)
            raw = await read_body(request)
            if ctype == "application/json":
                try:
                    doc = json.loads(raw.decode("utf-8"))
                except (UnicodeDecodeError, ValueError, RecursionError):
                    raise _BadRequest(400, "Corps illisible : JSON en UTF-8 attendu ({\"notes\": [\"...\"]} ou {\"text\": \"...\"}).") from None
                if isinstance(doc, dict) and isinstance(doc.get("notes"), list) and all(isinstance(n, str) for n in doc["notes"]):
                    notes = list(doc["notes"])
                elif isinstance(doc, dict) and isinstance(doc.get("text"), str):
                    notes = [doc["text"]]
                else:
                    raise _BadRequest(400, "JSON attendu : {\"notes\": [\"...\"]} ou {\"text\": \"...\"}.")
            elif ctype in ("", "text/plain"):
                try:
                    notes = [raw.decode("utf-8")]
                except UnicodeDecodeError:
                    raise _BadRequest(400, "Requête illisible : le texte doit être encodé en UTF-8.") from None
            elif ctype == "application/x-www-form-urlencoded":
                form = _form(raw)
                if "text" not in form:
                    raise _BadRequest(400, "Paramètre « text » manquant : rien à relire.")
                notes = [form["text"]]
            else:
                raise _BadRequest(415, "Format non pris en charge : envoyez du JSON, du texte brut ou un formulaire.")
            reviews = await analyse(notes)
            return JSONResponse(review_to_json(reviews), headers=cors_headers(request.headers.get("origin")))
        except _BadRequest as exc:
            return error(request, exc.status, exc.message, as_json=True)

    async def not_found(request: Request, exc: Exception) -> Response:
        return error(request, 404, "Adresse inconnue : utilisez /v2/check, /v2/languages ou /review.")

    async def not_allowed(request: Request, exc: Exception) -> Response:
        return error(request, 405, "Méthode non prise en charge à cette adresse.")

    async def server_error(request: Request, exc: Exception) -> Response:
        # the exception's message may quote the text: only its class is logged
        s.log(f"Erreur interne ({exc.__class__.__name__}) ; le texte n'est pas journalisé.")
        return error(request, 500, "Erreur interne du serveur ; le texte n'a pas été conservé.")

    app = Starlette(
        routes=[
            Route("/v2/check", check, methods=["POST"]),
            Route("/v2/check", check_get, methods=["GET"]),
            Route("/v2/languages", languages, methods=["GET"]),
            Route("/review", review, methods=["POST"]),
        ],
        exception_handlers={404: not_found, 405: not_allowed, 500: server_error, Exception: server_error},
    )
    return _Guard(app, s, origin_ok)


class _Guard:
    """Pure ASGI layer before the app: Host check on the loopback, Origin check, CORS preflight."""

    def __init__(self, app: Any, settings: ServerSettings, origin_ok: Callable[[str | None], bool]):
        self.app = app
        self.settings = settings
        self.origin_ok = origin_ok

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            if scope["type"] == "lifespan":
                await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        if self.settings.loopback:
            host = headers.get("host", "")
            name = host.rsplit(":", 1)[0] if not host.startswith("[") else host.split("]")[0] + "]"
            if name.lower() not in _LOOPBACK_HOSTS:
                await _plain(send, 421, "Erreur : ce serveur ne répond qu'à 127.0.0.1 ou localhost.")
                return
        origin = headers.get("origin")
        if not self.origin_ok(origin):
            await _plain(send, 403, "Erreur : origine non autorisée ; ajoutez-la avec auditor serve --allow-origin.")
            return
        if scope["method"] == "OPTIONS":
            extra = []
            if origin is not None:
                extra = [
                    (b"access-control-allow-origin", origin.encode("latin-1")),
                    (b"vary", b"Origin"),
                    (b"access-control-allow-methods", b"GET, POST, OPTIONS"),
                    (b"access-control-allow-headers", b"Content-Type, Accept"),
                    (b"access-control-max-age", b"600"),
                ]
                if headers.get("access-control-request-private-network") == "true":
                    extra.append((b"access-control-allow-private-network", b"true"))
            await send({"type": "http.response.start", "status": 204, "headers": extra})
            await send({"type": "http.response.body", "body": b""})
            return
        started = False

        async def tracked(message: dict) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracked)
        except Exception as exc:  # noqa: BLE001 - never let the server print a traceback (it may quote the text)
            self.settings.log(f"Erreur interne ({exc.__class__.__name__}) ; le texte n'est pas journalisé.")
            if not started:
                await _plain(send, 500, "Erreur : erreur interne du serveur ; le texte n'a pas été conservé.")


async def _plain(send: Any, status: int, message: str) -> None:
    body = message.encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


# ------------------------------------------------------------------ running


class _NoDetail(logging.Formatter):
    """The server libraries' log lines: the message only, never an exception text or a
    traceback (they could quote a note)."""

    def format(self, record: logging.LogRecord) -> str:
        name = record.exc_info[0].__name__ if record.exc_info and record.exc_info[0] else ""
        msg = record.msg if isinstance(record.msg, str) else ""
        msg = _LIB_MESSAGES.get(msg, msg)
        return f"auditor serve : {msg}" + (f" ({name})" if name else "")


_LIB_MESSAGES = {
    "Invalid HTTP request received.": "requête HTTP invalide reçue et ignorée.",
    "Exception in ASGI application\n": "erreur interne.",
}

_LOG_CONFIG = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"()": _NoDetail}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain", "stream": "ext://sys.stderr"}},
    "loggers": {
        "uvicorn": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
        "uvicorn.error": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
        "uvicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
    },
}

WARM_NOTE = "Mme Dupont a rencontré Jean Martin à Lyon ; elle semble fatiguée."


def is_loopback(host: str) -> bool:
    return host in ("127.0.0.1", "localhost", "::1") or host.startswith("127.")


def check_origin(origin: str) -> str:
    """An origin as browsers send it (scheme://host[:port], no path); a trailing slash is forgiven."""
    from auditor.errors import UserError

    o = origin.strip().rstrip("/")
    if not re.fullmatch(r"https?://[A-Za-z0-9.\-\[\]:]+", o):
        raise UserError(f"Origine « {origin} » invalide pour --allow-origin : écrivez le début de l'adresse de la page, "
                        "sans chemin, par exemple https://dossier.exemple.fr")
    return o


def host_warning(host: str, explicit: bool) -> str | None:
    """The one French line said when the server listens beyond this machine."""
    if not explicit or is_loopback(host):
        return None
    return (f"Attention : le serveur écoute sur {host}, pas seulement sur cette machine ; les notes circuleront "
            "en clair sur le réseau local : réservez-le à un réseau de confiance.")


def run(host: str | None, port: int, policy_path: Any = None, allow_origins: Sequence[str] = (),
        log: Callable[[str], None] = print) -> None:
    """Bind (a busy port fails at once), load the analyser and NER, then serve until Ctrl+C."""
    import socket

    import uvicorn

    from auditor.errors import UserError
    from auditor.review import make_text_analyser

    t0 = time.perf_counter()
    allow_origins = [check_origin(o) for o in allow_origins]
    explicit = host is not None
    host = host or "127.0.0.1"
    if not (0 < port < 65536):
        raise UserError(f"Port {port} invalide : choisissez un nombre entre 1 et 65535 (par défaut 8081).")
    numeric = "127.0.0.1" if host == "localhost" else host
    try:  # an IP address only: a host name would need a DNS query, and the server uses no network
        infos = socket.getaddrinfo(numeric, port, type=socket.SOCK_STREAM,
                                   flags=socket.AI_PASSIVE | socket.AI_NUMERICHOST)
    except socket.gaierror:
        raise UserError(f"Adresse d'écoute « {host} » invalide : indiquez une adresse IP de cette machine "
                        "(127.0.0.1 par défaut, 0.0.0.0 pour toutes).") from None
    family, socktype, proto, _, addr = infos[0]
    # proto must be IPPROTO_TCP (not 0): asyncio then sets TCP_NODELAY on each connection;
    # without it Nagle and delayed ACKs add 40 ms to every answer
    sock = socket.socket(family, socktype, proto or socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(addr)
    except OSError as exc:
        sock.close()
        import errno

        if exc.errno == errno.EADDRINUSE:
            raise UserError(f"Le port {port} est déjà utilisé (un autre auditor serve ou LanguageTool ?) : "
                            "arrêtez-le ou choisissez --port 8082.") from None
        if exc.errno == errno.EACCES:
            raise UserError(f"Le port {port} est réservé : choisissez un port au-dessus de 1024 (--port 8081).") from None
        raise UserError(f"Impossible d'écouter sur {host}:{port} ({exc.strerror}) : vérifiez --host.") from None
    loopback = is_loopback(host)
    warning = host_warning(host, explicit)
    if warning:
        log(warning)
    analyser = make_text_analyser(policy_path)
    analyser.analyse(WARM_NOTE)  # loads the NER model now, not at the first note
    settings = ServerSettings(loopback=not explicit or loopback, allow_origins=tuple(allow_origins), log=log)
    app = create_app(analyser, settings)
    config = uvicorn.Config(
        app, log_config=_LOG_CONFIG, access_log=False, server_header=False, proxy_headers=False,
        limit_concurrency=64, timeout_keep_alive=5, timeout_graceful_shutdown=3, lifespan="off",
    )
    server = uvicorn.Server(config)
    shown = f"[{host}]" if ":" in host else host
    took = f"{time.perf_counter() - t0:.1f}".replace(".", ",")
    log(f"Prêt en {took} s : serveur LanguageTool sur http://{shown}:{port}/v2 "
        "(aucun texte n'est conservé ni journalisé ; Ctrl+C pour arrêter).")
    sock.listen(128)
    sock.setblocking(False)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn re-raises Ctrl+C once it has shut down cleanly
        pass
    finally:
        sock.close()
    log("Serveur arrêté.")
